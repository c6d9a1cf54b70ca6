/**
 * Each assignment as it stood on an as-of day D, computed from the current rows (no snapshot table), and the
 * R-S9 roll-up over those views; the dashboards (dashboard.ts) and baseline rows are built on it.
 *
 * As-of rules, and where they are approximations because the tables keep only the latest facts:
 * - Only assignments dispatched on or before D exist at D. Cancelled ones are left out of every figure at every
 *   date (no cancellation date is stored).
 * - Progress at D is that of the report accepted last on or before D (reviewed_at), 0 when none.
 * - State at D: done when completed_at ≤ D (or done without a date); signed once signed_at ≤ D, shown as the
 *   current working state (signed / in_progress / completion_requested: their dates are not stored, and
 *   lights treat them alike); otherwise dispatched, or the current registered / disputed state.
 * - A report counts at D once submitted_at ≤ D; accepted or returned only once reviewed_at ≤ D, else submitted.
 *   A returned report that was resubmitted keeps only its last submitted_at, so it counts from then.
 */

import { shanghaiDate } from '../../../core/clock.js';
import { type AssignmentState, DONE_STATES } from './lifecycle.js';
import {
  type DeadlineType,
  type LightCode,
  type LightInput,
  light,
  type ReportRef,
  reportStatusAsOf,
} from './lights.js';
import { addDays, type Cadence, dueReportsBefore, type Period } from './periods.js';
import { type RollupChild, rollup, WeightsSumError } from './rollup.js';
import type { AssignmentRole, PlanSettings } from './settings.js';

/** A measure with its section number; `weight` is the sibling weight (0–1) or null. */
export interface DashMeasure {
  id: number;
  externalId: string;
  ord: number;
  number: number;
  title: string;
  sectionNumber: number;
  weight: number | null;
}

/** An action's weight, for roll-ups of per-action assignments. */
export interface DashAction {
  id: number;
  measureId: number;
  weight: number | null;
}

/** An assignment as stored now; instants are ISO UTC strings, days YYYY-MM-DD. */
export interface DashAssignment {
  id: number;
  externalId: string;
  measureId: number;
  actionId: number | null;
  unitCode: string;
  role: string;
  state: string;
  deadlineType: string;
  due: string | null;
  cadence: string;
  dispatchedOn: string;
  signedAt: string | null;
  completedAt: string | null;
}

/** A progress report (drafts may be left out: they never count); progress 0–100. */
export interface DashReport {
  id: number;
  assignmentId: number;
  period: string;
  status: string;
  progress: number;
  submittedAt: string | null;
  reviewedAt: string | null;
  /** 'import' for an office progress figure: it moves progress but is never the unit's report. */
  origin?: string;
}

/** A responsible unit; `order` is its display order. */
export interface DashUnit {
  code: string;
  name: string;
  kind: string;
  order: number;
}

/** Everything the dashboards are computed from. */
export interface DashboardInput {
  measures: readonly DashMeasure[];
  actions: readonly DashAction[];
  assignments: readonly DashAssignment[];
  reports: readonly DashReport[];
  units: readonly DashUnit[];
  settings: PlanSettings;
  /** `reports` already grouped by groupReports (a cache may keep it between requests); else computed. */
  grouped?: ReadonlyMap<number, Report[]>;
}

/**
 * The Shanghai calendar day of an ISO instant. The stored form (YYYY-MM-DDTHH:mm:ss.sssZ) takes a string fast
 * path, since dashboards convert thousands of instants per request; Shanghai keeps UTC+8 all year.
 */
export function dayOf(instant: string): string {
  if (instant.length === 24 && instant[10] === 'T' && instant[23] === 'Z') {
    const day = instant.slice(0, 10);
    return Number(instant.slice(11, 13)) < 16 ? day : addDays(day, 1);
  }
  return shanghaiDate(new Date(instant));
}

/** A report with the Shanghai days of its submission and review. */
export interface Report extends DashReport {
  submittedOn: string | null;
  reviewedOn: string | null;
  /** The two ways a light can see the report, built once: awaiting review, and as reviewed (if it was). */
  asSubmitted: ReportRef | null;
  asReviewed: ReportRef | null;
}

