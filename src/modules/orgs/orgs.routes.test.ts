import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import {
  auditHead,
  auditRowsAfter,
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  rowCounts,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import type { OrgSeed } from './seed.js';

const seed = JSON.parse(fs.readFileSync(new URL('../../../data/orgs.json', import.meta.url), 'utf8')) as OrgSeed;
/** The test clock's local day (TEST_START in Asia/Shanghai). */
const TODAY = '2025-03-03';

interface OrgDto {
  code: string;
  name: string;
  fullName: string | null;
  kind: string;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  assessed: boolean;
  contactPerson: string | null;
  contactPhone: string | null;
  note: string | null;
  aliases: { id: number; alias: string; source: string }[];
  version: number;
}
interface OrgPage {
  items: OrgDto[];
  total: number;
  page: number;
  pageSize: number;
}

const codes = (page: OrgPage) => page.items.map((u) => u.code);

for (const dialect of DIALECTS) {
  describe(`org registry routes (${dialect})`, { timeout: 120_000 }, () => {
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

    const unitRow = (code: string) =>
      t.db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();

    /** Performs a write that must succeed and append exactly one audit row describing it. */
    async function write(
      request: () => Promise<LightMyRequestResponse>,
      action: string,
      entityId: string,
      status = 200,
    ) {
      const head = await auditHead(t.db);
      const body = expectOk<OrgDto>(await request(), status);
      const rows = await auditRowsAfter(t.db, head);
      assert.equal(rows.length, 1, `exactly one audit row for ${action}`);
      const row = rows[0]!;
      assert.equal(row.action, action);
      assert.equal(row.entity_type, 'org_unit');
      assert.equal(row.entity_id, entityId);
      assert.ok(row.after_json, 'the row records the state after');
      if (action !== 'org.create') assert.ok(row.before_json, 'the row records the state before');
      assert.ok(row.request_id, 'the row names the request');
      return {
        body,
        audit: row,
        before: row.before_json ? JSON.parse(row.before_json) : null,
        after: JSON.parse(row.after_json),
      };
    }

    /** Performs a write that must fail with `code` and leave every table (and the unit) as it was. */
    async function refused(
      request: () => Promise<LightMyRequestResponse>,
      status: number,
      code: string,
      unitCode?: string,
    ) {
      const counts = await rowCounts(t.db);
      const head = await auditHead(t.db);
      const unit = unitCode ? await unitRow(unitCode) : undefined;
      const body = expectError(await request(), status, code);
      assert.deepEqual(await rowCounts(t.db), counts, `${code}: no row added or removed`);
      assert.equal(await auditHead(t.db), head, `${code}: no audit row`);
      if (unitCode) assert.deepEqual(await unitRow(unitCode), unit, `${code}: ${unitCode} unchanged`);
      return body;
    }

    describe('reading', () => {
      it('lists every seeded unit in display order, paged stably', async () => {
        const all = expectOk<OrgPage>(await admin.get('/api/orgs?pageSize=200'));
        assert.equal(all.total, seed.units.length);
        assert.deepEqual(
          codes(all),
          seed.units.map((u) => u.code),
        );
        const paged: string[] = [];
        for (let page = 1; page <= Math.ceil(seed.units.length / 8); page++) {
          const p = expectOk<OrgPage>(await admin.get(`/api/orgs?pageSize=8&page=${page}`));
          assert.equal(p.total, seed.units.length);
          assert.equal(p.page, page);
          assert.equal(p.pageSize, 8);
          paged.push(...codes(p));
        }
        assert.deepEqual(paged, codes(all));
        const beyond = expectOk<OrgPage>(await admin.get('/api/orgs?page=99'));
        assert.deepEqual(beyond.items, []);
        assert.equal(beyond.total, seed.units.length);
      });

      it('finds 即墨区 and 即墨市 for 即墨, and by a single character', async () => {
        for (const q of ['即墨', '墨', '即']) {
          const res = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q } }));
          assert.deepEqual(codes(res).sort(), ['370215', '370282'], q);
          assert.equal(res.total, 2);
        }
        const city = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '即墨市' } }));
        assert.deepEqual(codes(city), ['370282']);
        const none = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '墨即' } }));
        assert.deepEqual(none, { items: [], total: 0, page: 1, pageSize: 20 });
      });

      it('searches aliases, full-width input and codes', async () => {
        const byAlias = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '人社局' } }));
        assert.deepEqual(codes(byAlias), ['HRSS']);
        const byFullName = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '质量技术监督' } }));
        assert.deepEqual(codes(byFullName), ['QTS']);
        const byCode = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: 'qts' } }));
        assert.deepEqual(codes(byCode), ['QTS']);
        const fullWidth = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: 'ＱＴＳ' } }));
        assert.deepEqual(codes(fullWidth), ['QTS']);
        const division = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '370202' } }));
        assert.deepEqual(codes(division), ['370202']);
        const two = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '市 教育' } }));
        assert.deepEqual(codes(two), ['EDU']);
        const blank = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '   ' } }));
        assert.equal(blank.total, seed.units.length);
        const punctuation = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: "'%_\\" } }));
        assert.equal(punctuation.total, 0);
      });

      it('filters by kind and status and sorts', async () => {
        const districts = seed.units.filter((u) => u.kind === 'district');
        const retired = districts.filter((u) => u.validTo && u.validTo < TODAY).map((u) => u.code);
        assert.ok(retired.length >= 2, 'the seed has retired districts');
        const all = expectOk<OrgPage>(await edu.get('/api/orgs?kind=district&pageSize=100'));
        assert.deepEqual(
          codes(all),
          districts.map((u) => u.code),
        );
        const current = expectOk<OrgPage>(await edu.get('/api/orgs?kind=district&status=current&pageSize=100'));
        assert.deepEqual(
          codes(current),
          districts.map((u) => u.code).filter((c) => !retired.includes(c)),
        );
        const gone = expectOk<OrgPage>(await edu.get('/api/orgs?kind=district&status=retired&pageSize=100'));
        assert.deepEqual(codes(gone), retired);
        const jimoNow = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '即墨', status: 'current' } }));
        assert.deepEqual(codes(jimoNow), ['370215']);
        const byCodeDesc = expectOk<OrgPage>(
          await edu.get('/api/orgs?kind=district&sort=code&order=desc&pageSize=100'),
        );
        assert.deepEqual(
          codes(byCodeDesc),
          districts
            .map((u) => u.code)
            .sort()
            .reverse(),
        );
        const byName = expectOk<OrgPage>(await edu.get('/api/orgs?kind=muni_dept&sort=name&pageSize=100'));
        const names = byName.items.map((u) => u.name);
        assert.deepEqual(names, [...names].sort());
        for (const bad of [
          'kind=planet',
          'status=gone',
          'sort=password_hash',
          'order=up',
          'pageSize=0',
          'pageSize=201',
          'page=0',
          'page=x',
          'extra=1',
        ]) {
          expectError(await edu.get(`/api/orgs?${bad}`), 400, 'QC_ERR_VALIDATION');
        }
        expectError(await edu.get('/api/orgs', { query: { q: 'x'.repeat(101) } }), 400, 'QC_ERR_VALIDATION');
      });

      it('counts units per kind and lists groups', async () => {
        const kinds = expectOk<{ kind: string; count: number }[]>(await leader.get('/api/orgs/kinds'));
        const expected = new Map<string, number>();
        for (const u of seed.units) expected.set(u.kind, (expected.get(u.kind) ?? 0) + 1);
        assert.deepEqual(
          kinds,
          [...expected].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, count]) => ({ kind, count })),
        );
        const groups = expectOk<{ code: string; members: unknown[] }[]>(await leader.get('/api/org-groups'));
        assert.deepEqual(groups.map((g) => g.code).sort(), seed.groups.map((g) => g.code).sort());
      });

      it('gets one unit with its aliases; unknown and malformed codes are 404 and 400', async () => {
        const unit = expectOk<OrgDto>(await edu.get('/api/orgs/QTS'));
        assert.equal(unit.name, '市质监局');
        assert.equal(unit.kind, 'muni_dept');
        assert.equal(unit.version, 1);
        assert.ok(unit.aliases.some((a) => a.alias === '青岛市质量技术监督局'));
        expectError(await edu.get('/api/orgs/NOPE'), 404, 'QC_ERR_ORG_NOT_FOUND');
        expectError(await edu.get('/api/orgs/-x'), 400, 'QC_ERR_VALIDATION');
        expectError(await edu.get('/api/orgs/a%20b'), 400, 'QC_ERR_VALIDATION');
      });

      it('resolves names as documents write them', async () => {
        const r = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '青岛市质量技术监督局' } }));
        assert.deepEqual([r.kind, r.code, r.via], ['unit', 'QTS', 'alias']);
        const old = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '即墨市', date: '2015-07-21' } }));
        assert.deepEqual([old.code, old.warnings], ['370282', []]);
        const superseded = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '即墨市' } }));
        assert.deepEqual([superseded.code, superseded.warnings], ['370282', ['SUPERSEDED']]);
        const unknown = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '火星局' } }));
        assert.equal(unknown.kind, 'unresolved');
        expectError(
          await edu.get('/api/orgs/resolve', { query: { name: 'x', date: '2015-02-30' } }),
          400,
          'QC_ERR_ORG_DATES',
        );
        expectError(await edu.get('/api/orgs/resolve'), 400, 'QC_ERR_VALIDATION');
      });

      it('shows contacts only to those who may see the unit’s staff', async () => {
        await write(
          () => admin.patch('/api/orgs/QTS/contact', { contactPerson: '李四', contactPhone: '0532-80000001' }),
          'org.contact',
          'QTS',
        );
        assert.equal(expectOk<OrgDto>(await admin.get('/api/orgs/QTS')).contactPerson, '李四');
        assert.equal(expectOk<OrgDto>(await leader.get('/api/orgs/QTS')).contactPhone, '0532-80000001');
        const seenByEdu = expectOk<OrgDto>(await edu.get('/api/orgs/QTS'));
        assert.equal(seenByEdu.contactPerson, null);
        assert.equal(seenByEdu.contactPhone, null);
        const inList = expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '质监' } }));
        assert.equal(inList.items.find((u) => u.code === 'QTS')?.contactPerson, null);
      });

      it('denies the registry to anonymous callers (401) and to roles without orgs.read (403)', async () => {
        for (const url of [
          '/api/orgs',
          '/api/orgs/EDU',
          '/api/orgs/kinds',
          '/api/org-groups',
          '/api/orgs/resolve?name=x',
          '/api/orgs/EDU/users',
        ]) {
          expectError(await t.anon.get(url), 401, 'QC_ERR_AUTH_REQUIRED');
        }
        const hospital = await t.login('hospital');
        expectError(await hospital.get('/api/orgs'), 403, 'QC_ERR_FORBIDDEN');
        expectError(await hospital.get('/api/orgs/H-QDUH'), 403, 'QC_ERR_FORBIDDEN');
      });
    });

    describe('unit scoping (done-when)', () => {
      it('a department user cannot read another department’s staff or edit its contact', async () => {
        expectError(await edu.get('/api/orgs/QTS/users'), 403, 'QC_ERR_FORBIDDEN');
        await refused(
          () => edu.patch('/api/orgs/QTS/contact', { contactPerson: '越权', contactPhone: null }),
          403,
          'QC_ERR_FORBIDDEN',
          'QTS',
        );
        const own = await write(
          () => edu.patch('/api/orgs/EDU/contact', { contactPerson: '张三', contactPhone: '0532-85912345' }),
          'org.contact',
          'EDU',
        );
        assert.equal(own.body.contactPerson, '张三');
        assert.equal(own.audit.actor_name, 'edu');
        assert.equal(own.audit.role, 'unit');
        assert.equal(own.audit.scope, 'EDU');
        assert.equal(own.before.contactPerson, null);
        assert.equal(own.after.contactPerson, '张三');
        assert.deepEqual(
          { person: (await unitRow('EDU'))!.contact_person, phone: (await unitRow('EDU'))!.contact_phone },
          { person: '张三', phone: '0532-85912345' },
        );
      });

      it('lists a unit’s staff to its own staff, leaders and admins only', async () => {
        const staff = expectOk<{ items: { username: string }[] }>(await edu.get('/api/orgs/EDU/users'));
        assert.deepEqual(staff.items.map((u) => u.username).sort(), ['edu', 'lockme']);
        const viaLeader = expectOk<{ items: { username: string }[] }>(await leader.get('/api/orgs/QTS/users'));
        assert.deepEqual(
          viaLeader.items.map((u) => u.username),
          ['qts'],
        );
        expectOk(await admin.get('/api/orgs/370202/users'));
        expectError(await admin.get('/api/orgs/NOPE/users'), 404, 'QC_ERR_ORG_NOT_FOUND');
        // Another unit's code is refused whether or not it exists: no probing.
        expectError(await edu.get('/api/orgs/NOPE/users'), 403, 'QC_ERR_FORBIDDEN');
        const assessor = await t.login('assessor');
        expectError(await assessor.get('/api/orgs/EDU/users'), 403, 'QC_ERR_FORBIDDEN');
        const shinan = await t.login('shinan');
        expectError(await shinan.get('/api/orgs/EDU/users'), 403, 'QC_ERR_FORBIDDEN');
        expectOk(await shinan.get('/api/orgs/370202/users'));
      });

      it('lets a unit read its own audit history but not others’ or the whole log', async () => {
        const own = expectOk<{ items: { action: string; entityId: string }[] }>(
          await edu.get('/api/audit?entityType=org_unit&entityId=EDU'),
        );
        assert.ok(own.items.some((r) => r.action === 'org.contact'));
        assert.ok(own.items.every((r) => r.entityId === 'EDU'));
        expectError(await edu.get('/api/audit?entityType=org_unit&entityId=QTS'), 403, 'QC_ERR_FORBIDDEN');
        expectError(await edu.get('/api/audit'), 403, 'QC_ERR_FORBIDDEN');
        expectError(await edu.get('/api/audit?entityId=EDU'), 403, 'QC_ERR_FORBIDDEN');
        expectOk(await leader.get('/api/audit'));
        expectError(await leader.get('/api/audit/verify'), 403, 'QC_ERR_FORBIDDEN');
      });

      it('refuses every write to the read-only leader and to anonymous callers, writing nothing', async () => {
        const version = (await unitRow('EDU'))!.version;
        const writes: [string, string, unknown][] = [
          ['POST', '/api/orgs', { code: 'LDR', name: '领导新设局', kind: 'muni_dept' }],
          ['PATCH', '/api/orgs/EDU', { version, note: 'x' }],
          ['POST', '/api/orgs/EDU/rename', { name: '市教委', version }],
          ['POST', '/api/orgs/EDU/retire', { validTo: TODAY, version }],
          ['POST', '/api/orgs/EDU/aliases', { alias: '教委' }],
          ['DELETE', '/api/orgs/EDU/aliases/1', undefined],
          ['PATCH', '/api/orgs/EDU/contact', { contactPerson: 'x', contactPhone: null }],
        ];
        for (const [method, url, body] of writes) {
          await refused(() => leader.request(method as 'POST', url, body), 403, 'QC_ERR_FORBIDDEN', 'EDU');
          await refused(() => t.anon.request(method as 'POST', url, body), 401, 'QC_ERR_AUTH_REQUIRED', 'EDU');
          if (method !== 'PATCH' || !url.endsWith('/contact')) {
            await refused(() => edu.request(method as 'POST', url, body), 403, 'QC_ERR_FORBIDDEN', 'EDU');
          }
        }
      });
    });

    describe('maintenance (admin)', () => {
      it('creates a unit: aliases, search and resolution work at once, one audit row', async () => {
        const { body, after } = await write(
          () =>
            admin.post('/api/orgs', {
              code: 'NEWB',
              name: '市新设局',
              kind: 'muni_dept',
              fullName: '青岛市新设管理局',
              parentCode: 'GOV',
              validFrom: '2025-01-01',
              assessed: true,
              aliases: ['新设局', '  '],
            }),
          'org.create',
          'NEWB',
          201,
        );
        assert.equal(body.name, '市新设局');
        assert.equal(body.version, 1);
        assert.deepEqual(
          body.aliases.map((a) => [a.alias, a.source]),
          [
            ['新设局', 'alias'],
            ['青岛市新设管理局', 'full_name'],
          ],
        );
        assert.equal(after.code, 'NEWB');
        assert.equal(after.name, '市新设局');
        assert.deepEqual(codes(expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '新设' } }))), ['NEWB']);
        assert.deepEqual(codes(expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '设' } }))).sort(), [
          'NEWB',
          'UCC',
        ]);
        const resolved = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '青岛市新设管理局' } }));
        assert.equal(resolved.code, 'NEWB');
      });

      it('refuses invalid new units with named codes, writing nothing', async () => {
        const base = { code: 'BAD1', name: '市测试局', kind: 'muni_dept' };
        await refused(() => admin.post('/api/orgs', { ...base, code: 'EDU' }), 409, 'QC_ERR_ORG_CODE_TAKEN');
        await refused(() => admin.post('/api/orgs', { ...base, name: '市教育局' }), 409, 'QC_ERR_ORG_NAME_TAKEN');
        await refused(() => admin.post('/api/orgs', { ...base, parentCode: 'NOPE' }), 400, 'QC_ERR_ORG_PARENT');
        await refused(() => admin.post('/api/orgs', { ...base, parentCode: 'BAD1' }), 400, 'QC_ERR_ORG_PARENT');
        await refused(() => admin.post('/api/orgs', { ...base, validFrom: '2025-02-30' }), 400, 'QC_ERR_ORG_DATES');
        await refused(() => admin.post('/api/orgs', { ...base, kind: 'planet' }), 400, 'QC_ERR_VALIDATION');
        await refused(() => admin.post('/api/orgs', { ...base, divisionCode: '37020' }), 400, 'QC_ERR_VALIDATION');
        await refused(() => admin.post('/api/orgs', { ...base, code: 'a b' }), 400, 'QC_ERR_VALIDATION');
        await refused(() => admin.post('/api/orgs', { ...base, name: '' }), 400, 'QC_ERR_VALIDATION');
        await refused(() => admin.post('/api/orgs', { ...base, name: '市\n测试局' }), 400, 'QC_ERR_VALIDATION');
        await refused(() => admin.post('/api/orgs', { ...base, version: 1 }), 400, 'QC_ERR_VALIDATION');
        await refused(() => admin.post('/api/orgs', { ...base, assessed: 'yes' }), 400, 'QC_ERR_VALIDATION');
        // A retired unit's name is free again.
        await write(
          () => admin.post('/api/orgs', { ...base, code: 'SIFANG2', name: '四方区', kind: 'district' }),
          'org.create',
          'SIFANG2',
          201,
        );
      });

      it('answers 409, never 500, when two admins create the same code at once', async () => {
        const head = await auditHead(t.db);
        const results = await Promise.all([
          admin.post('/api/orgs', { code: 'TWIN', name: '市双胞局', kind: 'muni_dept' }),
          admin.post('/api/orgs', { code: 'TWIN', name: '市双生局', kind: 'muni_dept' }),
        ]);
        assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
        assert.equal(results.find((r) => r.statusCode === 409)!.json().code, 'QC_ERR_ORG_CODE_TAKEN');
        const rows = await t.db.selectFrom('org_units').select('name').where('code', '=', 'TWIN').execute();
        assert.equal(rows.length, 1);
        assert.deepEqual(
          (await auditRowsAfter(t.db, head)).map((r) => [r.action, r.entity_id]),
          [['org.create', 'TWIN']],
        );
      });

      it('updates descriptive fields with a version check: stale versions answer 409', async () => {
        const first = await write(
          () => admin.patch('/api/orgs/NEWB', { version: 1, note: '2025 年新设', assessed: false }),
          'org.update',
          'NEWB',
        );
        assert.equal(first.body.version, 2);
        assert.equal(first.body.note, '2025 年新设');
        assert.equal(first.before.note, null);
        assert.equal(first.after.note, '2025 年新设');
        assert.equal(first.before.assessed, true);
        assert.equal(first.after.assessed, false);
        await refused(
          () => admin.patch('/api/orgs/NEWB', { version: 1, note: '旧版本' }),
          409,
          'QC_ERR_CONFLICT',
          'NEWB',
        );
        await refused(
          () => admin.patch('/api/orgs/NEWB', { version: 3, note: '未来版本' }),
          409,
          'QC_ERR_CONFLICT',
          'NEWB',
        );
        await refused(() => admin.patch('/api/orgs/NOPE', { version: 1, note: 'x' }), 404, 'QC_ERR_ORG_NOT_FOUND');
        await refused(
          () => admin.patch('/api/orgs/GOV', { version: 1, parentCode: 'NEWB' }),
          400,
          'QC_ERR_ORG_PARENT',
          'GOV',
        );
        await refused(
          () => admin.patch('/api/orgs/NEWB', { version: 2, parentCode: 'NEWB' }),
          400,
          'QC_ERR_ORG_PARENT',
          'NEWB',
        );
        await refused(
          () => admin.patch('/api/orgs/NEWB', { version: 2, name: '改名' }),
          400,
          'QC_ERR_VALIDATION',
          'NEWB',
        );
        await refused(
          () => admin.patch('/api/orgs/NEWB', { version: 2, validFrom: '2025-13-01' }),
          400,
          'QC_ERR_ORG_DATES',
          'NEWB',
        );
        await refused(
          () => admin.patch('/api/orgs/NEWB', { version: 2, note: 'x'.repeat(501) }),
          400,
          'QC_ERR_VALIDATION',
          'NEWB',
        );
        await refused(() => admin.patch('/api/orgs/NEWB', { note: 'no version' }), 400, 'QC_ERR_VALIDATION', 'NEWB');
        const cleared = await write(
          () => admin.patch('/api/orgs/NEWB', { version: 2, note: null, parentCode: null }),
          'org.update',
          'NEWB',
        );
        assert.equal(cleared.body.note, null);
        assert.equal(cleared.body.parentCode, null);
        assert.equal(cleared.body.version, 3);
      });

      it('lets exactly one of two concurrent edits of the same version through', async () => {
        const version = (await unitRow('NEWB'))!.version;
        const head = await auditHead(t.db);
        const results = await Promise.all([
          admin.patch('/api/orgs/NEWB', { version, note: '甲' }),
          admin.patch('/api/orgs/NEWB', { version, note: '乙' }),
        ]);
        const statuses = results.map((r) => r.statusCode).sort();
        assert.deepEqual(statuses, [200, 409]);
        assert.equal(results.find((r) => r.statusCode === 409)!.json().code, 'QC_ERR_CONFLICT');
        const winner = results.find((r) => r.statusCode === 200)!.json() as OrgDto;
        assert.equal((await unitRow('NEWB'))!.note, winner.note);
        assert.equal((await auditRowsAfter(t.db, head)).length, 1);
      });

      it('renames: the old name becomes a former_name alias that still resolves and is found', async () => {
        const version = (await unitRow('NEWB'))!.version;
        await refused(
          () => admin.post('/api/orgs/NEWB/rename', { name: '市教育局', version }),
          409,
          'QC_ERR_ORG_NAME_TAKEN',
          'NEWB',
        );
        await refused(
          () => admin.post('/api/orgs/NEWB/rename', { name: '市更新局', version: version - 1 }),
          409,
          'QC_ERR_CONFLICT',
          'NEWB',
        );
        await refused(
          () => admin.post('/api/orgs/NEWB/rename', { name: '', version }),
          400,
          'QC_ERR_VALIDATION',
          'NEWB',
        );
        const { body, before, after } = await write(
          () => admin.post('/api/orgs/NEWB/rename', { name: '市更新局', version }),
          'org.rename',
          'NEWB',
        );
        assert.equal(body.name, '市更新局');
        assert.equal(before.name, '市新设局');
        assert.equal(after.name, '市更新局');
        assert.ok(body.aliases.some((a) => a.alias === '市新设局' && a.source === 'former_name'));
        const old = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '市新设局' } }));
        assert.deepEqual([old.kind, old.code, old.name, old.via], ['unit', 'NEWB', '市更新局', 'alias']);
        const variant = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '青岛市新设局' } }));
        assert.equal(variant.code, 'NEWB');
        assert.deepEqual(codes(expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '更新' } }))), ['NEWB']);
        assert.deepEqual(codes(expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '新设局' } }))), ['NEWB']);
        // The old name is free for another unit now.
        await write(
          () => admin.post('/api/orgs', { code: 'NEWC', name: '市新设局', kind: 'muni_dept' }),
          'org.create',
          'NEWC',
          201,
        );
      });

      it('adds and removes aliases, keeping search in step', async () => {
        const added = await write(
          () => admin.post('/api/orgs/EDU/aliases', { alias: '教体局' }),
          'org.alias.add',
          'EDU',
        );
        const alias = added.body.aliases.find((a) => a.alias === '教体局');
        assert.ok(alias);
        assert.equal(alias.source, 'alias');
        assert.ok(!added.before.aliases.some((a: { alias: string }) => a.alias === '教体局'));
        assert.ok(added.after.aliases.some((a: { alias: string }) => a.alias === '教体局'));
        assert.deepEqual(codes(expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '教体' } }))), ['EDU']);
        assert.equal(expectOk(await edu.get('/api/orgs/resolve', { query: { name: '教体局' } })).code, 'EDU');

        await refused(() => admin.delete(`/api/orgs/QTS/aliases/${alias.id}`), 404, 'QC_ERR_NOT_FOUND', 'EDU');
        await refused(() => admin.delete('/api/orgs/EDU/aliases/999999'), 404, 'QC_ERR_NOT_FOUND', 'EDU');
        await refused(() => admin.post('/api/orgs/EDU/aliases', { alias: '   ' }), 400, 'QC_ERR_VALIDATION', 'EDU');
        await refused(() => admin.post('/api/orgs/NOPE/aliases', { alias: '无' }), 404, 'QC_ERR_ORG_NOT_FOUND');

        const removed = await write(() => admin.delete(`/api/orgs/EDU/aliases/${alias.id}`), 'org.alias.remove', 'EDU');
        assert.ok(!removed.body.aliases.some((a) => a.alias === '教体局'));
        assert.equal(expectOk<OrgPage>(await edu.get('/api/orgs', { query: { q: '教体' } })).total, 0);
        assert.equal(expectOk(await edu.get('/api/orgs/resolve', { query: { name: '教体局' } })).kind, 'unresolved');
      });

      it('treats saving what is already there as no change: same version, no audit row', async () => {
        const before = (await unitRow('EDU'))!;
        const head = await auditHead(t.db);
        const existing = expectOk<OrgDto>(await admin.get('/api/orgs/EDU')).aliases[0]!.alias;
        const same = [
          await admin.post('/api/orgs/EDU/rename', { name: before.name, version: before.version }),
          await admin.post('/api/orgs/EDU/aliases', { alias: existing }),
          await admin.patch('/api/orgs/EDU', { version: before.version, fullName: before.full_name }),
        ];
        for (const res of same) assert.equal(expectOk<OrgDto>(res).version, Number(before.version));
        assert.deepEqual(await unitRow('EDU'), before);
        assert.equal(await auditHead(t.db), head);
      });

      it('retires a unit with a successor; documents after that date resolve with SUPERSEDED', async () => {
        const version = (await unitRow('NEWC'))!.version;
        await refused(
          () => admin.post('/api/orgs/NEWC/retire', { validTo: '2025-03-01', successorCode: 'NEWC', version }),
          400,
          'QC_ERR_ORG_SUCCESSOR',
          'NEWC',
        );
        await refused(
          () => admin.post('/api/orgs/NEWC/retire', { validTo: '2025-03-01', successorCode: 'NOPE', version }),
          400,
          'QC_ERR_ORG_SUCCESSOR',
          'NEWC',
        );
        await refused(
          () => admin.post('/api/orgs/NEWC/retire', { validTo: '2025-02-29', version }),
          400,
          'QC_ERR_ORG_DATES',
          'NEWC',
        );
        await refused(
          () => admin.post('/api/orgs/NEWC/retire', { validTo: '2025-03-01', version: version + 1 }),
          409,
          'QC_ERR_CONFLICT',
          'NEWC',
        );
        const newb = (await unitRow('NEWB'))!;
        await refused(
          () => admin.post('/api/orgs/NEWB/retire', { validTo: '2024-12-31', version: Number(newb.version) }),
          400,
          'QC_ERR_ORG_DATES',
          'NEWB',
        );

        const { body, before, after } = await write(
          () => admin.post('/api/orgs/NEWC/retire', { validTo: '2025-03-01', successorCode: 'NEWB', version }),
          'org.retire',
          'NEWC',
        );
        assert.equal(body.validTo, '2025-03-01');
        assert.equal(body.successorCode, 'NEWB');
        assert.equal(before.validTo, null);
        assert.equal(after.validTo, '2025-03-01');
        await refused(
          () => admin.post('/api/orgs/NEWC/retire', { validTo: '2025-03-02', version: body.version }),
          409,
          'QC_ERR_ORG_RETIRED',
          'NEWC',
        );

        // 市新设局 is NEWC's name and NEWB's former name: the exact name wins, flagged with its successor.
        const later = expectOk(await edu.get('/api/orgs/resolve', { query: { name: '市新设局' } }));
        assert.deepEqual([later.code, later.warnings, later.successorCode], ['NEWC', ['SUPERSEDED'], 'NEWB']);
        const onDate = expectOk(
          await edu.get('/api/orgs/resolve', { query: { name: '市新设局', date: '2025-02-01' } }),
        );
        assert.deepEqual([onDate.code, onDate.warnings], ['NEWC', []]);
        const retired = expectOk<OrgPage>(await edu.get('/api/orgs?status=retired&pageSize=100'));
        assert.ok(codes(retired).includes('NEWC'));
        assert.ok(!codes(expectOk<OrgPage>(await edu.get('/api/orgs?status=current&pageSize=100'))).includes('NEWC'));
      });

      it('validates contact edits and lets the admin edit any unit’s contact', async () => {
        await refused(
          () => edu.patch('/api/orgs/EDU/contact', { contactPerson: '张三', contactPhone: 'call me' }),
          400,
          'QC_ERR_VALIDATION',
          'EDU',
        );
        await refused(
          () => edu.patch('/api/orgs/EDU/contact', { contactPerson: '张三' }),
          400,
          'QC_ERR_VALIDATION',
          'EDU',
        );
        await refused(
          () => edu.patch('/api/orgs/EDU/contact', { contactPerson: 'x'.repeat(51), contactPhone: null }),
          400,
          'QC_ERR_VALIDATION',
          'EDU',
        );
        await refused(
          () => admin.patch('/api/orgs/NOPE/contact', { contactPerson: 'x', contactPhone: null }),
          404,
          'QC_ERR_ORG_NOT_FOUND',
        );
        const cleared = await write(
          () => admin.patch('/api/orgs/EDU/contact', { contactPerson: '  ', contactPhone: null }),
          'org.contact',
          'EDU',
        );
        assert.equal(cleared.body.contactPerson, null);
        assert.equal(cleared.before.contactPerson, '张三');
      });

      it('keeps the audit chain intact across every write', async () => {
        const verify = expectOk(await admin.get('/api/audit/verify'));
        const count = (await rowCounts(t.db)).audit_log;
        assert.deepEqual(verify, { ok: true, checked: count, brokenSeq: null });
        const history = expectOk<{ items: { action: string }[]; total: number }>(
          await admin.get('/api/audit?entityType=org_unit&entityId=NEWB&pageSize=100'),
        );
        assert.deepEqual(history.items.map((r) => r.action).reverse(), [
          'org.create',
          'org.update',
          'org.update',
          'org.update',
          'org.rename',
        ]);
      });

      it('names the tampered row once someone edits the audit log directly (done-when)', async () => {
        if (dialect === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(t.db);
        else await sql`drop trigger audit_log_no_change on audit_log`.execute(t.db);
        const row = await t.db
          .selectFrom('audit_log')
          .select(['seq'])
          .where('entity_id', '=', 'EDU')
          .where('action', '=', 'org.contact')
          .orderBy('seq')
          .limit(1)
          .executeTakeFirstOrThrow();
        await t.db.updateTable('audit_log').set({ actor_name: 'admin' }).where('seq', '=', row.seq).execute();
        const verify = expectOk(await admin.get('/api/audit/verify'));
        assert.equal(verify.ok, false);
        assert.equal(verify.brokenSeq, Number(row.seq));
        assert.equal(verify.checked, Number(row.seq) - 1);
      });
    });
  });
}
