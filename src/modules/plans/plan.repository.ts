import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type {
  AssignmentTable,
  PlanActionTable,
  PlanMeasureTable,
  PlanPartyTable,
  PlanTable,
} from '../../core/db/schema-plans.js';

/** Kysely queries for plans and their structure (sections, measures, actions, parties). */

export function findPlan(db: Kysely<DB>, id: number) {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPlanByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Plans without their (large) source and parse columns, newest year first. */
export function listPlans(db: Kysely<DB>, filter: { status?: string; districtCode?: string | null }) {
  let q = db
    .selectFrom('plans')
    .select([
      'id',
      'code',
      'title',
      'year',
      'doc_number',
      'issuer_code',
      'written_on',
      'status',
      'parent_plan_id',
      'district_code',
      'published_at',
      'created_at',
      'updated_at',
      'version',
    ]);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.districtCode !== undefined) {
    q =
      filter.districtCode === null
        ? q.where('district_code', 'is', null)
        : q.where('district_code', '=', filter.districtCode);
  }
  return q.orderBy('year', 'desc').orderBy('id', 'desc').execute();
}

export async function insertPlan(db: Kysely<DB>, plan: Insertable<PlanTable>): Promise<number> {
  const row = await db.insertInto('plans').values(plan).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Updates a plan if its version still matches; false when someone else changed it first. */
export async function updatePlan(
  db: Kysely<DB>,
  id: number,
  expectedVersion: number,
  values: Partial<Omit<PlanTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('plans')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePlan(db: Kysely<DB>, id: number) {
  await db.deleteFrom('plans').where('id', '=', id).execute();
}

export async function insertSection(
  db: Kysely<DB>,
  s: { plan_id: number; ord: number; number: number; title: string | null },
) {
  const row = await db.insertInto('plan_sections').values(s).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertMeasure(db: Kysely<DB>, m: Insertable<PlanMeasureTable>) {
  const row = await db.insertInto('plan_measures').values(m).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertAction(db: Kysely<DB>, a: Insertable<PlanActionTable>) {
  const row = await db.insertInto('plan_actions').values(a).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertParties(db: Kysely<DB>, parties: Insertable<PlanPartyTable>[]) {
  if (parties.length) await db.insertInto('plan_parties').values(parties).execute();
}

export async function insertAssignments(db: Kysely<DB>, rows: Insertable<AssignmentTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('assignments')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export function sectionsOf(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_sections')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('ord')
    .orderBy('id')
    .execute();
}

export function measuresOf(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_measures')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('ord')
    .orderBy('id')
    .execute();
}

export function actionsOf(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_actions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('measure_id')
    .orderBy('ord')
    .orderBy('id')
    .execute();
}

export function partiesOf(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_parties')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('measure_id')
    .orderBy('ord')
    .orderBy('id')
    .execute();
}

/** Atomically takes the next number of a counter (document numbers, bulletin issues). */
export async function nextCounter(db: Kysely<DB>, key: string): Promise<number> {
  await db
    .insertInto('counters')
    .values({ key, value: 0 })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('key', '=', key)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export function assignmentsOfPlan(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('measure_id')
    .orderBy('id')
    .execute();
}

export async function countPlans(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The unit an assignment belongs to, by its external id. */
export async function unitOfAssignment(db: Kysely<DB>, externalId: string): Promise<string | null> {
  const row = await db
    .selectFrom('assignments')
    .select('unit_code')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.unit_code ?? null;
}

/** The unit whose assignment a progress report belongs to. */
export async function unitOfReport(db: Kysely<DB>, reportId: number): Promise<string | null> {
  const row = await db
    .selectFrom('progress_reports')
    .innerJoin('assignments', 'assignments.id', 'progress_reports.assignment_id')
    .select('assignments.unit_code')
    .where('progress_reports.id', '=', reportId)
    .executeTakeFirst();
  return row?.unit_code ?? null;
}
