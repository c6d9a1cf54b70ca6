/**
 * Normalisation (R-P1): the normalised copy that matching runs on, with an offset map back to the
 * source, plus optional Traditional→Simplified conversion that keeps every offset.
 */

import { Converter } from 'opencc-js';
import { isHeadingLine, matchHeading } from './headings.js';
import type { Span } from './types.js';

export interface Normalized {
  source: string;
  /** The source after Traditional→Simplified (same length, so offsets are shared); the source itself when off. */
  converted: string;
  /** The normalised text: lines separated by `\n`, blank lines kept as empty lines. */
  text: string;
  /** map[i] = source offset of text[i]; map[text.length] = source.length. */
  map: number[];
  traditional: boolean;
}

type Convert = (s: string) => string;
let toSimplifiedFns: Convert[] | undefined;
let toTraditionalFn: Convert | undefined;

// Building the dictionaries takes a while, so only when first needed; hk then tw covers both variant sets.
function simplifiers(): Convert[] {
  toSimplifiedFns ??= [Converter({ from: 'hk', to: 'cn' }), Converter({ from: 'tw', to: 'cn' })];
  return toSimplifiedFns;
}

/** Converts one string to Simplified without changing its length; a piece whose conversion would change length stays as written. */
function convertKeepingLength(s: string, fns: Convert[]): string {
  const whole = fns.reduce((acc, f) => f(acc), s);
  if (whole.length === s.length) return whole;
  // Per code point: phrase rules that change length are given up rather than the offsets.
  let out = '';
  for (const ch of s) {
    const c = fns.reduce((acc, f) => f(acc), ch);
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

/** Traditional→Simplified, line by line, keeping every offset. */
export function toSimplified(source: string): string {
  const fns = simplifiers();
  return source
    .split('\n')
    .map((line) => convertKeepingLength(line, fns))
    .join('\n');
}

function countDiffs(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * True when the text reads as Traditional: converting it to Simplified changes more characters
 * than converting it to Traditional does (Simplified text is nearly unchanged by the former).
 */
export function looksTraditional(source: string, simplified = toSimplified(source), minChanges = 2): boolean {
  const toSimple = countDiffs(source, simplified);
  if (toSimple < minChanges) return false;
  const toTraditional = toTraditionalFn ?? Converter({ from: 'cn', to: 'tw' });
  toTraditionalFn = toTraditional;
  return toSimple > countDiffs(source, toTraditional(source));
}

const SPACES = new Set(['\t', '\u3000', '\u00a0', '\u2002', '\u2003', '\u2009', '\u202f', '\u205f', '\u200a']);
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\ufeff']);
const BULLETS = new Set(['•', '·', '▪', '*', '-', '●', '◆', '■', '►', '‧', '∙']);
/** Punctuation next to which spaces are dropped (after full-width mapping). */
const TIGHT = new Set([...'、。,:;()!?《》〔〕“”【】「」『』‘’'.split('')]);
const DOC_NUMBER = /[\u4e00-\u9fa5]+([[(【])\d{4}([\])】])\d+号/g;

interface Ch {
  c: string;
  at: number;
}

/** Maps one character: full-width ASCII forms to ASCII, odd spaces to a space, invisibles to nothing. */
function mapChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (SPACES.has(c)) return ' ';
  if (INVISIBLE.has(c)) return '';
  return c;
}

function normalizeLine(chars: Ch[]): Ch[] {
  let out = chars.flatMap((x) => {
    const c = mapChar(x.c);
    return c ? [{ c, at: x.at }] : [];
  });
  // Leading bullets and the spaces around them.
  let i = 0;
  while (i < out.length && (out[i]!.c === ' ' || BULLETS.has(out[i]!.c))) i++;
  out = out.slice(i);
  while (out.length && out[out.length - 1]!.c === ' ') out.pop();
  const collapsed: Ch[] = [];
  for (const x of out) {
    if (x.c === ' ' && collapsed.length && collapsed[collapsed.length - 1]!.c === ' ') continue;
    collapsed.push(x);
  }
  const tight = collapsed.filter(
    (x, k) => x.c !== ' ' || !(TIGHT.has(collapsed[k - 1]?.c ?? '') || TIGHT.has(collapsed[k + 1]?.c ?? '')),
  );
  // Document-number brackets become 〔〕 so one pattern reads 鲁政办发[2015]27号 and 鲁政办发〔2015〕27号.
  const line = tight.map((x) => x.c).join('');
  for (const m of line.matchAll(DOC_NUMBER)) {
    const openAt = m.index + m[0].search(/[[(【]/);
    const closeAt = m.index + m[0].search(/[\])】]/);
    tight[openAt]!.c = '〔';
    tight[closeAt]!.c = '〕';
  }
  return tight;
}

/**
 * Builds the normalised copy of `source` (R-P1): Traditional→Simplified when asked or detected,
 * full-width forms to ASCII, spaces cleaned, bullets dropped, document-number brackets unified and,
 * for PDF text, wrapped lines joined.
 */
export function normalizeText(
  source: string,
  options: { traditional?: 'auto' | 'on' | 'off'; joinLines?: boolean } = {},
): Normalized {
  const mode = options.traditional ?? 'auto';
  let converted = source;
  let traditional = false;
  if (mode === 'on') {
    converted = toSimplified(source);
    traditional = true;
  } else if (mode === 'auto') {
    // Line by line, so a Simplified document quoting a Traditional line (or the reverse) still matches.
    converted = source
      .split('\n')
      .map((line) => {
        const simple = toSimplified(line);
        if (simple === line || !looksTraditional(line, simple, 1)) return line;
        traditional = true;
        return simple;
      })
      .join('\n');
  }
  const lines: Ch[][] = [];
  const newlines: number[] = [];
  let current: Ch[] = [];
  for (let i = 0; i < converted.length; i++) {
    const c = converted[i]!;
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') {
      if (c === '\r' && converted[i + 1] === '\n') i++;
      lines.push(current);
      newlines.push(i);
      current = [];
    } else current.push({ c, at: i });
  }
  lines.push(current);
  let normalized = lines.map(normalizeLine);
  let breaks = newlines;
  if (options.joinLines) ({ lines: normalized, breaks } = joinWrapped(normalized, breaks));
  let text = '';
  const map: number[] = [];
  normalized.forEach((line, k) => {
    for (const x of line) {
      text += x.c;
      map.push(x.at);
    }
    if (k < normalized.length - 1) {
      text += '\n';
      map.push(breaks[k]!);
    }
  });
  map.push(source.length);
  return { source, converted, text, map, traditional };
}

const ENDS_SENTENCE = /[。:;)!?]$/;
/** Lines that stand alone although they end in no punctuation: titles, document numbers, dates. */
const STANDALONE =
  /(行动计划|实施方案|工作要点|工作方案|行动方案|实施计划|工作计划|的通知|〔\d{4}〕\d+号|\d{4}年\d{1,2}月\d{1,2}日)(\(.*\))?$/;

