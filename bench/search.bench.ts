import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { columns } from '../src/core/db/columns.js';
import type { DatabaseHandle } from '../src/core/db/connect.js';
import { searchIndex } from '../src/core/search/search-index.js';
import { searchColumns } from '../src/core/search/tokenize.js';
import { syntheticNames } from './synthetic-names.js';

/** One scenario's figures; `target` is the p95 budget in milliseconds. */
export interface QueryFigure {
  query: string;
  hits: number;
  p50: number;
  p95: number;
  target: number;
}

const QUERIES: [string, number][] = [
  ['鼎', 80],
  ['鼎瑞', 20],
  ['标准计量', 20],
  ['青岛海信电子科技', 20],
  ['5g', 40],
  ['（杭州）', 40],
  ['abc 食品', 40],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Loads `rows` synthetic names into a scratch table with the real search index and times searches. */
export async function searchBench(handle: DatabaseHandle, rows: number, repeats = 30) {
  const db = handle.db as unknown as Kysely<any>;
  const c = columns(handle.dialect);
  const index = searchIndex(handle.dialect);
  await sql`drop table if exists bench_names`.execute(db);
  await c
    .id(db.schema.createTable('bench_names'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('search_text', 'text', (col) => col.notNull())
    .addColumn('search_terms', 'text', (col) => col.notNull())
    .execute();
  await index.create(db, 'bench_names');

  const loadStart = performance.now();
  let batch: { name: string; search_text: string; search_terms: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const chunk = batch;
    batch = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < chunk.length; i += 5000)
        await trx
          .insertInto('bench_names')
          .values(chunk.slice(i, i + 5000))
          .execute();
    });
  };
  for (const name of syntheticNames(rows)) {
    batch.push({ name, ...searchColumns([name]) });
    if (batch.length >= 50_000) await flush();
  }
  await flush();
  await sql.raw(handle.dialect === 'postgres' ? 'analyze bench_names' : 'analyze').execute(db);
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const figures: QueryFigure[] = [];
  for (const [query, target] of QUERIES) {
    const condition = index.condition('bench_names', query)!;
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      // What a search page does: the first page, and a count that stops at 1,000 ("1000+").
      const page = await db
        .selectFrom('bench_names')
        .select(['id', 'name'])
        .where(condition)
        .orderBy('id')
        .limit(20)
        .execute();
      const counted = await db
        .selectFrom((eb) => eb.selectFrom('bench_names').select('id').where(condition).limit(1001).as('capped'))
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      times.push(performance.now() - t0);
      hits = Math.max(Number(counted.n), page.length);
    }
    times.sort((a, b) => a - b);
    figures.push({ query, hits, p50: percentile(times, 0.5), p95: percentile(times, 0.95), target });
  }
  await sql`drop table bench_names`.execute(db);
  return { rows, loadSeconds, figures };
}
