/**
 * Measure titles (R-P5) and sentence-level actions (R-P6) on normalised text.
 */

import { bracketDepths, type Piece } from './brackets.js';
import type { AssessmentLink } from './types.js';

export interface TitleSplit {
  /** The title: [0, titleEnd). */
  titleEnd: number;
  /** Where the body starts (after the 。), or null when the heading line is the whole title. */
  bodyStart: number | null;
  /** Why the title breaks R-P5's shape (TITLE_LONG), if it does. */
  problem?: 'long' | 'brackets';
}

/**
 * Splits a measure's heading text into title and body (R-P5): the title runs to the first `。`
 * outside brackets; a line without one is all title, less a trailing `:`. A title longer than
 * `maxLength` or holding brackets is still the title, with a problem for TITLE_LONG.
 */
export function splitTitle(text: string, maxLength: number): TitleSplit {
  const depths = bracketDepths(text);
  let stop = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '。' && (!depths || depths[i] === 0)) {
      stop = i;
      break;
    }
  }
  let titleEnd = stop >= 0 ? stop : text.length;
  if (stop < 0) while (titleEnd > 0 && (text[titleEnd - 1] === ':' || text[titleEnd - 1] === ' ')) titleEnd--;
  const title = text.slice(0, titleEnd);
  const split: TitleSplit = { titleEnd, bodyStart: stop >= 0 ? stop + 1 : null };
  if ([...title].length > maxLength) split.problem = 'long';
  else if (/[()]/.test(title)) split.problem = 'brackets';
  return split;
}

/**
 * Splits body text into sentences on `。!?` (and `;` when asked), never inside 《》“”()【】 (R-P6);
 * pieces are trimmed, empty ones dropped, and the terminator is left out.
 */
export function splitSentences(text: string, options: { semicolon?: boolean } = {}): Piece[] {
  const enders = options.semicolon ? '。!?;' : '。!?';
  const depths = bracketDepths(text);
  const out: Piece[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && text[s] === ' ') s++;
    while (e > s && text[e - 1] === ' ') e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    if (enders.includes(text[i]!) && (!depths || depths[i] === 0)) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return out;
}

/** Flags of an action's text (R-P6): mentions of 区、市, and links to assessment (考核) or the mid-term review (中期评估). */
export function actionFlags(text: string): { mentionsDistricts: boolean; links: AssessmentLink[] } {
  const links: AssessmentLink[] = [];
  if (text.includes('考核')) links.push('assessment');
  if (text.includes('中期评估')) links.push('midterm');
  return { mentionsDistricts: /区、市|区市/.test(text), links };
}
