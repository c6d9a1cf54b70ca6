import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { ProgressReportTable, ReportEvidenceTable } from '../../core/db/schema-plans.js';

/** Kysely queries for progress reports (R-S4) and their evidence. */

/** Inserts a report and returns its id. */
export async function insertReport(db: Kysely<DB>, row: Insertable<ProgressReportTable>): Promise<number> {
  const r = await db.insertInto('progress_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** One report by id. */
export function findReport(db: Kysely<DB>, id: number) {
  return db.selectFrom('progress_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** Updates a report if its version still matches; false when someone else changed it first. */
export async function updateReport(
  db: Kysely<DB>,
  id: number,
  expectedVersion: number,
  values: Omit<Updateable<ProgressReportTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('progress_reports')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every report of one assignment, newest first. */
export function reportsOfAssignment(db: Kysely<DB>, assignmentId: number) {
  return db
    .selectFrom('progress_reports')
    .selectAll()
    .where('assignment_id', '=', assignmentId)
    .orderBy('id', 'desc')
    .execute();
}

/** The review queue's filter; `unitCodes: []` matches nothing. */
export interface ReportFilter {
  reportId?: number;
  status?: string;
  planId?: number;
  assignmentId?: number;
  unitCodes?: readonly string[] | null;
}

function filteredReports(db: Kysely<DB>, f: ReportFilter) {
  let q = db
    .selectFrom('progress_reports')
    .innerJoin('assignments', 'assignments.id', 'progress_reports.assignment_id');
  if (f.reportId !== undefined) q = q.where('progress_reports.id', '=', f.reportId);
  if (f.status !== undefined) q = q.where('progress_reports.status', '=', f.status);
  if (f.planId !== undefined) q = q.where('assignments.plan_id', '=', f.planId);
  if (f.assignmentId !== undefined) q = q.where('assignments.id', '=', f.assignmentId);
  if (f.unitCodes) {
    q = f.unitCodes.length
      ? q.where('assignments.unit_code', 'in', [...f.unitCodes])
      : q.where('progress_reports.id', '<', 0);
  }
  return q;
}

/** How many reports match the filter. */
export async function countReports(db: Kysely<DB>, f: ReportFilter): Promise<number> {
  const row = await filteredReports(db, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A page of reports with their assignment, measure and unit. The queue of submitted reports runs oldest
 * submission first (first in, first reviewed); other views show the latest change first.
 */
export function listReports(db: Kysely<DB>, f: ReportFilter, offset: number, limit: number) {
  let q = filteredReports(db, f)
    .innerJoin('plan_measures', 'plan_measures.id', 'assignments.measure_id')
    .innerJoin('org_units', 'org_units.code', 'assignments.unit_code')
    .selectAll('progress_reports')
    .select([
      'assignments.external_id as assignment_external_id',
      'assignments.plan_id as plan_id',
      'assignments.unit_code as unit_code',
      'org_units.name as unit_name',
      'plan_measures.number as measure_number',
      'plan_measures.title as measure_title',
    ]);
  q =
    f.status === 'submitted'
      ? q.orderBy('progress_reports.submitted_at').orderBy('progress_reports.id')
      : q.orderBy('progress_reports.updated_at', 'desc').orderBy('progress_reports.id', 'desc');
  return q.offset(offset).limit(limit).execute();
}

export type ReportListRow = Awaited<ReturnType<typeof listReports>>[number];

/** Evidence of some reports, with the stored file's type and size where it is a file. */
export function evidenceOf(db: Kysely<DB>, reportIds: readonly number[]) {
  if (reportIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('report_evidence')
    .leftJoin('files', 'files.id', 'report_evidence.file_id')
    .selectAll('report_evidence')
    .select(['files.mime as mime', 'files.size as size'])
    .where('report_evidence.report_id', 'in', [...reportIds])
    .orderBy('report_evidence.id')
    .execute();
}

export type EvidenceRow = Awaited<ReturnType<typeof evidenceOf>>[number];

/** Adds evidence rows to a report. */
export async function insertEvidence(db: Kysely<DB>, rows: Insertable<ReportEvidenceTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('report_evidence').values(rows).execute();
}

/** Removes evidence rows from a report that is still being edited. */
export async function deleteEvidence(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length)
    await db
      .deleteFrom('report_evidence')
      .where('id', 'in', [...ids])
      .execute();
}

/** Which of these file ids exist. */
export async function existingFileIds(db: Kysely<DB>, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('files')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => Number(r.id)));
}
