import type { Insertable, Kysely } from 'kysely';
import type { DB } from './schema.js';

/** Parameters per statement stay under both databases' caps (PostgreSQL 65,535; SQLite 32,766). */
const MAX_PARAMS = 30_000;

/** Rows per multi-row INSERT for a table of `columns` columns. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns)));
}

/** Inserts rows in chunks sized to the parameter caps; run it inside the caller's transaction. */
export async function insertBatched<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const size = rowsPerStatement(Object.keys(rows[0] as object).length);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}
