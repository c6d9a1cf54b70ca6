import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { RepairApplicationTable } from '../../core/db/schema-credit.js';

/** Kysely queries for credit repair applications (信用修复). */

export type RepairRow = Selectable<RepairApplicationTable>;

/** The first application on a list entry (or a record) in one of these statuses, if any. */
export function repairOnTarget(
  db: Kysely<DB>,
  target: 'entry_id' | 'record_id',
  targetId: number,
  statuses: readonly string[],
) {
  return db
    .selectFrom('repair_applications')
    .select('id')
    .where(target, '=', targetId)
    .where('status', 'in', [...statuses])
    .executeTakeFirst();
}

export function insertRepair(db: Kysely<DB>, row: Insertable<RepairApplicationTable>) {
  return db.insertInto('repair_applications').values(row).returningAll().executeTakeFirstOrThrow();
}

export function repairById(db: Kysely<DB>, id: number) {
  return db.selectFrom('repair_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates an application if its version still matches (optimistic concurrency); undefined when it changed. */
export function updateRepairIfVersion(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Updateable<RepairApplicationTable>,
) {
  return db
    .updateTable('repair_applications')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export interface RepairFilter {
  enterpriseId?: number;
  status?: string;
  offset: number;
  limit: number;
}

/** A page of applications, newest first, plus the total. */
export async function listRepairs(db: Kysely<DB>, f: RepairFilter) {
  let base = db.selectFrom('repair_applications');
  if (f.enterpriseId !== undefined) base = base.where('enterprise_id', '=', f.enterpriseId);
  if (f.status) base = base.where('status', '=', f.status);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').offset(f.offset).limit(f.limit).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
