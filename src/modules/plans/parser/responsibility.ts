/**
 * Responsibility groups (R-P7, R-P9): bracket groups such as `(市质监局牵头,市质量工作领导小组各成员单位参与)`,
 * labelled lines (责任单位:/牵头单位:/配合单位:/完成时限:) and unbracketed tails (`X牵头,Y配合。`).
 * Everything works on normalised offsets; parties are only made (and warned about) once a piece qualifies.
 */

import { bracketDepths, type Piece, splitOutside, trimPiece } from './brackets.js';
import type { ParseContext } from './context.js';
import { findDeadline } from './deadlines.js';
import { makeParty, nameResolves, splitConjunctions, splitNameList } from './names.js';
import type { Clause, Deadline, Party, Responsibility, Role, TextNode } from './types.js';

/** Role suffixes, longest first so 牵头负责 wins over 负责 (R-P7). */
const SUFFIXES: [string, Role | 'sole'][] = (
  [
    ['按照职责分工负责', 'shared'],
    ['按职责分工负责', 'shared'],
    ['按职责负责', 'shared'],
    ['分工负责', 'shared'],
    ['牵头负责', 'lead'],
    ['牵头', 'lead'],
    ['参与', 'co'],
    ['配合', 'co'],
    ['协助', 'co'],
    ['参加', 'co'],
    ['负责落实', 'sole'],
    ['负责', 'sole'],
    ['结合实际落实', 'cascade'],
    ['组织实施', 'cascade'],
    ['抓好落实', 'cascade'],
  ] as [string, Role | 'sole'][]
).sort((a, b) => b[0].length - a[0].length);

/** A clause before parties are made: absolute normalised offsets. */
interface ClauseDraft {
  start: number;
  end: number;
  role: Role;
  suffix: string | null;
  /** No suffix, but a label (责任单位:) gave the role. */
  labelled: boolean;
  nonExhaustive: boolean;
  /** Names with their role (会同 and role notes can differ from the clause's). */
  names: { start: number; end: number; role: Role }[];
  deadline?: Deadline;
}

const ETC = /等(?:有关|相关)?(?:部门|单位)?$/;

/**
 * Parses `text` = normalised [start, end) into clauses split on `,`/`;` outside brackets. A clause
 * without a suffix takes `defaultRole` (a labelled line's role), else shared with NO_VERB later.
 */
function draftClauses(ctx: ParseContext, start: number, end: number, defaultRole?: Role): ClauseDraft[] {
  const all = ctx.norm.text;
  const text = all.slice(start, end);
  const out: ClauseDraft[] = [];
  for (const raw of splitOutside(text, ',;')) {
    const p = trimPiece(text, raw);
    if (p.end <= p.start) continue;
    const cs = start + p.start;
    const ce = start + p.end;
    const clause = all.slice(cs, ce);
    const suffix = SUFFIXES.find(([s]) => clause.endsWith(s));
    let listEnd = ce - (suffix ? suffix[0].length : 0);
    let listStart = cs;
    while (listEnd > listStart && all[listEnd - 1] === ' ') listEnd--;
    if (all[listStart] === '由') listStart++;
    const etc = ETC.exec(all.slice(listStart, listEnd));
    if (etc) listEnd -= etc[0].length;
    const listText = all.slice(listStart, listEnd);
    const names = splitList(ctx, listStart, listEnd);
    const anyResolves = names.some((n) => nameResolves(ctx, all.slice(n.start, n.end)));
    const dl = findDeadline(clause, ctx.year);
    if (dl && !anyResolves) {
      // A clause such as 2015年底前完成 sets the deadline, not a unit.
      out.push({
        start: cs,
        end: ce,
        role: 'shared',
        suffix: null,
        labelled: false,
        nonExhaustive: false,
        names: [],
        deadline: {
          type: dl.type,
          ...(dl.due ? { due: dl.due } : {}),
          ...(dl.rule ? { rule: dl.rule } : {}),
          raw: dl.raw,
          span: ctx.span(cs + dl.start, cs + dl.end),
          source: 'responsibility',
        },
      });
      continue;
    }
    let role: Role;
    if (!suffix) role = defaultRole ?? 'shared';
    else if (suffix[1] === 'sole') role = names.length <= 1 ? 'lead' : 'shared';
    else role = suffix[1];
    // A会同B负责: A leads, B works with it.
    const together = listText.indexOf('会同');
    const roled =
      together > 0
        ? [
            ...splitList(ctx, listStart, listStart + together).map((n) => ({ ...n, role: 'lead' as Role })),
            ...splitList(ctx, listStart + together + 2, listEnd).map((n) => ({ ...n, role: 'co' as Role })),
          ]
        : names.map((n) => ({ ...n, role }));
    out.push({
      start: cs,
      end: ce,
      role,
      suffix: suffix ? suffix[0] : null,
      labelled: !suffix && defaultRole !== undefined,
      nonExhaustive: !!etc,
      names: roled,
    });
  }
  return out;
}

