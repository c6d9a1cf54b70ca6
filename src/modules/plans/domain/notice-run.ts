/**
 * One day of the reminder job (R-S8) over a whole plan: each assignment is seen as it stood on that day (so a
 * missed day replays faithfully from the stored rows), remindersDue() picks the notices, and numbering follows
 * the order the notices are listed in, which is stable (measure order, unit code, urgency).
 */

import { type Prepared, reportAsOf, stateAsOf } from './as-of.js';
import type { DeadlineType, ReportRef } from './lights.js';
import { type NoticeDue, type NoticeLevel, noticeNumber, type ReminderInput, remindersDue } from './reminders.js';
import type { PlanSettings } from './settings.js';

/** A notice to record: which assignment, what, and for which due day. */
export interface PlannedNotice {
  assignmentId: number;
  unitCode: string;
  measureOrd: number;
  notice: NoticeDue;
  /** The due day chased: the deadline, a periodic occurrence, or null for sign-off and report notices. */
  dueDate: string | null;
}

/** The assignment as the reminder rules see it on `day`, or null when it did not exist or was cancelled. */
export function reminderInputAt(p: Prepared, day: string): ReminderInput | null {
  const state = stateAsOf(p.a, day, p.signedOn, p.completedOn);
  if (state === null || state === 'cancelled') return null;
  const reports: ReportRef[] = [];
  for (const r of p.reports) {
    const ref = reportAsOf(r, day);
    if (ref) reports.push(ref);
  }
  return {
    state,
    start: p.a.dispatchedOn,
    due: p.a.due,
    deadlineType: p.a.deadlineType as DeadlineType,
    signedOn: p.signedOn,
    reports,
    cadence: p.cadence,
  };
}

const URGENCY: Record<NoticeLevel, number> = { E2: 0, E1: 1, reminder: 2, sign_reminder: 3, report_reminder: 4 };

/**
 * The notices due on `day` across a plan, ordered by measure, unit code, then urgency. `measureOrd` maps a
 * measure id to its position in the plan.
 */
export function noticesForDay(
  prepared: readonly Prepared[],
  measureOrd: ReadonlyMap<number, number>,
  day: string,
  settings: PlanSettings,
): PlannedNotice[] {
  const out: PlannedNotice[] = [];
  for (const p of prepared) {
    const input = reminderInputAt(p, day);
    if (!input) continue;
    for (const notice of remindersDue(input, day, settings)) {
      out.push({
        assignmentId: p.a.id,
        unitCode: p.a.unitCode,
        measureOrd: measureOrd.get(p.a.measureId) ?? Number.MAX_SAFE_INTEGER,
        notice,
        dueDate: dueChased(notice, p.a.due),
      });
    }
  }
  return out.sort(
    (x, y) =>
      x.measureOrd - y.measureOrd ||
      (x.unitCode < y.unitCode ? -1 : x.unitCode > y.unitCode ? 1 : 0) ||
      x.assignmentId - y.assignmentId ||
      URGENCY[x.notice.level] - URGENCY[y.notice.level] ||
      (x.notice.key < y.notice.key ? -1 : x.notice.key > y.notice.key ? 1 : 0),
  );
}

function dueChased(notice: NoticeDue, due: string | null): string | null {
  if (notice.subject === 'deadline') return due;
  if (notice.subject.startsWith('occurrence:')) return notice.subject.slice('occurrence:'.length);
  return null;
}

/**
 * The word a level's numbers carry: 催办单 and 督办单 are numbered as 催办〔2015〕N号 and 督办〔2015〕N号,
 * reminders share one 提醒 series; each series restarts every year.
 */
export function numberPrefix(level: NoticeLevel): '提醒' | '催办' | '督办' {
  if (level === 'E2') return '督办';
  if (level === 'E1') return '催办';
  return '提醒';
}

/** The counter key of a level's series in a year, and the number printed for its `seq`-th notice. */
export function noticeSeries(
  level: NoticeLevel,
  year: number,
): { counterKey: string; format: (seq: number) => string } {
  const prefix = numberPrefix(level);
  return { counterKey: `notice:${prefix}:${year}`, format: (seq) => noticeNumber(year, seq, prefix) };
}
