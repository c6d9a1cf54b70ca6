/**
 * Traffic lights of an assignment (R-S7): one code and every reason that applies, as a pure function of the
 * assignment, its reports and the as-of day. Facts dated after `today` (a later sign-off or submission) are
 * ignored, so the same data replays correctly at any as-of date.
 */

import { type AssignmentState, DONE_STATES, type ReportState } from './lifecycle.js';
import { addDays, type Cadence, daysBetween, dueReportsBefore } from './periods.js';
import { roundHalfUp1 } from './rollup.js';
import type { ColourScheme, PlanSettings } from './settings.js';

/** Light codes in precedence order (R-S7 table, top to bottom). */
export const LIGHT_CODES = ['DONE', 'OVERDUE', 'BEHIND', 'NEAR', 'NOT_SET', 'ON_TRACK'] as const;
export type LightCode = (typeof LIGHT_CODES)[number];

/** Deadline kinds of R-P10 (the parser's `DeadlineType`). */
export type DeadlineType = 'absolute' | 'relative' | 'periodic' | 'ongoing' | 'unscheduled' | 'default';

/**
 * Reason codes; a reason is `CODE` or `CODE:detail` (days, a period key or a date) for the UI to translate:
 * COMPLETED, CANCELLED, DUE_PASSED:days, OCCURRENCE_MISSED:date, UNSIGNED:signBy, REPORT_MISSING:period,
 * REPORT_RETURNED:period, PROGRESS_BEHIND, DUE_SOON:days, OCCURRENCE_DUE_SOON:date, NO_DEADLINE.
 */
export const LIGHT_REASONS = [
  'COMPLETED',
  'CANCELLED',
  'DUE_PASSED',
  'OCCURRENCE_MISSED',
  'UNSIGNED',
  'REPORT_MISSING',
  'REPORT_RETURNED',
  'PROGRESS_BEHIND',
  'DUE_SOON',
  'OCCURRENCE_DUE_SOON',
  'NO_DEADLINE',
] as const;

/** Planned progress (0–100) by a date. */
export interface Milestone {
  date: string;
  progress: number;
}

/** A progress report as the light sees it; `submittedOn` is the Shanghai day it was (last) submitted. */
export interface ReportRef {
  period: string;
  status: ReportState;
  submittedOn?: string | null;
}

/** One occurrence of a periodic deadline (R-S3), judged on its own; `doneOn` is the day it was delivered. */
export interface Occurrence {
  due: string;
  doneOn?: string | null;
}

/** What the light needs to know about one assignment. */
export interface LightInput {
  state: AssignmentState;
  /** dispatchedOn: when the clock started (restarted after an upheld dispute); null before dispatch. */
  start: string | null;
  /** Final due day; null for ongoing, unscheduled, or periodic without an end. */
  due: string | null;
  deadlineType: DeadlineType;
  signedOn?: string | null;
  /** Last accepted progress (0–100); null before any accepted report. */
  progress: number | null;
  milestones?: readonly Milestone[];
  reports?: readonly ReportRef[];
  /** The assignment's own report cadence; settings.cadence when absent. */
  cadence?: Cadence;
  /** Periodic deadlines only: each occurrence is judged separately. */
  occurrences?: readonly Occurrence[];
}

/** The light: the winning code, all reasons (most severe first) and the expected progress when it applies. */
export interface Light {
  code: LightCode;
  reasons: string[];
  expected?: number;
}

type LightSettings = Pick<PlanSettings, 'nearDays' | 'tolerance' | 'signDays' | 'cadence' | 'reportDueDay'>;

/** The light of one assignment on `today` (R-S7); a cancelled one is grey NOT_SET with reason CANCELLED. */
export function light(input: LightInput, today: string, settings: LightSettings): Light {
  if (input.state === 'cancelled') return { code: 'NOT_SET', reasons: ['CANCELLED'] };
  if (DONE_STATES.includes(input.state)) return { code: 'DONE', reasons: ['COMPLETED'] };

  const overdue: string[] = [];
  const behind: string[] = [];
  const near: string[] = [];
  const notSet: string[] = [];
  const noFinalDue = input.deadlineType === 'ongoing' || input.deadlineType === 'periodic';

  if (input.due) {
    const left = daysBetween(today, input.due);
    if (left < 0) overdue.push(`DUE_PASSED:${-left}`);
    else if (left <= settings.nearDays) near.push(`DUE_SOON:${left}`);
  } else if (!noFinalDue) {
    notSet.push('NO_DEADLINE');
  }

  if (input.deadlineType === 'periodic') {
    for (const o of input.occurrences ?? []) {
      if (o.doneOn && o.doneOn <= today) continue;
      const left = daysBetween(today, o.due);
      if (left < 0) overdue.push(`OCCURRENCE_MISSED:${o.due}`);
      else if (left <= settings.nearDays) near.push(`OCCURRENCE_DUE_SOON:${o.due}`);
    }
  }

  // A not-yet-dispatched or disputed assignment waits on the office, not the unit: no sign or report duty.
  if (input.start && input.state !== 'registered' && input.state !== 'disputed') {
    const unsigned = unsignedSince(input, today, settings.signDays);
    if (unsigned) behind.push(`UNSIGNED:${unsigned}`);
    behind.push(...reportProblems(input, input.start, today, settings));
  }

  let expected: number | undefined;
  if (!noFinalDue) {
    expected = expectedProgress(input.start, input.due, input.milestones ?? [], today);
    // Compared in tenths, the precision progress is shown in, so 29.2 vs "44.2 − 15" is not lost to floats.
    if (expected !== undefined && tenths(input.progress ?? 0) < tenths(expected) - tenths(settings.tolerance)) {
      behind.push('PROGRESS_BEHIND');
    }
  }

  const code: LightCode = overdue.length
    ? 'OVERDUE'
    : behind.length
      ? 'BEHIND'
      : near.length
        ? 'NEAR'
        : notSet.length
          ? 'NOT_SET'
          : 'ON_TRACK';
  const result: Light = { code, reasons: [...overdue, ...behind, ...near, ...notSet] };
  if (expected !== undefined) result.expected = expected;
  return result;
}