/** Names of a list at normalised [start, end): `、` split with 区、市 kept (R-P8), then 和/及 where both sides resolve. */
function splitList(ctx: ParseContext, start: number, end: number): Piece[] {
  const all = ctx.norm.text;
  return splitNameList(all.slice(start, end)).flatMap((p) =>
    splitConjunctions(all, { start: start + p.start, end: start + p.end }, (q) =>
      nameResolves(ctx, all.slice(q.start, q.end)),
    ),
  );
}

const LABELS: [RegExp, Role | 'deadline'][] = [
  [/^(?:责任单位|责任部门|承办单位)$/, 'shared'],
  [/^(?:牵头单位|牵头部门)$/, 'lead'],
  [/^(?:配合单位|参与单位|协办单位|配合部门|参与部门)$/, 'co'],
  [/^(?:完成时限|时间节点|完成时间|完成期限|时限要求)$/, 'deadline'],
];
const LABEL_RE =
  /(责任单位|责任部门|承办单位|牵头单位|牵头部门|配合单位|参与单位|协办单位|配合部门|参与部门|完成时限|时间节点|完成时间|完成期限|时限要求):/g;

/** Labels in normalised [start, end): each with the span of its value. */
function labelSegments(ctx: ParseContext, start: number, end: number) {
  const text = ctx.norm.text.slice(start, end);
  const matches = [...text.matchAll(LABEL_RE)];
  if (!matches.length) return [];
  const depths = bracketDepths(text);
  // A label inside brackets belongs to that bracket group, which is read as a whole.
  const found = matches.filter(
    (m) => (m.index === 0 || /[。;, ]/.test(text[m.index - 1]!)) && (!depths || depths[m.index] === 0),
  );
  return found.map((m, k) => {
    const valueStart = m.index + m[0].length;
    let valueEnd = k + 1 < found.length ? found[k + 1]!.index : text.length;
    while (valueEnd > valueStart && /[。;, ]/.test(text[valueEnd - 1]!)) valueEnd--;
    const kind = LABELS.find(([re]) => re.test(m[1]!))![1];
    return { labelStart: start + m.index, valueStart: start + valueStart, valueEnd: start + valueEnd, kind };
  });
}

/** Where labelled responsibility starts in normalised [start, end) (at its start or after 。/;), or -1. */
export function labelStart(ctx: ParseContext, start: number, end: number): number {
  const segs = labelSegments(ctx, start, end);
  return segs.length ? segs[0]!.labelStart : -1;
}

/** A responsibility source piece, parsed but not yet turned into parties. */
export interface Draft {
  part: { start: number; end: number };
  clauses: ClauseDraft[];
}

/** Parses labelled text (责任单位:… 完成时限:…) at normalised [start, end) (R-P9). */
export function draftLabelled(ctx: ParseContext, start: number, end: number): Draft | null {
  const segs = labelSegments(ctx, start, end);
  if (!segs.length) return null;
  const clauses: ClauseDraft[] = [];
  for (const s of segs) {
    if (s.kind === 'deadline') {
      const text = ctx.norm.text.slice(s.valueStart, s.valueEnd);
      const dl = findDeadline(text, ctx.year);
      clauses.push({
        start: s.labelStart,
        end: s.valueEnd,
        role: 'shared',
        suffix: null,
        labelled: true,
        nonExhaustive: false,
        names: [],
        deadline: dl
          ? {
              type: dl.type,
              ...(dl.due ? { due: dl.due } : {}),
              ...(dl.rule ? { rule: dl.rule } : {}),
              raw: text,
              span: ctx.span(s.valueStart, s.valueEnd),
              source: 'field',
            }
          : { type: 'unscheduled', raw: text, span: ctx.span(s.valueStart, s.valueEnd), source: 'field' },
      });
    } else {
      // A labelled list may also use , between names; clauses with their own suffix keep it.
      clauses.push(...draftClauses(ctx, s.valueStart, s.valueEnd, s.kind));
    }
  }
  return { part: { start, end }, clauses };
}

/**
 * Parses the bracket group at normalised [start, end) (including the brackets); null unless it
 * counts as responsibility: it ends in a role suffix, names a unit that resolves, or is labelled (R-P7).
 */
