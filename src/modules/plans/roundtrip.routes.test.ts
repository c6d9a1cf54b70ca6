import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import {
  auditHead,
  auditRowsAfter,
  type Caller,
  createTestApp,
  expectOk,
  expectRefused,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { multipartBody } from '../../../test/support/file-fixtures.js';
import type { AssignmentDetailT } from './assignment.schema.js';
import type { ImportResultT } from './roundtrip.schema.js';

const zero = { create: 0, update: 0, delete: 0, errors: 0 };
const pick = (t: ImportResultT['totals']) => ({
  create: t.create,
  update: t.update,
  delete: t.delete,
  errors: t.errors,
});

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The cell of `column` in the row whose external_id is `id` (or the row number `id`). */
function cellOf(wb: ExcelJS.Workbook, sheet: string, id: string | number, column: string): ExcelJS.Cell {
  const ws = wb.getWorksheet(sheet)!;
  const header = ws.getRow(1).values as unknown[];
  const col = header.indexOf(column);
  assert.ok(col > 0, `column ${column}`);
  if (typeof id === 'number') return ws.getRow(id).getCell(col);
  for (let r = 2; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(1).value === id) return ws.getRow(r).getCell(col);
  }
  throw new Error(`no row ${id} in ${sheet}`);
}

const bytesOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

