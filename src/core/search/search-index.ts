import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../db/connect.js';
import { escapeLike, planQuery, type QueryTerm } from './tokenize.js';

/**
 * The search index over a table with `id`, `search_text` and `search_terms` columns.
 * SQLite: an external-content FTS5 table kept in sync by triggers. PostgreSQL: a generated
 * `tsvector('simple')` column with a GIN index. Both index the same tokens (stack.md §3).
 */
export interface SearchIndex {
  /** DDL for a table's index; run from a migration after the table exists. */
  create(db: Kysely<any>, table: string): Promise<void>;
  /**
   * A condition that keeps rows of `table` matching every term of `query`; null for an empty query.
   * Use it in `.where(...)` of a query that selects from `table` under its own name.
   */
  condition(table: string, query: string): RawBuilder<SqlBool> | null;
  /** Re-fills the index after a bulk load that bypassed the triggers. */
  rebuild(db: Kysely<any>, table: string): Promise<void>;
  /**
   * Before a bulk load: rows inserted from now on are not indexed one by one (updates and deletes still
   * are). The state is durable in the schema, so a killed load leaves it detectable; `resume` repairs it.
   * Run both inside one short transaction of their own.
   */
  suspend(db: Kysely<any>, table: string): Promise<void>;
  /**
   * After a bulk load, or at start to repair a killed one: indexes every row inserted while suspended in
   * one set-based statement and restores per-row indexing. Returns how many rows it indexed (0 when the
   * index was not suspended). Idempotent.
   */
  resume(db: Kysely<any>, table: string): Promise<number>;
}

function likeAll(table: string, terms: QueryTerm[]): RawBuilder<SqlBool>[] {
  return terms.map(
    (t) => sql<SqlBool>`${sql.ref(`${table}.search_text`)} like ${`%${escapeLike(t.text)}%`} escape '\\'`,
  );
}