// The sign window ends with day start + signDays; returns that day when it has passed unsigned. Without a
// signedOn date the state decides, so imported rows past `dispatched` are not flagged.
function unsignedSince(input: LightInput, today: string, signDays: number): string | null {
  if (!input.start) return null;
  const signed = input.signedOn ? input.signedOn <= today : input.state !== 'dispatched';
  const signBy = addDays(input.start, signDays);
  return !signed && today > signBy ? signBy : null;
}

// Every report due before today must exist; a draft, or a submission dated after today, counts as missing.
function reportProblems(input: LightInput, start: string, today: string, settings: LightSettings): string[] {
  const end = input.due && input.due >= start ? input.due : today;
  const cadence = input.cadence ?? settings.cadence;
  const out: string[] = [];
  for (const p of dueReportsBefore(today, start, end, cadence, settings.reportDueDay)) {
    const status = reportStatusAsOf(input.reports ?? [], p.key, today);
    if (status === 'returned') out.push(`REPORT_RETURNED:${p.key}`);
    else if (status === 'missing') out.push(`REPORT_MISSING:${p.key}`);
  }
  return out;
}

/** Whether a period's report was delivered (submitted or accepted) by `today`, returned, or is missing. */
export function reportStatusAsOf(
  reports: readonly ReportRef[],
  period: string,
  today: string,
): 'delivered' | 'returned' | 'missing' {
  const mine = reports.filter((r) => r.period === period);
  const delivered = mine.some(
    (r) => (r.status === 'submitted' || r.status === 'accepted') && (!r.submittedOn || r.submittedOn <= today),
  );
  if (delivered) return 'delivered';
  return mine.some((r) => r.status === 'returned') ? 'returned' : 'missing';
}

/**
 * Expected progress on `today`, 1 decimal: linear from start (0) to due (100), or piecewise-linear through
 * the milestones (anchored at start = 0 and due = 100 unless a milestone already covers those ends).
 */
export function expectedProgress(
  start: string | null,
  due: string | null,
  milestones: readonly Milestone[],
  today: string,
): number | undefined {
  const points = [...milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (points.length === 0) {
    if (!start || !due) return undefined;
    if (due <= start) return today >= due ? 100 : 0;
    return roundHalfUp1(clamp((100 * daysBetween(start, today)) / daysBetween(start, due)));
  }
  if (start && points.every((m) => m.date > start)) points.unshift({ date: start, progress: 0 });
  if (due && points.every((m) => m.date < due)) points.push({ date: due, progress: 100 });

  const first = points[0]!;
  const last = points[points.length - 1]!;
  // Before the first planned point nothing is expected yet.
  if (today < first.date) return 0;
  if (today >= last.date) return roundHalfUp1(clamp(last.progress));
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (today < b.date) {
      const span = daysBetween(a.date, b.date);
      const share = span === 0 ? 1 : daysBetween(a.date, today) / span;
      return roundHalfUp1(clamp(a.progress + (b.progress - a.progress) * share));
    }
  }
  return roundHalfUp1(clamp(last.progress));
}

const clamp = (v: number) => Math.min(100, Math.max(0, v));
const tenths = (v: number) => Math.round(Number((v * 10).toPrecision(12)));

/** Display colours; the UI maps the names to its palette (COLOUR_HEX gives defaults). */
export type LightColour = 'green' | 'blue' | 'yellow' | 'red' | 'grey';

/** Default palette for the colour names (Ant Design's success / primary / warning / error / disabled). */
export const COLOUR_HEX: Readonly<Record<LightColour, string>> = {
  green: '#52c41a',
  blue: '#1677ff',
  yellow: '#faad14',
  red: '#ff4d4f',
  grey: '#bfbfbf',
};

// DONE shares green with ON_TRACK (finished as planned is "good"); the UI tells them apart by icon.
const SANSE: Readonly<Record<LightCode, LightColour>> = {
  DONE: 'green',
  OVERDUE: 'red',
  BEHIND: 'yellow',
  NEAR: 'blue',
  NOT_SET: 'grey',
  ON_TRACK: 'green',
};

/** The colour of a light code in a scheme: `sanse` shows NEAR blue, `classic` shows it yellow. */
export function lightColour(code: LightCode, scheme: ColourScheme): LightColour {
  if (scheme === 'classic' && code === 'NEAR') return 'yellow';
  return SANSE[code];
}

/** Light codes from worst to best, as used when a measure, unit or district shows its worst assignment. */
export const LIGHT_SEVERITY: readonly LightCode[] = ['OVERDUE', 'BEHIND', 'NEAR', 'NOT_SET', 'ON_TRACK', 'DONE'];

/**
 * The worst of several lights, or null for none (a blank heatmap cell). The caller passes only
 * non-cancelled assignments (R-S7), since a cancelled one's grey NOT_SET would otherwise outrank ON_TRACK.
 */
export function worstLight(codes: Iterable<LightCode>): LightCode | null {
  let worst: LightCode | null = null;
  for (const c of codes) {
    if (worst === null || LIGHT_SEVERITY.indexOf(c) < LIGHT_SEVERITY.indexOf(worst)) worst = c;
  }
  return worst;
}
