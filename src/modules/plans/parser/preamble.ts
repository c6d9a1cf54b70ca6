/**
 * Preamble basis documents and the district cascade (R-P3).
 */

import { districtsValidOn } from '../../orgs/resolve.js';
import { matchingClose } from './brackets.js';
import type { ParseContext } from './context.js';
import type { BasisDocument, OrgRef, SubPlanObligation, TextNode } from './types.js';

/**
 * Basis documents of the preamble at normalised [start, end): each `《…》` with an optional
 * `(…号)` right after it; the issuer is the org named between the previous `、`/`,` (or the
 * sentence start) and `《`, when it resolves, else null.
 */
export function basisDocuments(ctx: ParseContext, start: number, end: number): BasisDocument[] {
  const text = ctx.norm.text;
  const out: BasisDocument[] = [];
  let i = start;
  while (i < end) {
    const open = text.indexOf('《', i);
    if (open < 0 || open >= end) break;
    const close = matchingClose(text.slice(0, end), open);
    if (close < 0) break;
    let docEnd = close + 1;
    let docNumber: string | null = null;
    const num = /^\(([^()]*?号)\)/.exec(text.slice(docEnd, end));
    if (num) {
      docNumber = num[1]!;
      docEnd += num[0].length;
    }
    out.push({
      ...ctx.node(open, docEnd),
      title: text.slice(open + 1, close),
      docNumber,
      issuer: issuerBefore(ctx, start, open),
    });
    i = docEnd;
  }
  return out;
}

function issuerBefore(ctx: ParseContext, floor: number, open: number): OrgRef | null {
  const text = ctx.norm.text;
  let s = open;
  while (s > floor && !'、,;。:》)'.includes(text[s - 1]!)) s--;
  // 为贯彻落实国务院办公厅《…》: the longest tail of the run that resolves names the issuer.
  for (let k = s; k <= open - 3; k++) {
    const name = text.slice(k, open);
    const res = ctx.resolver.resolve(name);
    if (res.kind === 'unit') {
      return { ...ctx.node(k, open), name: ctx.writtenName(k, open), code: res.code, kind: 'unit' };
    }
  }
  return null;
}

const CASCADE = /制定.*方案|细化任务|逐级落实责任/;

/** Names of the districts collective (the group whose members are the districts valid on a date), longest first. */
function districtGroupNames(ctx: ParseContext): string[] {
  const names = ctx.resolver.registry.groups
    .filter((g) => g.rule === 'districts_valid_on')
    .flatMap((g) => [g.name, ...g.aliases]);
  return [...new Set(names)].sort((a, b) => b.length - a.length);
}

/**
 * Sub-plan obligations (R-P3): a sentence that starts with the districts collective (各区、市政府…)
 * and asks for 制定…方案, 细化任务 or 逐级落实责任 obliges each district valid on `date`, once per district.
 */
export function cascadeObligations(ctx: ParseContext, sentences: TextNode[], date: string): SubPlanObligation[] {
  const names = districtGroupNames(ctx);
  const out: SubPlanObligation[] = [];
  for (const s of sentences) {
    if (!names.some((n) => s.text.startsWith(n)) || !CASCADE.test(s.text)) continue;
    for (const d of districtsValidOn(date, ctx.resolver.registry)) {
      if (out.some((o) => o.districtCode === d.code)) continue;
      out.push({ text: s.text, raw: s.raw, span: s.span, districtCode: d.code, districtName: d.name, validOn: date });
    }
  }
  return out;
}
