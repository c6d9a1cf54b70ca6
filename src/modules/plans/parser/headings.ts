/**
 * Heading recognition and numbering checks (R-P4), on normalised lines.
 */

import nzhcn from 'nzh/cn';
import type { HeadingLevel, NumberingMode } from './types.js';

/** A heading found at the start of a line; offsets are relative to the line. */
export interface HeadingMatch {
  level: HeadingLevel;
  number: number;
  /** End of the marker (`一、`, `(十八)`, `1.`, `①`, `第三条`). */
  markerEnd: number;
  /** Start of the heading text after the marker and any spaces. */
  textStart: number;
}

const CN_DIGITS = '一二三四五六七八九十百零〇两';

/** Converts a Chinese numeral (一…九十九, 百, 零) or ASCII digits to a number; null if it is neither. */
export function toNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || ![...s].every((c) => CN_DIGITS.includes(c))) return null;
  const n = Number(nzhcn.decodeS(s.replace(/〇/g, '零').replace(/两/g, '二')));
  return Number.isFinite(n) ? n : null;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PAREN_DIGITS = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';

const PATTERNS: [HeadingLevel, RegExp][] = [
  ['L1', /^([一二三四五六七八九十百]+)、/],
  ['L2', /^\(([一二三四五六七八九十百]+)\)/],
  // A digit after the dot is a decimal (1.5万家), not an item number.
  ['L3', /^(\d{1,3})[.．、](?!\d)/],
  ['L4', /^\((\d{1,3})\)/],
  ['chapter', /^第([一二三四五六七八九十百零]+)[章节](?=\s|$|[^\d])/],
  ['article', /^第([一二三四五六七八九十百零]+)条/],
];

/** Recognises a heading at the start of a normalised line (R-P4), or null. */
export function matchHeading(line: string): HeadingMatch | null {
  for (const [level, re] of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const number = toNumber(m[1]!);
    if (number === null) continue;
    const markerEnd = m[0].length;
    let textStart = markerEnd;
    while (line[textStart] === ' ') textStart++;
    return { level, number, markerEnd, textStart };
  }
  const first = line[0] ?? '';
  const circled = CIRCLED.indexOf(first);
  const paren = PAREN_DIGITS.indexOf(first);
  if (circled >= 0 || paren >= 0) {
    let textStart = 1;
    while (line[textStart] === ' ') textStart++;
    return { level: 'L4', number: (circled >= 0 ? circled : paren) + 1, markerEnd: 1, textStart };
  }
  return null;
}

/** True when the normalised line starts with a heading marker. */
export function isHeadingLine(line: string): boolean {
  return matchHeading(line) !== null;
}

/** A numbered item for the numbering check: its number, the group (section) it sits in, and its source offset. */
export interface NumberedItem {
  number: number;
  group: number;
  offset: number;
}

export interface NumberingProblem {
  code: 'NUMBERING_GAP' | 'NUMBERING_DUP';
  offset: number;
  expected: number;
  found: number;
}

/**
 * Decides whether item numbers run on across groups or restart in each (R-P4) and lists every
 * number that breaks the chosen mode as NUMBERING_GAP (skipped) or NUMBERING_DUP (repeated or back).
 */
export function checkNumbering(items: NumberedItem[]): { mode: NumberingMode; problems: NumberingProblem[] } {
  let continuous = 0;
  let restart = 0;
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1]!;
    const cur = items[i]!;
    if (cur.group === prev.group) continue;
    if (cur.number === prev.number + 1) continuous++;
    else if (cur.number === 1) restart++;
  }
  const groupChanges = new Set(items.map((x) => x.group)).size - 1;
  let mode: NumberingMode;
  if (restart > continuous) mode = 'restart';
  else mode = 'continuous';
  const problems: NumberingProblem[] = [];
  let seen = new Set<number>();
  let prev: NumberedItem | undefined;
  for (const cur of items) {
    const newGroup = !prev || cur.group !== prev.group;
    if (newGroup && mode === 'restart') seen = new Set();
    let expected: number;
    if (!prev) expected = 1;
    else if (newGroup && mode === 'restart') expected = 1;
    else expected = prev.number + 1;
    if (cur.number !== expected) {
      const dup =
        seen.has(cur.number) || (prev !== undefined && !(newGroup && mode === 'restart') && cur.number <= prev.number);
      problems.push({ code: dup ? 'NUMBERING_DUP' : 'NUMBERING_GAP', offset: cur.offset, expected, found: cur.number });
    }
    seen.add(cur.number);
    prev = cur;
  }
  if (groupChanges > 0 && continuous > 0 && restart > 0) mode = 'mixed';
  else if (problems.length > 0 && groupChanges > 0 && continuous === 0 && restart === 0) mode = 'mixed';
  return { mode, problems };
}
