import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Caller, createTestApp, expectOk, expectRefused, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { systemContext } from '../../core/context.js';
import { dataFile } from '../../paths.js';
import { readHolidaySeed, seedCreditRules } from './rulesets.seed.js';

interface Rs {
  id: number;
  code: string;
  version: string;
  status: string;
  versionNo: number;
  params: Record<string, unknown>;
  issues: { key: string; problem: string }[];
  inForceToday: boolean;
}

for (const dialect of DIALECTS) {
  describe(`credit rule sets and holidays (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let shinan: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      [admin, shinan] = await Promise.all([t.login('admin'), t.login('shinan')]);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('seeds every version and 2015–2026 holidays once (idempotent)', async () => {
      const all = expectOk<Rs[]>(await admin.get('/api/credit/rule-sets'));
      assert.equal(all.length, 15);
      const years = expectOk<{ year: number }[]>(await admin.get('/api/credit/holidays'));
      assert.deepEqual(years.map((y) => y.year).slice(0, 1), [2015]);
      assert.ok(years.some((y) => y.year === 2026));
      const again = await seedCreditRules(
        t.services.core,
        systemContext('system', 'seed'),
        readHolidaySeed(dataFile('holidays.json')),
      );
      assert.deepEqual(again, { ruleSets: [], holidayYears: [] });
    });

    it('a draft with an empty required value cannot be activated; filled in, it can', async () => {
      const all = expectOk<Rs[]>(await admin.get('/api/credit/rule-sets?code=PENALTY_PUBLICITY'));
      const draft = all[0]!;
      assert.equal(draft.status, 'draft');
      const body = await expectRefused(
        t.db,
        () => admin.post(`/api/credit/rule-sets/${draft.id}/activate`, { versionNo: draft.versionNo }),
        409,
        'QC_ERR_RULESET_INCOMPLETE',
      );
      assert.match(body.message, /lowerAmountThresholdFen/);
      await expectRefused(
        t.db,
        () =>
          admin.patch(`/api/credit/rule-sets/${draft.id}`, {
            versionNo: draft.versionNo,
            params: { lowerAmountThresholdFen: 'x' },
          }),
        400,
        'QC_ERR_RULESET_PARAMS_INVALID',
      );
      const edited = expectOk<Rs>(
        await admin.patch(`/api/credit/rule-sets/${draft.id}`, {
          versionNo: draft.versionNo,
          params: { lowerAmountThresholdFen: 1_000_000 },
        }),
      );
      assert.deepEqual(edited.issues, []);
      await expectRefused(
        t.db,
        () => admin.post(`/api/credit/rule-sets/${draft.id}/activate`, { versionNo: draft.versionNo }),
        409,
        'QC_ERR_CONFLICT',
      );
      const active = expectOk<Rs>(
        await admin.post(`/api/credit/rule-sets/${draft.id}/activate`, { versionNo: edited.versionNo }),
      );
      assert.equal(active.status, 'active');
      await expectRefused(
        t.db,
        () => admin.patch(`/api/credit/rule-sets/${draft.id}`, { versionNo: active.versionNo, params: {} }),
        409,
        'QC_ERR_RULESET_NOT_DRAFT',
      );
    });

    it('a new version starts as a copy in draft; unknown codes and duplicates are refused', async () => {
      const created = expectOk<Rs>(
        await admin.post('/api/credit/rule-sets', { code: 'SAMPLING', version: 'v2', effectiveFrom: '2026-01-01' }),
        201,
      );
      assert.equal(created.status, 'draft');
      assert.equal(created.params.ratioBBp, 500);
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/rule-sets', { code: 'SAMPLING', version: 'v2' }),
        409,
        'QC_ERR_RULESET_EXISTS',
      );
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/rule-sets', { code: 'NOPE', version: 'v1' }),
        400,
        'QC_ERR_RULESET_UNKNOWN_CODE',
      );
      await expectRefused(
        t.db,
        () => shinan.post('/api/credit/rule-sets', { code: 'SAMPLING', version: 'v3' }),
        403,
        'QC_ERR_FORBIDDEN',
      );
    });

    it('a holiday year is edited whole, checked first', async () => {
      const y = expectOk<{ days: { day: string; kind: string; name: string | null }[] }>(
        await admin.get('/api/credit/holidays/2015'),
      );
      assert.ok(y.days.some((d) => d.day === '2015-10-10' && d.kind === 'workday'));
      await expectRefused(
        t.db,
        () => admin.put('/api/credit/holidays/2015', { days: [{ day: '2015-10-12', kind: 'workday' }] }),
        400,
        'QC_ERR_HOLIDAY_INVALID',
      );
      const days = [
        ...y.days.filter((d) => d.day !== '2015-09-27'),
        { day: '2015-12-26', kind: 'workday', name: '测试' },
      ];
      const saved = expectOk<{ days: unknown[] }>(await admin.put('/api/credit/holidays/2015', { days }));
      assert.equal(saved.days.length, y.days.length);
      await expectRefused(t.db, () => shinan.get('/api/credit/holidays/2015'), 403, 'QC_ERR_FORBIDDEN');
    });
  });
}
