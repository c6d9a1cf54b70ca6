/**
 * Bracket-aware scanning over normalised text: splitting outside brackets and finding the last
 * balanced `(...)` group. Positions are offsets into the string given.
 */

const PAIRS: Record<string, string> = {
  '(': ')',
  '《': '》',
  '“': '”',
  '【': '】',
  '〔': '〕',
  '「': '」',
  '『': '』',
  '[': ']',
};
const CLOSERS = new Set(Object.values(PAIRS));

/**
 * Depth of each position (0 = outside every bracket); null when the brackets do not balance, in
 * which case callers ignore brackets rather than swallow the rest of the text.
 */
export function bracketDepths(text: string): number[] | null {
  const depths: number[] = new Array(text.length);
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch in PAIRS) {
      depths[i] = stack.length;
      stack.push(PAIRS[ch]!);
    } else if (CLOSERS.has(ch)) {
      if (stack[stack.length - 1] !== ch) return null;
      stack.pop();
      depths[i] = stack.length;
    } else depths[i] = stack.length;
  }
  return stack.length === 0 ? depths : null;
}

/** A piece of a string: [start, end) within it. */
export interface Piece {
  start: number;
  end: number;
}

/** Splits on the given separator characters where they stand outside brackets; empty pieces are kept. */
export function splitOutside(text: string, separators: string): Piece[] {
  const depths = bracketDepths(text);
  const out: Piece[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (separators.includes(text[i]!) && (!depths || depths[i] === 0)) {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  out.push({ start, end: text.length });
  return out;
}

/** Trims spaces off a piece. */
export function trimPiece(text: string, p: Piece): Piece {
  let { start, end } = p;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  return { start, end };
}

/**
 * The last balanced `(...)` group of a paragraph when only `。` or spaces follow it (R-P7); `start`
 * is the `(`, `end` is just past the `)`.
 */
export function trailingGroup(text: string): Piece | null {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '。')) end--;
  if (end === 0 || text[end - 1] !== ')') return null;
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return { start: i, end };
  }
  return null;
}

/** Index of the bracket closing the one opened at `open`, or -1. */
export function matchingClose(text: string, open: number): number {
  const opener = text[open]!;
  const closer = PAIRS[opener];
  if (!closer) return -1;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === opener) depth++;
    else if (text[i] === closer && --depth === 0) return i;
  }
  return -1;
}
