import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  auditHead,
  auditRowsAfter,
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  expectRefused,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { docxOfLines, multipartBody } from '../../../test/support/file-fixtures.js';

/** A small plan in the seed's layout; 市城管局 is not in the registry until an alias is added. */
const SMALL_PLAN = `关于印发青岛市质量提升2016年行动计划的通知
发文字号 青政办发〔2016〕3号
成文日期 2016-03-01

青岛市质量提升2016年行动计划

为提升质量,制定本计划。

一、夯实质量基础
(一)加强标准化工作。开展标准化试点。2016年9月底前完成地方标准复审。(市质监局牵头,市教育局参与)
(二)整治市容秩序。开展占道经营专项整治。(市城管局负责)
`;

interface PlanSummary {
  id: number;
  code: string;
  status: string;
  version: number;
  year: number;
}

for (const dialect of DIALECTS) {
  describe(`plan import and publishing (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;
    let leader: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      [admin, edu, leader] = await Promise.all([t.login('admin'), t.login('edu'), t.login('leader')]);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    const refused = (request: () => Promise<LightMyRequestResponse>, status: number, code: string) =>
      expectRefused(t.db, request, status, code);

    it('has the Qingdao 2015 plan published on first start: 18 measures, 86 actions, 153 assignments', async () => {
      const plans = expectOk<PlanSummary[]>(await edu.get('/api/plans'));
      assert.deepEqual(
        plans.map((p) => [p.code, p.status, p.year]),
        [['QD2015', 'published', 2015]],
      );
      const detail = expectOk(await leader.get(`/api/plans/${plans[0]!.id}`));
      assert.equal(detail.header.docNumber, '青政办发〔2015〕15号');
      assert.deepEqual(
        [detail.counts.sections, detail.counts.measures, detail.counts.actions, detail.counts.assignments],
        [4, 18, 86, 153],
      );
      const m15 = detail.sections[3].measures[0];
      assert.equal(m15.externalId, 'QD2015-M15');
      assert.equal(m15.assignments.length, 21);
      const assignments = await t.db.selectFrom('assignments').selectAll().execute();
      assert.equal(assignments.length, 153);
      assert.ok(assignments.every((a) => a.state === 'dispatched' && a.dispatched_on === '2015-07-21'));
      assert.ok(assignments.every((a) => a.due_date === '2015-12-31'));
      const history = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'assignment')
        .where('entity_id', '=', 'QD2015-M08-PSB')
        .execute();
      assert.deepEqual(
        history.map((h) => h.action),
        ['assignment.dispatch'],
      );
    });

    it('lets unit staff read the history of their own assignments only', async () => {
      const own = expectOk(
        await edu.get('/api/audit', { query: { entityType: 'assignment', entityId: 'QD2015-M01-EDU' } }),
      );
      assert.deepEqual(
        own.items.map((r: { action: string }) => r.action),
        ['assignment.dispatch'],
      );
      expectError(
        await edu.get('/api/audit', { query: { entityType: 'assignment', entityId: 'QD2015-M01-QTS' } }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      expectError(
        await edu.get('/api/audit', { query: { entityType: 'assignment', entityId: 'nope' } }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      expectOk(await leader.get('/api/audit', { query: { entityType: 'assignment', entityId: 'QD2015-M01-QTS' } }));
    });

    it('imports official text as a draft with a preview of units and assignments', async () => {
      const head = await auditHead(t.db);
      const draft = expectOk<PlanSummary>(
        await admin.post('/api/plans/import', { text: SMALL_PLAN, sourceName: 'small.txt' }),
        201,
      );
      assert.deepEqual([draft.code, draft.status, draft.year], ['QD2016', 'draft', 2016]);
      const rows = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        rows.map((r) => r.action),
        ['plan.import'],
      );
      assert.equal(
        await t.db
          .selectFrom('plan_measures')
          .select('id')
          .where('plan_id', '=', draft.id)
          .execute()
          .then((r) => r.length),
        0,
      );

      const preview = expectOk(await admin.get(`/api/plans/${draft.id}`));
      assert.equal(preview.counts.measures, 2);
      const [m1, m2] = preview.sections[0].measures;
      assert.deepEqual(
        m1.assignments.map((a: { unitCode: string; role: string }) => [a.unitCode, a.role]),
        [
          ['QTS', 'lead'],
          ['EDU', 'co'],
        ],
      );
      assert.equal(m1.actions.find((a: { due: string | null }) => a.due === '2016-09-30')?.deadlineType, 'absolute');
      assert.deepEqual(m2.assignments, [], 'an unresolved unit gets nothing');
      const unresolved = preview.warnings.find((w: { code: string }) => w.code === 'UNRESOLVED_UNIT');
      assert.ok(unresolved, 'the unresolved name is reported');
      assert.equal(unresolved.severity, 'error');
      assert.equal(SMALL_PLAN.slice(unresolved.offset, unresolved.offset + 4), '市城管局');
      assert.equal(preview.blocking, 1);
      expectOk(await edu.get(`/api/plans/${draft.id}/source`));
    });

    it('refuses to publish while a unit is unresolved; an alias and a re-parse unblock it', async () => {
      const draft = expectOk<PlanSummary[]>(await admin.get('/api/plans?status=draft'))[0]!;
      const blocked = await refused(
        () => admin.post(`/api/plans/${draft.id}/publish`, { version: draft.version }),
        409,
        'QC_ERR_PLAN_BLOCKED',
      );
      assert.equal((blocked.details as { code: string }[])[0]!.code, 'UNRESOLVED_UNIT');

      expectOk(await admin.post('/api/orgs/UCC/aliases', { alias: '市城管局' }));
      const reparsed = expectOk<PlanSummary>(await admin.post(`/api/plans/${draft.id}/reparse`));
      assert.equal(expectOk(await admin.get(`/api/plans/${draft.id}`)).blocking, 0);

      const head = await auditHead(t.db);
      const published = expectOk<PlanSummary>(
        await admin.post(`/api/plans/${draft.id}/publish`, { version: reparsed.version, dispatchDate: '2016-03-05' }),
      );
      assert.equal(published.status, 'published');
      const assignments = await t.db
        .selectFrom('assignments')
        .select(['external_id', 'unit_code', 'role', 'due_date', 'dispatched_on'])
        .where('plan_id', '=', draft.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        assignments.map((a) => [a.external_id, a.role, a.due_date]),
        [
          // A measure is due when its last action is: the undated one falls due at the plan-year end.
          ['QD2016-M01-QTS', 'lead', '2016-12-31'],
          ['QD2016-M01-EDU', 'co', '2016-12-31'],
          ['QD2016-M02-UCC', 'lead', '2016-12-31'],
        ],
      );
      const actions = (await auditRowsAfter(t.db, head)).map((r) => r.action);
      assert.deepEqual(actions, ['assignment.dispatch', 'assignment.dispatch', 'assignment.dispatch', 'plan.publish']);
      await refused(
        () => admin.post(`/api/plans/${draft.id}/publish`, { version: published.version }),
        409,
        'QC_ERR_PLAN_NOT_DRAFT',
      );
      await refused(() => admin.post('/api/plans/import', { text: SMALL_PLAN }), 409, 'QC_ERR_PLAN_CODE_TAKEN');
    });

    it('imports a Word document uploaded as multipart, and refuses a scan-like file by name', async () => {
      const docx = docxOfLines(SMALL_PLAN.replace(/2016/g, '2018').split('\n'));
      const { body, contentType } = multipartBody([{ name: 'file', filename: '计划.docx', data: docx }]);
      const draft = expectOk<PlanSummary>(
        await admin.post('/api/plans/import/file', undefined, { raw: body, headers: { 'content-type': contentType } }),
        201,
      );
      assert.deepEqual([draft.code, draft.status, draft.year], ['QD2018', 'draft', 2018]);
      assert.equal(expectOk(await admin.get(`/api/plans/${draft.id}`)).counts.measures, 2);
      const binary = multipartBody([
        { name: 'file', filename: 'x.txt', data: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0]) },
      ]);
      await refused(
        () =>
          admin.post('/api/plans/import/file', undefined, {
            raw: binary.body,
            headers: { 'content-type': binary.contentType },
          }),
        415,
        'QC_ERR_PLAN_FILE_TYPE',
      );
      await refused(
        () => edu.post('/api/plans/import/file', undefined, { raw: body, headers: { 'content-type': contentType } }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      assert.equal((await admin.delete(`/api/plans/${draft.id}`)).statusCode, 204);
    });

    it('refuses what is not a plan, an empty text and a 20 MB paste, writing nothing', async () => {
      const notPlan = await refused(
        () => admin.post('/api/plans/import', { text: '今天天气很好,我们去公园散步。\n明天再说。' }),
        400,
        'QC_ERR_PLAN_PARSE',
      );
      assert.match(notPlan.message, /NOT_A_PLAN/);
      await refused(() => admin.post('/api/plans/import', { text: '' }), 400, 'QC_ERR_VALIDATION');
      await refused(
        () =>
          admin.post('/api/plans/import', undefined, {
            raw: JSON.stringify({ text: '一'.repeat((20 * 1024 * 1024) / 3) }),
          }),
        413,
        'QC_ERR_BODY_TOO_LARGE',
      );
    });

    it('lets only the quality office import, publish and change plans', async () => {
      const draft = expectOk<PlanSummary>(
        await admin.post('/api/plans/import', { text: SMALL_PLAN.replace(/2016/g, '2017') }),
        201,
      );
      for (const caller of [edu, leader]) {
        await refused(() => caller.post('/api/plans/import', { text: SMALL_PLAN }), 403, 'QC_ERR_FORBIDDEN');
        await refused(
          () => caller.post(`/api/plans/${draft.id}/publish`, { version: draft.version }),
          403,
          'QC_ERR_FORBIDDEN',
        );
        await refused(() => caller.delete(`/api/plans/${draft.id}`), 403, 'QC_ERR_FORBIDDEN');
      }
      await refused(() => t.anon.get('/api/plans'), 401, 'QC_ERR_AUTH_REQUIRED');
      await refused(() => t.anon.post('/api/plans/import', { text: SMALL_PLAN }), 401, 'QC_ERR_AUTH_REQUIRED');
      expectError(await (await t.login('hospital')).get('/api/plans'), 403, 'QC_ERR_FORBIDDEN');
    });

    it('validates settings and deletes drafts only', async () => {
      const draft = expectOk<PlanSummary[]>(await admin.get('/api/plans?status=draft'))[0]!;
      await refused(
        () => admin.patch(`/api/plans/${draft.id}/settings`, { version: draft.version, settings: { nearDays: -1 } }),
        400,
        'QC_ERR_PLAN_SETTINGS',
      );
      const changed = expectOk<PlanSummary>(
        await admin.patch(`/api/plans/${draft.id}/settings`, {
          version: draft.version,
          settings: { nearDays: 5, assignmentMode: 'perAction' },
        }),
      );
      const detail = expectOk(await admin.get(`/api/plans/${draft.id}`));
      assert.equal(detail.settings.nearDays, 5);
      assert.equal(
        detail.counts.assignments,
        5,
        'per action: QTS and EDU on both actions of measure 1, UCC on measure 2',
      );
      await refused(
        () => admin.patch(`/api/plans/${draft.id}/settings`, { version: draft.version, settings: { nearDays: 4 } }),
        409,
        'QC_ERR_CONFLICT',
      );
      const published = expectOk<PlanSummary[]>(await admin.get('/api/plans?status=published'));
      await refused(() => admin.delete(`/api/plans/${published[0]!.id}`), 409, 'QC_ERR_PLAN_NOT_DRAFT');
      const res = await admin.delete(`/api/plans/${changed.id}`);
      assert.equal(res.statusCode, 204);
      expectError(await admin.get(`/api/plans/${changed.id}`), 404, 'QC_ERR_PLAN_NOT_FOUND');
    });
  });
}
