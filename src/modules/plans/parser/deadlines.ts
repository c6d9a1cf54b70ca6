/**
 * Deadlines in Chinese plan text (R-P10): absolute, relative to the plan year, periodic, ongoing
 * and unscheduled, read from normalised text; bare years and durations are not deadlines.
 */

import { toNumber } from './headings.js';
import type { DeadlineType, PeriodicRule } from './types.js';

/** A deadline found in a string; `start`/`end` are offsets into that string. */
export interface DeadlineHit {
  type: Exclude<DeadlineType, 'default'>;
  due?: string;
  rule?: PeriodicRule;
  raw: string;
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthEnd(y: number, m: number): string {
  return iso(y, m, daysInMonth(y, m));
}

function validDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return iso(y, m, d);
}

// Month and day may be digits or Chinese numerals (九月底前).
const N = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const BEFORE = '(?:前|以前|之前)';
const QUARTER = '(?:第)?([一二三四1-4])季度';

type Rule = {
  re: RegExp;
  make: (m: RegExpExecArray, year: number | null) => Omit<DeadlineHit, 'raw' | 'start' | 'end'> | null;
};

const num = (s: string | undefined) => (s === undefined ? null : toNumber(s));
const quarterEnd = (y: number, q: number) => monthEnd(y, q * 3);

const RULES: Rule[] = [
  // Periodic first, so 每年6月30日前 is not read as a date in the plan year.
  {
    re: new RegExp(`每月${N}日${BEFORE}?`, 'g'),
    make: (m) => ({ type: 'periodic', rule: { freq: 'monthly', day: num(m[1])! } }),
  },
  {
    re: new RegExp(`每年${N}月${N}日${BEFORE}?`, 'g'),
    make: (m) => ({ type: 'periodic', rule: { freq: 'yearly', month: num(m[1])!, day: num(m[2])! } }),
  },
  { re: /每年(?:年)?(?:底|末)/g, make: () => ({ type: 'periodic', rule: { freq: 'yearly', month: 12, day: 31 } }) },
  { re: /每(?:个)?季度?(?:末|底)?/g, make: () => ({ type: 'periodic', rule: { freq: 'quarterly' } }) },
  { re: /每半年/g, make: () => ({ type: 'periodic', rule: { freq: 'halfyearly' } }) },
  { re: /每(?:个)?月(?:底|末)?/g, make: () => ({ type: 'periodic', rule: { freq: 'monthly' } }) },
  { re: /每周/g, make: () => ({ type: 'periodic', rule: { freq: 'weekly' } }) },
  { re: /每年/g, make: () => ({ type: 'periodic', rule: { freq: 'yearly' } }) },
  // Absolute dates: a year and a marker.
  {
    re: new RegExp(`(?:截至|截止|到)?(\\d{4})年${N}月${N}日${BEFORE}`, 'g'),
    make: (m) => dateOrNull('absolute', validDate(Number(m[1]), num(m[2])!, num(m[3])!)),
  },
  {
    re: new RegExp(`(?:截至|截止)(\\d{4})年${N}月${N}日`, 'g'),
    make: (m) => dateOrNull('absolute', validDate(Number(m[1]), num(m[2])!, num(m[3])!)),
  },
  {
    re: new RegExp(`(\\d{4})年${N}月(?:底|末)${BEFORE}?|(\\d{4})年${N}月${BEFORE}`, 'g'),
    make: (m) => monthEndHit('absolute', Number(m[1] ?? m[3]), num(m[2] ?? m[4])!),
  },
  {
    re: new RegExp(`(\\d{4})年${N}月(上旬|中旬|下旬)${BEFORE}?`, 'g'),
    make: (m) => tenDays('absolute', Number(m[1]), num(m[2])!, m[3]!),
  },
  {
    re: new RegExp(`(\\d{4})年${QUARTER}(?:末|底|${BEFORE})`, 'g'),
    make: (m) => ({ type: 'absolute', due: quarterEnd(Number(m[1]), num(m[2])!) }),
  },
  {
    re: /(\d{4})年(上半年|下半年)/g,
    make: (m) => ({ type: 'absolute', due: m[2] === '上半年' ? iso(Number(m[1]), 6, 30) : iso(Number(m[1]), 12, 31) }),
  },
  {
    re: new RegExp(`(\\d{4})年(?:年)?(?:底|末)${BEFORE}?|(\\d{4})年(?:${BEFORE}|内|完成)`, 'g'),
    make: (m) => ({ type: 'absolute', due: iso(Number(m[1] ?? m[2]), 12, 31) }),
  },
  // Dates in the plan year.
  {
    re: new RegExp(`${N}月${N}日${BEFORE}`, 'g'),
    make: (m, y) => (y === null ? { type: 'relative' } : dateOrNull('absolute', validDate(y, num(m[1])!, num(m[2])!))),
  },
  {
    re: new RegExp(`${N}月(?:底|末)${BEFORE}?|${N}月${BEFORE}`, 'g'),
    make: (m, y) => (y === null ? { type: 'relative' } : monthEndHit('absolute', y, num(m[1] ?? m[2])!)),
  },
  {
    re: new RegExp(`${N}月(上旬|中旬|下旬)${BEFORE}?`, 'g'),
    make: (m, y) => (y === null ? { type: 'relative' } : tenDays('absolute', y, num(m[1])!, m[2]!)),
  },
  {
    re: new RegExp(`${QUARTER}(?:末|底|${BEFORE})`, 'g'),
    make: (m, y) => ({ type: 'relative', ...(y === null ? {} : { due: quarterEnd(y, num(m[1])!) }) }),
  },
  { re: /上半年/g, make: (_m, y) => ({ type: 'relative', ...(y === null ? {} : { due: iso(y, 6, 30) }) }) },
  { re: /下半年/g, make: (_m, y) => ({ type: 'relative', ...(y === null ? {} : { due: iso(y, 12, 31) }) }) },
  // 三年内 is a duration, not "within this year".
  {
    re: /(?<![\d一二三四五六七八九十两几数多])(?:今|本)?年(?:底|末)(?:前|以前|之前)?|(?<![\d一二三四五六七八九十两几数多])(?:今|本)?年(?:度)?内/g,
    make: (_m, y) => ({ type: 'relative', ...(y === null ? {} : { due: iso(y, 12, 31) }) }),
  },
  { re: /持续推进|长期坚持|常态化/g, make: () => ({ type: 'ongoing' }) },
  { re: /适时/g, make: () => ({ type: 'unscheduled' }) },
];

