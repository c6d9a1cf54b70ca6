import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { DashAction, DashAssignment, DashMeasure, DashReport, DashUnit } from './domain/as-of.js';
import { fromHundredths } from './domain/rollup.js';

/**
 * Kysely queries behind the dashboards: one narrow read per table for a whole plan, mapped to the plain rows
 * the pure aggregation takes (progress from hundredths to 0–100, weights from basis points to 0–1).
 */

const weightOf = (bp: number | null) => (bp === null ? null : Number(bp) / 10_000);

/** The plan's header and settings, without its (large) source text and parse result. */
export function planHead(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('plans')
    .select(['id', 'code', 'title', 'year', 'status', 'settings_json'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Measures in plan order with their section's number. */
export async function measureRows(db: Kysely<DB>, planId: number): Promise<DashMeasure[]> {
  const rows = await db
    .selectFrom('plan_measures as m')
    .innerJoin('plan_sections as s', 's.id', 'm.section_id')
    .select(['m.id', 'm.external_id', 'm.ord', 'm.number', 'm.title', 'm.weight_bp', 's.number as section_number'])
    .where('m.plan_id', '=', planId)
    .orderBy('m.ord')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: r.external_id,
    ord: Number(r.ord),
    number: Number(r.number),
    title: r.title,
    sectionNumber: Number(r.section_number),
    weight: weightOf(r.weight_bp),
  }));
}

/** Actions' weights (for per-action assignments in weighted mode). */
export async function actionRows(db: Kysely<DB>, planId: number): Promise<DashAction[]> {
  const rows = await db
    .selectFrom('plan_actions')
    .select(['id', 'measure_id', 'weight_bp'])
    .where('plan_id', '=', planId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), measureId: Number(r.measure_id), weight: weightOf(r.weight_bp) }));
}

/** Every assignment of the plan, cancelled ones included (the aggregation leaves them out). */
export async function assignmentRows(db: Kysely<DB>, planId: number): Promise<DashAssignment[]> {
  const rows = await db
    .selectFrom('assignments')
    .select([
      'id',
      'external_id',
      'measure_id',
      'action_id',
      'unit_code',
      'role',
      'state',
      'deadline_type',
      'due_date',
      'cadence',
      'dispatched_on',
      'signed_at',
      'completed_at',
    ])
    .where('plan_id', '=', planId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: r.external_id,
    measureId: Number(r.measure_id),
    actionId: r.action_id === null ? null : Number(r.action_id),
    unitCode: r.unit_code,
    role: r.role,
    state: r.state,
    deadlineType: r.deadline_type,
    due: r.due_date,
    cadence: r.cadence,
    dispatchedOn: r.dispatched_on,
    signedAt: r.signed_at,
    completedAt: r.completed_at,
  }));
}

/** The plan's reports, drafts left out (they never count); unordered, as the aggregation orders what it needs. */
export async function reportRows(db: Kysely<DB>, planId: number): Promise<DashReport[]> {
  const rows = await db
    .selectFrom('progress_reports as r')
    .innerJoin('assignments as a', 'a.id', 'r.assignment_id')
    .select([
      'r.id',
      'r.assignment_id',
      'r.period',
      'r.status',
      'r.progress',
      'r.submitted_at',
      'r.reviewed_at',
      'r.origin',
    ])
    .where('a.plan_id', '=', planId)
    .where('r.status', '<>', 'draft')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    assignmentId: Number(r.assignment_id),
    period: r.period,
    status: r.status,
    progress: fromHundredths(Number(r.progress)),
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
    origin: r.origin,
  }));
}

/**
 * A fingerprint of the plan's assignments and reports: row count, highest id, sum of versions and latest
 * update of each. Every write through the repositories bumps a version (or adds or removes a row), so an
 * unchanged fingerprint means the rows read before are still current.
 */
export async function changeStamp(db: Kysely<DB>, planId: number): Promise<string> {
  // One round trip: the assignments' row, then the reports' row.
  const rows = await db
    .selectFrom('assignments')
    .select((eb) => [
      eb.val(1).as('part'),
      eb.fn.countAll().as('n'),
      eb.fn.max('id').as('maxId'),
      eb.fn.sum('version').as('versions'),
      eb.fn.max('updated_at').as('updatedAt'),
    ])
    .where('plan_id', '=', planId)
    .unionAll(
      db
        .selectFrom('progress_reports as r')
        .innerJoin('assignments as a', 'a.id', 'r.assignment_id')
        .select((eb) => [
          eb.val(2).as('part'),
          eb.fn.countAll().as('n'),
          eb.fn.max('r.id').as('maxId'),
          eb.fn.sum('r.version').as('versions'),
          eb.fn.max('r.updated_at').as('updatedAt'),
        ])
        .where('a.plan_id', '=', planId),
    )
    .execute();
  return rows
    .sort((x, y) => Number(x.part) - Number(y.part))
    .map((r) => [Number(r.n), Number(r.maxId ?? 0), Number(r.versions ?? 0), r.updatedAt ?? ''].join(','))
    .join('|');
}

/** The units the plan assigns work to, with name, kind and display order (a read of the shared registry). */
export async function unitRows(db: Kysely<DB>, planId: number): Promise<DashUnit[]> {
  const rows = await db
    .selectFrom('org_units')
    .select(['code', 'name', 'kind', 'display_order'])
    .where('code', 'in', (eb) => eb.selectFrom('assignments').select('unit_code').where('plan_id', '=', planId))
    .orderBy('display_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, order: Number(r.display_order) }));
}
