import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { bulkUpdater } from './bulk-update.js';
import { rawRows } from './raw-rows.js';

for (const dialect of DIALECTS) {
  describe(`bulk updates and raw reads (${dialect})`, { timeout: 60_000 }, () => {
    let tdb: TestDatabase;
    let ids: number[];
    before(async () => {
      tdb = await createTestDatabase(dialect);
      // More rows than one grouped SQLite statement holds, and a remainder updated row by row.
      const now = '2016-06-30T00:00:00.000Z';
      const rows = Array.from({ length: 123 }, (_, i) => ({
        name: `企业${i}`,
        former_names: '[]',
        status: 'active',
        code_warnings: '',
        source: 'test',
        demo: 0,
        list_flags: '',
        search_text: `企业${i}`,
        search_terms: '企业',
        created_at: now,
        updated_at: now,
        version: 1,
      }));
      const back = await tdb.db.insertInto('enterprises').values(rows).returning('id').execute();
      ids = back.map((r) => Number(r.id)).sort((a, b) => a - b);
    });
    after(async () => {
      await tdb?.drop();
    });

    it('updates every given row with its values and the constants, and nothing else', async () => {
      const at = '2016-06-30T02:00:00.000Z';
      const updater = bulkUpdater(
        tdb,
        'enterprises',
        [
          { name: 'score', pgType: 'integer' },
          { name: 'grade', pgType: 'text' },
        ],
        { scorecard_version: "v'1", graded_at: at },
      );
      const changed = ids.slice(0, 120);
      await tdb.db.transaction().execute((trx) =>
        updater.update(
          trx,
          changed.map((id, i) => [id, 1000 + i, i % 2 ? 'A' : null]),
        ),
      );
      const q = tdb.db
        .selectFrom('enterprises')
        .select(['id', 'score', 'grade', 'scorecard_version', 'graded_at'])
        .orderBy('id');
      const rows = await rawRows<[number, number | null, string | null, string | null, string | null]>(tdb, tdb.db, q);
      assert.equal(rows.length, 123);
      rows.forEach(([id, score, grade, version, gradedAt], i) => {
        assert.equal(id, ids[i]);
        if (i < 120) assert.deepEqual([score, grade, version, gradedAt], [1000 + i, i % 2 ? 'A' : null, "v'1", at]);
        else assert.deepEqual([score, grade, version, gradedAt], [null, null, null, null]);
      });
    });
  });
}