function dateOrNull(type: 'absolute', due: string | undefined) {
  return due ? { type, due } : null;
}

function monthEndHit(type: 'absolute', y: number, m: number) {
  return m >= 1 && m <= 12 ? { type, due: monthEnd(y, m) } : null;
}

function tenDays(type: 'absolute', y: number, m: number, part: string) {
  if (m < 1 || m > 12) return null;
  return { type, due: part === '上旬' ? iso(y, m, 10) : part === '中旬' ? iso(y, m, 20) : monthEnd(y, m) };
}

/** Ranges inside 《》, where titles such as 《…(2011-2020年)》 hold years that are no deadlines. */
function quotedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '《' && depth++ === 0) start = i;
    else if (text[i] === '》' && depth > 0 && --depth === 0) out.push([start, i + 1]);
  }
  return out;
}

/** Every deadline expression in the text, left to right, none overlapping and none inside 《》. */
export function findDeadlines(text: string, year: number | null): DeadlineHit[] {
  const blocked = quotedRanges(text);
  const taken: [number, number][] = [];
  const hits: DeadlineHit[] = [];
  const free = (s: number, e: number) =>
    !blocked.some(([a, b]) => s < b && e > a) && !taken.some(([a, b]) => s < b && e > a);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const made = rule.make(m as RegExpExecArray, year);
      if (!made) continue;
      taken.push([start, end]);
      hits.push({ ...made, raw: m[0], start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

const RANK: Record<DeadlineHit['type'], number> = { absolute: 0, relative: 0, periodic: 1, ongoing: 2, unscheduled: 3 };

/**
 * The deadline an action's text sets: the latest dated one (the final completion date), else a
 * periodic rule, else ongoing, else unscheduled; null when the text names none.
 */
export function findDeadline(text: string, year: number | null): DeadlineHit | null {
  const hits = findDeadlines(text, year);
  if (hits.length === 0) return null;
  const best = Math.min(...hits.map((h) => RANK[h.type]));
  const candidates = hits.filter((h) => RANK[h.type] === best);
  if (best === 0) {
    const dated = candidates.filter((h) => h.due);
    if (dated.length) return dated.reduce((a, b) => (b.due! > a.due! ? b : a));
  }
  return candidates[0]!;
}

/**
 * The due date of a periodic rule's occurrence in `month` of `year`: monthly on the rule's day,
 * clamped to the month's length (day 31 in February is the 28th or 29th), else the period's end.
 */
export function periodicDue(rule: PeriodicRule, year: number, month: number): string | undefined {
  switch (rule.freq) {
    case 'monthly':
      return iso(year, month, Math.min(rule.day ?? 31, daysInMonth(year, month)));
    case 'quarterly':
      return quarterEnd(year, Math.ceil(month / 3));
    case 'halfyearly':
      return month <= 6 ? iso(year, 6, 30) : iso(year, 12, 31);
    case 'yearly':
      return iso(year, rule.month ?? 12, Math.min(rule.day ?? 31, daysInMonth(year, rule.month ?? 12)));
    default:
      return undefined;
  }
}

/** The deadline of an action that states none: the plan year's end (default), none, or a fixed date. */
export function defaultDue(option: string | undefined, year: number | null): string | undefined {
  if (option === 'none') return undefined;
  if (option && option !== 'plan-year-end') return option;
  return year === null ? undefined : iso(year, 12, 31);
}
