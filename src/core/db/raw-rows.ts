import type { Compilable, Kysely } from 'kysely';
import type { DatabaseHandle } from './connect.js';
import type { DB } from './schema.js';

/**
 * Large reads as arrays in select-list order. On SQLite the compiled query runs as a cached prepared statement
 * in better-sqlite3's raw mode on the handle's connection (the one Kysely's transaction holds, so call it inside
 * the caller's transaction): no object with named keys per row, which was most of the cost of reading the 6
 * million credit records of a full grade recompute. On PostgreSQL the query runs through Kysely and each row's
 * values are taken in column order (pg builds row objects in field order).
 */
export async function rawRows<R extends readonly unknown[]>(
  handle: DatabaseHandle,
  trx: Kysely<DB>,
  query: Compilable<unknown>,
): Promise<R[]> {
  const compiled = query.compile();
  const sqlite = handle.sqlite;
  if (handle.dialect === 'sqlite' && sqlite) {
    let cache = statements.get(sqlite);
    if (!cache) {
      cache = new Map();
      statements.set(sqlite, cache);
    }
    let statement = cache.get(compiled.sql);
    if (!statement) {
      statement = sqlite.prepare(compiled.sql).raw(true);
      // The texts come from a few fixed query shapes (IN lists of constant length); the cap only guards misuse.
      if (cache.size > 64) cache.clear();
      cache.set(compiled.sql, statement);
    }
    return statement.all(compiled.parameters as unknown[]) as R[];
  }
  const result = await trx.executeQuery<Record<string, unknown>>(compiled);
  return result.rows.map((row) => Object.values(row) as unknown as R);
}

type Statement = ReturnType<NonNullable<DatabaseHandle['sqlite']>['prepare']>;
const statements = new WeakMap<object, Map<string, Statement>>();
