import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { CreditRecordTable } from '../../core/db/schema-credit.js';

/** Kysely queries for credit records, their evidence files and the few enterprise fields this module reads. */

export type RecordRow = Selectable<CreditRecordTable>;

/** The enterprise fields credit pages and checks need (the registry itself is B's). */
export function enterpriseBasics(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('enterprises')
    .select([
      'id',
      'uscc',
      'registration_no',
      'name',
      'former_names',
      'legal_rep',
      'district_code',
      'address',
      'status',
      'status_date',
      'established_on',
      'registration_authority',
      'entity_type',
      'industry_code',
      'business_scope',
      'grade',
      'score',
      'scorecard_version',
      'graded_at',
      'list_flags',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Id and name of each of these enterprises (ids must not be empty). */
export function enterpriseNames(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** The enterprise with this USCC, if any. */
export function enterpriseIdByUscc(db: Kysely<DB>, uscc: string) {
  return db.selectFrom('enterprises').select('id').where('uscc', '=', uscc).executeTakeFirst();
}

/** The live (not superseded) record of a source key, if any. */
export function liveBySource(db: Kysely<DB>, sourceModule: string, sourceRecordId: string, type: string) {
  return db
    .selectFrom('credit_records')
    .selectAll()
    .where('source_module', '=', sourceModule)
    .where('source_record_id', '=', sourceRecordId)
    .where('type', '=', type)
    .where('status', '<>', 'SUPERSEDED')
    .executeTakeFirst();
}

export function recordById(db: Kysely<DB>, id: number) {
  return db.selectFrom('credit_records').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertRecord(db: Kysely<DB>, row: Insertable<CreditRecordTable>) {
  return db.insertInto('credit_records').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates a record if its version still matches (optimistic concurrency); undefined when it changed. */
export function updateRecord(db: Kysely<DB>, id: number, version: number, set: Updateable<CreditRecordTable>) {
  return db
    .updateTable('credit_records')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function insertRecordFiles(db: Kysely<DB>, rows: { record_id: number; file_id: number; name: string }[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('credit_record_files').values(rows).execute();
}

export function filesOf(db: Kysely<DB>, recordIds: number[]) {
  if (recordIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('credit_record_files')
    .select(['record_id', 'file_id', 'name'])
    .where('record_id', 'in', recordIds)
    .orderBy('id')
    .execute();
}

export async function existingFileIds(db: Kysely<DB>, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('files').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => Number(r.id)));
}

export interface RecordFilter {
  enterpriseId?: number;
  unitCode?: string;
  type?: string;
  status?: string;
  /** Visibilities the caller may see. */
  visibilities?: readonly string[];
  /** §7.2 evaluated in the query: only records public on this day. */
  publicOn?: string;
  offset: number;
  limit: number;
}

function filtered(db: Kysely<DB>, f: Omit<RecordFilter, 'offset' | 'limit'>) {
  let q = db.selectFrom('credit_records').where('status', '<>', 'SUPERSEDED');
  if (f.enterpriseId !== undefined) q = q.where('enterprise_id', '=', f.enterpriseId);
  if (f.unitCode !== undefined) q = q.where('unit_code', '=', f.unitCode);
  if (f.type !== undefined) q = q.where('type', '=', f.type);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.visibilities) q = q.where('visibility', 'in', [...f.visibilities]);
  if (f.publicOn !== undefined) {
    const day = f.publicOn;
    q = q
      .where('visibility', '=', 'PUBLIC')
      .where('status', '=', 'ACTIVE')
      .where('published_on', '<=', day)
      .where((eb) => eb.or([eb('public_ends_on', 'is', null), eb('public_ends_on', '>=', day)]));
  }
  return q;
}

/** A page of records, newest decision first, plus the total. */
export async function listRecords(db: Kysely<DB>, f: RecordFilter) {
  const [items, total] = await Promise.all([
    filtered(db, f)
      .selectAll()
      .orderBy('decided_on', 'desc')
      .orderBy('id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** ADMIN_PENALTY records of an enterprise decided after a day (repair conditions). */
export function penaltiesSince(db: Kysely<DB>, enterpriseId: number, afterDay: string) {
  return db
    .selectFrom('credit_records')
    .select(['id', 'severity', 'details_json', 'decided_on'])
    .where('enterprise_id', '=', enterpriseId)
    .where('type', '=', 'ADMIN_PENALTY')
    .where('status', 'in', ['ACTIVE', 'EXPIRED'])
    .where('decided_on', '>', afterDay)
    .execute();
}

/** Ids of active records past their last public day (the expiry job materialises them in batches). */
export function expiredRecordIds(db: Kysely<DB>, day: string, limit: number) {
  return db
    .selectFrom('credit_records')
    .select(['id', 'enterprise_id'])
    .where('status', '=', 'ACTIVE')
    .where('public_ends_on', '<', day)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function markExpired(db: Kysely<DB>, ids: number[], now: string) {
  return db
    .updateTable('credit_records')
    .set((eb) => ({ status: 'EXPIRED', updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .where('status', '=', 'ACTIVE')
    .executeTakeFirst();
}

/** Which of these records have an objection being handled (shown as "异议处理中"). */
export async function pendingObjectionRecordIds(db: Kysely<DB>, recordIds: number[]): Promise<Set<number>> {
  if (recordIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('objections')
    .select('record_id')
    .where('record_id', 'in', recordIds)
    .where('status', 'in', ['SUBMITTED', 'EXTERNAL_VERIFICATION'])
    .execute();
  return new Set(rows.map((r) => Number(r.record_id)));
}
