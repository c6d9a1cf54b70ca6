import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { columns } from '../db/columns.js';
import { searchIndex } from './search-index.js';
import { searchColumns } from './tokenize.js';

const TABLE = 'search_contract';

/** Fixture rows: one or more searchable fields each (a name, then former names). */
const FIXTURES: string[][] = [
  ['宁波（杭州）质量检测有限公司'],
  ['杭州质量检测中心'],
  ['青岛海尔股份有限公司'],
  ['青岛啤酒股份有限公司'],
  ['海信集团有限公司'],
  ['ABC电子科技有限公司'],
  ['abc123 Trading Co., Ltd.'],
  ['ＡＢＣ电子（青岛）有限公司'],
  ['鼎'],
  ['质'],
  ['中国农业发展银行青岛分行'],
  ['安装简单家居用品有限公司'],
  ['标准计量检测研究院'],
  ['100%纯棉服饰有限公司'],
  ['下划线_科技有限公司'],
  ['反斜杠\\软件有限公司'],
  ["O'Brien's 贸易有限公司"],
  ['青岛市质量技术监督局标准化研究院'],
  ['一个非常非常长的名字用于测试长名称索引是否正常工作的有限责任公司'],
  ['ISO9001认证咨询有限公司'],
  ['Qingdao Port International Co Ltd'],
  ['鼎瑞机械有限公司'],
  ['瑞鼎机械'],
  ["Robert'); DROP TABLE students;--"],
  ['䷀易经文化传播有限公司'],
  ['1e10x新材料有限公司'],
  ['青岛港集团', '青岛港务局'],
  ['市南区'],
  ['市北区'],
  ['哈哈哈食品厂'],
];

/** Query → names of the rows it must return, on every dialect. */
const QUERIES: [string, string[]][] = [
  ['鼎', ['鼎', '鼎瑞机械有限公司', '瑞鼎机械']],
  ['质', ['宁波（杭州）质量检测有限公司', '杭州质量检测中心', '质', '青岛市质量技术监督局标准化研究院']],
  ['研', ['标准计量检测研究院', '青岛市质量技术监督局标准化研究院']],
  ['质量', ['宁波（杭州）质量检测有限公司', '杭州质量检测中心', '青岛市质量技术监督局标准化研究院']],
  ['鼎瑞', ['鼎瑞机械有限公司']],
  ['瑞鼎', ['瑞鼎机械']],
  ['简单', ['安装简单家居用品有限公司']],
  ['农业', ['中国农业发展银行青岛分行']],
  ['质量检测', ['宁波（杭州）质量检测有限公司', '杭州质量检测中心']],
  ['标准计量', ['标准计量检测研究院']],
  ['检测质量', []],
  ['哈哈哈', ['哈哈哈食品厂']],
  ['哈哈哈哈', []],
  ['长名称索引', ['一个非常非常长的名字用于测试长名称索引是否正常工作的有限责任公司']],
  [
    '一个非常非常长的名字用于测试长名称索引是否正常工作的有限责任公司',
    ['一个非常非常长的名字用于测试长名称索引是否正常工作的有限责任公司'],
  ],
  ['波杭', []],
  ['州质', ['杭州质量检测中心']],
  ['集团青', []],
  ['港务', ['青岛港集团']],
  ['宁波（杭州）', ['宁波（杭州）质量检测有限公司']],
  ['宁波(杭州)', ['宁波（杭州）质量检测有限公司']],
  ['abc', ['ABC电子科技有限公司', 'abc123 Trading Co., Ltd.', 'ＡＢＣ电子（青岛）有限公司']],
  ['ABC电子', ['ABC电子科技有限公司', 'ＡＢＣ电子（青岛）有限公司']],
  ['ａｂｃ１２３', ['abc123 Trading Co., Ltd.']],
  ['ＡＢＣ电子（青岛）', ['ＡＢＣ电子（青岛）有限公司']],
  ['iso', ['ISO9001认证咨询有限公司']],
  // ASCII substrings inside a word are not indexed (stack.md §3.2 item 6).
  ['9001', []],
  ['ort', []],
  ['qingdao port', ['Qingdao Port International Co Ltd']],
  ['PORT   qing', ['Qingdao Port International Co Ltd']],
  ['co ltd', ['abc123 Trading Co., Ltd.', 'Qingdao Port International Co Ltd']],
  ['co., ltd.', ['abc123 Trading Co., Ltd.']],
  ['青岛 有限', ['青岛海尔股份有限公司', '青岛啤酒股份有限公司', 'ＡＢＣ电子（青岛）有限公司']],
  ['青岛\u3000股份 啤酒', ['青岛啤酒股份有限公司']],
  ['市南', ['市南区']],
  ['1e10x', ['1e10x新材料有限公司']],
  ['1e10', ['1e10x新材料有限公司']],
  ['1e1x', []],
  ['100%', ['100%纯棉服饰有限公司']],
  ['%', ['100%纯棉服饰有限公司']],
  ['_', ['下划线_科技有限公司']],
  ['\\', ['反斜杠\\软件有限公司']],
  ['%%', []],
  ["o'brien", ["O'Brien's 贸易有限公司"]],
  ["'", ["O'Brien's 贸易有限公司", "Robert'); DROP TABLE students;--"]],
  ['(', ['宁波（杭州）质量检测有限公司', 'ＡＢＣ电子（青岛）有限公司']],
  ['()', []],
  ["'; drop table x; --", []],
  ['" OR *', []],
  ['students;--', ["Robert'); DROP TABLE students;--"]],
  ["'); drop", ["Robert'); DROP TABLE students;--"]],
  ['and', []],
  ['near', []],
  ['䷀', ['䷀易经文化传播有限公司']],
  ['䷀ 文化', ['䷀易经文化传播有限公司']],
  ['䷀易经', ['䷀易经文化传播有限公司']],
];

