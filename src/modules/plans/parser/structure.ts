/**
 * Document structure (R-P4, R-P3): which heading levels are sections, measures and numbered
 * actions; the blocks under each heading; and where the last measure ends and the closing begins.
 */

import { splitTitle } from './actions.js';
import type { ParseContext } from './context.js';
import { toIsoDate } from './header.js';
import { type BodyLine, carriesRole } from './lines.js';
import type { HeadingLevel } from './types.js';

export interface Levels {
  section: HeadingLevel | null;
  measure: HeadingLevel;
  /** Levels under a measure that are numbered actions. */
  items: HeadingLevel[];
}

/** Lines of each heading of `level`, with the non-heading lines under it. */
function blocksOf(lines: BodyLine[], level: HeadingLevel): BodyLine[][] {
  const out: BodyLine[][] = [];
  let cur: BodyLine[] | null = null;
  for (const l of lines) {
    if (l.heading) {
      cur = l.heading.level === level ? [l] : null;
      if (cur) out.push(cur);
    } else if (cur) cur.push(l);
  }
  return out;
}

/**
 * Picks the levels (R-P4): (一) items are measures under 一、 sections; without them, 1. items are
 * measures unless the 一、 items carry the responsibilities, in which case those are the measures of
 * one implicit section (Qingdao 2013 layout); 第X条 articles under 第X章 chapters likewise. Null
 * when the text has no headings at all.
 */
export function chooseLevels(ctx: ParseContext, lines: BodyLine[]): Levels | null {
  const present = new Set(lines.flatMap((l) => (l.heading ? [l.heading.level] : [])));
  if (present.has('article'))
    return { section: present.has('chapter') ? 'chapter' : null, measure: 'article', items: ['L3', 'L4'] };
  if (present.has('L2')) return { section: present.has('L1') ? 'L1' : null, measure: 'L2', items: ['L3', 'L4'] };
  const carrying = (level: HeadingLevel) =>
    blocksOf(lines, level).filter((b) => b.some((l) => carriesRole(ctx, l))).length;
  if (present.has('L3')) {
    const c1 = present.has('L1') ? carrying('L1') : 0;
    if (c1 > 0 && c1 >= carrying('L3')) return { section: null, measure: 'L1', items: ['L3', 'L4'] };
    return { section: present.has('L1') ? 'L1' : null, measure: 'L3', items: ['L4'] };
  }
  if (present.has('L1')) return { section: null, measure: 'L1', items: ['L4'] };
  if (present.has('L4')) return { section: null, measure: 'L4', items: [] };
  if (present.has('chapter')) return { section: null, measure: 'chapter', items: ['L3', 'L4'] };
  return null;
}

export interface MeasureBlock {
  heading: BodyLine;
  lines: BodyLine[];
}

export interface SectionBlock {
  heading: BodyLine | null;
  intro: BodyLine[];
  measures: MeasureBlock[];
}

/** Groups body lines under section and measure headings; lines before the first are the preamble. */
export function buildBlocks(lines: BodyLine[], levels: Levels): { preamble: BodyLine[]; sections: SectionBlock[] } {
  const preamble: BodyLine[] = [];
  const sections: SectionBlock[] = [];
  let section: SectionBlock | null = null;
  let measure: MeasureBlock | null = null;
  for (const l of lines) {
    const level = l.heading?.level;
    if (level && level === levels.section) {
      section = { heading: l, intro: [], measures: [] };
      sections.push(section);
      measure = null;
    } else if (level && level === levels.measure) {
      if (!section) {
        section = { heading: null, intro: [], measures: [] };
        sections.push(section);
      }
      measure = { heading: l, lines: [] };
      section.measures.push(measure);
    } else if (measure) measure.lines.push(l);
    else if (section) section.intro.push(l);
    else preamble.push(l);
  }
  return { preamble, sections };
}

/**
 * Splits the last measure's lines into its own and the tail after it (R-P3): the measure runs to
 * its last line that names units (then any 完成时限 lines); without one, a heading with a body is
 * the whole measure and a title-only heading takes its first paragraph. The tail is the closing.
 */
export function splitLastMeasure(
  ctx: ParseContext,
  block: MeasureBlock,
  items: HeadingLevel[],
): { kept: BodyLine[]; tail: BodyLine[] } {
  const { lines, heading } = block;
  let lastRole = -1;
  let lastItem = -1;
  lines.forEach((l, i) => {
    if (carriesRole(ctx, l)) lastRole = i;
    if (l.heading && items.includes(l.heading.level)) lastItem = i;
  });
  let keep: number;
  if (lastRole >= 0) keep = lastRole + 1;
  else if (carriesRole(ctx, heading)) keep = 0;
  else {
    const t = splitTitle(heading.text.slice(heading.heading!.textStart), Number.POSITIVE_INFINITY);
    const bodyText = t.bodyStart === null ? '' : heading.text.slice(heading.heading!.textStart + t.bodyStart).trim();
    const firstPara = lines.findIndex((l) => l.kind === 'para');
    keep = bodyText ? 0 : firstPara + 1;
  }
  keep = Math.max(keep, lastItem + 1);
  while (keep < lines.length && lines[keep]!.kind === 'label') keep++;
  return { kept: lines.slice(0, keep), tail: lines.slice(keep) };
}

const FOOTER = [/^附件/, /^\(此件/, /^抄送/, /印发$/];

/** Splits the tail after the last measure into closing paragraphs and trailing signature, date and attachment lines. */
export function splitFooter(ctx: ParseContext, tail: BodyLine[]): { closing: BodyLine[]; footer: BodyLine[] } {
  let k = tail.length;
  const isFooter = (l: BodyLine) =>
    FOOTER.some((re) => re.test(l.text)) ||
    (toIsoDate(l.text) !== null && [...l.text].length <= 20) ||
    ([...l.text].length <= 30 && ctx.resolver.resolve(l.text).kind === 'unit');
  while (k > 0 && isFooter(tail[k - 1]!)) k--;
  // The line above a closing date is the signature, whether or not the registry knows the issuer.
  const signature = (l: BodyLine) => [...l.text].length <= 30 && !/[。,;:!?]/.test(l.text);
  if (k > 0 && k < tail.length && toIsoDate(tail[k]!.text) !== null && signature(tail[k - 1]!)) k--;
  // An attachment list runs from 附件 to the end, whatever its lines look like.
  const attachment = tail.findIndex((l) => /^附件/.test(l.text));
  if (attachment >= 0 && attachment < k) k = attachment;
  return { closing: tail.slice(0, k), footer: tail.slice(k) };
}