/** An assignment with its instants as Shanghai days and its reports, prepared once per request. */
export interface Prepared {
  a: DashAssignment;
  signedOn: string | null;
  completedOn: string | null;
  cadence: Cadence;
  reports: Report[];
  /** Accepted reports in review order, so the last one accepted by D is found from the end. */
  accepted: Report[];
}

/** One assignment seen at D. */
export interface View {
  a: DashAssignment;
  state: AssignmentState;
  progress: number | null;
  light: LightCode;
  signed: boolean;
  lastReportOn: string | null;
  reportsDue: number;
  reportsOnTime: number;
  doneOnTime: boolean;
}

const WORKING: readonly string[] = ['signed', 'in_progress', 'completion_requested'];
const CADENCES: readonly string[] = ['monthly', 'quarterly', 'adhoc'];

/** The state an assignment had at D (see the file comment), or null when it was not yet dispatched. */
export function stateAsOf(
  a: DashAssignment,
  day: string,
  signedOn: string | null = a.signedAt ? dayOf(a.signedAt) : null,
  completedOn: string | null = a.completedAt ? dayOf(a.completedAt) : null,
): AssignmentState | null {
  if (a.dispatchedOn > day) return null;
  const current = a.state as AssignmentState;
  if (current === 'cancelled') return current;
  if (DONE_STATES.includes(current) && (!completedOn || completedOn <= day)) return current;
  if (signedOn) return signedOn > day ? 'dispatched' : WORKING.includes(current) ? current : 'in_progress';
  if (current === 'registered' || current === 'dispatched' || current === 'disputed') return current;
  // Past sign-off without a sign-off instant (imported rows): the state says it was signed.
  return DONE_STATES.includes(current) ? 'in_progress' : current;
}

/** A report as the light sees it at D, or null when it was not yet delivered. */
export function reportAsOf(r: Report, day: string): ReportRef | null {
  if (!r.asSubmitted || r.submittedOn! > day) return null;
  return r.asReviewed && r.reviewedOn! <= day ? r.asReviewed : r.asSubmitted;
}

/** Progress (0–100) of the report accepted last on or before D, null when none was. */
export function acceptedProgressAsOf(reports: readonly Report[], day: string): number | null {
  const accepted = acceptedInOrder(reports);
  for (let i = accepted.length - 1; i >= 0; i--) {
    if (accepted[i]!.reviewedOn! <= day) return accepted[i]!.progress;
  }
  return null;
}

function acceptedInOrder(reports: readonly Report[]): Report[] {
  return reports
    .filter((r) => r.status === 'accepted' && r.reviewedAt !== null && r.reviewedOn !== null)
    .sort((x, y) => (x.reviewedAt! < y.reviewedAt! ? -1 : x.reviewedAt! > y.reviewedAt! ? 1 : x.id - y.id));
}

/** Reports grouped by assignment with their Shanghai days computed once. */
export function groupReports(reports: readonly DashReport[]): Map<number, Report[]> {
  const out = new Map<number, Report[]>();
  for (const r of reports) {
    const submittedOn = r.submittedAt ? dayOf(r.submittedAt) : null;
    const reviewedOn = r.reviewedAt ? dayOf(r.reviewedAt) : null;
    // An office progress figure (origin import) moves progress once accepted but is never a delivered report.
    const delivered = r.status !== 'draft' && submittedOn !== null && r.origin !== 'import';
    const reviewed = delivered && reviewedOn !== null && (r.status === 'accepted' || r.status === 'returned');
    // An explicit literal (not a spread) keeps one object shape for the hot loops below.
    const prepared: Report = {
      id: r.id,
      assignmentId: r.assignmentId,
      period: r.period,
      status: r.status,
      progress: r.progress,
      submittedAt: r.submittedAt,
      reviewedAt: r.reviewedAt,
      submittedOn,
      reviewedOn,
      asSubmitted: delivered ? { period: r.period, status: 'submitted', submittedOn } : null,
      asReviewed: reviewed ? { period: r.period, status: r.status as 'accepted' | 'returned', submittedOn } : null,
    };
    const list = out.get(r.assignmentId);
    if (list) list.push(prepared);
    else out.set(r.assignmentId, [prepared]);
  }
  return out;
}

