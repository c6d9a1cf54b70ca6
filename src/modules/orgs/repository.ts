import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { DB, NewOrgUnit, OrgUnitUpdate } from '../../core/db/schema.js';

/** Kysely queries for org units, their aliases and unit groups. */

export interface UnitFilter {
  search: RawBuilder<SqlBool> | null;
  kind?: string;
  /** current: valid on `today`; retired: ended before `today`. */
  status?: 'current' | 'retired' | 'all';
  today: string;
}

export const UNIT_SORTS = ['code', 'name', 'kind', 'display_order', 'division_code', 'valid_to'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

function filtered(db: Kysely<DB>, f: UnitFilter) {
  let q = db.selectFrom('org_units');
  if (f.search) q = q.where(f.search);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status === 'current') q = q.where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', f.today)]));
  if (f.status === 'retired') q = q.where('valid_to', '<', f.today);
  return q;
}

export async function countUnits(db: Kysely<DB>, f: UnitFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listUnits(db: Kysely<DB>, f: UnitFilter, sort: UnitSort, desc: boolean, offset: number, limit: number) {
  return filtered(db, f)
    .selectAll()
    .orderBy(sort, desc ? 'desc' : 'asc')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export function allUnits(db: Kysely<DB>) {
  return db.selectFrom('org_units').selectAll().orderBy('display_order').orderBy('id').execute();
}

export function findUnit(db: Kysely<DB>, code: string) {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}

export function unitNames(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_units').select(['code', 'name']).where('code', 'in', codes).execute();
}

/** Current units (open or ending on/after `today`) whose exact name is `name`. */
export function currentUnitsNamed(db: Kysely<DB>, name: string, today: string) {
  return db
    .selectFrom('org_units')
    .select('code')
    .where('name', '=', name)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
    .execute();
}

export async function maxDisplayOrder(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('org_units')
    .select((eb) => eb.fn.max('display_order').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function insertUnit(db: Kysely<DB>, unit: NewOrgUnit) {
  await db.insertInto('org_units').values(unit).execute();
}

/** Updates a unit if its version still matches; returns false when someone else changed it first. */
export async function updateUnit(
  db: Kysely<DB>,
  code: string,
  expectedVersion: number,
  values: OrgUnitUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('org_units')
    .set({ ...values, version: expectedVersion + 1 })
    .where('code', '=', code)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function aliasesOf(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_aliases')
    .select(['id', 'unit_code', 'alias', 'source'])
    .where('unit_code', 'in', codes)
    .orderBy('unit_code')
    .orderBy('id')
    .execute();
}

export function allAliases(db: Kysely<DB>) {
  return db.selectFrom('org_aliases').select(['unit_code', 'alias']).orderBy('id').execute();
}

export async function insertAlias(
  db: Kysely<DB>,
  a: { unit_code: string; alias: string; alias_norm: string; source: string; created_at: string },
) {
  await db
    .insertInto('org_aliases')
    .values(a)
    .onConflict((oc) => oc.columns(['unit_code', 'alias_norm']).doNothing())
    .execute();
}

export function findAlias(db: Kysely<DB>, id: number) {
  return db.selectFrom('org_aliases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteAlias(db: Kysely<DB>, id: number) {
  await db.deleteFrom('org_aliases').where('id', '=', id).execute();
}

export async function kindCounts(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('org_units')
    .select(['kind', (eb) => eb.fn.countAll().as('n')])
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

// Groups

export function allGroups(db: Kysely<DB>) {
  return db.selectFrom('org_groups').selectAll().orderBy('code').execute();
}

export function allGroupAliases(db: Kysely<DB>) {
  return db.selectFrom('org_group_aliases').select(['group_code', 'alias']).orderBy('id').execute();
}

export function allGroupMembers(db: Kysely<DB>) {
  return db
    .selectFrom('org_group_members')
    .innerJoin('org_units', 'org_units.code', 'org_group_members.unit_code')
    .select([
      'org_group_members.group_code',
      'org_group_members.unit_code',
      'org_units.name as unit_name',
      'org_group_members.valid_from',
      'org_group_members.valid_to',
    ])
    .orderBy('org_group_members.id')
    .execute();
}

export function findGroup(db: Kysely<DB>, code: string) {
  return db.selectFrom('org_groups').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertGroup(
  db: Kysely<DB>,
  g: { code: string; name: string; rule: string; note: string | null; created_at: string },
) {
  await db.insertInto('org_groups').values(g).execute();
}

export async function insertGroupAlias(db: Kysely<DB>, a: { group_code: string; alias: string; alias_norm: string }) {
  await db
    .insertInto('org_group_aliases')
    .values(a)
    .onConflict((oc) => oc.column('alias_norm').doNothing())
    .execute();
}

export async function insertGroupMember(
  db: Kysely<DB>,
  m: { group_code: string; unit_code: string; valid_from: string | null; valid_to: string | null },
) {
  await db.insertInto('org_group_members').values(m).execute();
}
