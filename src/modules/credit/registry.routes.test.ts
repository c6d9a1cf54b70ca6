import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, expectError, expectOk, expectRefused, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { multipartBody } from '../../../test/support/file-fixtures.js';
import { systemContext } from '../../core/context.js';
import { generateRegistry } from './gen/generate.js';

const HEADER = '统一社会信用代码,企业名称,曾用名,法定代表人,住所,登记状态,成立日期,注册资本(元)';
// The search fixture of credit.md §7.4, with valid synthetic codes.
const FIXTURE = [
  HEADER,
  '91370205MA3C000035,青岛海润食品有限公司,,张海润,山东省青岛市市北区山东路2号,存续,2012-03-04,1000000',
  '91370282MA3C0002X8,海润（青岛）贸易有限公司,,李四,山东省青岛市即墨区鹤山路5号,存续,2013-05-06,',
  'N2370211MA3C12346Y,青岛润海机械厂,青岛旧名工贸有限公司@2014-01-01,王五,山东省青岛市黄岛区长江中路9号,注销,2001-01-02,',
].join('\n');

const GBK_HEX =
  'd7a2b2e1bac52cc6f3d2b5c3fbb3c62cb5c7bcc7d7b4ccac0a3337303230303031383030303030302cbdbad6ddb2e2cad430' +
  'bac5c6f3d2b5d3d0cfdeb9abcbbe2cb4e6d0f80a3337303230303031383030303030312cbdbad6ddb2e2cad431bac5c6f3d2' +
  'b5d3d0cfdeb9abcbbe2cb4e6d0f80a3337303230303031383030303030322cbdbad6ddb2e2cad432bac5c6f3d2b5d3d0cfde' +
  'b9abcbbe2cb4e6d0f80a3337303230303031383030303030332cbdbad6ddb2e2cad433bac5c6f3d2b5d3d0cfdeb9abcbbe2c' +
  'b4e6d0f80a3337303230303031383030303030342cbdbad6ddb2e2cad434bac5c6f3d2b5d3d0cfdeb9abcbbe2cb4e6d0f80a' +
  '3337303230303031383030303030352cbdbad6ddb2e2cad435bac5c6f3d2b5d3d0cfdeb9abcbbe2cb4e6d0f80a3337303230' +
  '303031383030303030362cbdbad6ddb2e2cad436bac5c6f3d2b5d3d0cfdeb9abcbbe2cb4e6d0f80a';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-registry-'));
function file(name: string, text: string | Buffer): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
}

