import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { AssignmentTable, PlanActionTable, PlanMeasureTable } from '../../core/db/schema-plans.js';

/** Kysely queries of the plan round trip (R-S13): the plan's structure in export order, and its writes. */

/** The plan's head: what the round trip checks (status) and names its files after (code). */
export function planHead(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plans')
    .select(['id', 'code', 'title', 'status', 'settings_json'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

export function sectionsOf(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_sections')
    .select(['id', 'number'])
    .where('plan_id', '=', planId)
    .orderBy('ord')
    .orderBy('id')
    .execute();
}

/** Measures with their section number, in plan order. */
export function measuresOf(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_measures as m')
    .innerJoin('plan_sections as s', 's.id', 'm.section_id')
    .select([
      'm.id',
      'm.external_id',
      'm.ord',
      'm.number',
      'm.title',
      'm.weight_bp',
      'm.responsibility_raw',
      's.number as section_number',
    ])
    .where('m.plan_id', '=', planId)
    .orderBy('m.ord')
    .orderBy('m.id')
    .execute();
}

/** Actions with their measure's external id, in plan order. */
export function actionsOf(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_actions as a')
    .innerJoin('plan_measures as m', 'm.id', 'a.measure_id')
    .select([
      'a.id',
      'a.external_id',
      'a.ord',
      'a.text',
      'a.deadline_type',
      'a.due_date',
      'a.weight_bp',
      'm.external_id as measure_external_id',
    ])
    .where('a.plan_id', '=', planId)
    .orderBy('m.ord')
    .orderBy('a.ord')
    .orderBy('a.id')
    .execute();
}

/** The last submission instant of each assignment of the plan that has one. */
export function lastSubmissions(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('progress_reports as r')
    .innerJoin('assignments as a', 'a.id', 'r.assignment_id')
    .select((eb) => ['r.assignment_id', eb.fn.max('r.submitted_at').as('last_submitted_at')])
    .where('a.plan_id', '=', planId)
    .where('r.submitted_at', 'is not', null)
    .groupBy('r.assignment_id')
    .execute();
}

/** Units an assignment may name: every unit but external bodies (国务院办公厅 …), which are never assigned. */
export function assignableUnits(db: Kysely<DB>) {
  return db
    .selectFrom('org_units')
    .select(['code', 'name'])
    .where('kind', '<>', 'external')
    .orderBy('display_order')
    .orderBy('id')
    .execute();
}

export async function insertMeasure(db: Kysely<DB>, m: Insertable<PlanMeasureTable>): Promise<number> {
  const row = await db.insertInto('plan_measures').values(m).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateMeasure(db: Kysely<DB>, id: number, values: Updateable<PlanMeasureTable>): Promise<void> {
  await db.updateTable('plan_measures').set(values).where('id', '=', id).execute();
}

export async function insertAction(db: Kysely<DB>, a: Insertable<PlanActionTable>): Promise<number> {
  const row = await db.insertInto('plan_actions').values(a).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateAction(db: Kysely<DB>, id: number, values: Updateable<PlanActionTable>): Promise<void> {
  await db.updateTable('plan_actions').set(values).where('id', '=', id).execute();
}

export async function insertAssignment(db: Kysely<DB>, a: Insertable<AssignmentTable>): Promise<number> {
  const row = await db.insertInto('assignments').values(a).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
