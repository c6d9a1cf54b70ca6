import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Caller, createTestApp, expectOk, expectRefused, type TestApp } from '../../../test/support/app.js';
import { createEnterpriseUser, insertEnterprise } from '../../../test/support/credit-fixtures.js';
import { DIALECTS } from '../../../test/support/dialects.js';

const PENALTY = {
  type: 'ADMIN_PENALTY',
  severity: 'GENERAL',
  authority: '青岛市市场监督管理局',
  documentNo: '青市监罚〔2021〕101号',
  legalBasis: '《中华人民共和国产品质量法》第四十九条',
  summary: '生产不符合保障人体健康和人身、财产安全的标准的产品',
  conductEndedOn: '2021-06-01',
  decidedOn: '2021-11-10',
  publishedOn: '2021-11-25',
};

for (const dialect of DIALECTS) {
  // The business day is pinned at 2022-10-14: the day before the serious-list vector's repair date.
  describe(`credit records, lists, objections, repair, expiry, public pages (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let qts: Caller;
    let edu: Caller;
    let ent: Caller;
    let other: Caller;
    let anon: Caller;
    let e1 = 0;
    let recordId = 0;

    before(async () => {
      t = await createTestApp(dialect, { env: { QCITY_AS_OF: '2022-10-14' } });
      e1 = await insertEnterprise(t, '91370200163562681G', '青岛海润食品有限公司');
      await insertEnterprise(t, '91110000600037341L', '海润(青岛)贸易有限公司');
      await createEnterpriseUser(t, 'ent1', '91370200163562681G');
      await createEnterpriseUser(t, 'ent2', '91110000600037341L');
      [admin, qts, edu, ent, other] = await Promise.all([
        t.login('admin'),
        t.login('qts'),
        t.login('edu'),
        t.login('ent1'),
        t.login('ent2'),
      ]);
      anon = t.anon;
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('a unit records a penalty: term to 2024-11-25; the same content again is unchanged, new content supersedes', async () => {
      const first = expectOk(await qts.post('/api/credit/records', { ...PENALTY, enterpriseId: e1 }));
      assert.equal(first.outcome, 'created');
      assert.equal(first.record.publicEndsOn, '2024-11-25');
      assert.equal(first.record.repairableFrom, '2022-05-25');
      assert.equal(first.record.unitCode, 'QTS');
      const again = expectOk(await qts.post('/api/credit/records', { ...PENALTY, enterpriseId: e1 }));
      assert.deepEqual([again.outcome, again.record.id], ['unchanged', first.record.id]);
      const changed = expectOk(
        await qts.post('/api/credit/records', { ...PENALTY, enterpriseId: e1, conductEndedOn: '2019-05-10' }),
      );
      assert.equal(changed.outcome, 'superseded');
      assert.equal(changed.record.publicEndsOn, '2024-05-10', 'Shandong 5-year cap from conduct end');
      assert.equal(changed.record.supersedesId, first.record.id);
      const old = await t.db
        .selectFrom('credit_records')
        .select('status')
        .where('id', '=', first.record.id)
        .executeTakeFirstOrThrow();
      assert.equal(old.status, 'SUPERSEDED');
      recordId = changed.record.id;
    });

    it('a unit cannot record for another unit; bad dates change nothing', async () => {
      await expectRefused(
        t.db,
        () => edu.post('/api/credit/records', { ...PENALTY, enterpriseId: e1, unitCode: 'QTS' }),
        403,
        'QC_ERR_CREDIT_OTHER_UNIT',
      );
      await expectRefused(
        t.db,
        () => qts.post('/api/credit/records', { ...PENALTY, enterpriseId: e1, publishedOn: '2021-11-01' }),
        400,
        'QC_ERR_CREDIT_RECORD_DATES',
      );
      await expectRefused(
        t.db,
        () => ent.post('/api/credit/records', { ...PENALTY, enterpriseId: e1 }),
        403,
        'QC_ERR_FORBIDDEN',
      );
    });

    it('an objection on someone else’s record is refused; the own one shows 异议处理中 and the unit decides it', async () => {
      await expectRefused(
        t.db,
        () => other.post('/api/credit/objections', { recordId, reason: '不是我们' }),
        403,
        'QC_ERR_OBJECTION_NOT_OWN',
      );
      const o = expectOk(await ent.post('/api/credit/objections', { recordId, reason: '处罚决定已变更' }));
      assert.deepEqual([o.status, o.filedOn, o.dueOn], ['SUBMITTED', '2022-10-14', '2022-10-19']);
      await expectRefused(
        t.db,
        () => ent.post('/api/credit/objections', { recordId, reason: '再次' }),
        409,
        'QC_ERR_OBJECTION_PENDING',
      );
      const page = expectOk(await anon.get(`/api/public/credit/enterprises/${e1}`));
      assert.equal(page.negativeRecords[0].objectionPending, true);
      assert.equal(page.enterprise.districtName, '市南区');
      await expectRefused(
        t.db,
        () => edu.post(`/api/credit/objections/${o.id}/decide`, { action: 'reject', decision: 'x' }),
        403,
        'QC_ERR_CREDIT_OTHER_UNIT',
      );
      const ext = expectOk(
        await qts.post(`/api/credit/objections/${o.id}/decide`, {
          action: 'verify_externally',
          decision: '请市场科核实',
        }),
      );
      assert.equal(ext.dueOn, '2022-10-25');
      const done = expectOk(
        await qts.post(`/api/credit/objections/${o.id}/decide`, { action: 'reject', decision: '经核实,原记录无误' }),
      );
      assert.equal(done.status, 'REJECTED');
      const mine = expectOk(await ent.get('/api/credit/objections'));
      assert.equal(mine.total, 1);
    });

    it('a penalty early stop before its earliest day is refused; the enterprise sees its eligibility', async () => {
      const body = {
        kind: 'PENALTY_EARLY_STOP',
        recordId,
        checklist: { obligationsFulfilled: true, harmRemoved: true },
        commitmentSigned: true,
      };
      const v = expectOk(await ent.post('/api/credit/repairs/eligibility', body));
      assert.equal(v.eligible, true, JSON.stringify(v));
      const app = expectOk(await ent.post('/api/credit/repairs', body));
      assert.deepEqual([app.status, app.acceptDueOn], ['SUBMITTED', '2022-10-18']);
      assert.equal(app.enterpriseName, '青岛海润食品有限公司');
      assert.equal(expectOk(await qts.get('/api/credit/repairs')).items[0].enterpriseName, '青岛海润食品有限公司');
      await expectRefused(t.db, () => ent.post('/api/credit/repairs', body), 409, 'QC_ERR_REPAIR_PENDING');
    });

    it('serious list: statement window, higher approval, publicity; repair refused on 2022-10-14', async () => {
      const p = expectOk(
        await qts.post('/api/credit/list-entries', {
          listCode: 'SERIOUS',
          enterpriseId: e1,
          reasonCategory: 'quality_safety',
          triggeredOn: '2021-09-20',
          reason: '掺杂掺假,情节严重',
          judgment: { breachOfLaw: true, seriousCircumstances: true, heavierPenalty: true, intent: '故意' },
        }),
      );
      const step = (action: string, day: string, who = qts) =>
        who.post(`/api/credit/list-entries/${p.id}/transition`, { action, day, reason: action });
      await expectRefused(t.db, () => step('publish', '2021-09-21'), 409, 'QC_ERR_LIST_BAD_TRANSITION');
      assert.deepEqual(p.allowedActions, ['notify', 'revoke'], 'the buttons the UI offers');
      const n = expectOk(await step('notify', '2021-09-22'));
      // 5 working days; Sunday 2021-09-26 is a make-up working day (调休) in the seeded calendar.
      assert.equal(n.statementDueOn, '2021-09-28');
      await expectRefused(t.db, () => step('decide', '2021-09-28'), 409, 'QC_ERR_LIST_STATEMENT_WINDOW');
      assert.equal(expectOk(await step('decide', '2021-10-15')).state, 'APPROVAL_PENDING');
      await expectRefused(t.db, () => step('approve', '2021-10-15'), 403, 'QC_ERR_LIST_APPROVAL_SAME_UNIT');
      const listed = expectOk(await step('approve', '2021-10-15', admin));
      assert.deepEqual([listed.state, listed.repairableFrom, listed.expiresOn], ['LISTED', '2022-10-15', '2024-10-15']);
      const pub = expectOk(await step('publish', '2021-10-20'));
      assert.equal(pub.state, 'PUBLISHED');
      assert.deepEqual(pub.allowedActions, ['expire', 'remove_early', 'revoke'], 'no cure on the serious list');
      assert.deepEqual(
        pub.transitions.map((x: { toState: string }) => x.toState),
        ['PROPOSED', 'NOTIFIED', 'APPROVAL_PENDING', 'LISTED', 'PUBLISHED'],
      );
      const flags = await t.db
        .selectFrom('enterprises')
        .select('list_flags')
        .where('id', '=', e1)
        .executeTakeFirstOrThrow();
      assert.equal(flags.list_flags, 'SERIOUS');
      const list = expectOk(await anon.get('/api/public/credit/lists/SERIOUS?q=海润'));
      assert.deepEqual(
        list.items.map((i: { id: number }) => i.id),
        [p.id],
      );
      const repair = {
        kind: 'SERIOUS_EARLY_REMOVAL',
        entryId: p.id,
        commitmentSigned: true,
        checklist: { obligationsFulfilled: true, rectified: true, harmRemoved: true, measureTermsExpired: true },
      };
      const body = await expectRefused(
        t.db,
        () => ent.post('/api/credit/repairs', repair),
        409,
        'QC_ERR_REPAIR_NOT_YET_ELIGIBLE',
      );
      assert.match(body.message, /2022-10-15/);
    });

    it('a revoked record leaves every public endpoint at once and stays in the audit trail', async () => {
      const report = await anon.get(`/api/public/credit/enterprises/${e1}/report`);
      assert.equal(report.statusCode, 200);
      assert.match(report.body, /青市监罚〔2021〕101号/);
      expectOk(await qts.post(`/api/credit/records/${recordId}/revoke`, { reason: '原处罚决定被撤销' }));
      const page = expectOk(await anon.get(`/api/public/credit/enterprises/${e1}`));
      assert.equal(
        page.negativeRecords.some((r: { id: number }) => r.id === recordId),
        false,
      );
      const report2 = await anon.get(`/api/public/credit/enterprises/${e1}/report`);
      assert.doesNotMatch(report2.body, /青市监罚〔2021〕101号/);
      const reportId = report2.headers['x-report-id'] as string;
      // The /verify/:reportId web page reads this.
      const verify = expectOk(await anon.get(`/api/public/credit/reports/${reportId}`));
      assert.equal(verify.sha256, report2.headers['x-report-sha256']);
      assert.equal(verify.enterpriseId, e1);
      assert.match(report2.body, new RegExp(`href="/verify/${reportId}"`));
      await expectRefused(
        t.db,
        () => anon.get('/api/public/credit/reports/no-such-report'),
        404,
        'QC_ERR_CREDIT_REPORT_NOT_FOUND',
      );
      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'credit_record')
        .where('entity_id', '=', String(recordId))
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['credit.record.supersede', 'credit.record.revoked'],
      );
      // Government users still read it.
      assert.equal(expectOk(await admin.get(`/api/credit/records/${recordId}`)).status, 'REVOKED');
    });

    it('the daily job materialises expiry once per day', async () => {
      expectOk(
        await qts.post('/api/credit/records', {
          ...PENALTY,
          enterpriseId: e1,
          severity: 'MINOR',
          documentNo: 'M-1',
          publishedOn: '2022-01-05',
          decidedOn: '2022-01-04',
        }),
      );
      const r1 = expectOk(await admin.post('/api/jobs/credit-expiry/run', { day: '2022-10-14' }));
      assert.deepEqual([r1.ran, r1.recordsExpired], [true, 1]);
      const r2 = expectOk(await admin.post('/api/jobs/credit-expiry/run', { day: '2022-10-14' }));
      assert.deepEqual([r2.ran, r2.recordsExpired], [false, 1]);
      await expectRefused(t.db, () => ent.post('/api/jobs/credit-expiry/run', {}), 403, 'QC_ERR_FORBIDDEN');
    });
  });
}
