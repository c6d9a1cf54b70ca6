/**
 * One measure from its heading line and the lines under it: title (R-P5), actions (R-P6),
 * responsibility (R-P7, R-P9) and deadlines (R-P10).
 */

import { actionFlags, splitSentences, splitTitle } from './actions.js';
import { trailingGroup } from './brackets.js';
import type { ParseContext } from './context.js';
import { findDeadline } from './deadlines.js';
import type { BodyLine, ParaSplit } from './lines.js';
import { splitParagraph } from './lines.js';
import { buildResponsibility, type Draft, draftGroup, draftLabelled, mergeResponsibilities } from './responsibility.js';
import type { Action, Deadline, HeadingLevel, Measure, Responsibility, TextNode } from './types.js';

export interface MeasureOptions {
  titleMaxLength: number;
  firstListedIsLead: boolean;
  splitOnSemicolon: boolean;
  defaultDue: string | undefined;
}

interface Item {
  line: BodyLine;
  split: ParaSplit;
  conts: ParaSplit[];
  attached: Draft[];
}

type ActionDraft = Omit<Action, 'externalId' | 'ord' | 'deadline'> & { deadline?: Deadline };

/** Shrinks normalised [s, e) past spaces and, at the end, sentence terminators. */
function trimRange(text: string, s: number, e: number): [number, number] {
  while (s < e && text[s] === ' ') s++;
  while (e > s && ' 。'.includes(text[e - 1]!)) e--;
  return [s, e];
}

function toDeadline(ctx: ParseContext, text: string, at: number, source: Deadline['source']): Deadline | undefined {
  const hit = findDeadline(text, ctx.year);
  if (!hit) return undefined;
  return {
    type: hit.type,
    ...(hit.due ? { due: hit.due } : {}),
    ...(hit.rule ? { rule: hit.rule } : {}),
    raw: hit.raw,
    span: ctx.span(at + hit.start, at + hit.end),
    source,
  };
}

/**
 * Builds a measure (ids left empty for the caller). `itemLevels` are the heading levels that, under
 * this measure, are numbered actions (1. / (1) / ①).
 */
