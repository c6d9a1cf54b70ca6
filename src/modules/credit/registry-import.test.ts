import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, expectOk, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { systemContext } from '../../core/context.js';
import { generatedUscc } from './gen/generate.js';

// A first import into an empty registry takes the fast path (search index suspended, secondary indexes
// rebuilt after the load, repeats found by the unique index): the same guarantees as the ordinary path.
const HEADER = '统一社会信用代码,企业名称,法定代表人,住所,登记状态,成立日期,注册资本(元)';
const codes = Array.from({ length: 6 }, (_, i) => generatedUscc(i, 5, '370202'));
const lines = (names: string[]) =>
  [
    HEADER,
    ...names.map((n, i) => `${codes[i % 5]},${n},张三,山东省青岛市市南区香港中路${i + 1}号,存续,2010-01-0${i + 1},100`),
  ].join('\n');
// Line 7 (the sixth row) repeats the first row's code: a duplicate found in a later batch.
const NAMES = [
  '快载一号有限公司',
  '快载二号有限公司',
  '快载三号有限公司',
  '快载四号有限公司',
  '快载五号有限公司',
  '快载重复有限公司',
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-fastload-'));
function file(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
}

for (const dialect of DIALECTS) {
  describe(`registry fast first load (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { env: { QCITY_PUBLIC_RATE_LIMIT: '0' } });
    });
    after(async () => {
      assert.deepEqual(t.serverErrors, []);
      await t.close();
    });

    const names = async (q: string) => {
      const body = expectOk(await t.anon.get(`/api/public/enterprises?q=${encodeURIComponent(q)}`));
      return (body.items as { name: string }[]).map((i) => i.name).sort();
    };

    it('a killed first load leaves its committed rows searchable, resumes, and rejects a later repeat', async () => {
      const svc = t.services.registryImport;
      const ctx = systemContext('cli', 'test');
      const csv = file('first.csv', lines(NAMES));
      let batches = 0;
      await assert.rejects(
        svc.run(ctx, csv, {
          system: true,
          batchSize: 2,
          onProgress: () => {
            batches += 1;
            if (batches === 2) throw new Error('killed');
          },
        }),
      );
      // The failed run restored the index on its way out: the four committed rows are found.
      assert.deepEqual(
        await names('快载'),
        ['快载一号有限公司', '快载二号有限公司', '快载四号有限公司', '快载三号有限公司'].sort(),
      );
      const failed = await t.db.selectFrom('import_jobs').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      const resumed = await svc.run(ctx, csv, { system: true, batchSize: 2, resumeJobId: Number(failed.id) });
      assert.equal(resumed.status, 'completed');
      assert.equal(Number(resumed.inserted), 5);
      assert.equal(Number(resumed.rejected), 1);
      const rejects = await t.db.selectFrom('import_rejects').selectAll().where('job_id', '=', failed.id).execute();
      assert.deepEqual(
        rejects.map((r) => [r.line, r.code]),
        [[7, 'ROW_DUPLICATE_IN_FILE']],
      );
      assert.deepEqual(await names('快载'), NAMES.slice(0, 5).sort());
      assert.deepEqual(await names('五号'), ['快载五号有限公司']);
      // Exact legal-representative search needs its index back.
      assert.equal((await names('张三')).length, 5);
    });

    it('a second import of the registry takes the ordinary path: unchanged rows, versioned changes', async () => {
      const svc = t.services.registryImport;
      const ctx = systemContext('cli', 'test');
      const renamed = NAMES.slice(0, 5).map((n, i) => (i === 1 ? '快载改名有限公司' : n));
      const job = await svc.run(ctx, file('second.csv', lines(renamed)), { system: true });
      assert.equal(Number(job.inserted), 0);
      assert.equal(Number(job.updated), 1);
      assert.equal(Number(job.unchanged), 4);
      assert.deepEqual(await names('二号'), []);
      assert.deepEqual(await names('改名'), ['快载改名有限公司']);
      const changes = await t.db.selectFrom('enterprise_changes').select(['field', 'old_value', 'new_value']).execute();
      assert.deepEqual(changes, [{ field: 'name', old_value: '快载二号有限公司', new_value: '快载改名有限公司' }]);
    });
  });
}