function and(conditions: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** FTS5 query text; tokens are CJK or [a-z0-9] only, so quoting them is injection-free. */
function fts5Expression(terms: QueryTerm[]): string | null {
  const pieces: string[] = [];
  for (const term of terms) {
    for (const part of term.parts) {
      if (part.kind === 'phrase') pieces.push(`"${part.tokens.join(' ')}"`);
      else if (part.kind === 'char') pieces.push(`"${part.char}"*`);
      else pieces.push(`"${part.word}"*`);
    }
  }
  return pieces.length ? pieces.join(' AND ') : null;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function checked(table: string): string {
  if (!IDENT.test(table)) throw new Error(`bad table name ${table}`);
  return table;
}

/**
 * The SQLite after-insert trigger. Suspended, it keeps indexing only rows up to the watermark (the largest
 * id when the load began, so in practice none), and that watermark in the schema text is the durable record
 * of which rows `resume` must index: no side table, and a crash cannot lose it.
 */
function insertTrigger(table: string, watermark: number | null): string {
  const fts = `${table}_fts`;
  const when = watermark === null ? '' : ` when new.id <= ${watermark}`;
  return `create trigger ${fts}_ai after insert on ${table}${when} begin insert into ${fts}(rowid, search_terms) values (new.id, new.search_terms); end`;
}

const SUSPENDED = / when new\.id <= (\d+) begin/;

async function sqliteWatermark(db: Kysely<any>, table: string): Promise<number | null> {
  const { rows } = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'trigger' and name = ${`${table}_fts_ai`}`.execute(db);
  const m = rows[0] ? SUSPENDED.exec(rows[0].sql) : null;
  return m ? Number(m[1]) : null;
}

const sqliteIndex: SearchIndex = {
  async create(db, table) {
    const fts = `${table}_fts`;
    await sql
      .raw(
        `create virtual table ${fts} using fts5(search_terms, content='${table}', content_rowid='id', tokenize='unicode61')`,
      )
      .execute(db);
    await sql.raw(insertTrigger(table, null)).execute(db);
    await sql
      .raw(
        `create trigger ${fts}_ad after delete on ${table} begin insert into ${fts}(${fts}, rowid, search_terms) values ('delete', old.id, old.search_terms); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_au after update of search_terms on ${table} begin insert into ${fts}(${fts}, rowid, search_terms) values ('delete', old.id, old.search_terms); insert into ${fts}(rowid, search_terms) values (new.id, new.search_terms); end`,
      )
      .execute(db);
  },
  condition(table, query) {
    const terms = planQuery(query);
    if (!terms) return null;
    const conditions = likeAll(table, terms);
    const match = fts5Expression(terms);
    if (match) {
      const fts = sql.table(`${table}_fts`);
      conditions.unshift(
        sql<SqlBool>`${sql.ref(`${table}.id`)} in (select rowid from ${fts} where ${fts} match ${match})`,
      );
    }
    return and(conditions);
  },
  async rebuild(db, table) {
    await sql.raw(`insert into ${table}_fts(${table}_fts) values ('rebuild')`).execute(db);
  },
  async suspend(db, table) {
    const t = checked(table);
    // Already suspended (a resumed load): keep the first watermark, the rows after it are still unindexed.
    if ((await sqliteWatermark(db, t)) !== null) return;
    const { rows } = await sql<{ m: number | null }>`select max(id) as m from ${sql.table(t)}`.execute(db);
    await sql.raw(`drop trigger ${t}_fts_ai`).execute(db);
    await sql.raw(insertTrigger(t, Number(rows[0]?.m ?? 0))).execute(db);
  },
  async resume(db, table) {
    const t = checked(table);
    const watermark = await sqliteWatermark(db, t);
    if (watermark === null) return 0;
    // One set-based insert for the loaded id range: FTS5 sorts the terms in memory and writes few segments,
    // far cheaper than one index update per row (stack.md §2.4), and cheaper than a full 'rebuild'.
    const result = await sql
      .raw(`insert into ${t}_fts(rowid, search_terms) select id, search_terms from ${t} where id > ${watermark}`)
      .execute(db);
    await sql.raw(`drop trigger ${t}_fts_ai`).execute(db);
    await sql.raw(insertTrigger(t, null)).execute(db);
    return Number(result.numAffectedRows ?? 0);
  },
};

function tsQueries(terms: QueryTerm[]): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  for (const term of terms) {
    for (const part of term.parts) {
      if (part.kind === 'phrase') out.push(sql`phraseto_tsquery('simple', ${part.tokens.join(' ')})`);
      else if (part.kind === 'char') out.push(sql`to_tsquery('simple', ${`${part.char}:*`})`);
      else out.push(sql`to_tsquery('simple', ${`${part.word}:*`})`);
    }
  }
  return out;
}

const postgresIndex: SearchIndex = {
  async create(db, table) {
    await sql
      .raw(
        `alter table ${table} add column search_tsv tsvector generated always as (to_tsvector('simple', search_terms)) stored`,
      )
      .execute(db);
    await sql.raw(`create index ${table}_search_gin on ${table} using gin (search_tsv)`).execute(db);
  },
  condition(table, query) {
    const terms = planQuery(query);
    if (!terms) return null;
    const conditions = likeAll(table, terms);
    const queries = tsQueries(terms);
    if (queries.length) {
      conditions.unshift(sql<SqlBool>`${sql.ref(`${table}.search_tsv`)} @@ (${sql.join(queries, sql` && `)})`);
    }
    return and(conditions);
  },
  async rebuild(db, table) {
    await sql.raw(`reindex index ${table}_search_gin`).execute(db);
  },
  // The generated tsvector column is computed by the row insert itself; bulk loads go through COPY or
  // multi-row inserts, so there is nothing to suspend.
  async suspend() {},
  async resume() {
    return 0;
  },
};

/** The search index implementation for a dialect. */
export function searchIndex(dialect: Dialect): SearchIndex {
  return dialect === 'postgres' ? postgresIndex : sqliteIndex;
}
