/**
 * Dashboards (R-S11) and baseline comparison rows (R-S12) of one plan as of a day D: pure aggregation over the
 * per-assignment views of as-of.ts, so every figure can be shown or compared for any date.
 */

import {
  assignmentChild,
  type DashboardInput,
  type DashUnit,
  groupBy,
  type Prepared,
  prepare,
  progressView,
  rollupTree,
  safeRollup,
  type View,
  viewsAt,
} from './as-of.js';
import { type BaselineRow, compare, describeDiff, enteredRed, leftRed, type RowDiff } from './baseline.js';
import { DONE_STATES } from './lifecycle.js';
import { LIGHT_CODES, type LightCode, worstLight } from './lights.js';
import { daysBetween, daysInMonth, isoDate } from './periods.js';
import { escalationLevel } from './reminders.js';
import { effectiveProgress, roundHalfUp1 } from './rollup.js';

// At most this many months of trend, so a far-off as-of date stays cheap.
const TREND_MONTHS = 36;

/** Count of assignments per light code. */
export type LightCounts = Record<LightCode, number>;

/** Shared figures of the plan and of each unit (R-S11); percentages 0–100 with 1 decimal, null for 0 ÷ 0. */
export interface UnitFigures {
  assignments: number;
  signedPct: number | null;
  /** Reports submitted by their period's due day ÷ reports due before D. */
  onTimeReportRate: number | null;
  /** Assignments done by their due day ÷ assignments. */
  donePct: number | null;
  overdue: number;
  progress: number | null;
}

/** The plan dashboard as of one day (the service adds the plan's id, code and title). */
export interface Dashboard {
  plan: UnitFigures & { lights: LightCounts };
  measures: {
    id: number;
    externalId: string;
    number: number;
    title: string;
    sectionNumber: number;
    progress: number | null;
    lights: LightCounts;
    worst: LightCode | null;
    nextDue: string | null;
    units: string[];
  }[];
  units: (UnitFigures & { unitCode: string; unitName: string; kind: string; worst: LightCode | null })[];
  heatmap: {
    units: { code: string; name: string }[];
    measures: { externalId: string; number: number; title: string }[];
    cells: { unitCode: string; measureExternalId: string; light: LightCode; progress: number | null }[];
  };
  overdue: {
    assignmentId: number;
    externalId: string;
    unitCode: string;
    unitName: string;
    measureTitle: string;
    dueDate: string;
    daysOverdue: number;
    level: 'E1' | 'E2' | null;
  }[];
  trend: { month: string; progress: number | null; reportsSubmitted: number; reportsAccepted: number }[];
}

const pct = (n: number, d: number): number | null => (d === 0 ? null : roundHalfUp1((100 * n) / d));

function emptyCounts(): LightCounts {
  return Object.fromEntries(LIGHT_CODES.map((c) => [c, 0])) as LightCounts;
}

function figures(views: readonly View[], progress: number | null): UnitFigures {
  let signed = 0;
  let due = 0;
  let onTime = 0;
  let doneOnTime = 0;
  let overdue = 0;
  for (const v of views) {
    if (v.signed) signed += 1;
    due += v.reportsDue;
    onTime += v.reportsOnTime;
    if (v.doneOnTime) doneOnTime += 1;
    if (v.light === 'OVERDUE') overdue += 1;
  }
  return {
    assignments: views.length,
    signedPct: pct(signed, views.length),
    onTimeReportRate: pct(onTime, due),
    donePct: pct(doneOnTime, views.length),
    overdue,
    progress,
  };
}

function unitSorter(units: ReadonlyMap<string, DashUnit>) {
  return (a: string, b: string) => {
    const x = units.get(a)?.order ?? Number.MAX_SAFE_INTEGER;
    const y = units.get(b)?.order ?? Number.MAX_SAFE_INTEGER;
    return x - y || (a < b ? -1 : a > b ? 1 : 0);
  };
}

/** Months 'YYYY-MM' from the first dispatch to D's month, at most TREND_MONTHS of them. */
function trendMonths(input: DashboardInput, day: string): string[] {
  let first: string | null = null;
  for (const a of input.assignments) {
    if (a.state !== 'cancelled' && (!first || a.dispatchedOn < first)) first = a.dispatchedOn;
  }
  if (!first || first > day) return [];
  const out: string[] = [];
  let y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7));
  const stop = first.slice(0, 7);
  while (out.length < TREND_MONTHS) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.unshift(key);
    if (key <= stop) break;
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

// Months as numbers (year · 12 + month − 1), read from a YYYY-MM-DD day with no substrings or closures, since
// it runs for every report twice per request.
function monthNo(day: string): number {
  let year = 0;
  for (let i = 0; i < 4; i++) year = year * 10 + day.charCodeAt(i) - 48;
  return year * 12 + (day.charCodeAt(5) - 48) * 10 + (day.charCodeAt(6) - 48) - 1;
}

