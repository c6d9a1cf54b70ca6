/**
 * Baseline comparison (R-S12): two snapshots of the same items, row by row, progress and light included
 * (which OpenProject's Baseline leaves out).
 */

import type { LightCode } from './lights.js';
import { addDays, addMonths } from './periods.js';

/** One item in a snapshot, keyed by its external id. */
export interface BaselineRow {
  id: string;
  title?: string;
  state?: string;
  progress?: number | null;
  light?: LightCode | null;
  due?: string | null;
  /** Unit codes; compared as a set. */
  units?: readonly string[];
  lastReportOn?: string | null;
}

/** Fields compared, in the order changes are listed. */
export const BASELINE_FIELDS = ['title', 'state', 'progress', 'light', 'due', 'units', 'lastReportOn'] as const;
export type BaselineField = (typeof BASELINE_FIELDS)[number];

export type RowStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** A field's old and new value; absent values are null. */
export interface FieldChange {
  field: BaselineField;
  old: unknown;
  new: unknown;
}

/** One compared row; `from`/`to` are the snapshot rows (absent for added/removed). */
export interface RowDiff {
  id: string;
  status: RowStatus;
  changes: FieldChange[];
  from?: BaselineRow;
  to?: BaselineRow;
}

/**
 * Compares two snapshots. Rows keep the order of `toRows`, with removed rows after them in `fromRows` order;
 * added rows list every set field as null → value, removed rows none.
 */
export function compare(fromRows: readonly BaselineRow[], toRows: readonly BaselineRow[]): RowDiff[] {
  const before = new Map(fromRows.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: RowDiff[] = [];
  for (const to of toRows) {
    seen.add(to.id);
    const from = before.get(to.id);
    if (!from) {
      const changes = BASELINE_FIELDS.filter((f) => norm(to[f]) !== null).map((f) => change(f, undefined, to[f]));
      out.push({ id: to.id, status: 'added', changes, to });
      continue;
    }
    const changes = BASELINE_FIELDS.filter((f) => !same(from[f], to[f])).map((f) => change(f, from[f], to[f]));
    out.push({ id: to.id, status: changes.length ? 'changed' : 'unchanged', changes, from, to });
  }
  for (const from of fromRows) {
    if (!seen.has(from.id)) out.push({ id: from.id, status: 'removed', changes: [], from });
  }
  return out;
}

function norm(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return [...v].sort();
  return v;
}

function same(a: unknown, b: unknown): boolean {
  const x = norm(a);
  const y = norm(b);
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

function change(field: BaselineField, old: unknown, now: unknown): FieldChange {
  return { field, old: norm(old), new: norm(now) };
}

// RED is the OVERDUE light in both colour schemes.
const isRed = (row: BaselineRow | undefined) => row?.light === 'OVERDUE';

/** True when the row turned red between the snapshots (including a new row that starts red). */
export function enteredRed(diff: RowDiff): boolean {
  return !isRed(diff.from) && isRed(diff.to);
}

/** True when a red row stopped being red (including one that was removed). */
export function leftRed(diff: RowDiff): boolean {
  return isRed(diff.from) && !isRed(diff.to);
}

/** A one-line summary such as 'changed progress 40→60; light NEAR→OVERDUE'. */
export function describeDiff(diff: RowDiff): string {
  if (diff.status !== 'changed') return diff.status;
  const parts = diff.changes.map((c) => `${c.field} ${show(c.old)}→${show(c.new)}`);
  return `changed ${parts.join('; ')}`;
}

function show(v: unknown): string {
  if (v === null) return '∅';
  return Array.isArray(v) ? v.join(',') : String(v);
}

export type BaselinePreset = 'yesterday' | '7d' | '1m';

/** The baseline date of a preset as seen from `today` ('1m' keeps the day, clamped to the month's length). */
export function presetDate(preset: BaselinePreset, today: string): string {
  if (preset === 'yesterday') return addDays(today, -1);
  if (preset === '7d') return addDays(today, -7);
  return addMonths(today, -1);
}
