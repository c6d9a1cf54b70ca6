/**
 * The plan parser's entry point (plans.md §2): official text → header, notice, plan, sections,
 * measures, actions, responsibility, deadlines and warnings. Pure: no I/O, no clock.
 */

import { splitSentences } from './actions.js';
import { ParseContext, UnitResolver } from './context.js';
import { defaultDue } from './deadlines.js';
import { planYear, readHeader } from './header.js';
import { checkNumbering } from './headings.js';
import { actionId, derivePlanCode, measureId } from './ids.js';
import { type BodyLine, classifyLine } from './lines.js';
import { buildMeasure } from './measure.js';
import { normalizeText, splitLines } from './normalize.js';
import { basisDocuments, cascadeObligations } from './preamble.js';
import { buildBlocks, chooseLevels, splitFooter, splitLastMeasure } from './structure.js';
import {
  type Measure,
  type NumberingMode,
  type ParseCounts,
  type ParseOptions,
  type ParseResult,
  PlanParseError,
  type Section,
  type TextNode,
} from './types.js';
import { countIssues, textLossIssues } from './validate.js';

/** Page chrome dropped by default (R-P2). */
export const DEFAULT_CHROME = [/^字体大小/, /打印$/, /^扫一扫/, /^如果您对该文件有疑问/];

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const ATTACHMENT = /^附件\s*[\d一二三四五六七八九十]*(?:[\s:].*)?$/;

/** Node spanning whole lines [first.start, last.end). */
function linesNode(ctx: ParseContext, lines: BodyLine[]): TextNode | null {
  if (!lines.length) return null;
  return ctx.node(lines[0]!.start, lines[lines.length - 1]!.end);
}

/**
 * Parses the text of a Chinese action plan into sections, measures and actions with responsible
 * units and deadlines; throws PlanParseError for empty input or text with no plan structure.
 */