async function search(db: Kysely<any>, dialect: (typeof DIALECTS)[number], query: string): Promise<string[]> {
  const condition = searchIndex(dialect).condition(TABLE, query);
  assert.ok(condition, `a condition for ${JSON.stringify(query)}`);
  const rows = await db.selectFrom(TABLE).select('name').where(condition).orderBy('id').execute();
  return rows.map((r) => r.name as string);
}

const fixtureOrder = (names: string[]) =>
  [...names].sort((a, b) => FIXTURES.findIndex((f) => f[0] === a) - FIXTURES.findIndex((f) => f[0] === b));

for (const dialect of DIALECTS) {
  describe(`search index contract (${dialect})`, { timeout: 60_000 }, () => {
    let tdb: TestDatabase;
    let db: Kysely<any>;
    const index = searchIndex(dialect);

    before(async () => {
      tdb = await createTestDatabase(dialect);
      db = tdb.db as unknown as Kysely<any>;
      await columns(dialect)
        .id(db.schema.createTable(TABLE))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('search_terms', 'text', (c) => c.notNull())
        .execute();
      await index.create(db, TABLE);
      // One row per statement, in fixture order, so ids follow the fixture list.
      for (const fields of FIXTURES) {
        await db
          .insertInto(TABLE)
          .values({ name: fields[0], ...searchColumns(fields) })
          .execute();
      }
    });

    after(async () => {
      await tdb?.drop();
    });

    for (const [query, expected] of QUERIES) {
      it(`finds ${JSON.stringify(query)}`, async () => {
        assert.deepEqual(await search(db, dialect, query), fixtureOrder(expected));
      });
    }

    it('gives no condition for an empty or blank query', () => {
      assert.equal(index.condition(TABLE, ''), null);
      assert.equal(index.condition(TABLE, ' \u3000 '), null);
    });

    it('binds user input as parameters, never as SQL text', () => {
      const condition = index.condition(TABLE, `'; drop table x; -- 质量 " OR *`);
      assert.ok(condition);
      const compiled = db.selectFrom(TABLE).select('id').where(condition).compile();
      assert.doesNotMatch(compiled.sql, /drop|质量|OR \*/i);
      assert.ok(compiled.parameters.some((p) => String(p).includes('质量')));
      if (dialect === 'sqlite') {
        assert.match(compiled.sql, /"search_contract_fts" match \?/);
        assert.ok(compiled.parameters.includes('"drop"* AND "table"* AND "x"* AND "质量" AND "or"*'));
      } else {
        assert.match(compiled.sql, /"search_contract"\."search_tsv" @@ \(/);
        assert.match(compiled.sql, /phraseto_tsquery\('simple', \$\d+\)/);
      }
      assert.match(compiled.sql, /like \S+ escape '\\'/);
    });

    it('still has its table after the injection-looking queries', async () => {
      const { count } = await db
        .selectFrom(TABLE)
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count), FIXTURES.length);
    });

    it('follows a rename: the old term stops matching and the new one matches', async () => {
      await db
        .updateTable(TABLE)
        .set({ name: '鼎盛精密铸造有限公司', ...searchColumns(['鼎盛精密铸造有限公司']) })
        .where('name', '=', '鼎瑞机械有限公司')
        .execute();
      assert.deepEqual(await search(db, dialect, '鼎瑞'), []);
      assert.deepEqual(await search(db, dialect, '精密铸造'), ['鼎盛精密铸造有限公司']);
      assert.deepEqual(await search(db, dialect, '机械'), ['瑞鼎机械']);
      assert.deepEqual(await search(db, dialect, '鼎'), ['鼎', '鼎盛精密铸造有限公司', '瑞鼎机械']);
    });

    it('ignores an update that leaves the search columns alone', async () => {
      await sql`update ${sql.table(TABLE)} set name = name where name = ${'瑞鼎机械'}`.execute(db);
      assert.deepEqual(await search(db, dialect, '瑞鼎'), ['瑞鼎机械']);
    });

    it('forgets a deleted row', async () => {
      await db.deleteFrom(TABLE).where('name', '=', '瑞鼎机械').execute();
      assert.deepEqual(await search(db, dialect, '瑞鼎'), []);
      assert.deepEqual(await search(db, dialect, '机械'), []);
      assert.deepEqual(await search(db, dialect, '鼎'), ['鼎', '鼎盛精密铸造有限公司']);
    });

    it('answers the same after a rebuild', async () => {
      await index.rebuild(db, TABLE);
      assert.deepEqual(await search(db, dialect, '鼎'), ['鼎', '鼎盛精密铸造有限公司']);
      assert.deepEqual(await search(db, dialect, '质量检测'), ['宁波（杭州）质量检测有限公司', '杭州质量检测中心']);
    });

    it('suspends for a bulk load and indexes the loaded rows on resume, also after a "crash"', async () => {
      await index.suspend(db, TABLE);
      // Suspending twice (a resumed load) keeps the first watermark: the rows below are still unindexed.
      await index.suspend(db, TABLE);
      await db
        .insertInto(TABLE)
        .values({ name: '鼎新批量导入有限公司', ...searchColumns(['鼎新批量导入有限公司']) })
        .execute();
      // Updates and deletes still go through the index while suspended.
      await db
        .updateTable(TABLE)
        .set({ name: '精密铸造', ...searchColumns(['精密铸造']) })
        .where('name', '=', '鼎盛精密铸造有限公司')
        .execute();
      if (dialect === 'sqlite') assert.deepEqual(await search(db, dialect, '批量导入'), []);
      // A new handle finds the state in the schema, as a resumed job after a killed process does.
      assert.equal(await index.resume(db, TABLE), dialect === 'sqlite' ? 1 : 0);
      assert.equal(await index.resume(db, TABLE), 0);
      assert.deepEqual(await search(db, dialect, '批量导入'), ['鼎新批量导入有限公司']);
      assert.deepEqual(await search(db, dialect, '鼎'), ['鼎', '鼎新批量导入有限公司']);
      await db
        .insertInto(TABLE)
        .values({ name: '恢复之后有限公司', ...searchColumns(['恢复之后有限公司']) })
        .execute();
      assert.deepEqual(await search(db, dialect, '恢复'), ['恢复之后有限公司']);
      await index.rebuild(db, TABLE);
      assert.deepEqual(await search(db, dialect, '鼎'), ['鼎', '鼎新批量导入有限公司']);
    });
  });
}
