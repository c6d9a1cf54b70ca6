/**
 * Reminders and escalation (R-S8): which notices fall due for one assignment on one day. Every notice fires
 * on an exact day, so the daily job is idempotent once the caller skips notices already recorded under
 * (assignment, key, day); a day the job missed can be replayed by calling this with that day.
 */

import type { AssignmentState } from './lifecycle.js';
import { type LightInput, reportStatusAsOf } from './lights.js';
import { addDays, daysBetween, periodsBetween } from './periods.js';
import type { PlanSettings } from './settings.js';

export type NoticeLevel = 'reminder' | 'E1' | 'E2' | 'sign_reminder' | 'report_reminder';
export type Recipient = 'handler' | 'unit_head' | 'leader';

/** Titles printed on each notice level (提醒, 催办单, 督办单). */
export const NOTICE_TITLES: Readonly<Record<NoticeLevel, string>> = {
  reminder: '提醒',
  E1: '催办单',
  E2: '督办单',
  sign_reminder: '签收提醒',
  report_reminder: '报送提醒',
};

/** The part of an assignment reminders look at (the same shape the light takes). */
export type ReminderInput = Pick<
  LightInput,
  'state' | 'start' | 'due' | 'deadlineType' | 'signedOn' | 'reports' | 'cadence' | 'occurrences'
>;

/**
 * A notice due today. `subject` names what it chases ('deadline', 'sign', 'report:2015-08',
 * 'occurrence:2015-08-28'); `key` = level:subject, the dedupe key together with assignment and day, since a
 * missing report's E1 and the deadline's E1 can fall on the same day.
 */
export interface NoticeDue {
  level: NoticeLevel;
  reason: string;
  recipients: Recipient[];
  subject: string;
  key: string;
}

type ReminderSettings = Pick<PlanSettings, 'nearDays' | 'signDays' | 'cadence' | 'reportDueDay' | 'reminders'>;

// Escalation stops once the office holds the ball: awaiting dispatch, a dispute or a completion request.
const QUIET: readonly AssignmentState[] = [
  'registered',
  'disputed',
  'completion_requested',
  'completed',
  'closed',
  'cancelled',
];

/** The notices that fall due for an assignment on `today` (R-S8), most urgent subjects first. */
export function remindersDue(assignment: ReminderInput, today: string, settings: ReminderSettings): NoticeDue[] {
  if (QUIET.includes(assignment.state)) return [];
  const out: NoticeDue[] = [];

  if (assignment.due) out.push(...deadlineNotices(assignment.due, 'deadline', today, settings));
  if (assignment.deadlineType === 'periodic') {
    for (const o of assignment.occurrences ?? []) {
      if (o.doneOn && o.doneOn <= today) continue;
      out.push(...deadlineNotices(o.due, `occurrence:${o.due}`, today, settings));
    }
  }

  const start = assignment.start;
  if (start) {
    const signed = assignment.signedOn ? assignment.signedOn <= today : assignment.state !== 'dispatched';
    const remindOn = addDays(start, settings.signDays + settings.reminders.signReminderAfterDays);
    if (!signed && today === remindOn) out.push(notice('sign_reminder', 'UNSIGNED', ['unit_head'], 'sign'));
    out.push(...reportNotices(assignment, start, today, settings));
  }
  return out;
}

// 提醒 at due − nearDays and on the due day, E1 at due + e1AfterDays, E2 at due + e2AfterDays and every
// e2RepeatDays after that; only the exact days fire.
function deadlineNotices(due: string, subject: string, today: string, settings: ReminderSettings): NoticeDue[] {
  const r = settings.reminders;
  const late = daysBetween(due, today);
  const out: NoticeDue[] = [];
  if (late === 0 && r.onDueDay) out.push(notice('reminder', 'DUE_TODAY', ['handler'], subject));
  else if (late === -settings.nearDays)
    out.push(notice('reminder', `DUE_IN:${settings.nearDays}`, ['handler'], subject));
  if (late === r.e1AfterDays) out.push(notice('E1', `OVERDUE:${late}`, ['handler', 'unit_head'], subject));
  if (late >= r.e2AfterDays && (late - r.e2AfterDays) % r.e2RepeatDays === 0) {
    out.push(notice('E2', `OVERDUE:${late}`, ['unit_head', 'leader'], subject));
  }
  return out;
}

// A report not delivered: reminder `reportReminderBeforeDays` before its due day, E1 `reportE1AfterDays` after.
function reportNotices(a: ReminderInput, start: string, today: string, settings: ReminderSettings): NoticeDue[] {
  const r = settings.reminders;
  // Periods due after today + the reminder lead cannot fire today, so an open-ended range stops there.
  const end = a.due && a.due >= start ? a.due : addDays(today, r.reportReminderBeforeDays);
  const out: NoticeDue[] = [];
  for (const p of periodsBetween(start, end, a.cadence ?? settings.cadence, settings.reportDueDay)) {
    const offset = daysBetween(p.due, today);
    if (offset !== -r.reportReminderBeforeDays && offset !== r.reportE1AfterDays) continue;
    const status = reportStatusAsOf(a.reports ?? [], p.key, today);
    if (status === 'delivered') continue;
    const subject = `report:${p.key}`;
    if (offset === -r.reportReminderBeforeDays) {
      out.push(notice('report_reminder', `REPORT_DUE:${p.key}`, ['handler'], subject));
    } else {
      const reason = status === 'returned' ? `REPORT_RETURNED:${p.key}` : `REPORT_MISSING:${p.key}`;
      out.push(notice('E1', reason, ['handler', 'unit_head'], subject));
    }
  }
  return out;
}

function notice(level: NoticeLevel, reason: string, recipients: Recipient[], subject: string): NoticeDue {
  return { level, reason, recipients, subject, key: `${level}:${subject}` };
}

/** The escalation an overdue due day has reached by `today` (for bulletin section 3), or null if none. */
export function escalationLevel(
  due: string,
  today: string,
  settings: Pick<PlanSettings, 'reminders'>,
): 'E1' | 'E2' | null {
  const late = daysBetween(due, today);
  if (late >= settings.reminders.e2AfterDays) return 'E2';
  if (late >= settings.reminders.e1AfterDays) return 'E1';
  return null;
}

/** The number printed on a notice, numbered per year: noticeNumber(2015, 7) → '督办〔2015〕7号'. */
export function noticeNumber(year: number, seq: number, prefix = '督办'): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Bad notice year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Bad notice sequence: ${seq}`);
  return `${prefix}〔${year}〕${seq}号`;
}
