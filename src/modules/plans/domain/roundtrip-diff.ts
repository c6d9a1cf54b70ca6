/**
 * CSV/Excel round trip of a plan (R-S13), part 2: the rows an export writes, and the comparison of an
 * imported file with the plan as stored, giving creates, updates, deletes (cancellations) and row findings.
 * Pure; the service reads the current plan, calls `planImport`, and on commit writes `rows` in one
 * transaction.
 *
 * Rules chosen here (also in the UI's help text):
 * - `action_external_id` of an assignment names its action, or — for a whole-measure assignment
 *   (assignment mode perMeasure, no action) — its measure. A new row that names a measure is a
 *   whole-measure assignment.
 * - The sheets `measures` and `actions` have no `_op` column: measures and actions are created and edited
 *   by import, never deleted (a published plan's structure carries assignments, reports and sub-plans).
 * - The identity of an existing row (an action's measure; an assignment's action/measure and unit) cannot
 *   change: its ID embeds it. Cancel it and create a new row instead (IDENTITY_CHANGED).
 * - `_op=delete` cancels an assignment (撤销, a soft delete that `reopen` undoes); other edits in that row
 *   are not applied. A state change must be one office step of the lifecycle (uphold, cancel, reopen,
 *   close, start); cancel, reopen and lowering progress take their reason from `note`, which is the
 *   assignment's stored reason (`state_reason`).
 * - Progress is the office's override of the accepted progress; it cannot change on cancelled or finished
 *   work, and raising it on signed work starts it (承办), as accepting a report does.
 */

import {
  type AssignmentEvent,
  type AssignmentState,
  isTransitionError,
  REASON_REQUIRED_EVENTS,
  transition,
} from './lifecycle.js';
import {
  type CellProblem,
  type ColumnName,
  type ReadRow,
  readRows,
  SHEET_NAMES,
  type SheetInput,
  type SheetName,
  type Value,
} from './roundtrip.js';
import {
  type CurrentAction,
  type CurrentAssignment,
  type CurrentMeasure,
  type CurrentPlan,
  type FieldChange,
  type Finding,
  type FindingCode,
  IMPORT_EVENTS,
  type ImportPlan,
  type PlannedRow,
  type SheetCounts,
  sheetValue,
} from './roundtrip-model.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

const norm = (v: Value | undefined): Value => {
  if (v === undefined || v === '') return null;
  return typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() || null : v;
};

/** Compares an imported file with the stored plan (R-S13). Throws HeaderError for a refused header. */
export function planImport(plan: CurrentPlan, inputs: readonly SheetInput[]): ImportPlan {
  // Headers first, so a bad header refuses the whole file before any row is looked at.
  const read = inputs.map((input) => ({ sheet: input.sheet, rows: readRows(input) }));
  const d = new Differ(plan);
  for (const sheet of SHEET_NAMES) {
    for (const input of read.filter((r) => r.sheet === sheet)) for (const row of input.rows) d.row(sheet, row);
  }
  return d.result(read.map((r) => r.sheet));
}

class Differ {
  readonly rows: PlannedRow[] = [];
  readonly findings: Finding[] = [];
  private readonly unchanged = new Map<SheetName, number>();
  private readonly erroneous = new Map<SheetName, number>();
  private readonly seen = new Map<SheetName, Set<string>>(SHEET_NAMES.map((s) => [s, new Set()]));
  private readonly measures: Map<string, CurrentMeasure>;
  private readonly actions: Map<string, CurrentAction>;
  private readonly assignments: Map<string, CurrentAssignment>;
  /** IDs in use, including those this file creates. */
  private readonly taken: Set<string>;
  private nextMeasureOrd: number;
  private readonly nextActionOrd = new Map<string, number>();