/** Every assignment prepared for as-of views, in input order. */
export function prepare(input: DashboardInput): Prepared[] {
  const grouped = input.grouped ?? groupReports(input.reports);
  return input.assignments.map((a) => {
    const reports = grouped.get(a.id) ?? [];
    return {
      a,
      signedOn: a.signedAt ? dayOf(a.signedAt) : null,
      completedOn: a.completedAt ? dayOf(a.completedAt) : null,
      cadence: CADENCES.includes(a.cadence) ? (a.cadence as Cadence) : input.settings.cadence,
      reports,
      accepted: acceptedInOrder(reports),
    };
  });
}

/** State and accepted progress at D, without the light: what roll-ups at past month ends need. */
export function progressView(p: Prepared, day: string): Pick<View, 'a' | 'state' | 'progress'> | null {
  const state = stateAsOf(p.a, day, p.signedOn, p.completedOn);
  if (state === null || state === 'cancelled') return null;
  let progress: number | null = null;
  for (let i = p.accepted.length - 1; i >= 0; i--) {
    if (p.accepted[i]!.reviewedOn! <= day) {
      progress = p.accepted[i]!.progress;
      break;
    }
  }
  return { a: p.a, state, progress };
}

/**
 * Memo tables of one request, so for one plan's settings: report schedules, which most assignments share
 * (dispatch day, due day, cadence), and light codes without the report rule, which depend on a handful of
 * fields that repeat across units.
 */
export interface AsOfCache {
  periods: Map<string, Period[]>;
  lights: Map<string, LightCode>;
}

/** Empty memo tables for one request. */
export function newCache(): AsOfCache {
  return { periods: new Map(), lights: new Map() };
}

function owedPeriods(start: string, end: string, cutoff: string, cadence: Cadence, dueDay: number, cache: AsOfCache) {
  const key = `${start}|${end}|${cutoff}|${cadence}|${dueDay}`;
  let periods = cache.periods.get(key);
  if (!periods) {
    periods = dueReportsBefore(cutoff, start, end, cadence, dueDay);
    cache.periods.set(key, periods);
  }
  return periods;
}

/**
 * `light(input, day, settings).code`, with the report schedule memoised. light() rebuilds the schedule for each
 * assignment, which was most of a dashboard's time, though it depends only on (start, end, day, cadence, due
 * day) that most assignments share. So light() runs with its report rule idle (ad hoc cadence schedules
 * nothing) and the rule — a report due before today missing or returned → BEHIND, below OVERDUE — is applied
 * here on the memoised schedule; the rest of light() is memoised on the fields it reads. dashboard.test.ts checks
 * the result equals light() over a grid of inputs.
 */
export function lightAt(input: LightInput, day: string, settings: PlanSettings, cache: AsOfCache): LightCode {
  // Milestones and occurrences are not stored yet; should a caller pass them, the memo key would not cover them.
  if (input.milestones?.length || input.occurrences?.length) return light(input, day, settings).code;
  // Without the report rule the light reads only these fields.
  const key = `${day}|${input.state}|${input.start}|${input.due}|${input.deadlineType}|${input.signedOn}|${input.progress}`;
  let code = cache.lights.get(key);
  if (code === undefined) {
    code = light({ ...input, reports: [], cadence: 'adhoc' }, day, settings).code;
    cache.lights.set(key, code);
  }
  if (code !== 'NEAR' && code !== 'NOT_SET' && code !== 'ON_TRACK') return code;
  const start = input.start;
  if (!start || input.state === 'registered' || input.state === 'disputed') return code;
  const end = input.due && input.due >= start ? input.due : day;
  const cadence = input.cadence ?? settings.cadence;
  for (const p of owedPeriods(start, end, day, cadence, settings.reportDueDay, cache)) {
    if (reportStatusAsOf(input.reports ?? [], p.key, day) !== 'delivered') return 'BEHIND';
  }
  return code;
}