export function buildMeasure(
  ctx: ParseContext,
  heading: BodyLine,
  lines: BodyLine[],
  itemLevels: HeadingLevel[],
  opts: MeasureOptions,
): Measure {
  const text = ctx.norm.text;
  const h = heading.heading!;
  const marker = ctx.node(heading.start, heading.start + h.markerEnd);
  const p0Start = heading.start + h.textStart;
  const p0 = splitParagraph(ctx, p0Start, heading.end, 2);
  const ts = splitTitle(text.slice(p0Start, p0.bodyEnd), opts.titleMaxLength);
  const [tS, tE] = trimRange(text, p0Start, p0Start + ts.titleEnd);
  const title = ctx.node(tS, tE);
  if (!title.text) ctx.warn('EMPTY_TITLE', `measure ${marker.text} has no title`, heading.start);
  else if (ts.problem) {
    ctx.warn(
      'TITLE_LONG',
      ts.problem === 'long'
        ? `title of ${marker.text} is longer than ${opts.titleMaxLength} characters`
        : `title of ${marker.text} holds brackets`,
      tS,
    );
  }
  // The heading line's group belongs to its body; on a title-only line, to the measure.
  const rest: ParaSplit | null =
    ts.bodyStart === null ? null : { start: p0Start + ts.bodyStart, bodyEnd: p0.bodyEnd, draft: p0.draft };

  // Walk the lines: numbered items, responsibility lines (attached to the item before them) and paragraphs.
  const items: Item[] = [];
  const paras: ParaSplit[] = rest ? [rest] : [];
  const measureDrafts: Draft[] = p0.draft && !rest ? [p0.draft] : [];
  const attachedTo: { draft: Draft; item: number }[] = [];
  for (const line of lines) {
    const current = items[items.length - 1];
    if (line.kind === 'heading' && itemLevels.includes(line.heading!.level)) {
      items.push({
        line,
        split: splitParagraph(ctx, line.start + line.heading!.textStart, line.end, 2),
        conts: [],
        attached: [],
      });
    } else if (line.kind === 'resp' || line.kind === 'label') {
      const g = trailingGroup(line.text);
      const draft =
        line.kind === 'resp'
          ? draftGroup(ctx, line.start, line.start + g!.end)
          : draftLabelled(ctx, line.start, line.end);
      if (draft) attachedTo.push({ draft, item: items.length - 1 });
    } else {
      const split = splitParagraph(ctx, line.start, line.end, 1);
      if (current) current.conts.push(split);
      else paras.push(split);
    }
  }
  // Responsibility lines only after the last item speak for the whole measure, not for that item.
  const perItem = attachedTo.some((a) => a.item >= 0 && a.item < items.length - 1);
  for (const a of attachedTo) {
    if (perItem && a.item >= 0) items[a.item]!.attached.push(a.draft);
    else measureDrafts.push(a.draft);
  }

  const build = (drafts: Draft[]): Responsibility | undefined =>
    drafts.length ? buildResponsibility(ctx, drafts, { firstListedIsLead: opts.firstListedIsLead }) : undefined;
  const actions: ActionDraft[] = [];
  const intro: TextNode[] = [];
  const owned: Responsibility[] = [];
  let measureResp: Responsibility | undefined;

  // Sentences of a paragraph, each with the group it closes on (开展A(市质监局负责)。), if any.
  const sentencesOf = (split: ParaSplit) =>
    splitSentences(text.slice(split.start, split.bodyEnd), { semicolon: opts.splitOnSemicolon }).map((p) => {
      const s = split.start + p.start;
      let e = split.start + p.end;
      const g = trailingGroup(text.slice(s, e));
      const draft = g && g.start > 0 ? draftGroup(ctx, s + g.start, s + g.end, true) : null;
      if (draft) e = s + g!.start;
      return { s, e, draft };
    });
  const sentenceActions = (pieces: ReturnType<typeof sentencesOf>, own: Responsibility | undefined) => {
    for (const piece of pieces) {
      let ownHere = own;
      if (piece.draft) {
        ownHere = build([piece.draft])!;
        owned.push(ownHere);
      }
      const [s, e] = trimRange(text, piece.s, piece.e);
      if (e > s) actions.push(makeAction(ctx, s, e, 'sentence', ownHere));
    }
  };

  if (items.length === 0) {
    const infos = paras.map((p) => ({
      draft: p.draft,
      pieces: sentencesOf(p),
      closed: /。\s*$/.test(text.slice(p.start, p.bodyEnd)),
    }));
    for (const info of infos) {
      // Where sentences name their own units, a group right after the last sentence (no 。 between) is that sentence's.
      const last = info.pieces[info.pieces.length - 1];
      if (info.draft && !info.closed && last && !last.draft && info.pieces.some((x) => x.draft)) {
        last.draft = info.draft;
        info.draft = null;
      }
    }
    const withDrafts = infos.filter((i) => i.draft);
    if (withDrafts.length <= 1) {
      measureResp = build([...measureDrafts, ...withDrafts.map((i) => i.draft!)]);
      for (const i of infos) sentenceActions(i.pieces, undefined);
    } else {
      // Each paragraph names its own units; the measure holds them all.
      measureResp = build(measureDrafts);
      for (const i of infos) {
        const own = i.draft ? build([i.draft]) : undefined;
        if (own) owned.push(own);
        sentenceActions(i.pieces, own);
      }
    }
  } else {
    for (const p of paras) {
      const [s, e] = trimRange(text, p.start, p.bodyEnd);
      if (e > s) intro.push(ctx.node(s, e));
    }
    measureResp = build([...measureDrafts, ...paras.filter((p) => p.draft).map((p) => p.draft!)]);
    for (const item of items) {
      const drafts = [
        ...(item.split.draft ? [item.split.draft] : []),
        ...item.conts.filter((c) => c.draft).map((c) => c.draft!),
        ...item.attached,
      ];
      const own = build(drafts);
      if (own) owned.push(own);
      const [s, e] = trimRange(text, item.line.start + item.line.heading!.textStart, item.split.bodyEnd);
      const action = makeAction(ctx, s, e, 'item', own);
      action.number = item.line.heading!.number;
      action.marker = ctx.node(item.line.start, item.line.start + item.line.heading!.markerEnd);
      actions.push(action);
      for (const c of item.conts) sentenceActions(sentencesOf(c), own);
    }
  }
  // The measure names every unit with a part in it; actions without their own inherit this.
  if (owned.length) measureResp = mergeResponsibilities([...(measureResp ? [measureResp] : []), ...owned]);
  if (actions.length === 0 && title.text) actions.push(makeAction(ctx, tS, tE, 'title', undefined));

  const titleDeadline = toDeadline(ctx, title.text, tS, 'title');
  const fallback: Deadline = {
    type: 'default',
    ...(opts.defaultDue ? { due: opts.defaultDue } : {}),
    raw: '',
    source: 'default',
  };
  const finished: Omit<Action, 'externalId' | 'ord'>[] = actions.map((a) => {
    const deadline = a.deadline ?? a.responsibility?.deadline ?? titleDeadline ?? measureResp?.deadline ?? fallback;
    if (deadline.type === 'unscheduled') {
      ctx.warnAtSource('DEADLINE_UNSET', `no due date for: ${a.text}`, deadline.span?.[0] ?? a.span[0]);
    }
    return { ...a, deadline };
  });
  if (!measureResp || measureResp.parties.length === 0) {
    ctx.warn('NO_RESPONSIBILITY', `measure ${marker.text}${title.text} names no responsible unit`, heading.start);
  }
  const last = lines[lines.length - 1] ?? heading;
  const whole = ctx.node(heading.start, last.end);
  return {
    externalId: '',
    ordinal: 0,
    number: h.number,
    level: h.level,
    marker,
    title,
    intro,
    actions: finished.map((a, i) => ({ externalId: '', ord: i + 1, ...a })),
    responsibility: measureResp ?? null,
    raw: whole.raw,
    span: whole.span,
  };
}

function makeAction(
  ctx: ParseContext,
  s: number,
  e: number,
  level: Action['level'],
  own: Responsibility | undefined,
): ActionDraft {
  const node = ctx.node(s, e);
  const deadline = level === 'title' ? undefined : toDeadline(ctx, node.text, s, 'text');
  return {
    ...node,
    level,
    ...(deadline ? { deadline } : {}),
    flags: actionFlags(node.text),
    ...(own ? { responsibility: own } : {}),
  };
}