function trend(input: DashboardInput, prepared: readonly Prepared[], day: string): Dashboard['trend'] {
  const months = trendMonths(input, day);
  if (months.length === 0) return [];
  const first = monthNo(`${months[0]}-01`);
  const submitted = new Array<number>(months.length).fill(0);
  const accepted = new Array<number>(months.length).fill(0);
  for (const p of prepared) {
    if (p.a.state === 'cancelled') continue;
    for (const r of p.reports) {
      if (r.submittedOn && r.submittedOn <= day) {
        const i = monthNo(r.submittedOn) - first;
        if (i >= 0) submitted[i]! += 1;
      }
      if (r.status === 'accepted' && r.reviewedOn && r.reviewedOn <= day) {
        const i = monthNo(r.reviewedOn) - first;
        if (i >= 0) accepted[i]! += 1;
      }
    }
  }
  return months.map((month, i) => {
    const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
    const monthEnd = isoDate(y, m, daysInMonth(y, m));
    const at = monthEnd < day ? monthEnd : day;
    // Progress only (no lights): the trend needs the roll-up at each month end, not every figure.
    const views: Pick<View, 'a' | 'state' | 'progress'>[] = [];
    for (const p of prepared) {
      const v = progressView(p, at);
      if (v) views.push(v);
    }
    return {
      month,
      progress: rollupTree(views, input).plan,
      reportsSubmitted: submitted[i]!,
      reportsAccepted: accepted[i]!,
    };
  });
}

/** The whole dashboard of a plan as of `day` (R-S11). */
export function dashboard(input: DashboardInput, day: string): Dashboard {
  const prepared = prepare(input);
  const views = viewsAt(prepared, day, input.settings);
  const units = new Map(input.units.map((u) => [u.code, u]));
  const byUnitOrder = unitSorter(units);
  const nameOf = (code: string) => units.get(code)?.name ?? code;
  const tree = rollupTree(views, input);

  const planLights = emptyCounts();
  for (const v of views) planLights[v.light] += 1;

  const byMeasure = groupBy(views, (v) => v.a.measureId);
  const measures = input.measures.map((m) => {
    const mine = byMeasure.get(m.id) ?? [];
    const lights = emptyCounts();
    let nextDue: string | null = null;
    for (const v of mine) {
      lights[v.light] += 1;
      const open = !DONE_STATES.includes(v.state);
      if (open && v.a.due && v.a.due >= day && (!nextDue || v.a.due < nextDue)) nextDue = v.a.due;
    }
    return {
      id: m.id,
      externalId: m.externalId,
      number: m.number,
      title: m.title,
      sectionNumber: m.sectionNumber,
      progress: tree.measures.get(m.id) ?? null,
      lights,
      worst: worstLight(mine.map((v) => v.light)),
      nextDue,
      units: [...new Set(mine.map((v) => v.a.unitCode))].sort(byUnitOrder),
    };
  });

  const byUnit = groupBy(views, (v) => v.a.unitCode);
  const unitCodes = [...byUnit.keys()].sort(byUnitOrder);
  const unitRows = unitCodes.map((code) => {
    const mine = byUnit.get(code)!;
    const progress = safeRollup(
      mine.map((v) => assignmentChild(v, input.settings)),
      input.settings,
    );
    return {
      unitCode: code,
      unitName: nameOf(code),
      kind: units.get(code)?.kind ?? '',
      ...figures(mine, progress),
      worst: worstLight(mine.map((v) => v.light)),
    };
  });

  const cells: Dashboard['heatmap']['cells'] = [];
  for (const code of unitCodes) {
    const mine = groupBy(byUnit.get(code)!, (v) => v.a.measureId);
    for (const m of input.measures) {
      const vs = mine.get(m.id);
      if (!vs) continue;
      cells.push({
        unitCode: code,
        measureExternalId: m.externalId,
        light: worstLight(vs.map((v) => v.light))!,
        progress: safeRollup(
          vs.map((v) => assignmentChild(v, input.settings)),
          input.settings,
        ),
      });
    }
  }

  const measureOf = new Map(input.measures.map((m) => [m.id, m]));
  const overdue = views
    .filter((v) => v.light === 'OVERDUE' && v.a.due !== null && v.a.due < day)
    .map((v) => ({
      v,
      row: {
        assignmentId: v.a.id,
        externalId: v.a.externalId,
        unitCode: v.a.unitCode,
        unitName: nameOf(v.a.unitCode),
        measureTitle: measureOf.get(v.a.measureId)?.title ?? '',
        dueDate: v.a.due!,
        daysOverdue: daysBetween(v.a.due!, day),
        level: escalationLevel(v.a.due!, day, input.settings),
      },
    }))
    .sort(
      (x, y) =>
        y.row.daysOverdue - x.row.daysOverdue ||
        (measureOf.get(x.v.a.measureId)?.ord ?? 0) - (measureOf.get(y.v.a.measureId)?.ord ?? 0) ||
        byUnitOrder(x.v.a.unitCode, y.v.a.unitCode) ||
        x.v.a.id - y.v.a.id,
    )
    .map((x) => x.row);

  return {
    plan: { ...figures(views, tree.plan), lights: planLights },
    measures,
    units: unitRows,
    heatmap: {
      units: unitCodes.map((code) => ({ code, name: nameOf(code) })),
      measures: input.measures.map((m) => ({ externalId: m.externalId, number: m.number, title: m.title })),
      cells,
    },
    overdue,
    trend: trend(input, prepared, day),
  };
}