  constructor(private readonly plan: CurrentPlan) {
    this.measures = new Map(plan.measures.map((m) => [m.externalId, m]));
    this.actions = new Map(plan.actions.map((a) => [a.externalId, a]));
    this.assignments = new Map(plan.assignments.map((a) => [a.externalId, a]));
    this.taken = new Set([...this.measures.keys(), ...this.actions.keys(), ...this.assignments.keys()]);
    this.nextMeasureOrd = Math.max(0, ...plan.measures.map((m) => m.ord)) + 1;
    for (const a of plan.actions) {
      this.nextActionOrd.set(
        a.measureExternalId,
        Math.max(this.nextActionOrd.get(a.measureExternalId) ?? 1, a.ord + 1),
      );
    }
  }

  row(sheet: SheetName, r: ReadRow): void {
    const before = this.findings.length;
    const errors = () => this.findings.slice(before).some((f) => f.severity === 'error');
    const id = (r.values.external_id ?? null) as string | null;
    const add = (column: string | null, code: FindingCode, value: Value = null, detail: string | null = null) =>
      this.findings.push({
        sheet,
        row: r.row,
        column,
        externalId: id,
        code,
        severity: code === 'READONLY_IGNORED' ? 'warning' : 'error',
        value: value === null ? null : String(value),
        detail,
      });
    for (const p of r.problems) add(p.column, p.problem.code as CellProblem['code'], p.text, p.problem.expected);
    let planned: PlannedRow | null = null;
    if (id !== null && this.seen.get(sheet)!.has(id)) {
      add('external_id', 'DUPLICATE_ID', id);
    } else {
      if (id !== null) this.seen.get(sheet)!.add(id);
      const ctx: RowCtx = { r, add, changes: [], set: {} };
      if (sheet === 'measures') planned = this.measure(ctx, id);
      else if (sheet === 'actions') planned = this.action(ctx, id);
      else planned = this.assignment(ctx, id);
    }
    if (errors()) this.erroneous.set(sheet, (this.erroneous.get(sheet) ?? 0) + 1);
    else if (planned) this.rows.push({ ...planned, sheet, row: r.row });
    else this.unchanged.set(sheet, (this.unchanged.get(sheet) ?? 0) + 1);
  }

  result(sheets: SheetName[]): ImportPlan {
    const zero = (): SheetCounts => ({ create: 0, update: 0, delete: 0, unchanged: 0, errors: 0, warnings: 0 });
    const counts = Object.fromEntries(SHEET_NAMES.map((s) => [s, zero()])) as Record<SheetName, SheetCounts>;
    for (const p of this.rows) counts[p.sheet][p.op]++;
    for (const s of SHEET_NAMES) {
      counts[s].unchanged = this.unchanged.get(s) ?? 0;
      counts[s].errors = this.erroneous.get(s) ?? 0;
      counts[s].warnings = this.findings.filter((f) => f.sheet === s && f.severity === 'warning').length;
    }
    const totals = zero();
    for (const s of SHEET_NAMES)
      for (const k of Object.keys(totals) as (keyof SheetCounts)[]) totals[k] += counts[s][k];
    return { sheets: [...new Set(sheets)], rows: this.rows, findings: this.findings, counts, totals };
  }

  private measure(c: RowCtx, id: string | null): PlannedRow | null {
    const v = cellsOf(c);
    const current = id === null ? null : this.measures.get(id);
    if (id !== null && !current) return unknownId(c, id);
    const sectionNo = required(c, 'section_no');
    if (sectionNo !== null && !this.plan.sectionNos.includes(sectionNo as number)) {
      c.add('section_no', 'UNKNOWN_REF', sectionNo);
    }
    compare(c, 'section_no', 'section_no', current?.sectionNo, sectionNo);
    compare(c, 'no', 'number', current?.no, required(c, 'no'));
    compare(c, 'title', 'title', current?.title, required(c, 'title'));
    compare(c, 'weight', 'weight_bp', current?.weightBp, v.weight);
    compare(c, 'responsibility_raw', 'responsibility_raw', current?.responsibilityRaw, v.responsibility_raw);
    if (current) return updated(c, current.id, current.externalId);
    let ord = this.nextMeasureOrd++;
    while (this.taken.has(`${this.plan.code}-M${pad2(ord)}`)) ord = this.nextMeasureOrd++;
    c.set.ord = ord;
    return created(c, this.claim(`${this.plan.code}-M${pad2(ord)}`));
  }

