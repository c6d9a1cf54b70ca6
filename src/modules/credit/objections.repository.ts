import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { ObjectionTable } from '../../core/db/schema-credit.js';

/** Kysely queries for objections (异议). */

export type ObjectionRow = Selectable<ObjectionTable>;

/** The first objection on a record (or a list entry) in one of these statuses, if any. */
export function objectionOnTarget(
  db: Kysely<DB>,
  target: 'record_id' | 'entry_id',
  targetId: number,
  statuses: readonly string[],
) {
  return db
    .selectFrom('objections')
    .select('id')
    .where(target, '=', targetId)
    .where('status', 'in', [...statuses])
    .executeTakeFirst();
}

export function insertObjection(db: Kysely<DB>, row: Insertable<ObjectionTable>) {
  return db.insertInto('objections').values(row).returningAll().executeTakeFirstOrThrow();
}

export function objectionById(db: Kysely<DB>, id: number) {
  return db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates an objection if its version still matches (optimistic concurrency); undefined when it changed. */
export function updateObjectionIfVersion(db: Kysely<DB>, id: number, version: number, set: Updateable<ObjectionTable>) {
  return db
    .updateTable('objections')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export interface ObjectionFilter {
  enterpriseId?: number;
  status?: string;
  /** Only objections in these statuses due before `before`. */
  overdue?: { statuses: readonly string[]; before: string };
  offset: number;
  limit: number;
}

/** A page of objections, newest first, plus the total. */
export async function listObjections(db: Kysely<DB>, f: ObjectionFilter) {
  let base = db.selectFrom('objections');
  if (f.enterpriseId !== undefined) base = base.where('enterprise_id', '=', f.enterpriseId);
  if (f.status) base = base.where('status', '=', f.status);
  if (f.overdue) base = base.where('status', 'in', [...f.overdue.statuses]).where('due_on', '<', f.overdue.before);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').offset(f.offset).limit(f.limit).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Marks objections in these statuses due before `day` and not yet escalated as escalated on `day`; their ids. */
export function escalateOverdueObjections(db: Kysely<DB>, statuses: readonly string[], day: string, now: string) {
  return db
    .updateTable('objections')
    .set({ escalated_on: day, updated_at: now })
    .where('status', 'in', [...statuses])
    .where('due_on', '<', day)
    .where('escalated_on', 'is', null)
    .returning('id')
    .execute();
}
