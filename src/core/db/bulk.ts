import type { Insertable, Kysely } from 'kysely';
import { insertBatched } from './batch.js';
import type { DatabaseHandle } from './connect.js';
import type { DB } from './schema.js';

/**
 * Bulk inserts for large loads (the 2-million-row registry): on SQLite one prepared statement looped on the
 * raw better-sqlite3 handle (stack.md §2.4: Kysely's compile per multi-row statement costs more than the
 * insert itself), on PostgreSQL multi-row inserts chunked under the parameter cap. Call it inside the
 * caller's transaction: on SQLite the raw handle is the very connection Kysely's transaction holds.
 */
export interface BulkInserter<T extends keyof DB & string> {
  /** Inserts the rows; every row must have exactly the columns the inserter was made for. */
  insert(trx: Kysely<DB>, rows: Insertable<DB[T]>[]): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A bulk inserter for `table` with a fixed column list (identifiers checked: they are spliced into SQL). */
export function bulkInserter<T extends keyof DB & string>(
  handle: DatabaseHandle,
  table: T,
  columnNames: readonly string[],
): BulkInserter<T> {
  for (const name of [table, ...columnNames]) if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
  const sqlite = handle.sqlite;
  if (handle.dialect === 'sqlite' && sqlite) {
    const statement = sqlite.prepare(
      `insert into ${table} (${columnNames.join(', ')}) values (${columnNames.map(() => '?').join(', ')})`,
    );
    const values = new Array<unknown>(columnNames.length);
    return {
      async insert(_trx, rows) {
        for (const row of rows) {
          const r = row as Record<string, unknown>;
          for (let i = 0; i < columnNames.length; i++) values[i] = r[columnNames[i]!] ?? null;
          statement.run(values);
        }
      },
    };
  }
  return { insert: (trx, rows) => insertBatched(trx, table, rows) };
}
