import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  expectRefused,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { multipartBody, pdfBytes } from '../../../test/support/file-fixtures.js';

const NARRATIVE = '已组织全市职业院校开展质量技能培训,累计培训一线职工三百余人次。';

interface Report {
  id: number;
  status: string;
  progress: number;
  late: boolean;
  version: number;
  submittedAt: string | null;
  returnReason: string | null;
  supersedesId: number | null;
  evidence: { id: number; kind: string; name: string; fileId: number | null; mime: string | null }[];
  allowedActions: string[];
}

for (const dialect of DIALECTS) {
  describe(`progress reports and review (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let dataDir: string;
    let admin: Caller;
    let edu: Caller;
    let qts: Caller;
    let leader: Caller;

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-reports-'));
      t = await createTestApp(dialect, { env: { QCITY_DATA_DIR: dataDir } });
      [admin, edu, qts, leader] = await Promise.all([
        t.login('admin'),
        t.login('edu'),
        t.login('qts'),
        t.login('leader'),
      ]);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const refused = (request: () => Promise<LightMyRequestResponse>, status: number, code: string) =>
      expectRefused(t.db, request, status, code);

    async function sign(caller: Caller, ext: string) {
      const a = expectOk(await caller.get(`/api/assignments/${ext}`));
      return expectOk(await caller.post(`/api/assignments/${ext}/transition`, { event: 'sign', version: a.version }));
    }

    async function upload(caller: Caller): Promise<number> {
      const { body, contentType } = multipartBody([
        { name: 'file', filename: 'sign-in.pdf', contentType: 'application/pdf', data: pdfBytes(dialect) },
      ]);
      return expectOk(
        await caller.post('/api/files', undefined, { raw: body, headers: { 'content-type': contentType } }),
        201,
      ).id;
    }

    const history = async (entityType: string, entityId: string | number) =>
      expectOk(await admin.get(`/api/audit?entityType=${entityType}&entityId=${entityId}`))
        .items.map((r: { action: string }) => r.action)
        .reverse();

    it('a department signs off, reports with a file, is returned, resubmits and is accepted; history shows each step', async () => {
      const ext = 'QD2015-M01-EDU';
      const signed = await sign(edu, ext);
      assert.equal(signed.state, 'signed');
      const fileId = await upload(edu);

      const created = expectOk<Report>(
        await edu.post(`/api/assignments/${ext}/reports`, {
          period: '2015-10',
          progress: 40,
          narrative: NARRATIVE,
          keyResults: [{ name: '培训人次', target: '500', actual: '320' }],
          evidence: [{ fileId, name: '培训签到表.pdf' }],
          submit: true,
        }),
        201,
      );
      assert.deepEqual([created.status, created.progress, created.late], ['submitted', 40, false]);
      assert.deepEqual(created.allowedActions, []);
      assert.equal(created.evidence[0]?.mime, 'application/pdf');

      await refused(
        () => admin.post(`/api/reports/${created.id}/review`, { version: created.version, decision: 'return' }),
        400,
        'QC_ERR_REASON_REQUIRED',
      );
      const returned = expectOk<Report>(
        await admin.post(`/api/reports/${created.id}/review`, {
          version: created.version,
          decision: 'return',
          reason: '请补充培训覆盖的院校名单',
        }),
      );
      assert.deepEqual([returned.status, returned.returnReason], ['returned', '请补充培训覆盖的院校名单']);
      const mine = expectOk<Report>(await edu.get(`/api/reports/${created.id}`));
      assert.deepEqual(mine.allowedActions, ['edit', 'submit']);

      const edited = expectOk<Report>(
        await edu.patch(`/api/reports/${created.id}`, {
          version: returned.version,
          progress: 45,
          narrative: `${NARRATIVE}覆盖全市12所职业院校。`,
        }),
      );
      assert.equal(edited.status, 'returned');
      const resubmitted = expectOk<Report>(
        await edu.post(`/api/reports/${created.id}/submit`, { version: edited.version }),
      );
      assert.equal(resubmitted.status, 'submitted');
      assert.deepEqual(expectOk<Report>(await admin.get(`/api/reports/${created.id}`)).allowedActions, [
        'accept',
        'return',
      ]);
      const accepted = expectOk<Report>(
        await admin.post(`/api/reports/${created.id}/review`, { version: resubmitted.version, decision: 'accept' }),
      );
      assert.equal(accepted.status, 'accepted');

      const a = expectOk(await edu.get(`/api/assignments/${ext}`));
      assert.deepEqual([a.state, a.progress, a.pendingReview], ['in_progress', 45, false]);
      assert.deepEqual(a.lastReport, {
        id: created.id,
        period: '2015-10',
        status: 'accepted',
        submittedAt: accepted.submittedAt,
      });
      assert.equal(a.periods.find((p: { key: string }) => p.key === '2015-10').status, 'accepted');

      assert.deepEqual(await history('assignment', ext), [
        'assignment.dispatch',
        'assignment.sign',
        'assignment.start',
      ]);
      assert.deepEqual(await history('report', created.id), [
        'report.create',
        'report.return',
        'report.update',
        'report.submit',
        'report.accept',
      ]);
      const start = expectOk(await admin.get(`/api/audit?entityType=assignment&entityId=${ext}`)).items[0];
      assert.deepEqual(
        [start.before, start.after],
        [
          { state: 'signed', progress: 0 },
          { state: 'in_progress', progress: 45, report: created.id },
        ],
      );

      // The evidence streams with its type and a UTF-8 file name to readers of the assignment only.
      const evidenceId = accepted.evidence[0]!.id;
      const file = await edu.get(`/api/reports/${created.id}/evidence/${evidenceId}`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.match(String(file.headers['content-disposition']), /filename\*=UTF-8''%E5%9F%B9%E8%AE%AD/);
      assert.ok(file.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
      assert.equal((await leader.get(`/api/reports/${created.id}/evidence/${evidenceId}`)).statusCode, 200);
      expectError(await qts.get(`/api/reports/${created.id}/evidence/${evidenceId}`), 403, 'QC_ERR_FORBIDDEN');
      expectError(await qts.get(`/api/reports/${created.id}`), 403, 'QC_ERR_FORBIDDEN');
      expectError(await edu.get(`/api/reports/${created.id}/evidence/999999`), 404, 'QC_ERR_NOT_FOUND');

      // Accepted reports are immutable; a correction is a new report, and only acceptance moves progress.
      await refused(
        () => edu.patch(`/api/reports/${created.id}`, { version: accepted.version, progress: 50 }),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      const correction = expectOk<Report>(
        await edu.post(`/api/assignments/${ext}/reports`, {
          period: '2015-10',
          progress: 80,
          narrative: NARRATIVE,
          submit: true,
        }),
        201,
      );
      assert.equal(correction.supersedesId, created.id);
      const after = expectOk(await edu.get(`/api/assignments/${ext}`));
      assert.deepEqual([after.progress, after.pendingReview], [45, true]);
      await refused(
        () => edu.post(`/api/assignments/${ext}/reports`, { period: '2015-10', progress: 80, narrative: NARRATIVE }),
        409,
        'QC_ERR_REPORT_OPEN',
      );
    });

    it('the review queue: the office and leaders see all submitted reports, units only their own', async () => {
      const queue = expectOk(await admin.get('/api/reports?status=submitted'));
      assert.ok(queue.total >= 1);
      assert.ok(queue.items.every((r: { status: string }) => r.status === 'submitted'));
      assert.equal(expectOk(await leader.get('/api/reports?status=submitted')).total, queue.total);
      const own = expectOk(await edu.get('/api/reports'));
      assert.ok(own.items.length >= 2 && own.items.every((r: { unitCode: string }) => r.unitCode === 'EDU'));
      assert.equal(expectOk(await qts.get('/api/reports')).total, 0);
      expectError(await edu.get('/api/reports?unitCode=QTS'), 403, 'QC_ERR_FORBIDDEN');
      const pending = queue.items[0];
      await refused(
        () => edu.post(`/api/reports/${pending.id}/review`, { version: pending.version, decision: 'accept' }),
        403,
        'QC_ERR_FORBIDDEN',
      );
    });

    it('a report on someone else’s assignment is refused and nothing is written', async () => {
      await sign(qts, 'QD2015-M01-QTS');
      await refused(
        () =>
          edu.post('/api/assignments/QD2015-M01-QTS/reports', {
            period: '2015-10',
            progress: 10,
            narrative: NARRATIVE,
            submit: true,
          }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      // The office reviews but does not report, and an unsigned assignment takes no report.
      await refused(
        () =>
          admin.post('/api/assignments/QD2015-M01-QTS/reports', {
            period: '2015-10',
            progress: 10,
            narrative: NARRATIVE,
          }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      const body = await refused(
        () =>
          edu.post('/api/assignments/QD2015-M06-EDU/reports', {
            period: '2015-10',
            progress: 10,
            narrative: NARRATIVE,
          }),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      assert.equal(body.message, '当前状态“交办”下不能执行“报送进展”');
    });

    it('checks narrative, period, regression, evidence and files before writing anything', async () => {
      const ext = 'QD2015-M01-EDU'; // accepted at 45 %
      const post = (body: Record<string, unknown>) =>
        edu.post(`/api/assignments/${ext}/reports`, { period: '2015-09', progress: 50, narrative: NARRATIVE, ...body });
      const short = await refused(() => post({ narrative: '  太短了  ' }), 400, 'QC_ERR_REPORT_NARRATIVE');
      assert.equal(short.message, '进展情况至少 20 个字');
      await refused(() => post({ period: '2015-11' }), 400, 'QC_ERR_REPORT_PERIOD');
      await refused(() => post({ period: '2015-06' }), 400, 'QC_ERR_REPORT_PERIOD');
      await refused(() => post({ period: '2015-13' }), 400, 'QC_ERR_REPORT_PERIOD');
      const regress = await refused(() => post({ progress: 30 }), 400, 'QC_ERR_REPORT_REGRESS');
      assert.equal(regress.message, '进度低于上次审核通过的 45%,请说明原因');
      await refused(() => post({ progress: 100 }), 400, 'QC_ERR_REPORT_EVIDENCE');
      await refused(() => post({ requestClose: true }), 400, 'QC_ERR_REPORT_EVIDENCE');
      await refused(() => post({ evidence: [{ fileId: 987654, name: 'x.pdf' }] }), 404, 'QC_ERR_FILE_NOT_FOUND');
      await refused(() => post({ evidence: [{ url: 'javascript:alert(1)', name: 'x' }] }), 400, 'QC_ERR_VALIDATION');

      const draft = expectOk<Report>(
        await post({ progress: 30, regressReason: '统计口径调整,剔除重复计算的培训人次' }),
        201,
      );
      assert.deepEqual([draft.status, draft.late], ['draft', false]);
      // Submitted on the pinned as-of day 2015-10-15, after September's due day (the 28th): late.
      const submitted = expectOk<Report>(await edu.post(`/api/reports/${draft.id}/submit`, { version: draft.version }));
      assert.deepEqual([submitted.status, submitted.late], ['submitted', true]);
      await refused(
        () => edu.post(`/api/reports/${draft.id}/submit`, { version: submitted.version }),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      await refused(
        () => admin.post(`/api/reports/${draft.id}/review`, { version: draft.version, decision: 'accept' }),
        409,
        'QC_ERR_CONFLICT',
      );
    });

    it('request completion → returned → resubmitted → accepted → completed → closed (销号)', async () => {
      const ext = 'QD2015-M17-EDU';
      await sign(edu, ext);
      const link = { url: 'https://example.org/edu/summary', name: '工作总结' };
      const report = expectOk<Report>(
        await edu.post(`/api/assignments/${ext}/reports`, {
          period: '2015-10',
          progress: 100,
          narrative: NARRATIVE,
          requestClose: true,
          evidence: [link],
          submit: true,
        }),
        201,
      );
      assert.equal(expectOk(await edu.get(`/api/assignments/${ext}`)).state, 'completion_requested');
      const evidence = expectOk(await edu.get(`/api/reports/${report.id}/evidence/${report.evidence[0]!.id}`));
      assert.deepEqual(evidence, link);

      const returned = expectOk<Report>(
        await admin.post(`/api/reports/${report.id}/review`, {
          version: report.version,
          decision: 'return',
          reason: '总结报告缺少量化指标',
        }),
      );
      assert.equal(expectOk(await edu.get(`/api/assignments/${ext}`)).state, 'in_progress');
      const again = expectOk<Report>(
        await edu.patch(`/api/reports/${returned.id}`, {
          version: returned.version,
          narrative: `${NARRATIVE}各项指标均已完成。`,
          evidence: [link, { url: 'https://example.org/edu/figures', name: '指标完成表' }],
          submit: true,
        }),
      );
      assert.equal(again.evidence.length, 2);
      assert.equal(again.evidence[0]!.id, report.evidence[0]!.id, 'unchanged evidence keeps its row');
      assert.equal(expectOk(await edu.get(`/api/assignments/${ext}`)).state, 'completion_requested');
      expectOk(await admin.post(`/api/reports/${report.id}/review`, { version: again.version, decision: 'accept' }));

      const done = expectOk(await admin.get(`/api/assignments/${ext}`));
      assert.deepEqual([done.state, done.progress, done.light.code], ['completed', 100, 'DONE']);
      assert.ok(done.completedAt);
      assert.deepEqual(done.allowedEvents, ['close', 'reopen']);
      const closed = expectOk(
        await admin.post(`/api/assignments/${ext}/transition`, { event: 'close', version: done.version }),
      );
      assert.equal(closed.state, 'closed');
      const refusedClose = await refused(
        () => admin.post(`/api/assignments/${ext}/transition`, { event: 'close', version: closed.version }),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      assert.equal(refusedClose.message, '当前状态“销号”下不能执行“销号”');
      assert.deepEqual(await history('assignment', ext), [
        'assignment.dispatch',
        'assignment.sign',
        'assignment.request_completion',
        'assignment.reject_completion',
        'assignment.request_completion',
        'assignment.complete',
        'assignment.close',
      ]);
    });
  });
}
