import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { BulletinTable } from '../../core/db/schema-plans.js';
import type { EscalationNotice, ExemplaryReport } from './domain/bulletin.js';

/** Kysely queries for the monthly bulletins (R-S14) and the notices and flagged reports they cite. */

/** True when the plan exists. */
export async function planExists(db: Kysely<DB>, planId: number): Promise<boolean> {
  return !!(await db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst());
}

/** Inserts a bulletin and returns its id. */
export async function insertBulletin(db: Kysely<DB>, row: Insertable<BulletinTable>): Promise<number> {
  const r = await db.insertInto('bulletins').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** One bulletin with its plan's code and title. */
export function findBulletin(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('bulletins as b')
    .innerJoin('plans as p', 'p.id', 'b.plan_id')
    .selectAll('b')
    .select(['p.code as plan_code', 'p.title as plan_title'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export type BulletinRow = NonNullable<Awaited<ReturnType<typeof findBulletin>>>;

/** A plan's bulletins, newest period first, without their content; `issuedOnly` for readers of issued ones. */
export function listBulletins(db: Kysely<DB>, planId: number, issuedOnly: boolean) {
  let q = db
    .selectFrom('bulletins')
    .select([
      'id',
      'plan_id',
      'year',
      'seq',
      'no',
      'period',
      'as_of',
      'status',
      'approved_at',
      'issued_at',
      'created_at',
      'updated_at',
      'version',
    ])
    .where('plan_id', '=', planId);
  if (issuedOnly) q = q.where('status', '=', 'issued');
  return q.orderBy('period', 'desc').orderBy('id', 'desc').execute();
}

/** The plan's bulletin with the latest period before `period` (any period when null), content included. */
export function latestBulletin(db: Kysely<DB>, planId: number, before: string | null) {
  let q = db
    .selectFrom('bulletins')
    .select(['id', 'no', 'period', 'as_of', 'status', 'content_json'])
    .where('plan_id', '=', planId);
  if (before !== null) q = q.where('period', '<', before);
  return q.orderBy('period', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/**
 * Updates a bulletin only while it still has `version` and `status`, so an issued bulletin can never be
 * changed even by a request that read it before it was issued; false when nothing matched.
 */
export async function updateBulletin(
  db: Kysely<DB>,
  id: number,
  expected: { version: number; status: string },
  values: Omit<Updateable<BulletinTable>, 'id' | 'version' | 'plan_id' | 'year' | 'seq' | 'no' | 'period'>,
): Promise<boolean> {
  const result = await db
    .updateTable('bulletins')
    .set({ ...values, version: expected.version + 1 })
    .where('id', '=', id)
    .where('version', '=', expected.version)
    .where('status', '=', expected.status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The 催办单 and 督办单 of a plan recorded on or before `asOf` (R-S8), oldest first. */
export async function escalationNotices(db: Kysely<DB>, planId: number, asOf: string): Promise<EscalationNotice[]> {
  const rows = await db
    .selectFrom('notices')
    .select(['assignment_id', 'level', 'no', 'run_day'])
    .where('plan_id', '=', planId)
    .where('level', 'in', ['E1', 'E2'])
    .where('run_day', '<=', asOf)
    .orderBy('run_day')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    assignmentId: Number(r.assignment_id),
    level: r.level as 'E1' | 'E2',
    no: r.no,
    runDay: r.run_day,
  }));
}

/**
 * Accepted reports of a plan flagged 典型经验 whose review falls in [from, until) (ISO instants; `from` null
 * for no lower bound): the reports a bulletin quotes in section 5.
 */
export async function exemplaryReports(
  db: Kysely<DB>,
  planId: number,
  from: string | null,
  until: string,
): Promise<ExemplaryReport[]> {
  let q = db
    .selectFrom('progress_reports as r')
    .innerJoin('assignments as a', 'a.id', 'r.assignment_id')
    .select(['r.id', 'r.assignment_id', 'r.period', 'r.narrative'])
    .where('a.plan_id', '=', planId)
    .where('r.status', '=', 'accepted')
    .where('r.exemplary', '=', 1)
    .where('r.reviewed_at', '<', until);
  if (from !== null) q = q.where('r.reviewed_at', '>=', from);
  const rows = await q.orderBy('r.id').execute();
  return rows.map((r) => ({
    reportId: Number(r.id),
    assignmentId: Number(r.assignment_id),
    period: r.period,
    narrative: r.narrative,
  }));
}
