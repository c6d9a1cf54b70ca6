import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DatabaseHandle } from '../../core/db/connect.js';
import { rawRows } from '../../core/db/raw-rows.js';
import type { DB } from '../../core/db/schema.js';
import type { EnterpriseGradeTable, GradeRunTable } from '../../core/db/schema-credit.js';

/** Kysely queries for grading: enterprise chunks, their records and list entries, grade history and runs. */

/** Lists whose entries can be in force (credit.md §5.1: LISTED or PUBLISHED, expiry evaluated at query time). */
export const IN_FORCE_STATES = ['LISTED', 'PUBLISHED'] as const;

/** An enterprise's stored grade as an array: [id, score, grade, risk_class, scorecard_version, list_flags]. */
export type EnterpriseGradeTuple = [number, number | null, string | null, string | null, string | null, string];

/** The next `limit` enterprises after `afterId`, id order, with their stored grade (arrays: 2 million rows). */
export function enterpriseChunk(handle: DatabaseHandle, db: Kysely<DB>, afterId: number, limit: number) {
  const q = db
    .selectFrom('enterprises')
    .select(['id', 'score', 'grade', 'risk_class', 'scorecard_version', 'list_flags'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  return rawRows<EnterpriseGradeTuple>(handle, db, q);
}

export function enterpriseGradeRow(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'score', 'grade', 'risk_class', 'scorecard_version', 'list_flags'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countEnterprises(db: Kysely<DB>, afterId = 0): Promise<number> {
  const row = await db
    .selectFrom('enterprises')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('id', '>', afterId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A record the scorecard may count, as an array:
 * [enterprise_id, id, type, severity, status, visibility, decided_on, published_on, public_ends_on].
 */
export type ScoredRecordTuple = [
  number,
  number,
  string,
  string | null,
  string,
  string,
  string | null,
  string | null,
  string | null,
];

/**
 * Records of enterprises lo…hi that can move a score, ordered by enterprise then id (the certification cap and
 * the explanation depend on record order). Only a pre-filter: the scorecard checks status, visibility and dates
 * again. Status is excluded with `not in` on purpose: with `status = ?` SQLite's planner prefers the
 * (status, public_ends_on) index to the enterprise range and scans every active record of the city per chunk
 * (14 s instead of 0.1 s per 20,000 enterprises).
 */
export function scoredRecordsBetween(
  handle: DatabaseHandle,
  db: Kysely<DB>,
  lo: number,
  hi: number,
  types: readonly string[],
  inactiveStatuses: readonly string[],
) {
  const q = db
    .selectFrom('credit_records')
    .select([
      'enterprise_id',
      'id',
      'type',
      'severity',
      'status',
      'visibility',
      'decided_on',
      'published_on',
      'public_ends_on',
    ])
    .where((eb) => (lo === hi ? eb('enterprise_id', '=', lo) : eb.between('enterprise_id', lo, hi)))
    .where('type', 'in', [...types])
    .where('status', 'not in', [...inactiveStatuses])
    .where('visibility', '<>', 'INTERNAL')
    .orderBy('enterprise_id')
    .orderBy('id');
  return rawRows<ScoredRecordTuple>(handle, db, q);
}

/** Every list entry of enterprises lo…hi (in-force ones are picked in code; the rest tell flags apart). */
export function listEntriesBetween(db: Kysely<DB>, lo: number, hi: number) {
  return db
    .selectFrom('list_entries')
    .select(['enterprise_id', 'list_code', 'state', 'listed_on', 'expires_on', 'record_id'])
    .where('enterprise_id', '>=', lo)
    .where('enterprise_id', '<=', hi)
    .orderBy('enterprise_id')
    .orderBy('id')
    .execute();
}

export function insertGrades(db: Kysely<DB>, rows: Insertable<EnterpriseGradeTable>[]) {
  return db.insertInto('enterprise_grades').values(rows).execute();
}

export function gradeHistory(db: Kysely<DB>, enterpriseId: number, limit: number) {
  return db
    .selectFrom('enterprise_grades')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function activeScorecards(db: Kysely<DB>) {
  return db.selectFrom('rule_sets').selectAll().where('code', '=', 'QUALITY_SCORECARD').execute();
}

export function insertRun(db: Kysely<DB>, row: Insertable<GradeRunTable>) {
  return db.insertInto('grade_runs').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateRun(db: Kysely<DB>, id: number, set: Updateable<GradeRunTable>) {
  return db.updateTable('grade_runs').set(set).where('id', '=', id).execute();
}

export function runById(db: Kysely<DB>, id: number) {
  return db.selectFrom('grade_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function latestRun(db: Kysely<DB>, status?: string) {
  let q = db.selectFrom('grade_runs').selectAll();
  if (status) q = q.where('status', '=', status);
  return q.orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Current grade distribution (dashboard and the page's summary). */
export function gradeDistribution(db: Kysely<DB>) {
  return db
    .selectFrom('enterprises')
    .select((eb) => ['grade', 'risk_class', eb.fn.countAll().as('n')])
    .groupBy(['grade', 'risk_class'])
    .orderBy('grade')
    .orderBy('risk_class')
    .execute();
}