  private action(c: RowCtx, id: string | null): PlannedRow | null {
    const v = cellsOf(c);
    const current = id === null ? null : this.actions.get(id);
    if (id !== null && !current) return unknownId(c, id);
    const measureId = required(c, 'measure_external_id') as string | null;
    if (current) {
      if (measureId !== null && measureId !== current.measureExternalId) {
        c.add('measure_external_id', 'IDENTITY_CHANGED', measureId, current.measureExternalId);
      }
    } else if (measureId !== null && !this.measures.has(measureId)) {
      c.add('measure_external_id', 'UNKNOWN_REF', measureId);
    }
    const next = measureId === null ? 1 : (this.nextActionOrd.get(measureId) ?? 1);
    const ord = current ? required(c, 'ord') : (v.ord ?? next);
    compare(c, 'ord', 'ord', current?.ord, ord);
    compare(c, 'text', 'text', current?.text, required(c, 'text'));
    // A new action without a type: absolute when it has a due day, else unscheduled (the parser's defaults).
    const type = current
      ? required(c, 'deadline_type')
      : (v.deadline_type ?? (v.due_date ? 'absolute' : 'unscheduled'));
    compare(c, 'deadline_type', 'deadline_type', current?.deadlineType, type);
    compare(c, 'due_date', 'due_date', current?.dueDate, v.due_date);
    compare(c, 'weight', 'weight_bp', current?.weightBp, v.weight);
    if (current) return updated(c, current.id, current.externalId);
    if (measureId === null) return null;
    c.set.measure_external_id = measureId;
    let n = Math.max(next, typeof ord === 'number' ? ord : 1);
    while (this.taken.has(`${measureId}-A${pad2(n)}`)) n++;
    this.nextActionOrd.set(measureId, Math.max(next, (typeof ord === 'number' ? ord : n) + 1, n + 1));
    return created(c, this.claim(`${measureId}-A${pad2(n)}`));
  }

  private assignment(c: RowCtx, id: string | null): PlannedRow | null {
    const current = id === null ? null : this.assignments.get(id);
    if (id !== null && !current) return unknownId(c, id);
    const readOnly = (column: string, now: string | null | undefined) => {
      const typed = c.r.shown[column] ?? '';
      if (current ? typed !== (now ?? '') : typed !== '' && typed !== (now ?? '')) {
        c.add(column, 'READONLY_IGNORED', typed, now ?? '');
      }
    };
    readOnly('unit_name', current ? current.unitName : this.plan.units.get(String(cellsOf(c).unit_code ?? '')));
    readOnly('light', current?.light);
    readOnly('last_report_on', current?.lastReportOn);
    return current ? this.updateAssignment(c, current) : this.createAssignment(c);
  }

