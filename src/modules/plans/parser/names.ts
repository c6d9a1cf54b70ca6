/**
 * Unit lists (R-P7, R-P8): splitting `A、B和C` into names without breaking `区、市` or
 * `工业和信息化部`, and turning each name into a resolved or verbatim-unresolved party.
 */

import { type Piece, splitOutside, trimPiece } from './brackets.js';
import type { ParseContext } from './context.js';
import type { Party, Role } from './types.js';

/**
 * R-P8: after splitting on `、`, a piece that is `区` or ends in `各区`/`对区` is re-joined with the
 * next piece when that one is `市` or starts with 市政府/市人民政府/市党委 (各区、市政府 is one collective).
 */
export function rejoinDistricts(text: string, pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev) {
      const left = text.slice(prev.start, prev.end).trim();
      const right = text.slice(p.start, p.end).trim();
      const leftOpen = left === '区' || left.endsWith('各区') || left.endsWith('对区');
      const rightCity = right === '市' || /^市(政府|人民政府|党委)/.test(right);
      if (leftOpen && rightCity) {
        prev.end = p.end;
        continue;
      }
    }
    out.push({ ...p });
  }
  return out;
}

/** Splits a name list on `、` outside brackets, re-joining 区、市 (R-P8); pieces are trimmed and non-empty. */
export function splitNameList(text: string): Piece[] {
  return rejoinDistricts(text, splitOutside(text, '、'))
    .map((p) => trimPiece(text, p))
    .filter((p) => p.end > p.start);
}

const CONJUNCTIONS = ['以及', '及', '和'];

/**
 * Splits `A和B` / `A及B` / `A以及B` only where both sides resolve, so 工业和信息化部 stays whole;
 * `resolves` answers for a piece of `text`.
 */
export function splitConjunctions(text: string, piece: Piece, resolves: (p: Piece) => boolean): Piece[] {
  if (resolves(piece)) return [piece];
  const s = text.slice(piece.start, piece.end);
  for (let i = 1; i < s.length - 1; i++) {
    const conj = CONJUNCTIONS.find((c) => s.startsWith(c, i));
    if (!conj) continue;
    const left = { start: piece.start, end: piece.start + i };
    if (!resolves(left)) continue;
    const rest = splitConjunctions(text, { start: piece.start + i + conj.length, end: piece.end }, resolves);
    if (rest.every(resolves)) return [left, ...rest];
  }
  return [piece];
}

const GROUP_LIKE = /^各|(成员单位|有关部门|有关单位|各部门|各单位)$/;
const ROLE_NOTE = /\((牵头|牵头单位|配合|配合单位|参与|协办)\)$/;

/**
 * Turns the name at normalised [start, end) into a party with `role`, warning UNRESOLVED_UNIT
 * (with the closest registry entry) or SUPERSEDED as needed; an unresolved name is never dropped.
 */
export function makeParty(ctx: ParseContext, start: number, end: number, role: Role): Party {
  let text = ctx.norm.text.slice(start, end);
  // A role note after a name, as task lists write it: 市质监局(牵头).
  const note = ROLE_NOTE.exec(text);
  if (note) {
    role = note[1]!.startsWith('牵头') ? 'lead' : 'co';
    end -= note[0].length;
    text = ctx.norm.text.slice(start, end);
  }
  const node = ctx.node(start, end);
  const name = ctx.writtenName(start, end);
  const res = ctx.resolver.resolve(text);
  if (res.kind === 'group') return { ...node, kind: 'group', name, code: res.code, resolved: true, role };
  if (res.kind === 'unit') {
    const party: Party = { ...node, kind: 'unit', name, code: res.code, resolved: true, role };
    if (res.warnings.includes('SUPERSEDED')) {
      party.superseded = res.successorCode ? { successorCode: res.successorCode } : {};
      ctx.warn(
        'SUPERSEDED',
        `${name} (${res.code}) is not valid on ${ctx.resolver.date}${res.successorCode ? `; successor ${res.successorCode}` : ''}`,
        start,
        { name, code: res.code, successorCode: res.successorCode },
      );
    }
    return party;
  }
  const party: Party = { ...node, kind: GROUP_LIKE.test(text) ? 'group' : 'unit', name, resolved: false, role };
  if (res.closest) party.closest = res.closest;
  ctx.warn(
    'UNRESOLVED_UNIT',
    `${name} matches no registry entry${res.closest ? `; closest: ${res.closest.name} (${res.closest.code})` : ''}`,
    start,
    { name, ...(res.closest ? { closest: res.closest } : {}) },
  );
  return party;
}

/** True when the normalised name resolves (a role note such as `(牵头)` ignored). */
export function nameResolves(ctx: ParseContext, name: string): boolean {
  return ctx.resolver.resolves(name.replace(ROLE_NOTE, ''));
}
