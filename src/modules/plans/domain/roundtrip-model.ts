/**
 * CSV/Excel round trip of a plan (R-S13): the plan as stored in the shape the comparison takes, the rows
 * an export writes, and what a comparison returns (planned rows, findings, counts). Pure.
 */

import type { AssignmentEvent, AssignmentState } from './lifecycle.js';
import type { SheetName, Value } from './roundtrip.js';

export const FINDING_CODES = [
  'UNKNOWN_ID',
  'DUPLICATE_ID',
  'REQUIRED',
  'INVALID_VALUE',
  'OUT_OF_RANGE',
  'UNKNOWN_REF',
  'IDENTITY_CHANGED',
  'DUPLICATE_ASSIGNMENT',
  'INVALID_TRANSITION',
  'REASON_REQUIRED',
  'NOT_ALLOWED',
  'READONLY_IGNORED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** One problem in one row (and column); errors block the commit, warnings do not. */
export interface Finding {
  sheet: SheetName;
  row: number;
  column: string | null;
  externalId: string | null;
  code: FindingCode;
  severity: 'error' | 'warning';
  value: string | null;
  detail: string | null;
}

/** One changed field in the sheet's terms (progress in percent, weight 0–1). */
export interface FieldChange {
  field: string;
  old: Value;
  new: Value;
}

/** Office steps an import may take on an assignment's state. */
export const IMPORT_EVENTS: readonly AssignmentEvent[] = ['uphold', 'cancel', 'reopen', 'close', 'start'];

/** A row to write: `set` holds column values (references by external id, resolved by the service). */
export interface PlannedRow {
  sheet: SheetName;
  row: number;
  op: 'create' | 'update' | 'delete';
  externalId: string;
  /** The stored row's id; null for a create. */
  id: number | null;
  changes: FieldChange[];
  set: Record<string, Value>;
  event: AssignmentEvent | null;
  reason: string | null;
}

export interface SheetCounts {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
  /** Rows with at least one error (not written). */
  errors: number;
  warnings: number;
}

export interface ImportPlan {
  sheets: SheetName[];
  rows: PlannedRow[];
  findings: Finding[];
  counts: Record<SheetName, SheetCounts>;
  totals: SheetCounts;
}

export interface CurrentMeasure {
  id: number;
  externalId: string;
  sectionNo: number;
  no: number;
  ord: number;
  title: string;
  weightBp: number | null;
  responsibilityRaw: string | null;
}

export interface CurrentAction {
  id: number;
  externalId: string;
  measureExternalId: string;
  ord: number;
  text: string;
  deadlineType: string;
  dueDate: string | null;
  weightBp: number | null;
}

export interface CurrentAssignment {
  id: number;
  externalId: string;
  measureExternalId: string;
  actionExternalId: string | null;
  unitCode: string;
  unitName: string;
  role: string;
  deadlineType: string;
  dueDate: string | null;
  cadence: string;
  state: AssignmentState;
  /** Hundredths of a percent, as stored. */
  progress: number;
  light: string;
  lastReportOn: string | null;
  note: string | null;
}

/** The plan as stored, plus the units an assignment may name (code → name). */
export interface CurrentPlan {
  code: string;
  sectionNos: readonly number[];
  measures: readonly CurrentMeasure[];
  actions: readonly CurrentAction[];
  assignments: readonly CurrentAssignment[];
  units: ReadonlyMap<string, string>;
  defaultCadence: string;
}

/** Weights and progress as the sheet shows them. */
export function sheetValue(column: string, v: Value): Value {
  if (typeof v !== 'number') return v;
  if (column === 'weight') return Number((v / 10_000).toPrecision(12));
  if (column === 'progress') return Number((v / 100).toPrecision(12));
  return v;
}

/** The rows of each sheet in column order, as an export writes them. */
export function exportRows(plan: CurrentPlan): Record<SheetName, Value[][]> {
  return {
    measures: plan.measures.map((m) => [
      m.externalId,
      m.sectionNo,
      m.no,
      m.title,
      sheetValue('weight', m.weightBp),
      m.responsibilityRaw,
    ]),
    actions: plan.actions.map((a) => [
      a.externalId,
      a.measureExternalId,
      a.ord,
      a.text,
      a.deadlineType,
      a.dueDate,
      sheetValue('weight', a.weightBp),
    ]),
    assignments: plan.assignments.map((a) => [
      a.externalId,
      a.actionExternalId ?? a.measureExternalId,
      a.unitCode,
      a.unitName,
      a.role,
      a.deadlineType,
      a.dueDate,
      a.cadence,
      a.state,
      sheetValue('progress', a.progress),
      a.light,
      a.lastReportOn,
      a.note,
      null,
    ]),
  };
}