  private updateAssignment(c: RowCtx, cur: CurrentAssignment): PlannedRow | null {
    const v = cellsOf(c);
    const ref = required(c, 'action_external_id');
    const own = cur.actionExternalId ?? cur.measureExternalId;
    if (ref !== null && ref !== own) c.add('action_external_id', 'IDENTITY_CHANGED', ref, own);
    const unit = required(c, 'unit_code');
    if (unit !== null && unit !== cur.unitCode) c.add('unit_code', 'IDENTITY_CHANGED', unit, cur.unitCode);
    const note = norm(v.note) as string | null;
    if (v._op === 'delete') {
      if (cur.state === 'cancelled') return null;
      const event = step(cur.state, 'cancelled');
      if (!event) c.add('_op', 'NOT_ALLOWED', 'delete', `delete:${cur.state}`);
      if (!note) c.add('note', 'REASON_REQUIRED', null, 'cancel');
      c.changes.push({ field: 'state', old: cur.state, new: 'cancelled' });
      Object.assign(c.set, { state: 'cancelled', state_reason: note });
      return { ...updated(c, cur.id, cur.externalId)!, op: 'delete', event: 'cancel', reason: note };
    }
    compare(c, 'role', 'role', cur.role, required(c, 'role'));
    compare(c, 'deadline_type', 'deadline_type', cur.deadlineType, required(c, 'deadline_type'));
    compare(c, 'due_date', 'due_date', cur.dueDate, v.due_date);
    compare(c, 'cadence', 'cadence', cur.cadence, required(c, 'cadence'));
    const target = required(c, 'state') as AssignmentState | null;
    let event: AssignmentEvent | null = null;
    let state = cur.state;
    if (target !== null && target !== cur.state) {
      event = step(cur.state, target);
      if (!event) c.add('state', 'INVALID_TRANSITION', target, cur.state);
      else if (REASON_REQUIRED_EVENTS.includes(event) && !note) c.add('note', 'REASON_REQUIRED', null, event);
      state = target;
    }
    const progress = required(c, 'progress');
    if (progress !== null && progress !== cur.progress) {
      if (state === 'cancelled' || state === 'completed' || state === 'closed') {
        c.add('progress', 'NOT_ALLOWED', sheetValue('progress', progress), `progress:${state}`);
      } else if ((progress as number) < cur.progress && !note) {
        c.add('note', 'REASON_REQUIRED', null, 'regress');
      }
      if (state === 'signed' && !event) {
        event = 'start';
        state = 'in_progress';
      }
    }
    if (state !== cur.state) compare(c, 'state', 'state', cur.state, state);
    compare(c, 'progress', 'progress', cur.progress, progress);
    compare(c, 'note', 'state_reason', cur.note, note);
    const planned = updated(c, cur.id, cur.externalId);
    return planned && { ...planned, event, reason: event ? note : null };
  }

  private createAssignment(c: RowCtx): PlannedRow | null {
    const v = cellsOf(c);
    const ref = required(c, 'action_external_id') as string | null;
    const action = ref === null ? undefined : this.actions.get(ref);
    const measure = ref === null ? undefined : this.measures.get(action ? action.measureExternalId : ref);
    if (ref !== null && !measure) c.add('action_external_id', 'UNKNOWN_REF', ref);
    const unit = required(c, 'unit_code') as string | null;
    if (unit !== null && !this.plan.units.has(unit)) c.add('unit_code', 'UNKNOWN_REF', unit);
    if (v._op === 'delete') c.add('_op', 'NOT_ALLOWED', 'delete', 'create:delete');
    const state = v.state ?? 'dispatched';
    if (state !== 'dispatched' && state !== 'registered') c.add('state', 'NOT_ALLOWED', state, 'create:state');
    if (v.progress !== null && v.progress !== 0) {
      c.add('progress', 'NOT_ALLOWED', sheetValue('progress', v.progress), 'create:progress');
    }
    if (ref === null || unit === null || !measure) return null;
    const externalId = `${ref}-${unit}`;
    if (this.taken.has(externalId)) c.add('external_id', 'DUPLICATE_ASSIGNMENT', externalId);
    const deadline =
      v.deadline_type !== null
        ? { type: v.deadline_type, due: v.due_date }
        : action
          ? { type: action.deadlineType, due: v.due_date ?? action.dueDate }
          : this.measureDeadline(measure.externalId, v.due_date);
    const values: [string, string, Value][] = [
      ['action_external_id', 'action_external_id', ref],
      ['unit_code', 'unit_code', unit],
      ['role', 'role', v.role ?? 'lead'],
      ['deadline_type', 'deadline_type', deadline.type],
      ['due_date', 'due_date', deadline.due],
      ['cadence', 'cadence', v.cadence ?? this.plan.defaultCadence],
      ['state', 'state', state],
      ['progress', 'progress', 0],
      ['note', 'state_reason', norm(v.note)],
    ];
    for (const [column, key, value] of values) compare(c, column, key, undefined, value);
    c.set.measure_external_id = measure.externalId;
    c.set.action_external_id = action ? action.externalId : null;
    return created(c, this.claim(externalId));
  }

