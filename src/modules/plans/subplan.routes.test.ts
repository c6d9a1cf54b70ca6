import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
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

interface Row {
  id: number;
  districtCode: string;
  status: string;
  dueDate: string;
  lateDays: number | null;
  coverage: number;
  version: number;
}

for (const dialect of DIALECTS) {
  describe(`district implementation plans (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let shinan: Caller;
    let edu: Caller;
    let leader: Caller;
    let planId: number;

    before(async () => {
      t = await createTestApp(dialect);
      [admin, shinan, edu, leader] = await Promise.all([
        t.login('admin'),
        t.login('shinan'),
        t.login('edu'),
        t.login('leader'),
      ]);
      planId = expectOk<{ id: number }[]>(await admin.get('/api/plans'))[0]!.id;
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    const refused = (request: () => Promise<LightMyRequestResponse>, status: number, code: string) =>
      expectRefused(t.db, request, status, code);

    it('publishing the seed obliges the 10 districts of 2015 to file by 2015-08-20', async () => {
      const rows = expectOk<Row[]>(await leader.get(`/api/plans/${planId}/sub-plans`));
      assert.deepEqual(
        rows.map((r) => r.districtCode),
        ['370202', '370203', '370211', '370212', '370213', '370214', '370281', '370282', '370283', '370285'],
      );
      assert.ok(rows.every((r) => r.status === 'not_started' && r.dueDate === '2015-08-20' && r.coverage === 0));
      const own = expectOk<Row[]>(await shinan.get(`/api/plans/${planId}/sub-plans`));
      assert.deepEqual(
        own.map((r) => r.districtCode),
        ['370202'],
      );
      assert.deepEqual(expectOk<Row[]>(await edu.get(`/api/plans/${planId}/sub-plans`)), []);
      const other = rows.find((r) => r.districtCode === '370203')!;
      await refused(() => shinan.get(`/api/sub-plans/${other.id}`), 403, 'QC_ERR_FORBIDDEN');
    });

    it('a district drafts tasks; filing is refused until every measure is covered and every task complete', async () => {
      const mine = expectOk<Row[]>(await shinan.get(`/api/plans/${planId}/sub-plans`))[0]!;
      const detail = expectOk(await shinan.get(`/api/sub-plans/${mine.id}`));
      assert.equal(detail.measures.length, 18);
      const saved = expectOk(
        await shinan.put(`/api/sub-plans/${mine.id}`, {
          version: mine.version,
          title: '市南区贯彻落实质量发展纲要2015年行动计划实施方案',
          tasks: [
            {
              measureExternalId: 'QD2015-M01',
              title: '组织辖区企业开展职业技能竞赛',
              deptName: '市南区人社局',
              responsiblePerson: '王伟',
              dueDate: '2015-11-30',
            },
            {
              measureExternalId: 'QD2015-M13',
              actionExternalId: 'QD2015-M13-A01',
              title: '开展区内街道质量工作考核',
              deptName: '',
              responsiblePerson: '李娜',
              dueDate: null,
            },
          ],
          exclusions: [{ measureExternalId: 'QD2015-M10', reason: '辖区内无钢铁、水泥等行业企业' }],
        }),
      );
      assert.equal(saved.status, 'draft');
      assert.deepEqual(
        saved.findings
          .filter((f: { task?: number }) => f.task)
          .map((f: { code: string; task: number }) => [f.code, f.task]),
        [
          ['TASK_NO_UNIT', 2],
          ['TASK_NO_DEADLINE', 2],
        ],
      );
      assert.equal(saved.findings.filter((f: { code: string }) => f.code === 'UNCOVERED_MEASURE').length, 15);
      const blocked = await refused(
        () => shinan.post(`/api/sub-plans/${mine.id}/file`, { version: saved.version }),
        409,
        'QC_ERR_SUBPLAN_INCOMPLETE',
      );
      assert.equal((blocked.details as unknown[]).length, 17);
      await refused(
        () => edu.put(`/api/sub-plans/${mine.id}`, { version: saved.version, tasks: [], exclusions: [] }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      await refused(
        () =>
          shinan.put(`/api/sub-plans/${mine.id}`, {
            version: saved.version,
            tasks: [],
            exclusions: [{ measureExternalId: 'QD2099-M01', reason: 'x' }],
          }),
        400,
        'QC_ERR_VALIDATION',
      );
    });

    it('files a complete plan (late), is returned with a reason, refiles and is accepted; history records each step', async () => {
      const mine = expectOk<Row[]>(await shinan.get(`/api/plans/${planId}/sub-plans`))[0]!;
      const detail = expectOk(await shinan.get(`/api/sub-plans/${mine.id}`));
      const tasks = detail.measures.map((m: { externalId: string; title: string }) => ({
        measureExternalId: m.externalId,
        title: `市南区落实:${m.title}`,
        deptName: '市南区市场监管局',
        responsiblePerson: '张敏',
        dueDate: '2015-12-20',
      }));
      const saved = expectOk(
        await shinan.put(`/api/sub-plans/${mine.id}`, { version: mine.version, tasks, exclusions: [] }),
      );
      assert.deepEqual(saved.findings, []);
      assert.equal(saved.coverage, 100);
      const head = await auditHead(t.db);
      const filed = expectOk(await shinan.post(`/api/sub-plans/${mine.id}/file`, { version: saved.version }));
      assert.equal(filed.status, 'filed');
      assert.ok(filed.lateDays > 0, 'filed after 2015-08-20');
      await refused(
        () => admin.post(`/api/sub-plans/${mine.id}/review`, { version: filed.version, decision: 'return' }),
        400,
        'QC_ERR_REASON_REQUIRED',
      );
      await refused(
        () => shinan.post(`/api/sub-plans/${mine.id}/review`, { version: filed.version, decision: 'accept' }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      const returned = expectOk(
        await admin.post(`/api/sub-plans/${mine.id}/review`, {
          version: filed.version,
          decision: 'return',
          reason: '请细化第八项打假任务的牵头部门',
        }),
      );
      assert.deepEqual([returned.status, returned.returnReason], ['returned', '请细化第八项打假任务的牵头部门']);
      const refiled = expectOk(await shinan.post(`/api/sub-plans/${mine.id}/file`, { version: returned.version }));
      const accepted = expectOk(
        await admin.post(`/api/sub-plans/${mine.id}/review`, { version: refiled.version, decision: 'accept' }),
      );
      assert.equal(accepted.status, 'accepted');
      await refused(
        () => shinan.put(`/api/sub-plans/${mine.id}`, { version: accepted.version, tasks, exclusions: [] }),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      const actions = (await auditRowsAfter(t.db, head)).map((r) => `${r.action}:${r.entity_id}`);
      assert.deepEqual(actions, [
        `subplan.file:${planId}-370202`,
        `subplan.return:${planId}-370202`,
        `subplan.file:${planId}-370202`,
        `subplan.accept:${planId}-370202`,
      ]);
      const row = expectOk<Row[]>(await admin.get(`/api/plans/${planId}/sub-plans`)).find(
        (r) => r.districtCode === '370202',
      )!;
      assert.deepEqual([row.status, row.coverage], ['accepted', 100]);
    });
  });
}
