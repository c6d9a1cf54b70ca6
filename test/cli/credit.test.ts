import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { qcityInProcess } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { DIALECTS } from '../support/dialects.js';

for (const dialect of DIALECTS) {
  describe(`qcity credit commands (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestDatabase;
    let dir: string;
    const qcity = (args: string[]) =>
      qcityInProcess(args, { QCITY_DATABASE_URL: t.url, QCITY_DEMO: 'false', QCITY_LOG_LEVEL: 'silent' });

    before(async () => {
      t = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-credit-cli-'));
    });
    after(async () => {
      await t.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('gen writes a deterministic registry with credit data; regrade grades every enterprise', async () => {
      const gen = await qcity(['gen', '--count', '300', '--seed', '7']);
      assert.equal(gen.code, 0, gen.stderr);
      const generated = JSON.parse(gen.stdout.trim().split('\n').at(-1)!);
      assert.equal(generated.seed, 7);
      const n = await t.db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 300);

      const regrade = await qcity(['credit', 'regrade', '--as-of', '2015-10-15', '--json']);
      assert.equal(regrade.code, 0, regrade.stderr);
      const run = JSON.parse(regrade.stdout);
      assert.equal(run.status, 'completed');
      assert.equal(run.processed, 300);
      const ungraded = await t.db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('grade', 'is', null)
        .executeTakeFirstOrThrow();
      assert.equal(Number(ungraded.n), 0);
      // A second run on the same day changes nothing.
      const again = JSON.parse((await qcity(['credit', 'regrade', '--as-of', '2015-10-15', '--json'])).stdout);
      assert.equal(again.changed, 0);
    });

    it('enterprises import: a dry run writes no enterprise, the commit adds the valid rows and rejects the bad one', async () => {
      const file = path.join(dir, 'register.csv');
      fs.writeFileSync(
        file,
        '\uFEFFuscc,name,legal_rep,district_code,status\n' +
          '91370200163562681G,青岛测试机械有限公司,王明,370202,active\n' +
          '91350100M000100Y44,校验码错误的企业,李四,370203,active\n',
      );
      const before = await t.db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      // Exit code 3: the file was read, but rows were rejected (see the reject file).
      const dry = await qcity(['enterprises', 'import', file, '--dry-run', '--json']);
      assert.equal(dry.code, 3, dry.stderr);
      const after = await t.db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
      const commit = await qcity(['enterprises', 'import', file, '--json']);
      assert.equal(commit.code, 3, commit.stderr);
      const job = JSON.parse(commit.stdout);
      assert.deepEqual([job.inserted, job.rejected], [1, 1]);
      const row = await t.db
        .selectFrom('enterprises')
        .select('name')
        .where('uscc', '=', '91370200163562681G')
        .executeTakeFirst();
      assert.equal(row?.name, '青岛测试机械有限公司');
    });
  });
}
