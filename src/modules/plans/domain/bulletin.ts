/**
 * The monthly bulletin 质量工作督查情况通报 (R-S14), pure: numbering, lifecycle and the content of sections
 * 1–5 from a plan as of one day. The content is computed once, frozen as JSON, and every rendering (HTML,
 * DOCX) is drawn from it, so the same snapshot always reads the same. Rows are ordered by measure, then
 * unit code, then id, whatever order the input arrives in.
 */

import {
  type DashboardInput,
  groupBy,
  newCache,
  type Prepared,
  prepare,
  reportAsOf,
  rollupTree,
  type View,
  viewOf,
} from './as-of.js';
import { type BulletinReporting, reportingAsOf } from './bulletin-reporting.js';
import { ASSIGNMENT_STATES, type AssignmentState } from './lifecycle.js';
import { type DeadlineType, type LightCode, light, worstLight } from './lights.js';
import { addDays, daysBetween, daysInMonth, isoDate } from './periods.js';
import { escalationLevel } from './reminders.js';

export const BULLETIN_STATUSES = ['draft', 'approved', 'issued'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
export const BULLETIN_EVENTS = ['approve', 'revoke', 'issue'] as const;
export type BulletinEvent = (typeof BULLETIN_EVENTS)[number];

// draft → approved (审定) → issued (印发); an approved one may go back to draft for corrections (退回修改).
const TRANSITIONS: Readonly<Record<BulletinStatus, Partial<Record<BulletinEvent, BulletinStatus>>>> = {
  draft: { approve: 'approved' },
  approved: { revoke: 'draft', issue: 'issued' },
  issued: {},
};

/** A bulletin event its status does not allow. */
export class BulletinTransitionError extends Error {
  readonly code = 'INVALID_TRANSITION' as const;

  constructor(
    readonly from: BulletinStatus,
    readonly event: BulletinEvent,
  ) {
    super(`Bulletin: cannot ${event} when ${from}`);
    this.name = 'BulletinTransitionError';
  }
}

/** The status after an event, or a BulletinTransitionError; issued bulletins accept nothing. */
export function bulletinTransition(from: BulletinStatus, event: BulletinEvent): BulletinStatus {
  const to = TRANSITIONS[from][event];
  if (!to) throw new BulletinTransitionError(from, event);
  return to;
}

/** The events a status allows, in display order. */
export function bulletinEvents(from: BulletinStatus): BulletinEvent[] {
  return BULLETIN_EVENTS.filter((e) => TRANSITIONS[from][e] !== undefined);
}

/** The issue number, per plan and year: bulletinNumber(2015, 3) → '2015年第3期'. */
export function bulletinNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Bad bulletin year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Bad bulletin sequence: ${seq}`);
  return `${year}年第${seq}期`;
}

/** The last day of a YYYY-MM month: the default snapshot day (settings.bulletinSnapshot = monthEnd). */
export function monthEnd(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return isoDate(y, m, daysInMonth(y, m));
}

/** A flagged (典型经验) report accepted in the bulletin's window, with its narrative. */
export interface ExemplaryReport {
  reportId: number;
  assignmentId: number;
  period: string;
  narrative: string;
}

/** A 催办单 / 督办单 recorded by the daily job (R-S8) on or before the as-of day. */
export interface EscalationNotice {
  assignmentId: number;
  level: 'E1' | 'E2';
  no: string;
  runDay: string;
}

/** The previous issue as section 1 and 2 compare against it. */
export interface PreviousIssue {
  no: string;
  period: string;
  asOf: string;
  content: BulletinContent;
}

/** Everything one bulletin is computed from. */
export interface BulletinInput {
  planTitle: string;
  period: string;
  asOf: string;
  dash: DashboardInput;
  previous: PreviousIssue | null;
  exemplary: readonly ExemplaryReport[];
  notices: readonly EscalationNotice[];
}

/** Light codes in the order the bulletin lists them. */
export const BULLETIN_LIGHTS: readonly LightCode[] = ['ON_TRACK', 'NEAR', 'BEHIND', 'OVERDUE', 'DONE', 'NOT_SET'];

// The light reasons that explain a red or yellow item; DUE_SOON and NO_DEADLINE explain neither.
const PROBLEM_REASONS = [
  'DUE_PASSED',
  'OCCURRENCE_MISSED',
  'UNSIGNED',
  'REPORT_MISSING',
  'REPORT_RETURNED',
  'PROGRESS_BEHIND',
];

const EXCERPT_CHARS = 220;

/** Sections 1–5 of a bulletin (section 6, 下步工作, is the office's text, stored beside it). */
export interface BulletinContent {
  schema: 1;
  planTitle: string;
  period: string;
  asOf: string;
  previous: { no: string; period: string; asOf: string } | null;
  /** 1 总体情况 */
  summary: {
    assignments: number;
    measures: number;
    units: number;
    progress: number | null;
    previousProgress: number | null;
    states: { state: string; label: string; count: number; previous: number | null }[];
    lights: { light: LightCode; count: number; previous: number | null }[];
  };
  /** 2 分项进展 */
  measures: {
    externalId: string;
    number: number;
    title: string;
    assignments: number;
    units: number;
    progress: number | null;
    previousProgress: number | null;
    done: number;
    behind: number;
    overdue: number;
    worst: LightCode | null;
  }[];
  /** 3 存在问题: OVERDUE and BEHIND items */
  problems: {
    assignmentExternalId: string;
    measureNumber: number;
    measureTitle: string;
    unitCode: string;
    unitName: string;
    light: 'OVERDUE' | 'BEHIND';
    reasons: string[];
    due: string | null;
    daysOverdue: number | null;
    level: 'E1' | 'E2' | null;
    noticeNo: string | null;
  }[];
  /** 3 存在问题, continued: the 督办单 (E2) sent since the previous issue, or in the month for a first issue (R-S8). */
  escalations: {
    no: string;
    runDay: string;
    assignmentExternalId: string;
    measureNumber: number;
    measureTitle: string;
    unitCode: string;
    unitName: string;
  }[];
  /** 4 报送情况 */
  reporting: BulletinReporting;
  /** 5 典型经验 */
  experiences: {
    reportId: number;
    assignmentExternalId: string;
    measureNumber: number;
    measureTitle: string;
    unitCode: string;
    unitName: string;
    period: string;
    excerpt: string;
  }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds sections 1–5 from the plan as of `input.asOf`; deterministic for equal inputs. */
export function buildBulletinContent(input: BulletinInput): BulletinContent {
  const { dash, asOf } = input;
  const settings = dash.settings;
  const measureOf = new Map(dash.measures.map((m) => [m.id, m]));
  const nameOf = new Map(dash.units.map((u) => [u.code, u.name]));
  const unitName = (code: string) => nameOf.get(code) ?? code;
  const ordOf = (measureId: number) => measureOf.get(measureId)?.ord ?? Number.MAX_SAFE_INTEGER;
  // Measure order, then unit code, then id: the one order of every list in the bulletin.
  const itemOrder = (x: { measureId: number; unitCode: string; id: number }, y: typeof x) =>
    ordOf(x.measureId) - ordOf(y.measureId) || byText(x.unitCode, y.unitCode) || x.id - y.id;

  const prepared = prepare(dash).sort((x, y) => itemOrder(x.a, y.a));
  const cache = newCache();
  const seen: { p: Prepared; v: View }[] = [];
  for (const p of prepared) {
    const v = viewOf(p, asOf, settings, cache);
    if (v) seen.push({ p, v });
  }
  const views = seen.map((s) => s.v);
  const tree = rollupTree(views, dash);
  const prev = input.previous?.content ?? null;

  const stateCounts = new Map<string, number>();
  const lightCounts = new Map<LightCode, number>();
  for (const v of views) {
    stateCounts.set(v.state, (stateCounts.get(v.state) ?? 0) + 1);
    lightCounts.set(v.light, (lightCounts.get(v.light) ?? 0) + 1);
  }
  const prevState = new Map(prev?.summary.states.map((s) => [s.state, s.count]));
  const prevLight = new Map(prev?.summary.lights.map((l) => [l.light, l.count]));
  const states = ASSIGNMENT_STATES.filter((s) => s !== 'cancelled').map((state) => ({
    state,
    label: settings.stateLabels[state] ?? state,
    count: stateCounts.get(state) ?? 0,
    previous: prev ? (prevState.get(state) ?? 0) : null,
  }));

  const byMeasure = groupBy(views, (v) => v.a.measureId);
  const prevMeasure = new Map(prev?.measures.map((m) => [m.externalId, m.progress]));
  const measures = [...dash.measures]
    .sort((x, y) => x.ord - y.ord || x.id - y.id)
    .map((m) => {
      const mine = byMeasure.get(m.id) ?? [];
      const count = (code: LightCode) => mine.filter((v) => v.light === code).length;
      return {
        externalId: m.externalId,
        number: m.number,
        title: m.title,
        assignments: mine.length,
        units: new Set(mine.map((v) => v.a.unitCode)).size,
        progress: tree.measures.get(m.id) ?? null,
        previousProgress: prev ? (prevMeasure.get(m.externalId) ?? null) : null,
        done: count('DONE'),
        behind: count('BEHIND'),
        overdue: count('OVERDUE'),
        worst: worstLight(mine.map((v) => v.light)),
      };
    });

  // Notices of this issue's window: since the previous snapshot day, or the whole month for a first issue, so an
  // old 催办单 about a report delivered since does not follow an item forever (days overdue still do, below).
  const since = input.previous?.asOf ?? addDays(`${input.period}-01`, -1);
  const recent = input.notices.filter((n) => n.runDay > since && n.runDay <= asOf);
  // The highest escalation recorded per assignment, and the latest notice number at that level.
  const noticesByAssignment = groupBy(
    [...recent].sort((x, y) => byText(x.runDay, y.runDay) || byText(x.no, y.no)),
    (n) => n.assignmentId,
  );
  const problems: BulletinContent['problems'] = [];
  for (const { p, v } of seen) {
    if (v.light !== 'OVERDUE' && v.light !== 'BEHIND') continue;
    const m = measureOf.get(v.a.measureId);
    const overdue = v.light === 'OVERDUE' && v.a.due !== null && v.a.due < asOf;
    const computed = overdue ? escalationLevel(v.a.due!, asOf, settings) : null;
    const sent = noticesByAssignment.get(v.a.id) ?? [];
    const top = sent.some((n) => n.level === 'E2') ? 'E2' : sent.length ? 'E1' : null;
    const level = computed === 'E2' || top === 'E2' ? 'E2' : (computed ?? top);
    const latest = sent.filter((n) => n.level === level).at(-1);
    problems.push({
      assignmentExternalId: v.a.externalId,
      measureNumber: m?.number ?? 0,
      measureTitle: m?.title ?? '',
      unitCode: v.a.unitCode,
      unitName: unitName(v.a.unitCode),
      light: v.light,
      reasons: problemReasons(p, v, asOf, dash),
      due: v.a.due,
      daysOverdue: overdue ? daysBetween(v.a.due!, asOf) : null,
      level,
      noticeNo: latest?.no ?? null,
    });
  }

  const byId = new Map(dash.assignments.map((a) => [a.id, a]));
  const escalations = recent
    .filter((n) => n.level === 'E2' && byId.has(n.assignmentId))
    .map((n) => ({ n, a: byId.get(n.assignmentId)! }))
    .sort((x, y) => itemOrder(x.a, y.a) || byText(x.n.runDay, y.n.runDay) || byText(x.n.no, y.n.no))
    .map(({ n, a }) => ({
      no: n.no,
      runDay: n.runDay,
      assignmentExternalId: a.externalId,
      measureNumber: measureOf.get(a.measureId)?.number ?? 0,
      measureTitle: measureOf.get(a.measureId)?.title ?? '',
      unitCode: a.unitCode,
      unitName: unitName(a.unitCode),
    }));

  const experiences = input.exemplary
    .filter((r) => byId.has(r.assignmentId))
    .map((r) => ({ r, a: byId.get(r.assignmentId)! }))
    .sort((x, y) => itemOrder(x.a, y.a) || x.r.reportId - y.r.reportId)
    .map(({ r, a }) => ({
      reportId: r.reportId,
      assignmentExternalId: a.externalId,
      measureNumber: measureOf.get(a.measureId)?.number ?? 0,
      measureTitle: measureOf.get(a.measureId)?.title ?? '',
      unitCode: a.unitCode,
      unitName: unitName(a.unitCode),
      period: r.period,
      excerpt: excerpt(r.narrative),
    }));

  return {
    schema: 1,
    planTitle: input.planTitle,
    period: input.period,
    asOf,
    previous: input.previous
      ? { no: input.previous.no, period: input.previous.period, asOf: input.previous.asOf }
      : null,
    summary: {
      assignments: views.length,
      measures: measures.filter((m) => m.assignments > 0).length,
      units: new Set(views.map((v) => v.a.unitCode)).size,
      progress: tree.plan,
      previousProgress: prev ? prev.summary.progress : null,
      states,
      lights: BULLETIN_LIGHTS.map((code) => ({
        light: code,
        count: lightCounts.get(code) ?? 0,
        previous: prev ? (prevLight.get(code) ?? 0) : null,
      })),
    },
    measures,
    problems,
    escalations,
    reporting: reportingAsOf(
      seen.map((s) => s.p),
      views,
      input.period,
      asOf,
      settings,
      { unitName, measureNumber: (id) => measureOf.get(id)?.number ?? 0 },
    ),
    experiences,
  };
}

// Why an item is red or yellow: the light's reasons (codes with details) that describe a problem.
function problemReasons(p: Prepared, v: View, day: string, dash: DashboardInput): string[] {
  const refs = p.reports.map((r) => reportAsOf(r, day)).filter((r) => r !== null);
  const result = light(
    {
      state: v.state as AssignmentState,
      start: v.a.dispatchedOn,
      due: v.a.due,
      deadlineType: v.a.deadlineType as DeadlineType,
      signedOn: p.signedOn,
      progress: v.progress,
      reports: refs,
      cadence: p.cadence,
    },
    day,
    dash.settings,
  );
  return result.reasons.filter((r) => PROBLEM_REASONS.includes(r.split(':')[0]!));
}

/** A narrative shortened for section 5: whitespace collapsed, cut after the last full stop that fits. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const stop = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf(';'), cut.lastIndexOf(';'));
  return stop >= max / 2 ? cut.slice(0, stop + 1) : `${cut}……`;
}