export function draftGroup(ctx: ParseContext, start: number, end: number, strict = false): Draft | null {
  const innerStart = start + 1;
  const innerEnd = end - 1;
  if (innerEnd <= innerStart) return null;
  if (labelStart(ctx, innerStart, innerEnd) === innerStart) {
    const labelled = draftLabelled(ctx, innerStart, innerEnd);
    return labelled ? { part: { start, end }, clauses: labelled.clauses } : null;
  }
  const inner = ctx.norm.text.slice(innerStart, innerEnd);
  const endsInSuffix = SUFFIXES.some(([s]) => inner.endsWith(s));
  const clauses = draftClauses(ctx, innerStart, innerEnd);
  const resolves = clauses.some((c) => c.names.some((n) => nameResolves(ctx, ctx.norm.text.slice(n.start, n.end))));
  if (strict ? !endsInSuffix : !endsInSuffix && !resolves) return null;
  if (!clauses.some((c) => c.names.length)) return null;
  return { part: { start, end }, clauses };
}

/** An unbracketed `X牵头,Y配合` sentence: accepted only when every clause has a suffix and every name resolves (R-P9). */
export function draftTail(ctx: ParseContext, start: number, end: number): Draft | null {
  const clauses = draftClauses(ctx, start, end);
  if (!clauses.length) return null;
  const ok = clauses.every(
    (c) =>
      c.deadline ||
      (c.suffix !== null &&
        c.names.length > 0 &&
        c.names.every((n) => nameResolves(ctx, ctx.norm.text.slice(n.start, n.end)))),
  );
  return ok && clauses.some((c) => c.names.length) ? { part: { start, end }, clauses } : null;
}

const STRENGTH: Record<Role, number> = { lead: 3, co: 2, shared: 1, cascade: 0 };

/**
 * Makes the parties of one or more drafts and merges them into one responsibility: one role per
 * unit (lead beats co beats shared), first mention's position kept; warns NO_VERB and unit problems.
 */
export function buildResponsibility(
  ctx: ParseContext,
  drafts: Draft[],
  options: { firstListedIsLead: boolean },
): Responsibility {
  const parts: TextNode[] = [];
  const clauses: Clause[] = [];
  let deadline: Deadline | undefined;
  for (const d of drafts) {
    parts.push(ctx.node(d.part.start, d.part.end));
    for (const c of d.clauses) {
      if (c.deadline) {
        deadline ??= c.deadline;
        continue;
      }
      if (c.suffix === null && !c.labelled)
        ctx.warn('NO_VERB', `no role verb in ${ctx.norm.text.slice(c.start, c.end)}`, c.start);
      const parties = c.names.map((n) => makeParty(ctx, n.start, n.end, n.role));
      if (options.firstListedIsLead && c.role === 'shared') {
        const first = parties.find((p) => p.kind === 'unit');
        if (first) first.role = 'lead';
      }
      clauses.push({
        ...ctx.node(c.start, c.end),
        role: c.role,
        suffix: c.suffix,
        nonExhaustive: c.nonExhaustive,
        parties,
      });
    }
  }
  return {
    parts,
    clauses,
    parties: mergeParties(clauses.flatMap((c) => c.parties)),
    nonExhaustive: clauses.some((c) => c.nonExhaustive),
    ...(deadline ? { deadline } : {}),
  };
}

/** One party per unit or group, the strongest role kept at the first mention's position. */
export function mergeParties(parties: Party[]): Party[] {
  const out: Party[] = [];
  for (const p of parties) {
    const key = p.code ?? `name:${p.name}`;
    const i = out.findIndex((q) => (q.code ?? `name:${q.name}`) === key);
    if (i < 0) out.push(p);
    else if (STRENGTH[p.role] > STRENGTH[out[i]!.role]) out[i] = { ...out[i]!, role: p.role };
  }
  return out;
}

/** Merges several responsibilities (a measure's from its actions' own), keeping every source piece once. */
export function mergeResponsibilities(list: Responsibility[]): Responsibility {
  const parts: TextNode[] = [];
  for (const r of list) for (const p of r.parts) if (!parts.some((q) => q.span[0] === p.span[0])) parts.push(p);
  const deadline = list.find((r) => r.deadline)?.deadline;
  return {
    parts,
    clauses: list.flatMap((r) => r.clauses),
    parties: mergeParties(list.flatMap((r) => r.parties)),
    nonExhaustive: list.some((r) => r.nonExhaustive),
    ...(deadline ? { deadline } : {}),
  };
}
