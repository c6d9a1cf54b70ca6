import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/** Kysely queries over the audit log (reads only: appends go through core/audit). */

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  return q;
}

export async function countEntries(db: Kysely<DB>, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listEntries(db: Kysely<DB>, f: AuditFilter, offset: number, limit: number) {
  return filtered(db, f).selectAll().orderBy('seq', 'desc').offset(offset).limit(limit).execute();
}
