/**
 * The State Council holiday calendar as data (data/holidays.json → table `holidays`): expansion of the
 * notices' date ranges into day rows and the checks an office edit must pass. Pure.
 */
import { addCalendarDays, dayNumber, weekday } from '../../../core/working-days.js';

export type HolidayKind = 'holiday' | 'workday';

/** One day row as stored: `year` is the day's own year (a New Year range may start in December). */
export interface HolidayDay {
  day: string;
  kind: HolidayKind;
  name: string | null;
  year: number;
}

/** data/holidays.json: one notice per year, holidays as inclusive ranges, make-up working days as days. */
export interface HolidayNotices {
  notices: {
    year: number;
    title: string;
    holidays: [name: string, from: string, to: string][];
    workdays: [name: string, day: string][];
  }[];
}

/** Every day row of the notices, sorted; throws when a day is both a holiday and a working day. */
export function expandNotices(data: HolidayNotices): HolidayDay[] {
  const byDay = new Map<string, HolidayDay>();
  const put = (row: HolidayDay) => {
    const prev = byDay.get(row.day);
    if (prev && prev.kind !== row.kind)
      throw new Error(`holiday data: ${row.day} is both ${prev.kind} and ${row.kind}`);
    if (!prev) byDay.set(row.day, row);
  };
  for (const n of data.notices) {
    for (const [name, from, to] of n.holidays) {
      if (dayNumber(to) < dayNumber(from)) throw new Error(`holiday data: range ${from}…${to} runs backwards`);
      for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
        put({ day: d, kind: 'holiday', name, year: Number(d.slice(0, 4)) });
      }
    }
    for (const [name, day] of n.workdays) put({ day, kind: 'workday', name, year: Number(day.slice(0, 4)) });
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** Years the notices cover (a notice's own year; spill-over December days belong to their year's notice too). */
export function noticeYears(data: HolidayNotices): number[] {
  return data.notices.map((n) => n.year).sort((a, b) => a - b);
}

/** One problem of an edited year. */
export interface HolidayIssue {
  day: string;
  problem: 'NOT_A_DATE' | 'OTHER_YEAR' | 'DUPLICATE' | 'WORKDAY_NOT_WEEKEND' | 'BAD_KIND';
}

/**
 * Checks the rows an office user saves for `year`: real dates of that year, no duplicates, and make-up
 * working days only on Saturdays or Sundays (a weekday is a working day anyway, so such a row is a typo).
 */
export function checkYearRows(year: number, rows: readonly { day: string; kind: string }[]): HolidayIssue[] {
  const issues: HolidayIssue[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    try {
      dayNumber(r.day);
    } catch {
      issues.push({ day: r.day, problem: 'NOT_A_DATE' });
      continue;
    }
    if (Number(r.day.slice(0, 4)) !== year) issues.push({ day: r.day, problem: 'OTHER_YEAR' });
    if (seen.has(r.day)) issues.push({ day: r.day, problem: 'DUPLICATE' });
    seen.add(r.day);
    if (r.kind !== 'holiday' && r.kind !== 'workday') issues.push({ day: r.day, problem: 'BAD_KIND' });
    else if (r.kind === 'workday' && weekday(r.day) !== 0 && weekday(r.day) !== 6) {
      issues.push({ day: r.day, problem: 'WORKDAY_NOT_WEEKEND' });
    }
  }
  return issues;
}