/** One compared assignment, with what the UI needs to show it. */
export interface CompareRow {
  /** The assignment's external id. */
  id: string;
  assignmentId: number;
  /** The measure's title. */
  title: string;
  unitCode: string;
  unitName: string;
  measureExternalId: string;
  status: RowDiff['status'];
  changes: RowDiff['changes'];
  summary: string;
  enteredRed: boolean;
  leftRed: boolean;
  /** The row at each day, without what the row itself already names (id, title, unit). */
  from?: Snapshot;
  to?: Snapshot;
}

/** What a compared row was at one day. */
export type Snapshot = Pick<BaselineRow, 'state' | 'progress' | 'light' | 'due' | 'lastReportOn'>;

const snapshot = (r: BaselineRow): Snapshot => ({
  state: r.state,
  progress: r.progress,
  light: r.light,
  due: r.due,
  lastReportOn: r.lastReportOn,
});

/** Row filters of the comparison: any difference, turned red, stopped being red. */
export type CompareFilter = 'changed' | 'enteredRed' | 'leftRed';

/** Snapshot rows of every live assignment at D, in measure then unit order (R-S12 fields). */
export function baselineRows(input: DashboardInput, day: string, prepared = prepare(input)): BaselineRow[] {
  const measureOf = new Map(input.measures.map((m) => [m.id, m]));
  const byUnitOrder = unitSorter(new Map(input.units.map((u) => [u.code, u])));
  return viewsAt(prepared, day, input.settings)
    .sort(
      (x, y) =>
        (measureOf.get(x.a.measureId)?.ord ?? 0) - (measureOf.get(y.a.measureId)?.ord ?? 0) ||
        byUnitOrder(x.a.unitCode, y.a.unitCode) ||
        x.a.id - y.a.id,
    )
    .map((v) => ({
      id: v.a.externalId,
      title: measureOf.get(v.a.measureId)?.title ?? '',
      state: v.state,
      // One assignment's roll-up is its own progress (completed → 100), rounded as roll-ups round.
      progress: roundHalfUp1(effectiveProgress(assignmentChild(v, input.settings), input.settings)),
      light: v.light,
      due: v.a.due,
      units: [v.a.unitCode],
      lastReportOn: v.lastReportOn,
    }));
}

/**
 * Baseline comparison between two days (R-S12); counts cover every row, `only` filters the rows returned
 * (`changed`: all but unchanged rows).
 */
export function comparePlan(
  input: DashboardInput,
  from: string,
  to: string,
  only?: CompareFilter,
): { rows: CompareRow[]; counts: Record<'added' | 'removed' | 'changed' | 'unchanged', number> } {
  const prepared = prepare(input);
  const diffs = compare(baselineRows(input, from, prepared), baselineRows(input, to, prepared));
  const byExt = new Map(input.assignments.map((a) => [a.externalId, a]));
  const measureOf = new Map(input.measures.map((m) => [m.id, m]));
  const names = new Map(input.units.map((u) => [u.code, u.name]));
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const rows: CompareRow[] = [];
  for (const d of diffs) {
    counts[d.status] += 1;
    const red = { enteredRed: enteredRed(d), leftRed: leftRed(d) };
    // "changed" keeps every row that differs, added and removed ones included.
    if (only && (only === 'changed' ? d.status === 'unchanged' : !red[only])) continue;
    const a = byExt.get(d.id);
    const row: CompareRow = {
      id: d.id,
      assignmentId: a?.id ?? 0,
      title: (d.to ?? d.from)?.title ?? '',
      unitCode: a?.unitCode ?? '',
      unitName: a ? (names.get(a.unitCode) ?? a.unitCode) : '',
      measureExternalId: a ? (measureOf.get(a.measureId)?.externalId ?? '') : '',
      status: d.status,
      changes: d.changes,
      summary: describeDiff(d),
      ...red,
    };
    if (d.from) row.from = snapshot(d.from);
    if (d.to) row.to = snapshot(d.to);
    rows.push(row);
  }
  return { rows, counts };
}
