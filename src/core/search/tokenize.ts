/**
 * The Chinese search tokenizer (stack.md §3.2): one pure function set used for indexing and querying.
 * CJK runs give overlapping bigrams plus the run's last character; ASCII runs give one lower-cased word.
 */

// U+3400–U+9FFF and U+F900–U+FAFF less what is not an ideograph: the Yijing hexagrams (U+4DC0–U+4DFF)
// and the unassigned U+FA6E–FA6F and U+FADA–FAFF. Both indexes drop hexagrams (PostgreSQL also the
// unassigned ones), so as tokens they made a query part that FTS5 never matched and PostgreSQL ignored
// beside other parts: the databases disagreed. As separators they leave the exact match to LIKE.
// Tested on UTF-16 code units: every range is in the BMP, and a surrogate (outside them all) separates, as
// the astral character it belongs to would. No regex or code-point iteration per character: the tokenizer
// runs for every row of a 2-million-row import.
function isCjk(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfa6d) ||
    (c >= 0xfa70 && c <= 0xfad9)
  );
}

/** [a-z0-9]: text is lower-cased before tokenizing. */
function isWord(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** NFKC (full-width → half-width), lower case, whitespace collapsed. */
export function normalizeText(input: string): string {
  const text = input.normalize('NFKC').toLowerCase();
  // Most names hold no whitespace at all; skip the regex pass for them.
  return HAS_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

const HAS_SPACE = /\s/;

type Run = { kind: 'cjk' | 'word'; text: string };

function runs(normalized: string): Run[] {
  const out: Run[] = [];
  let kind: Run['kind'] | null = null;
  let start = 0;
  for (let i = 0; i <= normalized.length; i++) {
    const c = i < normalized.length ? normalized.charCodeAt(i) : -1;
    const k = c < 0 ? null : isCjk(c) ? 'cjk' : isWord(c) ? 'word' : null;
    if (k === kind) continue;
    if (kind !== null) out.push({ kind, text: normalized.slice(start, i) });
    kind = k;
    start = i;
  }
  return out;
}

/** Bigrams and the last character of a CJK run (BMP only, so one code unit per character). */
function cjkTokens(run: string, tokens: string[]): void {
  for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
  tokens.push(run.slice(-1));
}

/** Index tokens of already-normalised text, in order. */
export function tokenize(normalized: string): string[] {
  const tokens: string[] = [];
  appendTokens(normalized, tokens);
  return tokens;
}

/** `tokenize` without the intermediate runs: it runs for every row of a bulk import. */
function appendTokens(normalized: string, tokens: string[]): void {
  let kind = 0; // 0 none, 1 CJK, 2 word
  let start = 0;
  for (let i = 0; i <= normalized.length; i++) {
    const c = i < normalized.length ? normalized.charCodeAt(i) : -1;
    const k = c < 0 ? 0 : isCjk(c) ? 1 : isWord(c) ? 2 : 0;
    if (k === kind) continue;
    if (kind === 1) cjkTokens(normalized.slice(start, i), tokens);
    else if (kind === 2) tokens.push(normalized.slice(start, i));
    kind = k;
    start = i;
  }
}

/** The two stored columns for a searchable row: normalised text (newline-joined fields) and its tokens. */
export function searchColumns(fields: readonly (string | null | undefined)[]): {
  search_text: string;
  search_terms: string;
} {
  let text = '';
  const tokens: string[] = [];
  for (const field of fields) {
    if (!field?.trim()) continue;
    const part = normalizeText(field);
    text = text ? `${text}\n${part}` : part;
    appendTokens(part, tokens);
  }
  return { search_text: text, search_terms: tokens.join(' ') };
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
      const chars = run.text;
      if (chars.length === 1) parts.push({ kind: 'char', char: chars });
      else parts.push({ kind: 'phrase', tokens: Array.from(chars.slice(0, -1), (c, i) => c + chars[i + 1]) });
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
