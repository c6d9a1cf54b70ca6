/**
 * Day arithmetic on calendar dates (credit.md §4.2): working days from the State Council holiday calendar,
 * month/year terms, act deadlines. Pure: the calendar is data handed in by the caller (table `holidays`).
 * Every day is a `YYYY-MM-DD` string; arithmetic runs on UTC day numbers so no time zone can shift a day.
 */

/** One calendar row: a public holiday, or a make-up working day on a weekend (调休). */
export interface HolidayRow {
  day: string;
  kind: 'holiday' | 'workday';
  name?: string | null;
}

/** A computation reached into a year for which no holiday calendar was loaded: weekends only were used. */
export interface CalendarWarning {
  code: 'CALENDAR_YEAR_MISSING';
  year: number;
  message: string;
}

/** A computed day with the warnings the caller should show next to it. */
export interface CheckedDay {
  day: string;
  warnings: CalendarWarning[];
}

export interface WorkingDayOptions {
  /** Count the start day itself as the first working day when it is one (credit.md: default false). */
  countStartDay?: boolean;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid YYYY-MM-DD string; throws on anything else (a programming error). */
export function dayNumber(day: string): number {
  const m = DATE_RE.exec(day);
  if (!m) throw new RangeError(`not a calendar date: ${day}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const n = t / DAY_MS;
  if (fromDayNumber(n) !== day) throw new RangeError(`not a calendar date: ${day}`);
  return n;
}

/** YYYY-MM-DD of a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Plain calendar-day shift (no working-day rule): the building block of terms. */
export function addCalendarDays(day: string, n: number): string {
  return fromDayNumber(dayNumber(day) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Same day number n months later (or earlier), else that month's last day: 2015-11-30 + 3 → 2016-02-29. */
export function addMonths(day: string, n: number): string {
  dayNumber(day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** Same day n years later, else the month's last day: 2016-02-29 + 3 → 2019-02-28, + 4 → 2020-02-29. */
export function addYears(day: string, n: number): string {
  return addMonths(day, n * 12);
}

/** Length of a term; terms never move to a working day (publicity, listing, grade validity). */
export interface TermLength {
  years?: number;
  months?: number;
  days?: number;
}

/**
 * Last day of a term "N years/months/days from `start`": the term includes `addYears(start, N)`
 * (credit.md §4.2); the item leaves public view at 00:00 the day after (`termHiddenFrom`).
 */
export function termLastDay(start: string, length: TermLength): string {
  let day = start;
  if (length.years) day = addYears(day, length.years);
  if (length.months) day = addMonths(day, length.months);
  if (length.days) day = addCalendarDays(day, length.days);
  return day;
}

/** First day an item with this term is no longer shown. */
export function termHiddenFrom(start: string, length: TermLength): string {
  return addCalendarDays(termLastDay(start, length), 1);
}

/** True on every day of the term, `start` and the last day included. */
export function isWithinTerm(start: string, length: TermLength, day: string): boolean {
  return day >= start && day <= termLastDay(start, length);
}

/** Act deadlines fall due at 23:59:59 Asia/Shanghai (15:59:59 UTC) of their day. */
export function deadlineInstant(day: string): string {
  dayNumber(day);
  return `${day}T15:59:59.999Z`;
}

/** The working-day calendar: weekends plus State Council holidays and make-up working days. */
export class WorkingCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly years = new Set<number>();

  /**
   * `rows` are the loaded calendar rows; a year counts as covered when it has at least one row or is
   * listed in `coveredYears` (a year whose calendar the office confirmed as having no rows).
   */
  constructor(rows: readonly HolidayRow[], coveredYears: Iterable<number> = []) {
    for (const r of rows) {
      dayNumber(r.day);
      if (r.kind === 'holiday') this.holidays.add(r.day);
      else if (r.kind === 'workday') this.workdays.add(r.day);
      else throw new RangeError(`unknown holiday kind: ${String(r.kind)}`);
      this.years.add(Number(r.day.slice(0, 4)));
    }
    for (const y of coveredYears) this.years.add(y);
  }

  /** Years the calendar has data for, ascending. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** Mon–Fri that is not a holiday, or a make-up working day. */
  isWorkingDay(day: string): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const w = weekday(day);
    return w !== 0 && w !== 6;
  }

  /** The n-th working day after `day` (n < 0: before); the start day is not counted unless configured. */
  addWorkingDays(day: string, n: number, options: WorkingDayOptions = {}): string {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
    let cur = dayNumber(day);
    let left = Math.abs(n);
    if (left === 0) return day;
    if (options.countStartDay && this.isWorkingDay(day)) left -= 1;
    const step = n > 0 ? 1 : -1;
    while (left > 0) {
      cur += step;
      if (this.isWorkingDay(fromDayNumber(cur))) left -= 1;
    }
    return fromDayNumber(cur);
  }

  /** `day` itself when it is a working day, else the next one. */
  nextWorkingDayOnOrAfter(day: string): string {
    let cur = dayNumber(day);
    while (!this.isWorkingDay(fromDayNumber(cur))) cur += 1;
    return fromDayNumber(cur);
  }

  /**
   * Calendar-day deadline for an act (file, reply, decide): `day + n`, moved to the next working day when
   * it ends on a weekend or holiday (credit.md §4.2 `addDays`). Terms use `termLastDay` and never move.
   */
  addActDays(day: string, n: number): string {
    return this.nextWorkingDayOnOrAfter(addCalendarDays(day, n));
  }

  /** Warnings for every year in [from, to] (either order) without calendar data. */
  warningsBetween(from: string, to: string): CalendarWarning[] {
    const a = Number((from < to ? from : to).slice(0, 4));
    const b = Number((from < to ? to : from).slice(0, 4));
    const out: CalendarWarning[] = [];
    for (let y = a; y <= b; y++) {
      if (!this.years.has(y)) {
        out.push({
          code: 'CALENDAR_YEAR_MISSING',
          year: y,
          message: `no holiday calendar for ${y}: only weekends were treated as non-working days`,
        });
      }
    }
    return out;
  }

  /** `addWorkingDays` with the missing-year warnings of the span it walked. */
  addWorkingDaysChecked(day: string, n: number, options: WorkingDayOptions = {}): CheckedDay {
    const result = this.addWorkingDays(day, n, options);
    return { day: result, warnings: this.warningsBetween(day, result) };
  }

  /** `addActDays` with the missing-year warnings of the span it walked. */
  addActDaysChecked(day: string, n: number): CheckedDay {
    const result = this.addActDays(day, n);
    return { day: result, warnings: this.warningsBetween(day, result) };
  }
}

/** A calendar with no holidays and no covered years: every computation warns. */
export const WEEKENDS_ONLY = new WorkingCalendar([]);