export function parsePlan(text: string, options: ParseOptions): ParseResult {
  if (!text?.trim()) throw new PlanParseError('EMPTY_INPUT', 'the input is empty');
  const maxChars = options.maxChars ?? 2_000_000;
  if (text.length > maxChars) {
    throw new PlanParseError('TOO_LARGE', `the input has ${text.length} characters; at most ${maxChars} are accepted`);
  }
  const norm = normalizeText(text, {
    traditional: options.traditional ?? 'auto',
    joinLines: options.joinLines ?? false,
  });
  const chromeRes = options.chrome ?? DEFAULT_CHROME;

  // Lines are classified once with a provisional date: whether a name resolves does not depend on it.
  const probe = new ParseContext(norm, new UnitResolver(options.registry, options.date ?? '9999-12-31'), null, true);
  const chrome: TextNode[] = [];
  const lines: BodyLine[] = [];
  for (const l of splitLines(norm)) {
    if (chromeRes.some((re) => re.test(l.text))) chrome.push(probe.node(l.start, l.end));
    else lines.push(classifyLine(probe, l));
  }
  // Attachments (附件:任务分解表…) follow the plan; their numbered lines must not become measures.
  const firstHeading = lines.findIndex((l) => l.heading);
  const attachment = lines.findIndex((l, i) => i > firstHeading && firstHeading >= 0 && ATTACHMENT.test(l.text));
  const attachments = attachment >= 0 ? lines.splice(attachment) : [];
  const levels = chooseLevels(probe, lines);
  if (!levels) throw new PlanParseError('NOT_A_PLAN', 'no section, measure or item headings (一、 (一) 1.) found');
  const structural = lines.findIndex(
    (l) => l.heading && (l.heading.level === levels.section || l.heading.level === levels.measure),
  );
  const { header, notice, titleIndex } = readHeader(probe, lines, structural);

  const titleLine = titleIndex >= 0 ? lines[titleIndex]! : null;
  const year = planYear(titleLine?.text ?? notice.planTitle, header.writtenOn?.value ?? null) ?? options.year ?? null;
  const date =
    [options.date, header.writtenOn?.value, header.publishedOn?.value, notice.date?.value].find(
      (d) => d && ISO.test(d),
    ) ?? (year ? `${year}-12-31` : '9999-12-31');
  const ctx = new ParseContext(norm, new UnitResolver(options.registry, date), year, options.unresolvedIsError ?? true);

  const body = lines.slice(titleIndex >= 0 ? titleIndex + 1 : Math.max(structural, 0));
  const blocks = buildBlocks(body, levels);
  const measureOpts = {
    titleMaxLength: options.titleMaxLength ?? 40,
    firstListedIsLead: options.firstListedIsLead ?? false,
    splitOnSemicolon: options.splitOnSemicolon ?? false,
    defaultDue: defaultDue(options.defaultDeadline, year),
  };

  const lastSection = blocks.sections[blocks.sections.length - 1];
  const lastMeasure = lastSection?.measures[lastSection.measures.length - 1];
  let closingLines: BodyLine[] = [];
  let footerLines: BodyLine[] = [];
  const sections: Section[] = blocks.sections.map((sb, si) => {
    let marker: TextNode | null = null;
    let title: TextNode | null = null;
    const intro: TextNode[] = [];
    if (sb.heading) {
      const h = sb.heading.heading!;
      marker = ctx.node(sb.heading.start, sb.heading.start + h.markerEnd);
      const ts = sb.heading.start + h.textStart;
      const stop = norm.text.indexOf('。', ts);
      const te = stop >= 0 && stop < sb.heading.end ? stop : sb.heading.end;
      title = ctx.node(ts, te);
      if (!title.text) ctx.warn('EMPTY_TITLE', `section ${marker.text} has no title`, sb.heading.start);
      if (te < sb.heading.end - 1) intro.push(ctx.node(te + 1, sb.heading.end));
    }
    intro.push(...sb.intro.map((l) => ctx.node(l.start, l.end)));
    const measures: Measure[] = sb.measures.map((mb) => {
      let lines = mb.lines;
      if (mb === lastMeasure) {
        const { kept, tail } = splitLastMeasure(ctx, mb, levels.items);
        lines = kept;
        ({ closing: closingLines, footer: footerLines } = splitFooter(ctx, tail));
      }
      return buildMeasure(ctx, mb.heading, lines, levels.items, measureOpts);
    });
    const first = sb.heading ?? sb.measures[0]?.heading ?? sb.intro[0]!;
    const lastNode = measures[measures.length - 1]?.span[1] ?? (intro[intro.length - 1] ?? title ?? marker)!.span[1];
    const span: [number, number] = [ctx.span(first.start, first.start + 1)[0], lastNode];
    return {
      ordinal: si + 1,
      number: sb.heading ? sb.heading.heading!.number : si + 1,
      implicit: !sb.heading,
      marker,
      title,
      intro,
      measures,
      raw: text.slice(span[0], span[1]),
      span,
    };
  });

  const numberingMode = checkPlanNumbering(ctx, sections, levels.section !== null);
  const planCode = options.planCode ?? derivePlanCode(titleLine?.text ?? notice.planTitle, year, header.issuer?.name);
  let ordinal = 0;
  for (const s of sections) {
    for (const m of s.measures) {
      m.ordinal = ++ordinal;
      m.externalId = measureId(planCode, m.ordinal);
      for (const a of m.actions) a.externalId = actionId(m.externalId, a.ord);
    }
  }

  const preamble = linesNode(ctx, blocks.preamble);
  const closing = closingLines.map((l) => ctx.node(l.start, l.end));
  const sentences: TextNode[] = closingLines.flatMap((l) =>
    splitSentences(l.text).map((p) => ctx.node(l.start + p.start, l.start + p.end)),
  );
  for (const s of sections) for (const m of s.measures) sentences.push(...m.actions.filter((a) => a.level !== 'title'));
  const plan = {
    code: planCode,
    title: titleLine ? ctx.node(titleLine.start, titleLine.end) : null,
    year,
    date,
    numbering: numberingMode,
    measureLevel: levels.measure,
    preamble,
    basis: blocks.preamble.length
      ? basisDocuments(ctx, blocks.preamble[0]!.start, blocks.preamble[blocks.preamble.length - 1]!.end)
      : [],
    closing,
    obligations: cascadeObligations(
      ctx,
      sentences,
      header.writtenOn?.value && ISO.test(header.writtenOn.value) ? header.writtenOn.value : date,
    ),
    footer: [...footerLines, ...attachments].map((l) => ctx.node(l.start, l.end)),
    chrome,
  };

  const counts = countAll(sections);
  const dropped = new Uint8Array(text.length).fill(1);
  for (const at of norm.map) dropped[at] = 0;
  const warnings = [
    ...ctx.issues,
    ...textLossIssues(text, plan, sections, dropped),
    ...countIssues(counts, options.expected),
  ].sort((a, b) => a.offset - b.offset);
  return { traditional: norm.traditional, header, notice, plan, sections, warnings, counts };
}

/** Numbering checks (R-P4): sections in sequence; measures continuous or restarting per section. */
function checkPlanNumbering(ctx: ParseContext, sections: Section[], hasSections: boolean): NumberingMode {
  if (hasSections) {
    const { problems } = checkNumbering(
      sections.filter((s) => !s.implicit).map((s) => ({ number: s.number, group: 0, offset: s.span[0] })),
    );
    for (const p of problems) ctx.warnAtSource(p.code, `section ${p.found} where ${p.expected} was expected`, p.offset);
  }
  const items = sections.flatMap((s) =>
    s.measures.map((m) => ({ number: m.number, group: s.ordinal, offset: m.span[0] })),
  );
  const { mode, problems } = checkNumbering(items);
  for (const p of problems) ctx.warnAtSource(p.code, `measure ${p.found} where ${p.expected} was expected`, p.offset);
  return mode;
}

/** Totals: sections, measures, actions, distinct units, and unit and group references (one per measure). */
function countAll(sections: Section[]): ParseCounts {
  const measures = sections.flatMap((s) => s.measures);
  const parties = measures.flatMap((m) => m.responsibility?.parties ?? []);
  const units = parties.filter((p) => p.kind === 'unit');
  return {
    sections: sections.length,
    measures: measures.length,
    actions: measures.reduce((n, m) => n + m.actions.length, 0),
    units: new Set(units.map((p) => p.code ?? `name:${p.name}`)).size,
    unitRefs: units.length,
    groupRefs: parties.length - units.length,
  };
}
