import type { Insertable, Kysely } from 'kysely';
import type { DB, FileRow, FileTable } from '../db/schema.js';

/** Kysely queries for the `files` table. */

/** The file row with this content hash, if any. */
export function findBySha256(db: Kysely<DB>, sha256: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** The file row with this id, if any. */
export function findById(db: Kysely<DB>, id: number): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a file row and returns it as stored. */
export function insertFile(db: Kysely<DB>, row: Insertable<FileTable>): Promise<FileRow> {
  return db.insertInto('files').values(row).returningAll().executeTakeFirstOrThrow();
}
