/**
 * Validation (R-P11) that needs the whole parse: TEXT_LOSS (every non-space character from the plan
 * title to the end of the closing belongs to exactly one node) and COUNT_MISMATCH.
 */

import type { Issue, PlanInfo, Section, Span, TextNode } from './types.js';

/** Terminators that belong to the node they follow (a `。` to the title or action it ends). */
const TERMINATORS = new Set([...'。!?;:！？；：']);
const blank = (c: string) => /\s/.test(c) || c === '\u3000' || c === '\u00a0' || c === '\ufeff' || c === '\u200b';

/** The nodes that must tile the plan text: title, preamble, markers, titles, intros, actions, responsibility pieces, closing, chrome. */
export function coverageNodes(plan: PlanInfo, sections: Section[]): TextNode[] {
  const out: TextNode[] = [];
  // A responsibility piece shared by a measure and its actions is one node.
  const seen = new Set<string>();
  const add = (n: TextNode | null | undefined) => {
    const key = n ? `${n.span[0]}:${n.span[1]}` : '';
    if (n && !seen.has(key)) {
      seen.add(key);
      out.push(n);
    }
  };
  add(plan.title);
  add(plan.preamble);
  for (const s of sections) {
    add(s.marker);
    add(s.title);
    s.intro.forEach(add);
    for (const m of s.measures) {
      add(m.marker);
      add(m.title);
      m.intro.forEach(add);
      m.responsibility?.parts.forEach(add);
      for (const a of m.actions) {
        if (a.level === 'title') continue;
        add(a.marker);
        add(a);
        a.responsibility?.parts.forEach(add);
      }
    }
  }
  plan.closing.forEach(add);
  plan.chrome.forEach(add);
  return out;
}

/** A run of source characters covered by no node (`missing`) or by several (`double`). */
export interface CoverageGap {
  kind: 'missing' | 'double';
  span: Span;
  text: string;
}

/**
 * Checks that the nodes cover every non-space source character in `range` exactly once; the
 * terminators right after a node (whitespace aside) count as that node's.
 */
export function checkCoverage(
  source: string,
  nodes: Span[],
  range: Span,
  ignorable: Uint8Array | null = null,
): CoverageGap[] {
  // Whitespace, and whatever normalisation dropped (leading bullets), belongs to no node by design.
  const isSpace = (i: number) => ignorable?.[i] === 1 || blank(source[i]!);
  const count = new Uint8Array(source.length);
  for (const [a, b] of nodes) for (let i = a; i < b; i++) if (!isSpace(i)) count[i]!++;
  for (const [, b] of nodes) {
    for (let j = b; j < source.length; j++) {
      const c = source[j]!;
      if (isSpace(j)) continue;
      if (!TERMINATORS.has(c) || count[j]! > 0) break;
      count[j] = 1;
    }
  }
  const cls = (j: number) => (isSpace(j) ? 'space' : count[j] === 0 ? 'missing' : count[j]! > 1 ? 'double' : 'ok');
  const gaps: CoverageGap[] = [];
  let i = range[0];
  while (i < range[1]) {
    const kind = cls(i);
    if (kind === 'space' || kind === 'ok') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < range[1] && (cls(j) === kind || cls(j) === 'space')) j++;
    let e = j;
    while (e > i && isSpace(e - 1)) e--;
    gaps.push({ kind, span: [i, e], text: source.slice(i, e) });
    i = j;
  }
  return gaps;
}

/** TEXT_LOSS issues for a parse: the range runs from the plan title (or first node) to the last node. */
export function textLossIssues(
  source: string,
  plan: PlanInfo,
  sections: Section[],
  ignorable: Uint8Array | null = null,
): Issue[] {
  const nodes = coverageNodes(plan, sections).map((n) => n.span);
  const body = coverageNodes({ ...plan, chrome: [] }, sections).map((n) => n.span);
  if (!body.length) return [];
  const start = Math.min(...body.map((s) => s[0]));
  const end = Math.max(...body.map((s) => s[1]));
  return checkCoverage(source, nodes, [start, end], ignorable).map((g) => ({
    code: 'TEXT_LOSS' as const,
    severity: 'error' as const,
    message:
      g.kind === 'missing'
        ? `text belongs to no node: ${g.text.slice(0, 40)}`
        : `text belongs to more than one node: ${g.text.slice(0, 40)}`,
    offset: g.span[0],
    data: { kind: g.kind, span: g.span },
  }));
}

/** COUNT_MISMATCH issues when expected counts are given. */
export function countIssues(
  counts: { sections: number; measures: number; actions: number },
  expected: { sections?: number; measures?: number; actions?: number } | undefined,
): Issue[] {
  if (!expected) return [];
  return (['sections', 'measures', 'actions'] as const)
    .filter((k) => expected[k] !== undefined && expected[k] !== counts[k])
    .map((k) => ({
      code: 'COUNT_MISMATCH' as const,
      severity: 'error' as const,
      message: `expected ${expected[k]} ${k}, found ${counts[k]}`,
      offset: 0,
      data: { what: k, expected: expected[k], found: counts[k] },
    }));
}
