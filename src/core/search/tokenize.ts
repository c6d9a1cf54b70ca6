/**
 * The Chinese search tokenizer (stack.md §3.2): one pure function set used for indexing and querying.
 * CJK runs give overlapping bigrams plus the run's last character; ASCII runs give one lower-cased word.
 */

// U+3400–U+9FFF and U+F900–U+FAFF less what is not an ideograph: the Yijing hexagrams (U+4DC0–U+4DFF)
// and the unassigned U+FA6E–FA6F and U+FADA–FAFF. Both indexes drop hexagrams (PostgreSQL also the
// unassigned ones), so as tokens they made a query part that FTS5 never matched and PostgreSQL ignored
// beside other parts: the databases disagreed. As separators they leave the exact match to LIKE.
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9]/;
const ASCII_WORD = /[a-z0-9]/;

/** NFKC (full-width → half-width), lower case, whitespace collapsed. */
export function normalizeText(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

type Run = { kind: 'cjk' | 'word'; text: string };

function runs(normalized: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const ch of normalized) {
    const kind = CJK.test(ch) ? 'cjk' : ASCII_WORD.test(ch) ? 'word' : null;
    if (kind === null) {
      current = null;
      continue;
    }
    if (current && current.kind === kind) {
      current.text += ch;
    } else {
      current = { kind, text: ch };
      out.push(current);
    }
  }
  return out;
}

function cjkTokens(run: string): string[] {
  const chars = Array.from(run);
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  tokens.push(chars[chars.length - 1]!);
  return tokens;
}

/** Index tokens of already-normalised text, in order. */
export function tokenize(normalized: string): string[] {
  const tokens: string[] = [];
  for (const run of runs(normalized)) {
    if (run.kind === 'cjk') tokens.push(...cjkTokens(run.text));
    else tokens.push(run.text);
  }
  return tokens;
}

/** The two stored columns for a searchable row: normalised text (newline-joined fields) and its tokens. */
export function searchColumns(fields: readonly (string | null | undefined)[]): {
  search_text: string;
  search_terms: string;
} {
  const parts = fields.filter((f): f is string => Boolean(f?.trim())).map(normalizeText);
  const text = parts.join('\n');
  return { search_text: text, search_terms: parts.flatMap(tokenize).join(' ') };
}

/** One piece of a query term: a CJK phrase (2+ chars), a single CJK char prefix, or an ASCII word prefix. */
export type QueryPart =
  | { kind: 'phrase'; tokens: string[] }
  | { kind: 'char'; char: string }
  | { kind: 'word'; word: string };

export interface QueryTerm {
  /** Normalised term for the exact `LIKE` re-check. */
  text: string;
  parts: QueryPart[];
}

/** Turns user input into terms that must all match; null for empty input (no filter at all). */
export function planQuery(input: string): QueryTerm[] | null {
  const normalized = normalizeText(input);
  if (!normalized) return null;
  const terms: QueryTerm[] = [];
  for (const raw of normalized.split(' ')) {
    const parts: QueryPart[] = [];
    for (const run of runs(raw)) {
      if (run.kind === 'word') {
        parts.push({ kind: 'word', word: run.text });
        continue;
      }
      const chars = Array.from(run.text);
      if (chars.length === 1) parts.push({ kind: 'char', char: chars[0]! });
      else parts.push({ kind: 'phrase', tokens: chars.slice(0, -1).map((c, i) => c + chars[i + 1]) });
    }
    // A term without index parts (punctuation only) is still checked exactly by LIKE.
    terms.push({ text: raw, parts });
  }
  return terms;
}

/** Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
