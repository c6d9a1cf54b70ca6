import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { InspectionDrawTable, InspectorTable } from '../../core/db/schema-credit.js';

/** Kysely queries for 双随机 draws, their members, inspectors and declared conflicts. */

export type DrawRow = Selectable<InspectionDrawTable>;
export type InspectorRow = Selectable<InspectorTable>;

/** The task filter as the frame query applies it (normalised by the service). */
export interface FrameQuery {
  districtCode: string | null;
  status: string | null;
  industryPrefix: string | null;
  riskClasses: readonly string[];
  /** Exclude enterprises drawn on or after this day … */
  drawnSince: string | null;
  /** … by draws older than this one (a re-run must not exclude by itself or later draws). */
  beforeDrawId: number | null;
}

/** One id-ordered chunk of the frame: id, credit code and risk class only. */
export function frameChunk(db: Kysely<DB>, f: FrameQuery, afterId: number, limit: number) {
  let q = db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.uscc', 'e.risk_class'])
    .where('e.id', '>', afterId)
    .where('e.risk_class', 'in', [...f.riskClasses]);
  if (f.districtCode) q = q.where('e.district_code', '=', f.districtCode);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.industryPrefix) q = q.where('e.industry_code', 'like', `${f.industryPrefix}%`);
  if (f.drawnSince) {
    const since = f.drawnSince;
    const before = f.beforeDrawId;
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspection_draw_members as m')
            .innerJoin('inspection_draws as d', 'd.id', 'm.draw_id')
            .select('m.draw_id')
            .whereRef('m.enterprise_id', '=', 'e.id')
            .where('d.drawn_on', '>=', since)
            .$if(before !== null, (sq) => sq.where('d.id', '<', before ?? 0)),
        ),
      ),
    );
  }
  return q.orderBy('e.id').limit(limit).execute();
}

export function insertDraw(db: Kysely<DB>, row: Insertable<InspectionDrawTable>) {
  return db.insertInto('inspection_draws').values(row).returningAll().executeTakeFirstOrThrow();
}

export function drawById(db: Kysely<DB>, id: number) {
  return db.selectFrom('inspection_draws').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDraws(db: Kysely<DB>, limit: number, offset: number) {
  return db.selectFrom('inspection_draws').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countDraws(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('inspection_draws')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A page of a draw's members (or all of them without limit) with the enterprise's name and codes. */
export function drawMembers(db: Kysely<DB>, drawId: number, limit?: number, offset = 0) {
  let q = db
    .selectFrom('inspection_draw_members as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['m.position', 'm.enterprise_id', 'm.risk_class', 'm.inspectors', 'e.name', 'e.uscc', 'e.district_code'])
    .where('m.draw_id', '=', drawId)
    .orderBy('m.position');
  if (limit !== undefined) q = q.limit(limit).offset(offset);
  return q.execute();
}

export function usernameOf(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
}

// Inspectors and conflicts

export function listInspectors(db: Kysely<DB>, activeOnly = false) {
  let q = db.selectFrom('inspectors').selectAll();
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('code').execute();
}

export function conflictCounts(db: Kysely<DB>) {
  return db
    .selectFrom('inspector_conflicts')
    .select(['inspector_id', (eb) => eb.fn.countAll().as('n')])
    .groupBy('inspector_id')
    .execute();
}

export function inspectorById(db: Kysely<DB>, id: number) {
  return db.selectFrom('inspectors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function inspectorByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('inspectors').selectAll().where('code', '=', code).executeTakeFirst();
}

export function insertInspector(db: Kysely<DB>, row: Insertable<InspectorTable>) {
  return db.insertInto('inspectors').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates if `version` still matches (optimistic concurrency); undefined when it changed. */
export function updateInspector(db: Kysely<DB>, id: number, version: number, set: Updateable<InspectorTable>) {
  return db
    .updateTable('inspectors')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function inspectorConflicts(db: Kysely<DB>, inspectorId: number) {
  return db
    .selectFrom('inspector_conflicts as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select(['c.enterprise_id', 'c.reason', 'e.name', 'e.uscc'])
    .where('c.inspector_id', '=', inspectorId)
    .orderBy('c.enterprise_id')
    .execute();
}

/** Every declared conflict of active inspectors, keyed as the draw hashes them (code, credit code or id). */
export function activeConflicts(db: Kysely<DB>) {
  return db
    .selectFrom('inspector_conflicts as c')
    .innerJoin('inspectors as i', 'i.id', 'c.inspector_id')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select(['i.code', 'e.id as enterprise_id', 'e.uscc'])
    .where('i.active', '=', 1)
    .execute();
}

export function conflictOf(db: Kysely<DB>, inspectorId: number, enterpriseId: number) {
  return db
    .selectFrom('inspector_conflicts')
    .selectAll()
    .where('inspector_id', '=', inspectorId)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
}

export function insertConflict(db: Kysely<DB>, inspectorId: number, enterpriseId: number, reason: string | null) {
  return db
    .insertInto('inspector_conflicts')
    .values({ inspector_id: inspectorId, enterprise_id: enterpriseId, reason })
    .execute();
}

export function deleteConflict(db: Kysely<DB>, inspectorId: number, enterpriseId: number) {
  return db
    .deleteFrom('inspector_conflicts')
    .where('inspector_id', '=', inspectorId)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
}

export function enterpriseBrief(db: Kysely<DB>, id: number) {
  return db.selectFrom('enterprises').select(['id', 'name', 'uscc']).where('id', '=', id).executeTakeFirst();
}

export function unitExists(db: Kysely<DB>, code: string) {
  return db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirst();
}
