import type { Insertable, Kysely, RawBuilder, Selectable, SqlBool, Updateable } from 'kysely';
import { insertBatched } from '../../core/db/batch.js';
import type { DB } from '../../core/db/schema.js';
import type { EnterpriseTable, ImportJobTable, ImportRejectTable } from '../../core/db/schema-credit.js';

/** Kysely queries for the enterprise registry, its change history and its import jobs. */

export type EnterpriseRow = Selectable<EnterpriseTable>;
export type NewEnterprise = Insertable<EnterpriseTable>;

/** Long IN lists stay well under both databases' parameter caps. */
const IN_CHUNK = 1000;

async function inChunks<T>(keys: string[], fn: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += IN_CHUNK) out.push(...(await fn(keys.slice(i, i + IN_CHUNK))));
  return out;
}

/** Rows whose credit code is one of `codes`. */
export function enterprisesByUscc(db: Kysely<DB>, codes: string[]) {
  return inChunks(codes, (chunk) => db.selectFrom('enterprises').selectAll().where('uscc', 'in', chunk).execute());
}

/** Rows whose registration number is one of `numbers` (several rows may share one). */
export function enterprisesByRegistrationNo(db: Kysely<DB>, numbers: string[]) {
  return inChunks(numbers, (chunk) =>
    db.selectFrom('enterprises').selectAll().where('registration_no', 'in', chunk).orderBy('id').execute(),
  );
}

export function enterpriseById(db: Kysely<DB>, id: number) {
  return db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
}

export function enterpriseByUscc(db: Kysely<DB>, uscc: string) {
  return db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

export async function updateEnterprise(db: Kysely<DB>, id: number, values: Updateable<EnterpriseTable>) {
  await db.updateTable('enterprises').set(values).where('id', '=', id).execute();
}

/** Marks unchanged rows as confirmed by an import job (duplicate detection, last sync time). */
export async function touchEnterprises(db: Kysely<DB>, ids: number[], jobId: number, at: string) {
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    await db
      .updateTable('enterprises')
      .set({ last_import_job_id: jobId, last_synced_at: at })
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
  }
}

/** Whether any row was written by something other than import job `jobId` (else a load may take the fast path). */
export async function hasRowsOutsideJob(db: Kysely<DB>, jobId: number): Promise<boolean> {
  const row = await db
    .selectFrom('enterprises')
    .select('id')
    .where((eb) => eb.or([eb('last_import_job_id', 'is', null), eb('last_import_job_id', '<>', jobId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Registration numbers of rows without a credit code that job `jobId` wrote (a resumed fast load's memory). */
export async function usccLessRegistrationNos(db: Kysely<DB>, jobId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('enterprises')
    .select('registration_no')
    .where('last_import_job_id', '=', jobId)
    .where('uscc', 'is', null)
    .where('registration_no', 'is not', null)
    .execute();
  return rows.map((r) => r.registration_no!);
}

/**
 * Secondary indexes of `enterprises` that a first load into an empty table builds after the rows are in
 * (one sort each instead of a B-tree update per row: the bulk of a row insert's cost). They must match
 * migration 0007 exactly; restore is idempotent, so a killed load's next run puts them back.
 * `enterprises_risk (risk_class, id)` stays: new rows have no risk class, so each insert only appends to it.
 */
const LOAD_INDEXES: [string, string[]][] = [
  ['enterprises_registration_no', ['registration_no']],
  ['enterprises_legal_rep', ['legal_rep']],
  ['enterprises_district', ['district_code', 'status']],
];

export async function dropLoadIndexes(db: Kysely<DB>): Promise<void> {
  for (const [name] of LOAD_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}

export async function restoreLoadIndexes(db: Kysely<DB>): Promise<void> {
  for (const [name, cols] of LOAD_INDEXES) {
    await db.schema.createIndex(name).ifNotExists().on('enterprises').columns(cols).execute();
  }
}

export async function insertChanges(db: Kysely<DB>, rows: Insertable<DB['enterprise_changes']>[]) {
  await insertBatched(db, 'enterprise_changes', rows);
}

export function changesOf(db: Kysely<DB>, enterpriseId: number, limit: number) {
  return db
    .selectFrom('enterprise_changes')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// Search

export interface RegistryFilter {
  text: RawBuilder<SqlBool> | null;
  /** Exact legal-representative name, OR-ed with the text condition (one search box). */
  legalRep: string | null;
  uscc: string | null;
  /** Credit-code or registration-number prefix: a range on both B-tree indexes. */
  codePrefix: string | null;
  district?: string;
  status?: string;
  grade?: string;
  /** A list code the enterprise is on now, or 'NONE'. */
  list?: string;
}

function filtered(db: Kysely<DB>, f: RegistryFilter) {
  let q = db.selectFrom('enterprises');
  if (f.uscc) q = q.where('uscc', '=', f.uscc);
  if (f.codePrefix) {
    // Codes are [0-9A-Z]; '~' sorts after all of them, so this is the prefix as an index range.
    const lo = f.codePrefix;
    const hi = `${f.codePrefix}~`;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('uscc', '>=', lo), eb('uscc', '<', hi)]),
        eb.and([eb('registration_no', '>=', lo), eb('registration_no', '<', hi)]),
      ]),
    );
  }
  if (f.text && f.legalRep) {
    const text = f.text;
    const rep = f.legalRep;
    q = q.where((eb) => eb.or([text, eb('legal_rep', '=', rep)]));
  } else if (f.text) q = q.where(f.text);
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.grade) q = q.where('grade', '=', f.grade);
  if (f.list === 'NONE') q = q.where('list_flags', '=', '');
  else if (f.list) q = q.where('list_flags', 'like', `%${f.list}%`);
  return q;
}

/** Up to `limit` matches with what ranking and facets need, in id order. */
export function searchCandidates(db: Kysely<DB>, f: RegistryFilter, limit: number) {
  return filtered(db, f)
    .select(['id', 'name', 'district_code', 'status', 'grade', 'list_flags'])
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A page of matches in id order, for result sets too large to rank (over the exact-count cap). */
export function searchPageById(db: Kysely<DB>, f: RegistryFilter, offset: number, limit: number) {
  return filtered(db, f).selectAll().orderBy('id').offset(offset).limit(limit).execute();
}

export function enterprisesByIds(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('enterprises').selectAll().where('id', 'in', ids).execute();
}

export async function countEnterprises(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('enterprises')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Import jobs

export async function insertJob(db: Kysely<DB>, job: Insertable<ImportJobTable>): Promise<number> {
  const row = await db.insertInto('import_jobs').values(job).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export function jobById(db: Kysely<DB>, id: number) {
  return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateJob(db: Kysely<DB>, id: number, values: Updateable<ImportJobTable>) {
  await db.updateTable('import_jobs').set(values).where('id', '=', id).execute();
}

export function recentJobs(db: Kysely<DB>, kind: string, limit: number) {
  return db.selectFrom('import_jobs').selectAll().where('kind', '=', kind).orderBy('id', 'desc').limit(limit).execute();
}

export async function insertRejects(db: Kysely<DB>, rows: Insertable<ImportRejectTable>[]) {
  await insertBatched(db, 'import_rejects', rows);
}

/** Rejected rows of a job after `afterId`, for paging through a large reject file. */
export function rejectsPage(db: Kysely<DB>, jobId: number, afterId: number, limit: number) {
  return db
    .selectFrom('import_rejects')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
