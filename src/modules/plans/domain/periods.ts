/**
 * Calendar dates and report periods (R-S4). Dates are Asia/Shanghai calendar days as 'YYYY-MM-DD'
 * strings; arithmetic runs on UTC midnights so no time zone or clock is involved.
 */

/** Report cadence: monthly (`2015-08`), quarterly (`2015-Q3`) or ad hoc (keyed by day, nothing scheduled). */
export type Cadence = 'monthly' | 'quarterly' | 'adhoc';

/** One report period: its key, the day it opens, its last calendar day and its due day. */
export interface Period {
  key: string;
  cadence: Cadence;
  opens: string;
  end: string;
  due: string;
}

/** Default due day of month for reports (R-S4); settings override it. */
export const DEFAULT_DUE_DAY = 28;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** True when the string is an existing calendar day in 'YYYY-MM-DD' form. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

function parts(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Formats year, month (1–12) and day as 'YYYY-MM-DD'. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toDayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date((toDayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The same day `months` months earlier or later, clamped to the target month's length (03-31 − 1 → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(year, month, Math.min(d, daysInMonth(year, month)));
}

// The due day is clamped so that day 30 or 31 still falls inside February (R-P10 `每月28日前` rule).
function dueIn(year: number, month: number, dueDay: number): string {
  return isoDate(year, month, Math.min(dueDay, daysInMonth(year, month)));
}

function monthPeriod(year: number, month: number, dueDay: number): Period {
  return {
    key: `${year}-${pad(month)}`,
    cadence: 'monthly',
    opens: isoDate(year, month, 1),
    end: isoDate(year, month, daysInMonth(year, month)),
    due: dueIn(year, month, dueDay),
  };
}

// A quarterly report opens with the quarter and is due on the due day of its last month, so the office
// compiles quarterly figures on the same day of month as monthly ones.
function quarterPeriod(year: number, quarter: number, dueDay: number): Period {
  const last = quarter * 3;
  return {
    key: `${year}-Q${quarter}`,
    cadence: 'quarterly',
    opens: isoDate(year, last - 2, 1),
    end: isoDate(year, last, daysInMonth(year, last)),
    due: dueIn(year, last, dueDay),
  };
}

function dayPeriod(date: string): Period {
  return { key: date, cadence: 'adhoc', opens: date, end: date, due: date };
}

/** The period containing `date` for a cadence; `dueDay` (1–31) is clamped to the month's length. */
export function periodOf(date: string, cadence: Cadence, dueDay: number = DEFAULT_DUE_DAY): Period {
  const [y, m] = parts(date);
  if (cadence === 'monthly') return monthPeriod(y, m, dueDay);
  if (cadence === 'quarterly') return quarterPeriod(y, Math.ceil(m / 3), dueDay);
  return dayPeriod(date);
}

/** The period named by a key ('2015-08', '2015-Q3' or an ad hoc '2015-08-14'), or null if malformed. */
export function periodFromKey(key: string, dueDay: number = DEFAULT_DUE_DAY): Period | null {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? monthPeriod(Number(month[1]), m, dueDay) : null;
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]), dueDay);
  return isIsoDate(key) ? dayPeriod(key) : null;
}

/**
 * The scheduled periods of an active range [start, end], in order; ad hoc schedules none.
 * A period counts when it opens by `end` and is due no earlier than `start`, so work dispatched after a
 * month's due day first reports for the next month, while the month in which the range ends still reports.
 */
export function periodsBetween(
  start: string,
  end: string,
  cadence: Cadence,
  dueDay: number = DEFAULT_DUE_DAY,
): Period[] {
  parts(end);
  if (cadence === 'adhoc' || end < start) return [];
  const out: Period[] = [];
  let p = periodOf(start, cadence, dueDay);
  while (p.opens <= end) {
    if (p.due >= start) out.push(p);
    p = periodOf(addDays(p.end, 1), cadence, dueDay);
  }
  return out;
}

/** True when a report submitted on `submittedOn` is late; the due day is on time until its end. */
export function isLate(period: Period, submittedOn: string): boolean {
  parts(submittedOn);
  return submittedOn > period.due;
}

/** Periods of [start, end] whose due day ended before `today`, i.e. reports that must exist by now. */
export function dueReportsBefore(
  today: string,
  start: string,
  end: string,
  cadence: Cadence,
  dueDay: number = DEFAULT_DUE_DAY,
): Period[] {
  return periodsBetween(start, end, cadence, dueDay).filter((p) => p.due < today);
}