  // A whole-measure assignment's deadline: the latest due day among the measure's actions (as publishing).
  private measureDeadline(measureId: string, due: Value): { type: Value; due: Value } {
    const actions = this.plan.actions.filter((a) => a.measureExternalId === measureId);
    const latest = actions.filter((a) => a.dueDate).sort((a, b) => (a.dueDate! < b.dueDate! ? 1 : -1))[0];
    if (latest) return { type: latest.deadlineType, due: due ?? latest.dueDate };
    return { type: actions[0]?.deadlineType ?? 'unscheduled', due };
  }

  private claim(externalId: string): string {
    this.taken.add(externalId);
    return externalId;
  }
}

// The row's values by column; every column is present after readRows, so a missing key reads as empty.
function cellsOf(c: RowCtx): Record<ColumnName, Value> {
  return new Proxy(c.r.values, { get: (t, k: string) => t[k] ?? null }) as Record<ColumnName, Value>;
}

interface RowCtx {
  r: ReadRow;
  add: (column: string | null, code: FindingCode, value?: Value, detail?: string | null) => void;
  changes: FieldChange[];
  set: Record<string, Value>;
}

/** The one office step from `from` to `to`, or null when none leads there. */
function step(from: AssignmentState, to: AssignmentState): AssignmentEvent | null {
  for (const e of IMPORT_EVENTS) {
    try {
      if (transition(from, e) === to) return e;
    } catch (err) {
      if (!isTransitionError(err)) throw err;
    }
  }
  return null;
}

// A required cell: its value, or null after a REQUIRED finding (unless the cell was unreadable, already
// reported as INVALID_VALUE / OUT_OF_RANGE).
function required(c: RowCtx, column: string): Value {
  const value = c.r.values[column] ?? null;
  if (value === null && !c.r.problems.some((p) => p.column === column)) c.add(column, 'REQUIRED');
  return value;
}

// Records a changed field (old undefined = a create). Unreadable or missing required cells are skipped:
// they were reported already.
function compare(c: RowCtx, column: string, key: string, old: Value | undefined, value: Value | undefined): void {
  if (c.r.problems.some((p) => p.column === column)) return;
  const a = old === undefined ? null : norm(old);
  const b = norm(value);
  if (old !== undefined && a === b) return;
  if (old !== undefined && b === null && requiredColumns.has(column)) return;
  c.set[key] = b;
  // A create lists the cells it fills; empty ones only go into `set`.
  if (old !== undefined || b !== null)
    c.changes.push({ field: column, old: sheetValue(column, a), new: sheetValue(column, b) });
}

// Columns whose empty cell in an existing row was reported as REQUIRED rather than meaning "clear".
const requiredColumns = new Set([
  'section_no',
  'no',
  'title',
  'measure_external_id',
  'ord',
  'text',
  'deadline_type',
  'action_external_id',
  'unit_code',
  'role',
  'cadence',
  'state',
  'progress',
]);

function unknownId(c: RowCtx, id: string): null {
  c.add('external_id', 'UNKNOWN_ID', id);
  return null;
}

function updated(c: RowCtx, id: number, externalId: string): PlannedRow | null {
  if (c.changes.length === 0) return null;
  return {
    sheet: 'measures',
    row: c.r.row,
    op: 'update',
    externalId,
    id,
    changes: c.changes,
    set: c.set,
    event: null,
    reason: null,
  };
}

function created(c: RowCtx, externalId: string): PlannedRow {
  return {
    sheet: 'measures',
    row: c.r.row,
    op: 'create',
    externalId,
    id: null,
    changes: c.changes,
    set: c.set,
    event: null,
    reason: null,
  };
}
