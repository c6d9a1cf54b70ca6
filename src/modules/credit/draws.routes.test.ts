import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditHead,
  auditRowsAfter,
  type Caller,
  createTestApp,
  expectOk,
  expectRefused,
  type TestApp,
} from '../../../test/support/app.js';
import { insertEnterprise } from '../../../test/support/credit-fixtures.js';
import { DIALECTS } from '../../../test/support/dialects.js';

const code = (n: number) => `E${String(n).padStart(4, '0')}`;
const cls = (n: number) => (n <= 200 ? 'A' : n <= 240 ? 'B' : n <= 243 ? 'C' : 'D');
const SEED = 'QD-2015-SC-0001';
const FRAME_HASH = 'b117fee7a9a82efd8f92655b1ef63a7d2ac6333430e2d4a5cc26ffe0bc633402';
const EXPECTED = [
  'E0200 A P04,P05',
  'E0052 A P02,P04',
  'E0168 A P04,P06',
  'E0164 A P03,P01',
  'E0228 B P02,P06',
  'E0230 B P05,P03',
  'E0242 C P06,P02',
  'E0243 C P05,P03',
  'E0241 C P02,P01',
  'E0244 D P05,P04',
  'E0245 D P03,P01',
];

interface Member {
  position: number;
  enterpriseId: number;
  drawKey: string;
  riskClass: string;
  inspectors: { code: string; name: string | null }[];
}
interface Inspector {
  id: number;
  code: string;
  version: number;
  active: boolean;
  conflicts: { enterpriseId: number }[];
}

