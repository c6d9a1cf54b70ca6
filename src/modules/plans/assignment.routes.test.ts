import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  expectRefused,
  TEST_START,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';

const NARRATIVE = '按计划推进各项工作,已完成阶段性目标,相关台账资料齐全。';

/** Measures naming 市教育局 in the seed: 一, 六, 十二, 十三, 十五, 十七. */
const EDU_MEASURES = [1, 6, 12, 13, 15, 17];

for (const dialect of DIALECTS) {
  describe(`assignments: lists, lights, sign-off and office decisions (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;
    let qts: Caller;
    let leader: Caller;
    let assessor: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      [admin, edu, qts, leader, assessor] = await Promise.all([
        t.login('admin'),
        t.login('edu'),
        t.login('qts'),
        t.login('leader'),
        t.login('assessor'),
      ]);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    const refused = (request: () => Promise<LightMyRequestResponse>, status: number, code: string) =>
      expectRefused(t.db, request, status, code);

    const get = async (caller: Caller, ext: string, asOf?: string) =>
      expectOk(await caller.get(`/api/assignments/${ext}${asOf ? `?asOf=${asOf}` : ''}`));
    const send = (caller: Caller, ext: string, body: Record<string, unknown>) =>
      caller.post(`/api/assignments/${ext}/transition`, body);

    it('units see their own assignments; the office, leaders and assessors see all 153', async () => {
      const mine = expectOk(await edu.get('/api/assignments?pageSize=200'));
      assert.equal(mine.total, EDU_MEASURES.length);
      assert.deepEqual(
        mine.items.map((i: { measureNumber: number }) => i.measureNumber),
        EDU_MEASURES,
      );
      assert.equal(mine.asOf, '2015-10-15', 'demo mode looks at the plan year');
      const first = mine.items[0];
      assert.deepEqual(
        {
          externalId: first.externalId,
          planCode: first.planCode,
          measureExternalId: first.measureExternalId,
          measureTitle: first.measureTitle,
          unitName: first.unitName,
          role: first.role,
          state: first.state,
          progress: first.progress,
          dueDate: first.dueDate,
          dispatchedOn: first.dispatchedOn,
          lastReport: first.lastReport,
          pendingReview: first.pendingReview,
        },
        {
          externalId: 'QD2015-M01-EDU',
          planCode: 'QD2015',
          measureExternalId: 'QD2015-M01',
          measureTitle: '提高劳动者技能',
          unitName: '市教育局',
          role: 'shared',
          state: 'dispatched',
          progress: 0,
          dueDate: '2015-12-31',
          dispatchedOn: '2015-07-21',
          lastReport: null,
          pendingReview: false,
        },
      );
      // Unsigned since 07-24 and no reports for July–September: yellow.
      assert.deepEqual(first.light, {
        code: 'BEHIND',
        colour: 'yellow',
        reasons: [
          'UNSIGNED:2015-07-24',
          'REPORT_MISSING:2015-07',
          'REPORT_MISSING:2015-08',
          'REPORT_MISSING:2015-09',
          'PROGRESS_BEHIND',
        ],
        expected: 52.8,
      });
      for (const c of [admin, leader, assessor]) assert.equal(expectOk(await c.get('/api/assignments')).total, 153);
      expectError(await edu.get('/api/assignments?unitCode=QTS'), 403, 'QC_ERR_FORBIDDEN');
      assert.equal(expectOk(await edu.get('/api/assignments?unitCode=EDU')).total, 6);
      expectError(await edu.get('/api/assignments/QD2015-M01-QTS'), 403, 'QC_ERR_FORBIDDEN');
      expectError(await t.anon.get('/api/assignments'), 401, 'QC_ERR_AUTH_REQUIRED');
      expectError(await admin.get('/api/assignments/QD2015-M99-EDU'), 404, 'QC_ERR_ASSIGNMENT_NOT_FOUND');
      expectError(await admin.get('/api/assignments?asOf=2015-02-30'), 400, 'QC_ERR_VALIDATION');
    });

    it('filters by unit, measure, state, light and text; sorts and pages', async () => {
      const qtsList = expectOk(await admin.get('/api/assignments?unitCode=QTS&pageSize=5&page=2'));
      assert.deepEqual([qtsList.total, qtsList.items.length, qtsList.page, qtsList.pageSize], [18, 5, 2, 5]);
      const m15 = expectOk(await admin.get(`/api/assignments?measureId=${qtsList.items[0].measureId}&pageSize=200`));
      assert.ok(m15.items.every((i: { measureId: number }) => i.measureId === qtsList.items[0].measureId));
      const text = expectOk(await admin.get(`/api/assignments?q=${encodeURIComponent('质量教育')}`));
      assert.deepEqual([...new Set(text.items.map((i: { measureNumber: number }) => i.measureNumber))], [17]);
      assert.equal(expectOk(await admin.get('/api/assignments?q=qd2015-m08-psb')).total, 1);
      assert.equal(expectOk(await admin.get('/api/assignments?state=signed')).total, 0);
      assert.equal(expectOk(await admin.get('/api/assignments?light=BEHIND')).total, 153);
      assert.equal(expectOk(await admin.get('/api/assignments?light=ON_TRACK')).total, 0);
      const byUnit = expectOk(await admin.get('/api/assignments?sort=unit&pageSize=3')).items;
      assert.ok(
        byUnit.every((i: { unitCode: string }) => i.unitCode === 'EDU'),
        'EDU is listed first in the registry',
      );
      const reversed = expectOk(await admin.get('/api/assignments?sort=-measure&pageSize=1')).items[0];
      assert.equal(reversed.measureNumber, 18);
      expectError(await admin.get('/api/assignments?sort=colour'), 400, 'QC_ERR_VALIDATION');
    });

    it('detail: the measure’s actions, report periods at asOf and the events this caller may send', async () => {
      const d = await get(edu, 'QD2015-M01-EDU');
      assert.deepEqual(d.plan.code, 'QD2015');
      assert.equal(d.measure.actions.length, 4);
      assert.equal(d.measure.actions[0].externalId, 'QD2015-M01-A01');
      assert.deepEqual(
        d.periods.map((p: { key: string; status: string; late: boolean }) => [p.key, p.status, p.late]),
        [
          ['2015-07', 'missing', true],
          ['2015-08', 'missing', true],
          ['2015-09', 'missing', true],
          ['2015-10', 'missing', false],
        ],
      );
      assert.deepEqual(d.allowedEvents, ['sign', 'dispute']);
      assert.equal(d.canReport, false);
      assert.deepEqual((await get(admin, 'QD2015-M01-EDU')).allowedEvents, ['cancel']);
      assert.deepEqual((await get(leader, 'QD2015-M01-EDU')).allowedEvents, []);
      assert.equal((await get(edu, 'QD2015-M01-EDU', '2015-08-10')).periods.length, 2);
      assert.equal(d.id, (await get(edu, String(d.id))).id, 'numeric ids work too');
    });

    it('dispute needs a reason; the office upholds it and the sign clock restarts; then the unit signs', async () => {
      const ext = 'QD2015-M06-EDU';
      const a = await get(edu, ext);
      await refused(() => send(edu, ext, { event: 'dispute', version: a.version }), 400, 'QC_ERR_REASON_REQUIRED');
      await refused(
        () => send(edu, ext, { event: 'dispute', version: a.version, reason: '  ' }),
        400,
        'QC_ERR_REASON_REQUIRED',
      );
      const disputed = expectOk(
        await send(edu, ext, { event: 'dispute', version: a.version, reason: '风险研判主要由市场监管部门负责' }),
      );
      assert.equal(disputed.state, 'disputed');
      // A disputed assignment waits on the office: no sign-off or report duty makes it yellow.
      assert.ok(!disputed.light.reasons.some((r: string) => r.startsWith('UNSIGNED')));

      const zh = await refused(
        () => send(edu, ext, { event: 'sign', version: disputed.version }),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      assert.equal(zh.message, '当前状态“异议”下不能执行“签收”');
      const en = expectError(
        await edu.post(
          `/api/assignments/${ext}/transition`,
          { event: 'sign', version: disputed.version },
          {
            headers: { 'accept-language': 'en' },
          },
        ),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      assert.equal(en.message, 'Cannot sign in state disputed');
      assert.deepEqual(en.details, { state: 'disputed', event: 'sign' });
      await refused(() => send(edu, ext, { event: 'uphold', version: disputed.version }), 403, 'QC_ERR_FORBIDDEN');
      await refused(() => send(qts, ext, { event: 'sign', version: disputed.version }), 403, 'QC_ERR_FORBIDDEN');

      const upheld = expectOk(
        await send(admin, ext, { event: 'uphold', version: disputed.version, reason: '属职责范围,请签收办理' }),
      );
      assert.deepEqual([upheld.state, upheld.dispatchedOn], ['dispatched', '2015-10-15']);
      assert.deepEqual(upheld.light.reasons, [], 'a fresh sign-off window and no report due yet');
      await refused(() => send(edu, ext, { event: 'sign', version: disputed.version }), 409, 'QC_ERR_CONFLICT');
      await refused(() => send(admin, ext, { event: 'sign', version: upheld.version }), 403, 'QC_ERR_FORBIDDEN');
      const signed = expectOk(await send(edu, ext, { event: 'sign', version: upheld.version }));
      assert.equal(signed.state, 'signed');
      assert.ok(signed.signedAt.startsWith('2015-10-1'), `writes are dated on the pinned day: ${signed.signedAt}`);
      await refused(() => send(edu, ext, { event: 'sign', version: signed.version }), 409, 'QC_ERR_INVALID_TRANSITION');

      const rows = expectOk(await admin.get(`/api/audit?entityType=assignment&entityId=${ext}`)).items.reverse();
      assert.deepEqual(
        rows.map((r: { action: string; actorName: string }) => [r.action, r.actorName]),
        [
          ['assignment.dispatch', 'seed'],
          ['assignment.dispute', 'edu'],
          ['assignment.uphold', 'admin'],
          ['assignment.sign', 'edu'],
        ],
      );
      assert.deepEqual(rows[2].before, {
        state: 'disputed',
        dispatchedOn: '2015-07-21',
        stateReason: '风险研判主要由市场监管部门负责',
      });
      assert.deepEqual(rows[2].after, {
        state: 'dispatched',
        dispatchedOn: '2015-10-15',
        stateReason: '属职责范围,请签收办理',
        reason: '属职责范围,请签收办理',
      });
    });

    it('the office cancels and reopens with reasons; closing needs completed work', async () => {
      const ext = 'QD2015-M12-EDU';
      const a = await get(admin, ext);
      await refused(() => send(admin, ext, { event: 'close', version: a.version }), 409, 'QC_ERR_INVALID_TRANSITION');
      await refused(
        () => send(admin, ext, { event: 'reopen', version: a.version, reason: 'x' }),
        409,
        'QC_ERR_INVALID_TRANSITION',
      );
      await refused(() => send(admin, ext, { event: 'cancel', version: a.version }), 400, 'QC_ERR_REASON_REQUIRED');
      const cancelled = expectOk(await send(admin, ext, { event: 'cancel', version: a.version, reason: '任务调整' }));
      assert.deepEqual(
        [cancelled.state, cancelled.light.code, cancelled.light.reasons],
        ['cancelled', 'NOT_SET', ['CANCELLED']],
      );
      assert.deepEqual((await get(admin, ext)).allowedEvents, ['reopen']);
      const reopened = expectOk(
        await send(admin, ext, { event: 'reopen', version: cancelled.version, reason: '恢复交办' }),
      );
      assert.deepEqual([reopened.state, reopened.dispatchedOn, reopened.signedAt], ['dispatched', '2015-10-15', null]);
      assert.equal((await get(edu, ext)).stateReason, '恢复交办');
    });

    it('lights follow the as-of date: on track in October, overdue after the due day', async () => {
      const ext = 'QD2015-M13-EDU';
      const report = async (period: string, progress: number, reviewOn: string) => {
        const r = expectOk(
          await edu.post(`/api/assignments/${ext}/reports`, { period, progress, narrative: NARRATIVE, submit: true }),
          201,
        );
        t.clock.set(`${reviewOn}T02:00:00Z`);
        expectOk(await admin.post(`/api/reports/${r.id}/review`, { version: r.version, decision: 'accept' }));
      };
      try {
        t.clock.set('2015-07-22T02:00:00Z');
        const a = await get(edu, ext);
        expectOk(await send(edu, ext, { event: 'sign', version: a.version }));
        await report('2015-07', 8, '2015-07-27');
        t.clock.set('2015-08-25T02:00:00Z');
        await report('2015-08', 30, '2015-08-27');
        t.clock.set('2015-09-25T02:00:00Z');
        await report('2015-09', 50, '2015-09-26');
      } finally {
        t.clock.set(TEST_START);
      }
      const light = async (asOf: string) => (await get(leader, ext, asOf)).light;
      assert.deepEqual(await light('2015-10-01'), { code: 'ON_TRACK', colour: 'green', reasons: [], expected: 44.2 });
      assert.equal((await light('2015-07-23')).code, 'ON_TRACK');
      // On 08-26 only July's 8 % had been accepted, but nothing was yet due except July's report.
      assert.deepEqual((await light('2015-08-26')).reasons, []);
      // Late December: due in 2 days, but the reports since October are missing, which outranks NEAR.
      assert.deepEqual(await light('2015-12-29'), {
        code: 'BEHIND',
        colour: 'yellow',
        reasons: [
          'REPORT_MISSING:2015-10',
          'REPORT_MISSING:2015-11',
          'REPORT_MISSING:2015-12',
          'PROGRESS_BEHIND',
          'DUE_SOON:2',
        ],
        expected: 98.8,
      });
      const overdue = await light('2016-01-02');
      assert.equal(overdue.code, 'OVERDUE');
      assert.equal(overdue.colour, 'red');
      assert.equal(overdue.reasons[0], 'DUE_PASSED:2');
      const list = expectOk(await leader.get('/api/assignments?asOf=2016-01-02&light=OVERDUE&unitCode=EDU'));
      assert.ok(list.items.some((i: { externalId: string }) => i.externalId === ext));
      assert.equal(list.asOf, '2016-01-02');
      // Everything else is unsigned and unreported, except the two re-dispatched on 10-15 (not yet due on 10-01).
      const onTrack = expectOk(await leader.get('/api/assignments?asOf=2015-10-01&light=ON_TRACK'));
      assert.deepEqual(
        onTrack.items.map((i: { externalId: string }) => i.externalId),
        ['QD2015-M06-EDU', 'QD2015-M12-EDU', ext],
      );
    });
  });
}
