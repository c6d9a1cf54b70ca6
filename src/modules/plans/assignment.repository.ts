import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { AssignmentTable } from '../../core/db/schema-plans.js';

/** Kysely queries for assignments (督查督办 tasks) with the plan, measure and unit they belong to. */

/** Which assignments a query covers; `unitCodes: []` matches nothing (a unit user without units). */
export interface AssignmentFilter {
  id?: number;
  externalId?: string;
  planId?: number;
  planCode?: string;
  measureId?: number;
  state?: string;
  unitCodes?: readonly string[] | null;
}

function filtered(db: Kysely<DB>, f: AssignmentFilter) {
  let q = db.selectFrom('assignments');
  if (f.id !== undefined) q = q.where('assignments.id', '=', f.id);
  if (f.externalId !== undefined) q = q.where('assignments.external_id', '=', f.externalId);
  if (f.planId !== undefined) q = q.where('assignments.plan_id', '=', f.planId);
  if (f.planCode !== undefined) {
    q = q.where(
      'assignments.plan_id',
      'in',
      db.selectFrom('plans').select('plans.id').where('plans.code', '=', f.planCode),
    );
  }
  if (f.measureId !== undefined) q = q.where('assignments.measure_id', '=', f.measureId);
  if (f.state !== undefined) q = q.where('assignments.state', '=', f.state);
  if (f.unitCodes) {
    // An empty IN list is a syntax error on PostgreSQL; match nothing instead.
    q = f.unitCodes.length
      ? q.where('assignments.unit_code', 'in', [...f.unitCodes])
      : q.where('assignments.id', '<', 0);
  }
  return q;
}

/** Assignments with their plan, measure and unit names, in plan, measure and unit order. */
export function listAssignments(db: Kysely<DB>, f: AssignmentFilter) {
  return filtered(db, f)
    .innerJoin('plans', 'plans.id', 'assignments.plan_id')
    .innerJoin('plan_measures', 'plan_measures.id', 'assignments.measure_id')
    .innerJoin('org_units', 'org_units.code', 'assignments.unit_code')
    .selectAll('assignments')
    .select([
      'plans.code as plan_code',
      'plans.title as plan_title',
      'plans.settings_json as plan_settings_json',
      'plan_measures.external_id as measure_external_id',
      'plan_measures.number as measure_number',
      'plan_measures.ord as measure_ord',
      'plan_measures.title as measure_title',
      'org_units.name as unit_name',
      'org_units.display_order as unit_order',
    ])
    .orderBy('assignments.plan_id')
    .orderBy('plan_measures.ord')
    .orderBy('org_units.display_order')
    .orderBy('assignments.id')
    .execute();
}

export type AssignmentListRow = Awaited<ReturnType<typeof listAssignments>>[number];

/** The reports of every assignment the filter covers, oldest first (what lights and summaries need). */
export function reportRefsOf(db: Kysely<DB>, f: AssignmentFilter) {
  return db
    .selectFrom('progress_reports')
    .select(['id', 'assignment_id', 'period', 'status', 'submitted_at', 'reviewed_at', 'progress', 'origin'])
    .where('assignment_id', 'in', filtered(db, f).select('assignments.id'))
    .orderBy('id')
    .execute();
}

export type ReportRefRow = Awaited<ReturnType<typeof reportRefsOf>>[number];

/** The actions of a measure, or the one action of a per-action assignment, in plan order. */
export function actionsForAssignment(db: Kysely<DB>, measureId: number, actionId: number | null) {
  let q = db
    .selectFrom('plan_actions')
    .select(['id', 'external_id', 'text', 'due_date', 'deadline_type', 'ord'])
    .where('measure_id', '=', measureId);
  if (actionId !== null) q = q.where('id', '=', actionId);
  return q.orderBy('ord').orderBy('id').execute();
}

/** Updates an assignment if its version still matches; false when someone else changed it first. */
export async function updateAssignment(
  db: Kysely<DB>,
  id: number,
  expectedVersion: number,
  values: Omit<Updateable<AssignmentTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('assignments')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
