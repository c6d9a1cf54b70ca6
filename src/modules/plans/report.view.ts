import { fromJson, toBool } from '../../core/db/rows.js';
import { QcError } from '../../core/errors.js';
import { fromHundredths } from './domain/rollup.js';
import type { PlanSettings } from './domain/settings.js';
import type { EvidenceRow, ReportListRow } from './report.repository.js';
import type { EvidenceInputT, ReportDetailT } from './report.schema.js';

/** Pure pieces of progress reports: content rules (R-S4), audit snapshots and the API's shapes. */

/** A report's content after normalisation: progress in hundredths, texts trimmed, evidence as given. */
export interface Content {
  period: string;
  progress: number;
  narrative: string;
  issues: string | null;
  nextSteps: string | null;
  keyResults: { name: string; target: string; actual: string }[];
  requestClose: boolean;
  regressReason: string | null;
  evidence: EvidenceInputT[];
}

/** Trimmed text, or null when nothing is left. */
export const trimmed = (v: string | null | undefined) => v?.trim() || null;

/**
 * R-S4 content rules, pure: narrative length, a reason for going below the last accepted progress, and
 * evidence for a completion request or 100 %.
 */
export function checkContent(c: Content, lastAccepted: number, settings: PlanSettings): void {
  if ([...c.narrative].length < settings.narrativeMinLength) {
    throw new QcError('QC_ERR_REPORT_NARRATIVE', [settings.narrativeMinLength]);
  }
  if (c.progress < lastAccepted && !c.regressReason) {
    throw new QcError('QC_ERR_REPORT_REGRESS', [fromHundredths(lastAccepted)]);
  }
  if ((c.requestClose || c.progress === 10_000) && c.evidence.length === 0) {
    throw new QcError('QC_ERR_REPORT_EVIDENCE');
  }
}

/** Identity of an evidence item, so an edit keeps the rows of unchanged items. */
export function evidenceKey(e: EvidenceInputT): string {
  return 'url' in e ? `url:${e.url}|${e.name}` : `file:${e.fileId}|${e.name}`;
}

/** A stored evidence row in the request's shape. */
export function evidenceInput(e: EvidenceRow): EvidenceInputT {
  return e.url ? { url: e.url, name: e.name } : { fileId: Number(e.file_id), name: e.name };
}

/** Evidence with trimmed names. */
export const trimEvidence = (list: readonly EvidenceInputT[]) => list.map((e) => ({ ...e, name: e.name.trim() }));

/** A report's content as the audit row records it (progress in percent). */
export function snapshot(c: Content): Record<string, unknown> {
  return {
    period: c.period,
    progress: fromHundredths(c.progress),
    narrative: c.narrative,
    issues: c.issues,
    nextSteps: c.nextSteps,
    keyResults: c.keyResults,
    requestClose: c.requestClose,
    regressReason: c.regressReason,
    evidence: c.evidence.map((e) => ('url' in e ? { url: e.url, name: e.name } : { fileId: e.fileId, name: e.name })),
  };
}

/** The listed keys of an object. */
export function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/** A report row as the review queue lists it. */
export function listItem(r: ReportListRow) {
  return {
    id: Number(r.id),
    assignmentId: Number(r.assignment_id),
    assignmentExternalId: r.assignment_external_id,
    planId: Number(r.plan_id),
    unitCode: r.unit_code,
    unitName: r.unit_name,
    measureNumber: Number(r.measure_number),
    measureTitle: r.measure_title,
    period: r.period,
    status: r.status,
    progress: fromHundredths(Number(r.progress)),
    late: toBool(r.late),
    requestClose: toBool(r.request_close),
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
    returnReason: r.return_reason,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** A report row with its evidence and the caller's allowed actions, as the API shows it. */
export function toDetail(
  row: ReportListRow,
  evidence: readonly EvidenceRow[],
  actions: ReportDetailT['allowedActions'],
): ReportDetailT {
  return {
    ...listItem(row),
    narrative: row.narrative,
    issues: row.issues,
    nextSteps: row.next_steps,
    keyResults: fromJson(row.key_results),
    regressReason: row.regress_reason,
    supersedesId: row.supersedes_id === null ? null : Number(row.supersedes_id),
    reviewedBy: row.reviewed_by === null ? null : Number(row.reviewed_by),
    createdAt: row.created_at,
    evidence: evidence.map((e) => ({
      id: Number(e.id),
      kind: e.url ? ('link' as const) : ('file' as const),
      name: e.name,
      fileId: e.file_id === null ? null : Number(e.file_id),
      url: e.url,
      mime: e.mime ?? null,
      size: e.size === null || e.size === undefined ? null : Number(e.size),
      createdAt: e.created_at,
    })),
    allowedActions: actions,
  };
}