/** PDF lines wrap mid-sentence: a line not ending a sentence runs on into the next unless that is a heading. */
function joinWrapped(lines: Ch[][], breaks: number[]): { lines: Ch[][]; breaks: number[] } {
  const outLines: Ch[][] = [];
  const outBreaks: number[] = [];
  let acc: Ch[] | null = null;
  let accLast = -1;
  const flush = () => {
    outLines.push(acc!);
    outBreaks.push(breaks[accLast] ?? 0);
    acc = null;
  };
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const text = line.map((x) => x.c).join('');
    if (acc && text && !isHeadingLine(text)) acc.push(...line);
    else {
      if (acc) flush();
      acc = [...line];
    }
    accLast = k;
    const joined = acc!.map((x) => x.c).join('');
    const heading = matchHeading(joined);
    // Section headings are one short line; everything else wraps until it ends a sentence.
    if (
      !joined ||
      ENDS_SENTENCE.test(joined) ||
      STANDALONE.test(joined) ||
      heading?.level === 'L1' ||
      heading?.level === 'chapter'
    )
      flush();
  }
  if (acc) outLines.push(acc);
  return { lines: outLines, breaks: outBreaks };
}

/** A line of the normalised text with its offsets there. */
export interface Line {
  text: string;
  start: number;
  end: number;
}

/** The non-empty lines of the normalised text. */
export function splitLines(n: Normalized): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const text of n.text.split('\n')) {
    if (text) out.push({ text, start, end: start + text.length });
    start += text.length + 1;
  }
  return out;
}

/** The source span of normalised offsets [start, end). */
export function sourceSpan(n: Normalized, start: number, end: number): Span {
  if (end <= start) return [n.map[start]!, n.map[start]!];
  return [n.map[start]!, n.map[end - 1]! + 1];
}
