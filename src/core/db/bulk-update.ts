import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from './connect.js';
import type { DB } from './schema.js';

/**
 * Bulk updates by primary key for set-based recomputes (2 million grade rows): on SQLite one prepared
 * `UPDATE … WHERE id = ?` looped on the raw better-sqlite3 handle (the connection Kysely's transaction holds,
 * so call it inside the caller's transaction); on PostgreSQL one `UPDATE … FROM unnest($1::bigint[], …)` per
 * chunk, one array parameter per column, so a chunk costs one round trip whatever its size.
 */
export interface BulkUpdater {
  /** Applies `rows`, each `[id, value of column 1, value of column 2, …]` in the declared column order. */
  update(trx: Kysely<DB>, rows: readonly (readonly unknown[])[]): Promise<void>;
}

/** A column to update and its PostgreSQL element type (for the unnest cast). */
export interface BulkColumn {
  name: string;
  pgType: 'text' | 'integer' | 'bigint' | 'timestamptz' | 'date';
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
/** Rows per PostgreSQL statement: arrays have no parameter cap, but huge statements hurt latency. */
const PG_CHUNK = 10_000;

/** An updater for `table` keyed by integer `id`; identifiers are checked because they are spliced into SQL. */
export function bulkUpdater(
  handle: DatabaseHandle,
  table: keyof DB & string,
  columns: readonly BulkColumn[],
): BulkUpdater {
  for (const name of [table, ...columns.map((c) => c.name)])
    if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
  const sqlite = handle.sqlite;
  if (handle.dialect === 'sqlite' && sqlite) {
    const statement = sqlite.prepare(
      `update ${table} set ${columns.map((c) => `${c.name} = ?`).join(', ')} where id = ?`,
    );
    return {
      async update(_trx, rows) {
        for (const row of rows) statement.run(...row.slice(1), row[0]);
      },
    };
  }
  return {
    async update(trx, rows) {
      for (let i = 0; i < rows.length; i += PG_CHUNK) {
        const chunk = rows.slice(i, i + PG_CHUNK);
        const arrays = [chunk.map((r) => r[0]), ...columns.map((_, c) => chunk.map((r) => r[c + 1] ?? null))];
        const unnestArgs = sql.join(
          arrays.map((a, k) => sql`${a}::${sql.raw(k === 0 ? 'bigint' : columns[k - 1]!.pgType)}[]`),
        );
        const names = sql.raw(['id', ...columns.map((c) => c.name)].join(', '));
        const sets = sql.raw(columns.map((c) => `${c.name} = v.${c.name}`).join(', '));
        await sql`update ${sql.raw(table)} as t set ${sets} from unnest(${unnestArgs}) as v(${names}) where t.id = v.id`.execute(
          trx,
        );
      }
    },
  };
}