for (const dialect of DIALECTS) {
  describe(`plan CSV/Excel round trip (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;
    let planId: number;
    let exported: Buffer;
    const url = (path: string) => `/api/plans/${planId}/roundtrip/${path}`;

    function upload(
      caller: Caller,
      bytes: Buffer,
      fileName: string,
      query: Record<string, string> = {},
      path = 'import',
    ) {
      const { body, contentType } = multipartBody([{ name: 'file', filename: fileName, data: bytes }]);
      return caller.post(url(path), undefined, { raw: body, headers: { 'content-type': contentType }, query });
    }
    /** A new export: files made from an older one would undo what earlier tests committed. */
    const fresh = async () => (await admin.get(url('export'))).rawPayload;
    const dryRun = async (bytes: Buffer, fileName = 'plan.xlsx', query: Record<string, string> = {}) =>
      expectOk<ImportResultT>(await upload(admin, bytes, fileName, query));

    before(async () => {
      t = await createTestApp(dialect);
      [admin, edu] = await Promise.all([t.login('admin'), t.login('edu')]);
      planId = Number(
        (await t.db.selectFrom('plans').select('id').where('code', '=', 'QD2015').executeTakeFirstOrThrow()).id,
      );
      const res = await admin.get(url('export'));
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      assert.match(String(res.headers['content-disposition']), /filename="QD2015-roundtrip-\d{4}-\d{2}-\d{2}\.xlsx"/);
      exported = res.rawPayload;
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('exports the three sheets; IDs and codes are text cells', async () => {
      const wb = await workbook(exported);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['measures', 'actions', 'assignments'],
      );
      assert.equal(wb.getWorksheet('measures')!.getRow(19).getCell(1).value, 'QD2015-M18');
      const code = cellOf(wb, 'assignments', 'QD2015-M01-EDU', 'unit_code');
      assert.deepEqual([code.value, code.numFmt], ['EDU', '@']);
      // Whole-measure assignments (the seed's mode) name their measure in action_external_id.
      assert.equal(cellOf(wb, 'assignments', 'QD2015-M01-EDU', 'action_external_id').value, 'QD2015-M01');
    });

    it('export → import unchanged: 0 creates, 0 updates, 0 errors; a commit writes nothing', async () => {
      const result = await dryRun(exported);
      assert.deepEqual(pick(result.totals), zero);
      assert.equal(result.totals.unchanged, result.counts.measures.unchanged + result.counts.actions.unchanged + 153);
      assert.deepEqual([result.rows, result.findings, result.sheets.length], [[], [], 3]);
      const head = await auditHead(t.db);
      const commit = expectOk<ImportResultT>(await upload(admin, exported, 'plan.xlsx', { mode: 'commit' }));
      assert.equal(commit.committed, true);
      assert.equal(await auditHead(t.db), head, 'an unchanged file writes no audit row');
    });

    it('one progress cell changed → 1 update, visible in the assignment after the commit, audited as import', async () => {
      const wb = await workbook(exported);
      cellOf(wb, 'assignments', 'QD2015-M01-EDU', 'progress').value = 35;
      const file = await bytesOf(wb);
      const dry = await dryRun(file);
      assert.deepEqual(pick(dry.totals), { ...zero, update: 1 });
      assert.deepEqual(dry.rows, [
        {
          sheet: 'assignments',
          row: 2,
          op: 'update',
          externalId: 'QD2015-M01-EDU',
          event: null,
          changes: [{ field: 'progress', old: 0, new: 35 }],
        },
      ]);
      const before = expectOk<AssignmentDetailT>(await admin.get('/api/assignments/QD2015-M01-EDU'));
      assert.equal(before.progress, 0, 'a dry run writes nothing');

      const head = await auditHead(t.db);
      const commit = expectOk<ImportResultT>(
        await upload(admin, file, 'plan.xlsx', { mode: 'commit', fingerprint: dry.fingerprint }),
      );
      assert.deepEqual([commit.committed, commit.totals.update], [true, 1]);
      const detail = expectOk<AssignmentDetailT>(await admin.get('/api/assignments/QD2015-M01-EDU'));
      assert.deepEqual([detail.progress, detail.version], [35, before.version + 1]);
      // The figure reaches the dashboards as an accepted report of origin import, never the unit's own report.
      assert.deepEqual(
        detail.reports.map((r) => [r.origin, r.status, r.progress]),
        [['import', 'accepted', 35]],
      );
      assert.ok(detail.periods.every((p) => p.status === 'missing'));
      const dash = expectOk<{
        heatmap: { cells: { unitCode: string; measureExternalId: string; progress: number }[] };
      }>(await admin.get(`/api/plans/${planId}/dashboard`));
      const cell = dash.heatmap.cells.find((c) => c.unitCode === 'EDU' && c.measureExternalId === 'QD2015-M01');
      assert.equal(cell?.progress, 35);
      const rows = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        rows.map((r) => [r.source, r.action, r.entity_id]),
        [
          ['import', 'assignment.progress', 'QD2015-M01-EDU'],
          ['import', 'plan.import_rows', String(planId)],
        ],
      );
      // The same file again: nothing left to change.
      assert.deepEqual(pick((await dryRun(file)).totals), zero);
      // A commit whose dry run no longer matches the plan is refused.
      await expectRefused(
        t.db,
        () => upload(admin, file, 'plan.xlsx', { mode: 'commit', fingerprint: dry.fingerprint }),
        409,
        'QC_ERR_IMPORT_STALE',
      );
    });

    it('refuses an unknown column with UNKNOWN_COLUMN and changes nothing', async () => {
      const wb = await workbook(exported);
      wb.getWorksheet('assignments')!.getRow(1).getCell(15).value = 'remark';
      cellOf(wb, 'assignments', 'QD2015-M01-EDU', 'progress').value = 50;
      const file = await bytesOf(wb);
      const body = await expectRefused(
        t.db,
        () => upload(admin, file, 'plan.xlsx', { mode: 'commit' }),
        400,
        'QC_ERR_IMPORT_UNKNOWN_COLUMN',
      );
      assert.deepEqual(body.details, { sheet: 'assignments', column: 'remark' });
      assert.match(body.message, /remark/);
    });

    it('UNKNOWN_ID is a row error: the dry run lists it with its row, the commit changes nothing', async () => {
      const wb = await workbook(await fresh());
      cellOf(wb, 'assignments', 'QD2015-M01-HRSS', 'external_id').value = 'QD2015-M01-NOPE';
      cellOf(wb, 'assignments', 'QD2015-M01-EDU', 'progress').value = 60;
      const file = await bytesOf(wb);
      const dry = await dryRun(file);
      assert.deepEqual(pick(dry.totals), { ...zero, update: 1, errors: 1 });
      const finding = dry.findings[0]!;
      assert.deepEqual(
        [finding.sheet, finding.column, finding.code, finding.severity, finding.value],
        ['assignments', 'external_id', 'UNKNOWN_ID', 'error', 'QD2015-M01-NOPE'],
      );
      assert.ok(finding.row > 2);
      const body = await expectRefused(
        t.db,
        () => upload(admin, file, 'plan.xlsx', { mode: 'commit' }),
        422,
        'QC_ERR_IMPORT_ROW_ERRORS',
      );
      assert.equal((body.details as { totals: { errors: number } }).totals.errors, 1);

      // The error file: the same workbook with the cell marked and an `errors` sheet.
      const res = await upload(admin, file, 'plan.xlsx', {}, 'errors');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), /import-errors/);
      const marked = await workbook(res.rawPayload);
      const errors = marked.getWorksheet('errors')!;
      assert.deepEqual((errors.getRow(1).values as unknown[]).slice(1), [
        'sheet',
        'row',
        'column',
        'external_id',
        'code',
        'severity',
        'message',
      ]);
      assert.deepEqual((errors.getRow(2).values as unknown[]).slice(1, 6), [
        'assignments',
        finding.row,
        'external_id',
        'QD2015-M01-NOPE',
        'UNKNOWN_ID',
      ]);
      const cell = marked.getWorksheet('assignments')!.getRow(finding.row).getCell(1);
      assert.match(String(cell.note), /UNKNOWN_ID/);
      // The error file imports as it is (its `errors` sheet is skipped) and finds the same problem.
      assert.equal((await dryRun(res.rawPayload)).findings[0]!.code, 'UNKNOWN_ID');
    });

    it('READONLY_IGNORED: an edited read-only cell is a warning, the row is otherwise unchanged', async () => {
      const wb = await workbook(await fresh());
      cellOf(wb, 'assignments', 'QD2015-M01-QTS', 'light').value = 'DONE';
      cellOf(wb, 'assignments', 'QD2015-M01-QTS', 'unit_name').value = '质监局';
      const dry = await dryRun(await bytesOf(wb));
      assert.deepEqual(pick(dry.totals), zero);
      assert.deepEqual(
        dry.findings.map((f) => [f.externalId, f.column, f.code, f.severity]),
        [
          ['QD2015-M01-QTS', 'unit_name', 'READONLY_IGNORED', 'warning'],
          ['QD2015-M01-QTS', 'light', 'READONLY_IGNORED', 'warning'],
        ],
      );
      assert.equal(dry.totals.warnings, 2);
    });

    it('a code Excel turned into a number (370282) stays text: created, exported and re-imported unchanged', async () => {
      const wb = await workbook(await fresh());
      const ws = wb.getWorksheet('assignments')!;
      const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const values: Record<string, string | number> = { action_external_id: 'QD2015-M13', unit_code: 370282 };
      ws.addRow(header.map((h) => values[h] ?? null));
      const commit = expectOk<ImportResultT>(await upload(admin, await bytesOf(wb), 'plan.xlsx', { mode: 'commit' }));
      assert.deepEqual(
        commit.rows.map((r) => [r.op, r.externalId]),
        [['create', 'QD2015-M13-370282']],
      );
      const again = await workbook((await admin.get(url('export'))).rawPayload);
      const code = cellOf(again, 'assignments', 'QD2015-M13-370282', 'unit_code');
      assert.deepEqual([code.value, code.numFmt], ['370282', '@']);
      assert.equal(cellOf(again, 'assignments', 'QD2015-M13-370282', 'unit_name').value, '即墨市');
      code.value = 370282;
      assert.deepEqual(pick((await dryRun(await bytesOf(again))).totals), zero);
    });

    it('CSV with BOM: export one sheet, edit a cell, import it', async () => {
      const res = await admin.get(url('export'), { query: { format: 'csv', sheet: 'assignments' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /text\/csv/);
      const csv = res.rawPayload.toString('utf8');
      assert.ok(csv.startsWith('\uFEFFexternal_id,action_external_id,unit_code,unit_name,'), 'BOM and header');
      assert.ok(/\r\nQD2015-M13-370282,QD2015-M13,370282,即墨市,lead,/.test(csv), 'the code is written as is');
      assert.deepEqual(pick((await dryRun(res.rawPayload, 'QD2015-assignments.csv')).totals), zero);
      const edited = csv.replace(/^(QD2015-M02-QTS,(?:[^,]*,){8})0,/m, '$1 45,');
      assert.notEqual(edited, csv);
      const commit = expectOk<ImportResultT>(
        await upload(admin, Buffer.from(edited, 'utf8'), 'edited.csv', { sheet: 'assignments', mode: 'commit' }),
      );
      assert.deepEqual([commit.format, pick(commit.totals)], ['csv', { ...zero, update: 1 }]);
      assert.equal(expectOk<AssignmentDetailT>(await admin.get('/api/assignments/QD2015-M02-QTS')).progress, 45);
      // A CSV whose name does not say which sheet it is needs `sheet`.
      await expectRefused(t.db, () => upload(admin, res.rawPayload, 'data.csv'), 400, 'QC_ERR_IMPORT_CSV_SHEET');
    });

    it('creates with an empty ID (new ID returned) and trashes with _op=delete (cancel with the note as reason)', async () => {
      const wb = await workbook(await fresh());
      const ws = wb.getWorksheet('assignments')!;
      const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const row: Record<string, string> = { action_external_id: 'QD2015-M01', unit_code: 'PSB', role: 'co' };
      ws.addRow(header.map((h) => row[h] ?? null));
      cellOf(wb, 'assignments', 'QD2015-M02-EIC', '_op').value = 'delete';
      cellOf(wb, 'assignments', 'QD2015-M02-EIC', 'note').value = '职责调整';
      const file = await bytesOf(wb);
      const commit = expectOk<ImportResultT>(await upload(admin, file, 'plan.xlsx', { mode: 'commit' }));
      assert.deepEqual(pick(commit.totals), { ...zero, create: 1, delete: 1 });
      assert.deepEqual(
        commit.rows.map((r) => [r.op, r.externalId, r.event]),
        [
          ['delete', 'QD2015-M02-EIC', 'cancel'],
          ['create', 'QD2015-M01-PSB', null],
        ],
      );
      const created = expectOk<AssignmentDetailT>(await admin.get('/api/assignments/QD2015-M01-PSB'));
      assert.deepEqual([created.state, created.role, created.dueDate], ['dispatched', 'co', '2015-12-31']);
      const cancelled = expectOk<AssignmentDetailT>(await admin.get('/api/assignments/QD2015-M02-EIC'));
      assert.deepEqual([cancelled.state, cancelled.stateReason], ['cancelled', '职责调整']);
      // The same file again: the new row would be created twice (refused per row), and the cancelled row's
      // light moved on since that export (a warning only).
      const again = await dryRun(file);
      assert.deepEqual(
        again.findings.map((f) => [f.externalId, f.column, f.code]),
        [
          ['QD2015-M02-EIC', 'light', 'READONLY_IGNORED'],
          [null, 'external_id', 'DUPLICATE_ASSIGNMENT'],
        ],
      );
    });

    it('measures and actions: created with new IDs and edited, audited per row', async () => {
      const wb = await workbook(await fresh());
      const measures = wb.getWorksheet('measures')!;
      measures.addRow([null, 1, 9, '新增措施:质量提升示范', 0.5, '(市质监局负责)']);
      cellOf(wb, 'measures', 'QD2015-M18', 'title').value = '改后的标题';
      wb.getWorksheet('actions')!.addRow([null, 'QD2015-M01', null, '组织技能竞赛', null, '2015-11-30', null]);
      const head = await auditHead(t.db);
      const commit = expectOk<ImportResultT>(await upload(admin, await bytesOf(wb), 'plan.xlsx', { mode: 'commit' }));
      assert.deepEqual(pick(commit.totals), { ...zero, create: 2, update: 1 });
      const created = commit.rows.filter((r) => r.op === 'create').map((r) => r.externalId);
      assert.equal(created[0], 'QD2015-M19');
      assert.match(created[1]!, /^QD2015-M01-A\d{2}$/);
      const measure = await t.db
        .selectFrom('plan_measures')
        .selectAll()
        .where('external_id', '=', 'QD2015-M19')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [measure.title, Number(measure.number), Number(measure.weight_bp)],
        ['新增措施:质量提升示范', 9, 5000],
      );
      const action = await t.db
        .selectFrom('plan_actions')
        .selectAll()
        .where('external_id', '=', created[1]!)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [action.text, action.deadline_type, action.due_date],
        ['组织技能竞赛', 'absolute', '2015-11-30'],
      );
      const rows = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        rows.map((r) => [r.source, r.action, r.entity_id]),
        [
          ['import', 'measure.update', 'QD2015-M18'],
          ['import', 'measure.create', 'QD2015-M19'],
          ['import', 'action.create', created[1]],
          ['import', 'plan.import_rows', String(planId)],
        ],
      );
      assert.deepEqual(pick((await dryRun(await fresh())).totals), zero, 'the new export round-trips unchanged');
    });

    it('refuses unit users (403) before reading anything', async () => {
      await expectRefused(t.db, () => edu.get(url('export')), 403, 'QC_ERR_FORBIDDEN');
      await expectRefused(t.db, () => upload(edu, exported, 'plan.xlsx', { mode: 'commit' }), 403, 'QC_ERR_FORBIDDEN');
      await expectRefused(t.db, () => upload(edu, exported, 'plan.xlsx', {}, 'errors'), 403, 'QC_ERR_FORBIDDEN');
    });
  });
}
