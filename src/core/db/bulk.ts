import type { Insertable, Kysely } from 'kysely';
import { insertBatched, rowsPerStatement } from './batch.js';
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
  /**
   * Inserts the rows whose unique `conflictKey` is not taken yet and says, per row, whether it was inserted:
   * a load into a table that holds nothing else learns about duplicates from the unique index instead of
   * looking every key up first. Needs the `conflictKey` option.
   */
  insertNew(trx: Kysely<DB>, rows: Insertable<DB[T]>[]): Promise<boolean[]>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

export type Constant = string | number | null;

/** A value as an SQL literal (only the caller's own constants: job ids, timestamps, fixed words). */
function literal(v: Constant): string {
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`bad constant ${v}`);
    return String(v);
  }
  if (v.includes('\0')) throw new Error('bad constant: NUL');
  return `'${v.replaceAll("'", "''")}'`;
}

/**
 * A bulk inserter for `table` with a fixed column list (identifiers checked: they are spliced into SQL).
 * `constants` are columns with one value for every row (job id, load time, …): on SQLite they are part of
 * the prepared statement, since binding a parameter costs more per row than the rest of the insert.
 */
export function bulkInserter<T extends keyof DB & string>(
  handle: DatabaseHandle,
  table: T,
  columnNames: readonly string[],
  options: { conflictKey?: string; constants?: Record<string, Constant> } = {},
): BulkInserter<T> {
  const key = options.conflictKey;
  const constants = options.constants ?? {};
  const constantNames = Object.keys(constants);
  for (const name of [table, ...columnNames, ...constantNames, ...(key ? [key] : [])]) {
    if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`);
  }
  const noKey = () => {
    throw new Error(`bulkInserter(${table}) was made without a conflictKey`);
  };
  const sqlite = handle.sqlite;
  if (handle.dialect === 'sqlite' && sqlite) {
    const names = [...columnNames, ...constantNames].join(', ');
    const values = [...columnNames.map(() => '?'), ...constantNames.map((c) => literal(constants[c]!))].join(', ');
    const text = `insert into ${table} (${names}) values (${values})`;
    const statement = sqlite.prepare(text);
    const orSkip = key ? sqlite.prepare(`${text} on conflict (${key}) do nothing`) : null;
    const params = new Array<unknown>(columnNames.length);
    const bind = (row: unknown) => {
      const r = row as Record<string, unknown>;
      for (let i = 0; i < columnNames.length; i++) params[i] = r[columnNames[i]!] ?? null;
      return params;
    };
    return {
      async insert(_trx, rows) {
        for (const row of rows) statement.run(bind(row));
      },
      async insertNew(_trx, rows) {
        if (!orSkip) return noKey();
        return rows.map((row) => orSkip.run(bind(row)).changes === 1);
      },
    };
  }
  const full = (rows: Insertable<DB[T]>[]) =>
    constantNames.length ? rows.map((r) => ({ ...r, ...constants }) as Insertable<DB[T]>) : rows;
  return {
    insert: (trx, rows) => insertBatched(trx, table, full(rows)),
    async insertNew(trx, given) {
      if (!key) return noKey();
      const rows = full(given);
      const inserted = new Set<unknown>();
      const size = rowsPerStatement(columnNames.length + constantNames.length);
      for (let i = 0; i < rows.length; i += size) {
        const chunk = rows.slice(i, i + size);
        const back = await (trx as Kysely<any>)
          .insertInto(table)
          .values(chunk as never)
          .onConflict((oc) => oc.column(key).doNothing())
          .returning(key)
          .execute();
        for (const r of back) inserted.add(r[key]);
      }
      // A row without a key value never conflicts.
      return rows.map((row) => {
        const v = (row as Record<string, unknown>)[key];
        return v === null || v === undefined || inserted.has(v);
      });
    },
  };
}