/** One assignment seen at D with its light and report counts, or null when it did not exist or is cancelled. */
export function viewOf(p: Prepared, day: string, settings: PlanSettings, cache: AsOfCache = newCache()): View | null {
  const base = progressView(p, day);
  if (!base) return null;
  const { a, state, progress } = base;
  const refs: ReportRef[] = [];
  let lastReportOn: string | null = null;
  for (const r of p.reports) {
    const ref = reportAsOf(r, day);
    if (!ref) continue;
    refs.push(ref);
    if (!lastReportOn || ref.submittedOn! > lastReportOn) lastReportOn = ref.submittedOn!;
  }
  const input: LightInput = {
    state,
    start: a.dispatchedOn,
    due: a.due,
    deadlineType: a.deadlineType as DeadlineType,
    signedOn: p.signedOn,
    progress,
    reports: refs,
    cadence: p.cadence,
  };
  const code = lightAt(input, day, settings, cache);

  // Reports stop being owed once the work is done: only periods due before the completion day count.
  const done = DONE_STATES.includes(state);
  const completedOn = done ? p.completedOn : null;
  const cutoff = completedOn && completedOn < day ? completedOn : day;
  const end = a.due && a.due >= a.dispatchedOn && a.due < cutoff ? a.due : cutoff;
  let onTime = 0;
  const owed = owedPeriods(a.dispatchedOn, end, cutoff, p.cadence, settings.reportDueDay, cache);
  for (const period of owed) {
    for (const r of refs) {
      if (r.period === period.key && r.submittedOn! <= period.due) {
        onTime += 1;
        break;
      }
    }
  }
  return {
    a,
    state,
    progress,
    light: code,
    signed: state !== 'registered' && state !== 'dispatched' && state !== 'disputed',
    lastReportOn,
    reportsDue: owed.length,
    reportsOnTime: onTime,
    doneOnTime: done && (!a.due || (completedOn ?? day) <= a.due),
  };
}

/** Every non-cancelled assignment that exists at D, seen at D. */
export function viewsAt(prepared: readonly Prepared[], day: string, settings: PlanSettings): View[] {
  const cache = newCache();
  const out: View[] = [];
  for (const p of prepared) {
    const v = viewOf(p, day, settings, cache);
    if (v) out.push(v);
  }
  return out;
}

/** A roll-up that never fails a dashboard: weights that do not sum to 1 fall back to the plain mean. */
export function safeRollup(children: readonly RollupChild[], settings: PlanSettings): number | null {
  try {
    return rollup(children, settings);
  } catch (err) {
    if (!(err instanceof WeightsSumError)) throw err;
    return rollup(children, { ...settings, rollupMode: 'average' });
  }
}

/** An assignment as a roll-up child: its progress at D, state (completed → 100) and role weight. */
export function assignmentChild(v: Pick<View, 'a' | 'state' | 'progress'>, settings: PlanSettings): RollupChild {
  const role = v.a.role in settings.roleWeights ? (v.a.role as AssignmentRole) : undefined;
  return { progress: v.progress, state: v.state, role };
}

/** R-S9: assignments → action (when assignments are per action) → measure → plan. */
export function rollupTree(
  views: readonly Pick<View, 'a' | 'state' | 'progress'>[],
  input: DashboardInput,
): { plan: number | null; measures: Map<number, number | null> } {
  const { settings } = input;
  const actionWeight = new Map(input.actions.map((a) => [a.id, a.weight]));
  const byMeasure = groupBy(views, (v) => v.a.measureId);
  const measures = new Map<number, number | null>();
  for (const m of input.measures) {
    const mine = byMeasure.get(m.id) ?? [];
    const byAction = groupBy(mine, (v) => v.a.actionId);
    if (mine.length === 0) measures.set(m.id, null);
    else if (byAction.size === 1 && byAction.has(null)) {
      measures.set(
        m.id,
        safeRollup(
          mine.map((v) => assignmentChild(v, settings)),
          settings,
        ),
      );
    } else {
      const children = [...byAction].map(([actionId, vs]) => ({
        progress: safeRollup(
          vs.map((v) => assignmentChild(v, settings)),
          settings,
        ),
        weight: actionId === null ? null : (actionWeight.get(actionId) ?? null),
      }));
      measures.set(m.id, safeRollup(children, settings));
    }
  }
  // A measure without live assignments is rolled up as cancelled, so explicit weights are shared by the rest.
  const plan = safeRollup(
    input.measures.map((m) => {
      const p = measures.get(m.id) ?? null;
      return p === null ? { progress: null, weight: m.weight, state: 'cancelled' } : { progress: p, weight: m.weight };
    }),
    settings,
  );
  return { plan, measures };
}

/** Items grouped by a key, keeping their order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
