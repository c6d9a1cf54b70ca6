/**
 * Ranking and facet counts of registry search results (credit.md §7.4), done on the candidate set the
 * database returns once (at most the count cap), so one index query serves count, facets and any page.
 */
import { normalizeText } from '../../../core/search/tokenize.js';

export interface Candidate {
  id: number;
  name: string;
  district_code: string | null;
  status: string;
  grade: string | null;
  list_flags: string;
}

/** Exact name first, then names starting with the query, then shorter names, then registry order. */
export function rankCandidates<T extends Candidate>(candidates: T[], query: string | null): T[] {
  const q = query ? normalizeText(query) : '';
  const keyed = candidates.map((c) => {
    const n = normalizeText(c.name);
    const tier = !q ? 2 : n === q ? 0 : n.startsWith(q) ? 1 : 2;
    return { c, tier, len: Array.from(n).length };
  });
  keyed.sort((a, b) => a.tier - b.tier || a.len - b.len || a.c.id - b.c.id);
  return keyed.map((k) => k.c);
}

export interface FacetCount {
  value: string;
  count: number;
}

function count(values: (string | null)[]): FacetCount[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v ?? '', (m.get(v ?? '') ?? 0) + 1);
  return [...m.entries()]
    .map(([value, n]) => ({ value, count: n }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

/** Counts per district, status, grade and list ('' = none) over all matches. */
export function facetsOf(candidates: Candidate[]) {
  return {
    district: count(candidates.map((c) => c.district_code)),
    status: count(candidates.map((c) => c.status)),
    grade: count(candidates.map((c) => c.grade)),
    list: count(candidates.flatMap((c) => (c.list_flags ? c.list_flags.split(',') : ['NONE']))),
  };
}
