/**
 * Classified body lines: headings, responsibility-only lines, labelled lines and paragraphs, and
 * the trailing responsibility of a paragraph (bracket group, labelled tail or unbracketed tail).
 */

import { splitSentences } from './actions.js';
import { trailingGroup } from './brackets.js';
import type { ParseContext } from './context.js';
import { type HeadingMatch, matchHeading } from './headings.js';
import type { Line } from './normalize.js';
import { type Draft, draftGroup, draftLabelled, draftTail, labelStart } from './responsibility.js';

export interface BodyLine extends Line {
  heading: HeadingMatch | null;
  /** `resp`: only a responsibility group, e.g. `(市质监局负责)`; `label`: 责任单位:… / 完成时限:… */
  kind: 'heading' | 'resp' | 'label' | 'para';
}

/** Classifies a normalised line; a line that is only a responsibility group is never a heading (R-P4). */
export function classifyLine(ctx: ParseContext, line: Line): BodyLine {
  const g = trailingGroup(line.text);
  if (g && g.start === 0 && draftGroup(ctx, line.start, line.start + g.end))
    return { ...line, heading: null, kind: 'resp' };
  const heading = matchHeading(line.text);
  if (heading) return { ...line, heading, kind: 'heading' };
  if (labelStart(ctx, line.start, line.end) === line.start) return { ...line, heading: null, kind: 'label' };
  return { ...line, heading: null, kind: 'para' };
}

/** A paragraph split into body text and its trailing responsibility (normalised offsets). */
export interface ParaSplit {
  start: number;
  /** End of the body text (before the responsibility piece). */
  bodyEnd: number;
  draft: Draft | null;
}

/**
 * Finds the trailing responsibility of the paragraph at normalised [start, end): a labelled tail
 * (…。责任单位:…), the last balanced bracket group (R-P7), or an unbracketed `X牵头,Y配合` sentence
 * whose names all resolve (R-P9). `minSentences` keeps a heading's title from being read as a tail.
 */
export function splitParagraph(ctx: ParseContext, start: number, end: number, minSentences = 1): ParaSplit {
  const text = ctx.norm.text;
  const ls = labelStart(ctx, start, end);
  if (ls > start) {
    const draft = draftLabelled(ctx, ls, end);
    if (draft?.clauses.length) return { start, bodyEnd: ls, draft };
  }
  const g = trailingGroup(text.slice(start, end));
  if (g) {
    const draft = draftGroup(ctx, start + g.start, start + g.end);
    if (draft) return { start, bodyEnd: start + g.start, draft };
    return { start, bodyEnd: end, draft: null };
  }
  const sentences = splitSentences(text.slice(start, end));
  const last = sentences[sentences.length - 1];
  if (last && sentences.length >= minSentences) {
    const draft = draftTail(ctx, start + last.start, start + last.end);
    if (draft) return { start, bodyEnd: start + last.start, draft };
  }
  return { start, bodyEnd: end, draft: null };
}

/** True when the line carries a unit role: a responsibility line, a labelled role, or a paragraph ending in a group. */
export function carriesRole(ctx: ParseContext, line: BodyLine): boolean {
  if (line.kind === 'resp') return true;
  if (line.kind === 'label') return !!draftLabelled(ctx, line.start, line.end)?.clauses.some((c) => c.names.length > 0);
  const start = line.heading ? line.start + line.heading.textStart : line.start;
  const split = splitParagraph(ctx, start, line.end, line.heading ? 2 : 1);
  return !!split.draft && split.draft.clauses.some((c) => c.names.length > 0);
}