for (const dialect of DIALECTS) {
  describe(`credit 双随机 draws (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let shinan: Caller;
    const ids = new Map<string, number>();
    const inspectors = new Map<string, Inspector>();

    before(async () => {
      t = await createTestApp(dialect);
      [admin, shinan] = await Promise.all([t.login('admin'), t.login('shinan')]);
      // The §6.2 frame in shuffled insertion order: the result must not depend on it.
      const order = Array.from({ length: 245 }, (_, i) => ((i * 97) % 245) + 1);
      for (const n of order) ids.set(code(n), await insertEnterprise(t, code(n), `抽查企业${n}`));
      for (const c of ['A', 'B', 'C', 'D']) {
        const of = [...ids.entries()].filter(([k]) => cls(Number(k.slice(1))) === c).map(([, id]) => id);
        await t.db.updateTable('enterprises').set({ risk_class: c }).where('id', 'in', of).execute();
      }
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('an empty pool refuses the draw and saves nothing', async () => {
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/draws', { title: '无人员', seed: SEED, filter: {} }),
        409,
        'QC_ERR_DRAW_INSUFFICIENT_INSPECTORS',
      );
    });

    it('inspectors: create (code unique), conflicts add/remove, version checks, audited', async () => {
      const head = await auditHead(t.db);
      for (const c of ['P06', 'P05', 'P04', 'P03', 'P02', 'P01']) {
        const created = expectOk<Inspector>(
          await admin.post('/api/credit/inspectors', { code: c, name: `检查员${c}` }),
          201,
        );
        inspectors.set(c, created);
      }
      assert.equal((await auditRowsAfter(t.db, head)).length, 6);
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/inspectors', { code: 'P01', name: '重复' }),
        409,
        'QC_ERR_INSPECTOR_CODE_TAKEN',
      );
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/inspectors', { code: 'P99', name: 'x', unitCode: 'NO-SUCH' }),
        404,
        'QC_ERR_ORG_NOT_FOUND',
      );
      await expectRefused(
        t.db,
        () => shinan.post('/api/credit/inspectors', { code: 'P98', name: 'x' }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      const p03 = inspectors.get('P03')!;
      const e241 = ids.get('E0241')!;
      const e1 = ids.get('E0001')!;
      let d = expectOk<Inspector>(
        await admin.post(`/api/credit/inspectors/${p03.id}/conflicts`, { enterpriseId: e241, reason: '亲属任职' }),
      );
      d = expectOk<Inspector>(await admin.post(`/api/credit/inspectors/${p03.id}/conflicts`, { enterpriseId: e1 }));
      assert.deepEqual(
        d.conflicts.map((c) => c.enterpriseId).sort((a, b) => a - b),
        [e1, e241].sort((a, b) => a - b),
      );
      await expectRefused(
        t.db,
        () => admin.post(`/api/credit/inspectors/${p03.id}/conflicts`, { enterpriseId: e241 }),
        409,
        'QC_ERR_INSPECTOR_CONFLICT_EXISTS',
      );
      await expectRefused(
        t.db,
        () => admin.post(`/api/credit/inspectors/${p03.id}/conflicts`, { enterpriseId: 999999 }),
        404,
        'QC_ERR_ENTERPRISE_NOT_FOUND',
      );
      d = expectOk<Inspector>(await admin.delete(`/api/credit/inspectors/${p03.id}/conflicts/${e1}`));
      assert.deepEqual(
        d.conflicts.map((c) => c.enterpriseId),
        [e241],
      );
      await expectRefused(
        t.db,
        () => admin.delete(`/api/credit/inspectors/${p03.id}/conflicts/${e1}`),
        404,
        'QC_ERR_INSPECTOR_CONFLICT_NOT_FOUND',
      );
      await expectRefused(
        t.db,
        () => admin.patch(`/api/credit/inspectors/${p03.id}`, { version: p03.version + 5, name: '改名' }),
        409,
        'QC_ERR_CONFLICT',
      );
      await expectRefused(
        t.db,
        () => admin.patch(`/api/credit/inspectors/${p03.id}`, { version: p03.version, code: 'P33' }),
        400,
        'QC_ERR_VALIDATION',
      );
      const renamed = expectOk<Inspector>(
        await admin.patch(`/api/credit/inspectors/${p03.id}`, { version: p03.version, name: '检查员三' }),
      );
      assert.equal(renamed.version, p03.version + 1);
      assert.equal(renamed.code, 'P03');
    });

    let drawId = 0;
    it('the §6.2 vector end to end: frame hash, selection, inspectors, cap; saved with members and audit', async () => {
      const head = await auditHead(t.db);
      const draw = expectOk<{
        id: number;
        frameHash: string;
        frameSize: number;
        loadCap: number;
        seed: string;
        ruleSetVersion: string;
        selected: number;
        counts: Record<string, { frame: number; selected: number }>;
        pool: string[];
      }>(await admin.post('/api/credit/draws', { title: '2015 年第一批', seed: SEED, filter: {} }), 201);
      drawId = draw.id;
      assert.equal(draw.frameHash, FRAME_HASH);
      assert.equal(draw.frameSize, 245);
      assert.equal(draw.loadCap, 4);
      assert.equal(draw.ruleSetVersion, 'v1');
      assert.equal(draw.selected, 11);
      assert.deepEqual(draw.counts.B, { frame: 40, selected: 2 });
      assert.deepEqual(draw.pool, ['P01', 'P02', 'P03', 'P04', 'P05', 'P06']);
      const members = expectOk<{ items: Member[]; total: number }>(
        await admin.get(`/api/credit/draws/${draw.id}/members?pageSize=50`),
      );
      assert.equal(members.total, 11);
      assert.deepEqual(
        members.items.map((m) => `${m.drawKey} ${m.riskClass} ${m.inspectors.map((i) => i.code).join(',')}`),
        EXPECTED,
      );
      assert.equal(members.items[0]!.enterpriseId, ids.get('E0200'));
      assert.equal(members.items[3]!.inspectors[0]!.name, '检查员三');
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((a) => a.action),
        ['credit.draw.create'],
      );
      const rows = await t.db
        .selectFrom('inspection_draw_members')
        .selectAll()
        .where('draw_id', '=', draw.id)
        .execute();
      assert.equal(rows.length, 11);
    });

    it('re-run reproduces; a changed frame is reported, not hidden', async () => {
      const same = expectOk<{ reproduced: boolean; frameMatches: boolean; poolMatches: boolean }>(
        await admin.post(`/api/credit/draws/${drawId}/rerun`),
      );
      assert.deepEqual([same.reproduced, same.frameMatches, same.poolMatches], [true, true, true]);
      const extra = await insertEnterprise(t, 'E0246', '新增企业');
      await t.db.updateTable('enterprises').set({ risk_class: 'D' }).where('id', '=', extra).execute();
      const changed = expectOk<{ reproduced: boolean; frameMatches: boolean; differences: number[] }>(
        await admin.post(`/api/credit/draws/${drawId}/rerun`),
      );
      assert.equal(changed.reproduced, false);
      assert.equal(changed.frameMatches, false);
      await t.db.updateTable('enterprises').set({ risk_class: null }).where('id', '=', extra).execute();
    });

    it('filters and exclusions: drawn in the last N months leaves out the first selection', async () => {
      const second = expectOk<{ id: number; frameSize: number; seed: string; selected: number }>(
        await admin.post('/api/credit/draws', {
          title: '第二批',
          filter: { riskClasses: ['B'], excludeDrawnMonths: 6 },
        }),
        201,
      );
      assert.equal(second.frameSize, 38);
      assert.equal(second.selected, 2);
      assert.match(second.seed, /^[0-9a-f]{64}$/);
      const m = expectOk<{ items: Member[] }>(await admin.get(`/api/credit/draws/${second.id}/members`));
      for (const x of m.items) assert.ok(!['E0228', 'E0230'].includes(x.drawKey));
      // Classes C and D were drawn entirely: with the exclusion nothing is left.
      await expectRefused(
        t.db,
        () =>
          admin.post('/api/credit/draws', {
            title: '第三批',
            filter: { riskClasses: ['C', 'D'], excludeDrawnMonths: 1 },
          }),
        409,
        'QC_ERR_DRAW_EMPTY_FRAME',
      );
      // The first draw's re-run is not affected by the later draw's exclusions.
      const again = expectOk<{ reproduced: boolean }>(await admin.post(`/api/credit/draws/${drawId}/rerun`));
      assert.equal(again.reproduced, true);
    });

    it('bad input changes nothing', async () => {
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/draws', { title: 'x', seed: 'has space', filter: {} }),
        400,
        'QC_ERR_DRAW_SEED_INVALID',
      );
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/draws', { title: 'x', filter: { districtCode: '999999' } }),
        409,
        'QC_ERR_DRAW_EMPTY_FRAME',
      );
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/draws', { title: 'x', filter: { riskClasses: ['E'] } }),
        400,
        'QC_ERR_VALIDATION',
      );
      await expectRefused(
        t.db,
        () => shinan.post('/api/credit/draws', { title: 'x', filter: {} }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      await expectRefused(t.db, () => admin.get('/api/credit/draws/9999'), 404, 'QC_ERR_DRAW_NOT_FOUND');
      // Immutable: no update or delete route.
      assert.equal((await admin.delete(`/api/credit/draws/${drawId}`)).statusCode, 404);
      assert.equal((await admin.patch(`/api/credit/draws/${drawId}`, { title: 'y' })).statusCode, 404);
    });

    it('exports the results as xlsx with an ASCII fallback name', async () => {
      const res = await admin.get(`/api/credit/draws/${drawId}/export.xlsx`);
      assert.equal(res.statusCode, 200);
      assert.match(
        String(res.headers['content-disposition']),
        /filename="inspection-draw-\d+-\d{4}-\d{2}-\d{2}\.xlsx"/,
      );
      assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
      const list = expectOk<{ items: { id: number }[]; total: number }>(await admin.get('/api/credit/draws'));
      assert.equal(list.total, 2);
      assert.equal(list.items[1]!.id, drawId);
    });
  });
}
