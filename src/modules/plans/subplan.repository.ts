import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { SubPlanTable } from '../../core/db/schema-plans.js';

/** Kysely queries for district implementation plans, their tasks and exclusions. */

export async function insertSubPlans(db: Kysely<DB>, rows: Insertable<SubPlanTable>[]) {
  if (rows.length) await db.insertInto('sub_plans').values(rows).execute();
}

export function subPlansOfPlan(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('sub_plans')
    .innerJoin('org_units', 'org_units.code', 'sub_plans.district_code')
    .selectAll('sub_plans')
    .select(['org_units.name as district_name', 'org_units.display_order'])
    .where('sub_plans.plan_id', '=', planId)
    .orderBy('sub_plans.district_code')
    .orderBy('sub_plans.id')
    .execute();
}

export function findSubPlan(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('sub_plans')
    .innerJoin('org_units', 'org_units.code', 'sub_plans.district_code')
    .selectAll('sub_plans')
    .select('org_units.name as district_name')
    .where('sub_plans.id', '=', id)
    .executeTakeFirst();
}

export function tasksOf(db: Kysely<DB>, subPlanIds: number[]) {
  if (subPlanIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sub_plan_tasks')
    .selectAll()
    .where('sub_plan_id', 'in', subPlanIds)
    .orderBy('sub_plan_id')
    .orderBy('ord')
    .orderBy('id')
    .execute();
}

export function exclusionsOf(db: Kysely<DB>, subPlanIds: number[]) {
  if (subPlanIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sub_plan_exclusions')
    .selectAll()
    .where('sub_plan_id', 'in', subPlanIds)
    .orderBy('sub_plan_id')
    .orderBy('id')
    .execute();
}

/** Replaces a sub-plan's tasks and exclusions with the given ones. */
export async function replaceContent(
  db: Kysely<DB>,
  subPlanId: number,
  tasks: {
    measure_id: number;
    action_id: number | null;
    title: string;
    dept_name: string | null;
    responsible_person: string | null;
    due_date: string | null;
  }[],
  exclusions: { measure_id: number; reason: string }[],
) {
  await db.deleteFrom('sub_plan_tasks').where('sub_plan_id', '=', subPlanId).execute();
  await db.deleteFrom('sub_plan_exclusions').where('sub_plan_id', '=', subPlanId).execute();
  if (tasks.length) {
    await db
      .insertInto('sub_plan_tasks')
      .values(tasks.map((t, i) => ({ ...t, sub_plan_id: subPlanId, ord: i + 1 })))
      .execute();
  }
  if (exclusions.length) {
    await db
      .insertInto('sub_plan_exclusions')
      .values(exclusions.map((e) => ({ ...e, sub_plan_id: subPlanId })))
      .execute();
  }
}

/** Updates a sub-plan if its version still matches; false when someone else changed it first. */
export async function updateSubPlan(
  db: Kysely<DB>,
  id: number,
  expectedVersion: number,
  values: Partial<Omit<SubPlanTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('sub_plans')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
