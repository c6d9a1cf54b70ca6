import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { CreditReportTable } from '../../core/db/schema-credit.js';

/** Kysely queries for issued credit reports (their hashes, for /verify/{reportId}). */

export function insertCreditReport(db: Kysely<DB>, row: Insertable<CreditReportTable>) {
  return db.insertInto('credit_reports').values(row).execute();
}

export function creditReportById(db: Kysely<DB>, id: string) {
  return db.selectFrom('credit_reports').selectAll().where('id', '=', id).executeTakeFirst();
}