for (const dialect of DIALECTS) {
  describe(`enterprise registry (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { env: { QCITY_PUBLIC_RATE_LIMIT: '0', QCITY_SEARCH_COUNT_CAP: '100' } });
      await generateRegistry(t.services.core, { seed: 11, count: 150 });
      await t.services.registryImport.run(systemContext('cli', 'test'), file('fixture.csv', FIXTURE), { system: true });
    });
    after(async () => {
      assert.deepEqual(t.serverErrors, []);
      await t.close();
    });

    const names = async (q: string, extra = '') => {
      const body = expectOk(await t.anon.get(`/api/public/enterprises?q=${encodeURIComponent(q)}${extra}`));
      return (body.items as { name: string }[]).map((i) => i.name);
    };

    it('finds 1-, 2- and longer substrings exactly (§7.4 fixture), exact and prefix names first', async () => {
      const hr = await names('海润', '&pageSize=200');
      assert.ok(hr.includes('青岛海润食品有限公司') && hr.includes('海润（青岛）贸易有限公司'));
      assert.ok(!hr.includes('青岛润海机械厂'));
      assert.ok(hr.every((n) => n.includes('海润')));
      const qd = await names('青岛润海机械');
      assert.deepEqual(qd, ['青岛润海机械厂']);
      assert.deepEqual(await names('岛贸'), []);
      const island = await names('岛海');
      assert.ok(island.includes('青岛海润食品有限公司'));
      assert.ok(!island.includes('海润（青岛）贸易有限公司'));
      assert.deepEqual(await names('青岛旧名'), ['青岛润海机械厂'], 'former names are searchable');
      const exact = await names('海润（青岛）贸易有限公司');
      assert.equal(exact[0], '海润（青岛）贸易有限公司');
      const one = expectOk(await t.anon.get(`/api/public/enterprises?q=${encodeURIComponent('厂')}&pageSize=200`));
      assert.ok(one.items.every((i: { name: string }) => i.name.includes('厂')));
    });

    it('reads codes: 18 characters exact with the explanation, 6–17 a prefix; legal representative exact', async () => {
      const full = expectOk(await t.anon.get('/api/public/enterprises?q=91370205-MA3C00003-5'));
      assert.equal(full.mode, 'uscc');
      assert.deepEqual(
        full.items.map((i: { name: string }) => i.name),
        ['青岛海润食品有限公司'],
      );
      assert.equal(full.code.valid, true);
      assert.equal(full.code.parts.districtName, '市北区');
      const prefix = expectOk(await t.anon.get('/api/public/enterprises?q=N2370211MA3'));
      assert.equal(prefix.mode, 'prefix');
      assert.deepEqual(
        prefix.items.map((i: { name: string }) => i.name),
        ['青岛润海机械厂'],
      );
      assert.deepEqual(await names('张海润'), ['青岛海润食品有限公司']);
      const explain = expectOk(await t.anon.get('/api/public/credit-code?code=91350100M000100Y44'));
      assert.equal(explain.valid, false);
      assert.equal(explain.errors[0].code, 'USCC_CHECKSUM');
    });

    it('facets, filters and paging to the last result; totals capped at the configured count', async () => {
      const all = expectOk(await t.anon.get('/api/public/enterprises?pageSize=10'));
      assert.equal(all.totalCapped, true);
      assert.equal(all.total, 100);
      assert.equal(all.facets, null);
      const some = expectOk(await t.anon.get(`/api/public/enterprises?q=${encodeURIComponent('青岛')}&pageSize=7`));
      assert.equal(some.totalCapped, false);
      const lastPage = Math.ceil(some.total / 7);
      const last = expectOk(
        await t.anon.get(`/api/public/enterprises?q=${encodeURIComponent('青岛')}&pageSize=7&page=${lastPage}`),
      );
      assert.equal(last.items.length, some.total - 7 * (lastPage - 1));
      const district = some.facets.district[0].value;
      const filtered = expectOk(
        await t.anon.get(`/api/public/enterprises?q=${encodeURIComponent('青岛')}&district=${district}`),
      );
      assert.equal(filtered.total, some.facets.district[0].count);
      const gone = expectOk(
        await t.anon.get(`/api/public/enterprises?q=${encodeURIComponent('润海')}&status=deregistered`),
      );
      assert.ok(
        gone.items.some((i: { name: string }) => i.name === '青岛润海机械厂'),
        'deregistered entities stay searchable',
      );
    });

    it('public pages show no internal fields; government views need a login', async () => {
      const hit = expectOk(await t.anon.get('/api/public/enterprises?q=91370205MA3C000035')).items[0];
      const pub = expectOk(await t.anon.get(`/api/public/enterprises/${hit.id}`));
      assert.equal(pub.name, '青岛海润食品有限公司');
      assert.equal('riskClass' in pub, false);
      expectError(await t.anon.get(`/api/enterprises/${hit.id}`), 401, 'QC_ERR_AUTH_REQUIRED');
      const unit = await t.login('qts');
      const full = expectOk(await unit.get(`/api/enterprises/${hit.id}`));
      assert.equal(full.registeredCapitalFen, 100000000);
      expectError(await t.anon.get('/api/public/enterprises/999999'), 404, 'QC_ERR_ENTERPRISE_NOT_FOUND');
    });

    it('web import: upload, background run, reject file, changes versioned; bad files change nothing', async () => {
      const admin = await t.login('admin');
      const csv = [
        HEADER,
        '91370205MA3C000035,青岛海润食品股份有限公司,,张海润,山东省青岛市市北区山东路2号,存续,2012-03-04,1000000',
        '91350100M000100Y44,坏代码公司,,李四,,存续,,',
        '91370200163562681G,,,,,,,',
      ].join('\n');
      const upload = (name: string, data: Buffer | string, query = '') => {
        const { body, contentType } = multipartBody([{ name: 'file', filename: name, data: Buffer.from(data) }]);
        return admin.post(`/api/enterprises/imports${query}`, undefined, {
          raw: body,
          headers: { 'content-type': contentType },
        });
      };
      const job = expectOk(await upload('gbk.csv', new Uint8Array(new TextEncoder().encode(csv)) as Buffer), 202);
      await t.services.registryImport.settled(job.id);
      const done = expectOk(await admin.get(`/api/enterprises/imports/${job.id}`));
      assert.equal(done.status, 'completed');
      assert.deepEqual([done.updated, done.rejected], [1, 2]);
      const rejects = await admin.get(`/api/enterprises/imports/${job.id}/rejects.csv`);
      assert.equal(rejects.statusCode, 200);
      assert.match(rejects.body, /^\uFEFFline,field,code,severity,message\n3,uscc,USCC_CHECKSUM,error,/);
      assert.match(rejects.body, /4,name,ROW_NAME_MISSING/);
      const id = expectOk(await t.anon.get('/api/public/enterprises?q=91370205MA3C000035')).items[0].id;
      const changes = expectOk(await admin.get(`/api/enterprises/${id}/changes`));
      assert.deepEqual(
        changes.map((c: { field: string }) => c.field),
        ['name'],
      );
      assert.equal(changes[0].oldValue, '青岛海润食品有限公司');
      assert.deepEqual(
        await names('海润食品股份'),
        ['青岛海润食品股份有限公司'],
        'the search index follows the rename',
      );

      await expectRefused(t.db, () => upload('x.csv', '名称\n青岛\n'), 400, 'QC_ERR_REGISTRY_IMPORT_MISSING_COLUMN');
      await expectRefused(
        t.db,
        () => upload('x.csv', Buffer.from([0xff, 0xfe, 0x41, 0x00])),
        400,
        'QC_ERR_REGISTRY_IMPORT_ENCODING',
      );
      await expectRefused(
        t.db,
        () => upload('x.csv', '统一社会信用代码,企业名称,名称\n91370205MA3C000035,甲,乙\n'),
        400,
        'QC_ERR_REGISTRY_IMPORT_DUPLICATE_COLUMN',
      );
      const unit = await t.login('qts');
      const { body, contentType } = multipartBody([{ name: 'file', filename: 'a.csv', data: Buffer.from(csv) }]);
      await expectRefused(
        t.db,
        () => unit.post('/api/enterprises/imports', undefined, { raw: body, headers: { 'content-type': contentType } }),
        403,
        'QC_ERR_FORBIDDEN',
      );
    });

    it('web import: a finished dry run is committed from its stored file, without a second upload', async () => {
      const admin = await t.login('admin');
      const csv = [HEADER, '91370282MA3C0002X8,即墨试导入机械有限公司,,赵六,山东省青岛市即墨区蓝鳌路1号,存续,,'].join(
        '\n',
      );
      const { body, contentType } = multipartBody([{ name: 'file', filename: 'dry.csv', data: Buffer.from(csv) }]);
      const dry = expectOk(
        await admin.post('/api/enterprises/imports?dryRun=true', undefined, {
          raw: body,
          headers: { 'content-type': contentType },
        }),
        202,
      );
      await t.services.registryImport.settled(dry.id);
      assert.deepEqual(await names('即墨试导入'), [], 'a dry run writes no enterprise');
      const commit = expectOk(await admin.post(`/api/enterprises/imports/${dry.id}/commit`), 202);
      assert.notEqual(commit.id, dry.id);
      assert.equal(commit.dryRun, false);
      await t.services.registryImport.settled(commit.id);
      assert.deepEqual(await names('即墨试导入'), ['即墨试导入机械有限公司']);
      // Only a finished dry run can be committed; others are refused and write nothing.
      await expectRefused(
        t.db,
        () => admin.post(`/api/enterprises/imports/${commit.id}/commit`),
        409,
        'QC_ERR_REGISTRY_IMPORT_NOT_COMMITTABLE',
      );
      await expectRefused(
        t.db,
        () => admin.post('/api/enterprises/imports/999999/commit'),
        404,
        'QC_ERR_REGISTRY_IMPORT_JOB_NOT_FOUND',
      );
      const unit = await t.login('qts');
      await expectRefused(t.db, () => unit.post(`/api/enterprises/imports/${dry.id}/commit`), 403, 'QC_ERR_FORBIDDEN');
    });

    it('CLI import: GBK detected, dry run writes no enterprise, a killed job resumes after its last batch', async () => {
      // 注册号,企业名称,登记状态 and seven 胶州测试N号企业有限公司 rows, encoded in GB18030 (GBK).
      const gbk = file('gbk.csv', Buffer.from(GBK_HEX, 'hex'));
      const svc = t.services.registryImport;
      const ctx = systemContext('cli', 'test');
      const before = await t.db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const dry = await svc.run(ctx, gbk, { system: true, dryRun: true });
      assert.equal(dry.inserted, 7);
      const mid = await t.db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(mid.n), Number(before.n), 'a dry run writes no enterprise');
      let batches = 0;
      await assert.rejects(
        svc.run(ctx, gbk, {
          system: true,
          batchSize: 3,
          onProgress: () => {
            batches += 1;
            if (batches === 2) throw new Error('killed');
          },
        }),
      );
      const failed = await t.db
        .selectFrom('import_jobs')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      assert.equal(failed.status, 'failed');
      assert.equal(Number(failed.checkpoint_row), 6);
      const resumed = await svc.run(ctx, gbk, { system: true, resumeJobId: Number(failed.id) });
      assert.equal(resumed.status, 'completed');
      assert.equal(Number(resumed.inserted), 7);
      await assert.rejects(svc.run(ctx, gbk, { system: true, resumeJobId: Number(failed.id) }), /cannot be resumed/);
      assert.equal(resumed.encoding, 'gb18030');
      assert.deepEqual(await names('胶州测试3'), ['胶州测试3号企业有限公司']);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`public registry rate limit (${dialect})`, { timeout: 60_000 }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { env: { QCITY_PUBLIC_RATE_LIMIT: '3' } });
    });
    after(async () => t.close());

    it('answers 429 with Retry-After after the anonymous per-IP limit; signed-in users are not limited', async () => {
      for (let i = 0; i < 3; i++) expectOk(await t.anon.get('/api/public/enterprises?q=x'));
      const limited = await t.anon.get('/api/public/enterprises?q=x');
      expectError(limited, 429, 'QC_ERR_RATE_LIMITED');
      assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After in seconds');
      const admin = await t.login('admin');
      expectOk(await admin.get('/api/public/enterprises?q=x'));
    });
  });
}

describe('qcity credit check-code', () => {
  it('prints one JSON line per code and exits 2 when one is invalid', async () => {
    const { qcityInProcess } = await import('../../../test/support/cli.js');
    const r = await qcityInProcess([
      'credit',
      'check-code',
      '91350100M000100Y43',
      '91350100M0001TGQXM',
      '9137020016356268',
    ]);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [
        l.code,
        l.valid,
        l.errors.map((e: { code: string }) => e.code),
        l.warnings.map((w: { code: string }) => w.code),
      ]),
      [
        ['91350100M000100Y43', true, [], []],
        ['91350100M0001TGQXM', true, [], ['USCC_LEGACY_PILOT_CODE']],
        ['9137020016356268', false, ['USCC_LENGTH'], []],
      ],
    );
    assert.equal(lines[0].parts.regionName, '福州市');
    assert.equal(r.code, 2);
  });
});
