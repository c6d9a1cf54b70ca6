import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type Caller, createTestApp, expectError, expectOk, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import type { ComparisonT, DashboardT } from './dashboard.schema.js';

const r1 = (v: number) => Math.round(v * 10) / 10;
const at = (day: string) => `${day}T02:00:00.000Z`; // 10:00 in Qingdao

for (const dialect of DIALECTS) {
  describe(`plan dashboards (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;
    let leader: Caller;
    let hospital: Caller;
    let planId: number;
    const url = (path: string) => `/api/plans/${planId}/${path}`;

    before(async () => {
      t = await createTestApp(dialect);
      [admin, edu, leader, hospital] = await Promise.all([
        t.login('admin'),
        t.login('edu'),
        t.login('leader'),
        t.login('hospital'),
      ]);
      planId = Number(
        (await t.db.selectFrom('plans').select('id').where('code', '=', 'QD2015').executeTakeFirstOrThrow()).id,
      );
      // The seed as published, whatever demo data a future start-up adds: no reports, nothing signed.
      await t.db.deleteFrom('report_evidence').execute();
      await t.db.deleteFrom('progress_reports').execute();
      await t.db
        .updateTable('assignments')
        .set({ state: 'dispatched', signed_at: null, completed_at: null, progress: 0 })
        .execute();
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    async function idOf(externalId: string): Promise<number> {
      const row = await t.db
        .selectFrom('assignments')
        .select('id')
        .where('external_id', '=', externalId)
        .executeTakeFirstOrThrow();
      return Number(row.id);
    }

    async function addReport(
      externalId: string,
      period: string,
      progress: number,
      submittedOn: string,
      reviewedOn: string | null,
    ) {
      await t.db
        .insertInto('progress_reports')
        .values({
          assignment_id: await idOf(externalId),
          period,
          status: reviewedOn ? 'accepted' : 'submitted',
          progress: progress * 100,
          narrative: '按计划推进各项工作,完成阶段性目标任务。',
          issues: null,
          next_steps: null,
          key_results: '[]',
          request_close: 0,
          regress_reason: null,
          late: 0,
          supersedes_id: null,
          submitted_at: at(submittedOn),
          reviewed_at: reviewedOn ? at(reviewedOn) : null,
          reviewed_by: null,
          return_reason: null,
          created_by: null,
          created_at: at(submittedOn),
          updated_at: at(reviewedOn ?? submittedOn),
          version: 1,
        })
        .execute();
    }

    it('shows the seed right after publishing: all ON_TRACK, then BEHIND while unsigned, then OVERDUE', async () => {
      const d = expectOk<DashboardT>(await admin.get(url('dashboard'), { query: { asOf: '2015-07-22' } }));
      assert.equal(d.asOf, '2015-07-22');
      assert.deepEqual([d.plan.code, d.plan.assignments, d.plan.progress], ['QD2015', 153, 0]);
      assert.deepEqual(d.plan.lights, { ON_TRACK: 153, NEAR: 0, BEHIND: 0, OVERDUE: 0, DONE: 0, NOT_SET: 0 });
      assert.deepEqual([d.plan.signedPct, d.plan.onTimeReportRate, d.plan.donePct, d.plan.overdue], [0, null, 0, 0]);
      assert.equal(d.measures.length, 18);
      assert.ok(d.measures.every((m) => m.worst === 'ON_TRACK' && m.nextDue === '2015-12-31' && m.progress === 0));
      assert.equal(d.measures[7]!.externalId, 'QD2015-M08');
      assert.equal(d.measures[7]!.units.length, 13);
      assert.equal(d.measures[14]!.sectionNumber, 4);

      // R-S11: the heatmap of the seed is 21 units × 18 measures with 153 filled cells.
      assert.equal(d.heatmap.units.length, 21);
      assert.equal(d.heatmap.measures.length, 18);
      assert.equal(d.heatmap.cells.length, 153);
      assert.equal(d.units.length, 21);
      assert.deepEqual(d.heatmap.units[0], { code: 'EDU', name: '市教育局' });
      assert.deepEqual(
        d.trend.map((m) => m.month),
        ['2015-07'],
      );

      const unsigned = expectOk<DashboardT>(await admin.get(url('dashboard'), { query: { asOf: '2015-07-25' } }));
      assert.equal(unsigned.plan.lights.BEHIND, 153, 'unsigned after dispatchedOn + signDays (R-S7)');

      const late = expectOk<DashboardT>(await admin.get(url('dashboard'), { query: { asOf: '2016-01-02' } }));
      assert.equal(late.plan.lights.OVERDUE, 153);
      assert.equal(late.plan.overdue, 153);
      assert.equal(late.overdue.length, 153);
      assert.ok(late.overdue.every((o) => o.daysOverdue === 2 && o.level === 'E1' && o.dueDate === '2015-12-31'));
      assert.equal(late.overdue[0]!.externalId, 'QD2015-M01-EDU');
      assert.equal(late.overdue[0]!.measureTitle, '提高劳动者技能');
      assert.ok(late.measures.every((m) => m.worst === 'OVERDUE' && m.nextDue === null));
    });

    it('rolls up reports and sign-offs by the spec formulas (as of QCITY_AS_OF, 2015-10-15)', async () => {
      // Written as the repositories write (each update bumps the version), after the dashboards above were
      // shown: the rows the service keeps between requests must not hide these changes.
      const eduIds = await t.db.selectFrom('assignments').select('id').where('unit_code', '=', 'EDU').execute();
      assert.equal(eduIds.length, 6);
      await t.db
        .updateTable('assignments')
        .set((eb) => ({ state: 'signed', signed_at: at('2015-07-23'), version: eb('version', '+', 1) }))
        .where('unit_code', '=', 'EDU')
        .execute();
      await t.db
        .updateTable('assignments')
        .set((eb) => ({ state: 'in_progress', signed_at: at('2015-07-24'), version: eb('version', '+', 1) }))
        .where('external_id', '=', 'QD2015-M01-HRSS')
        .execute();
      await t.db
        .updateTable('assignments')
        .set((eb) => ({
          state: 'completed',
          signed_at: at('2015-07-22'),
          completed_at: at('2015-09-20'),
          progress: 10000,
          version: eb('version', '+', 1),
        }))
        .where('external_id', '=', 'QD2015-M01-QTS')
        .execute();
      await addReport('QD2015-M01-EDU', '2015-07', 20, '2015-07-27', '2015-07-28');
      await addReport('QD2015-M01-EDU', '2015-08', 40, '2015-08-27', '2015-08-30');
      await addReport('QD2015-M01-EDU', '2015-09', 60, '2015-09-29', '2015-09-30'); // after the 28th: late
      await addReport('QD2015-M01-QTS', '2015-07', 50, '2015-07-25', '2015-07-26');
      await addReport('QD2015-M01-QTS', '2015-08', 100, '2015-08-20', '2015-08-21');
      // Submitted, never accepted: on time, but progress stays at the last accepted value (0).
      await addReport('QD2015-M01-HRSS', '2015-09', 80, '2015-09-25', null);

      const d = expectOk<DashboardT>(await edu.get(url('dashboard')));
      assert.equal(d.asOf, '2015-10-15', 'the default as-of day is QCITY_AS_OF (demo: 2015-10-15)');
      // Reports due before 10-15: 07, 08, 09 for each of the 152 open assignments, 07 and 08 for QTS-M01
      // (completed 09-20). On time: EDU 07 and 08, QTS 07 and 08, HRSS 09.
      assert.deepEqual(
        {
          assignments: d.plan.assignments,
          signedPct: d.plan.signedPct,
          onTimeReportRate: d.plan.onTimeReportRate,
          donePct: d.plan.donePct,
          overdue: d.plan.overdue,
          progress: d.plan.progress,
        },
        {
          assignments: 153,
          signedPct: r1((100 * 8) / 153),
          onTimeReportRate: r1((100 * 5) / (152 * 3 + 2)),
          donePct: r1(100 / 153),
          overdue: 0,
          progress: r1(53.3 / 18), // M01 = (EDU 60 + HRSS 0 + QTS done 100) / 3; the other 17 are at 0
        },
      );
      assert.deepEqual(d.plan.lights, { ON_TRACK: 1, NEAR: 0, BEHIND: 151, OVERDUE: 0, DONE: 1, NOT_SET: 0 });
      const m1 = d.measures[0]!;
      assert.deepEqual([m1.progress, m1.worst, m1.units], [53.3, 'BEHIND', ['EDU', 'HRSS', 'QTS']]);
      assert.deepEqual(m1.lights, { ON_TRACK: 1, NEAR: 0, BEHIND: 1, OVERDUE: 0, DONE: 1, NOT_SET: 0 });

      const unit = (code: string) => d.units.find((u) => u.unitCode === code)!;
      assert.deepEqual(unit('EDU'), {
        unitCode: 'EDU',
        unitName: '市教育局',
        kind: 'muni_dept',
        assignments: 6,
        signedPct: 100,
        onTimeReportRate: r1((100 * 2) / 18),
        donePct: 0,
        overdue: 0,
        progress: 10, // 60 / 6
        worst: 'BEHIND',
      });
      assert.deepEqual(
        [unit('HRSS').assignments, unit('HRSS').signedPct, unit('HRSS').onTimeReportRate, unit('HRSS').progress],
        [4, 25, r1(100 / 12), 0], // M01 plus the group measures 十二, 十三, 十五
      );
      const qts = unit('QTS').assignments;
      assert.deepEqual(
        [unit('QTS').signedPct, unit('QTS').onTimeReportRate, unit('QTS').donePct, unit('QTS').progress],
        [r1(100 / qts), r1((100 * 2) / (3 * (qts - 1) + 2)), r1(100 / qts), r1(100 / qts)],
      );

      const cell = (u: string, m: string) => d.heatmap.cells.find((c) => c.unitCode === u && c.measureExternalId === m);
      assert.deepEqual(cell('EDU', 'QD2015-M01'), {
        unitCode: 'EDU',
        measureExternalId: 'QD2015-M01',
        light: 'ON_TRACK',
        progress: 60,
      });
      assert.equal(cell('QTS', 'QD2015-M01')?.light, 'DONE');
      assert.equal(cell('EDU', 'QD2015-M02'), undefined, 'blank where unassigned');
      assert.deepEqual(
        d.trend.map((m) => [m.month, m.reportsSubmitted, m.reportsAccepted]),
        [
          ['2015-07', 2, 2],
          ['2015-08', 2, 2],
          ['2015-09', 2, 1],
          ['2015-10', 0, 0],
        ],
      );
      assert.equal(d.trend[3]!.progress, d.plan.progress);

      // The leader sees the same figures; dates before the reports still read as they were.
      const earlier = expectOk<DashboardT>(await leader.get(url('dashboard'), { query: { asOf: '2015-07-22' } }));
      assert.equal(earlier.plan.lights.ON_TRACK, 153);
      assert.deepEqual([earlier.plan.progress, earlier.plan.signedPct], [0, r1((100 * 1) / 153)]);
    });

    it('compares two days: changed progress 40→60 (R-S12)', async () => {
      const c = expectOk<ComparisonT>(
        await admin.get(url('compare'), { query: { from: '2015-09-01', to: '2015-10-01' } }),
      );
      assert.deepEqual([c.from, c.to], ['2015-09-01', '2015-10-01']);
      assert.deepEqual(c.counts, { added: 0, removed: 0, changed: 3, unchanged: 150 });
      assert.equal(c.rows.length, 153);
      const row = c.rows.find((r) => r.id === 'QD2015-M01-EDU')!;
      assert.equal(row.status, 'changed');
      assert.deepEqual(
        row.changes.find((ch) => ch.field === 'progress'),
        { field: 'progress', old: 40, new: 60 },
      );
      assert.match(row.summary, /^changed progress 40→60/);
      assert.deepEqual([row.unitName, row.title, row.measureExternalId], ['市教育局', '提高劳动者技能', 'QD2015-M01']);

      const changed = expectOk<ComparisonT>(
        await admin.get(url('compare'), { query: { from: '1m', to: '2015-10-01', only: 'changed' } }),
      );
      assert.equal(changed.from, '2015-09-01');
      assert.deepEqual(
        changed.rows.map((r) => r.id),
        ['QD2015-M01-EDU', 'QD2015-M01-HRSS', 'QD2015-M01-QTS'],
      );
      const red = expectOk<ComparisonT>(
        await admin.get(url('compare'), { query: { from: '2015-12-31', to: '2016-01-01', only: 'enteredRed' } }),
      );
      assert.equal(red.rows.length, 152, 'everything not done turns red the day after the due day');

      expectError(
        await admin.get(url('compare'), { query: { from: '2015-10-02', to: '2015-10-01' } }),
        400,
        'QC_ERR_VALIDATION',
      );
      expectError(await admin.get(url('compare'), { query: { from: 'lastweek' } }), 400, 'QC_ERR_VALIDATION');
    });

    it('exports the dashboard as an Excel workbook with three sheets', async () => {
      const res = await admin.get(url('export.xlsx'), { query: { asOf: '2016-01-02' } });
      assert.equal(res.statusCode, 200, res.body.slice(0, 200));
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const disposition = String(res.headers['content-disposition']);
      assert.ok(disposition.startsWith('attachment; filename="QD2015-dashboard-2016-01-02.xlsx"; '), disposition);
      assert.ok(
        disposition.endsWith(`filename*=UTF-8''${encodeURIComponent('QD2015-督查情况-2016-01-02.xlsx')}`),
        disposition,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      assert.deepEqual(
        wb.worksheets.map((ws) => ws.name),
        ['措施进展', '单位情况', '逾期清单'],
      );
      const [measures, units, overdue] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
      assert.equal(measures.rowCount, 1 + 18);
      assert.deepEqual(
        [measures.getCell('A2').value, measures.getCell('D2').value, measures.getCell('E2').value],
        ['QD2015-M01', '提高劳动者技能', 53.3],
      );
      assert.equal(units.rowCount, 1 + 21);
      assert.deepEqual(
        [units.getCell('A2').value, units.getCell('B2').value, units.getCell('C2').value],
        ['EDU', '市教育局', '市直部门'],
      );
      assert.equal(overdue.rowCount, 1 + 152, 'all but the completed QTS-M01');
      assert.deepEqual(
        [overdue.getCell('A2').value, overdue.getCell('F2').value, overdue.getCell('G2').value],
        ['QD2015-M01-EDU', 2, '催办单'],
      );
    });

    it('is for plans.read holders only, and checks its input', async () => {
      for (const path of ['dashboard', 'compare?from=7d', 'export.xlsx']) {
        expectError(await t.anon.get(url(path)), 401, 'QC_ERR_AUTH_REQUIRED');
        expectError(await hospital.get(url(path)), 403, 'QC_ERR_FORBIDDEN');
        assert.equal((await edu.get(url(path))).statusCode, 200, `${path}: units see whole-plan figures`);
      }
      expectError(await admin.get(url('dashboard'), { query: { asOf: '2015-02-30' } }), 400, 'QC_ERR_VALIDATION');
      expectError(await admin.get(url('dashboard'), { query: { asOf: 'today' } }), 400, 'QC_ERR_VALIDATION');
      expectError(await admin.get(url('dashboard'), { query: { extra: '1' } }), 400, 'QC_ERR_VALIDATION');
      expectError(await admin.get('/api/plans/999999/dashboard'), 404, 'QC_ERR_PLAN_NOT_FOUND');
    });
  });
}
