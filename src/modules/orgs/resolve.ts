/**
 * Org registry rules of plans.md §1 as pure functions over an in-memory registry: resolving a name
 * as written in a document on a date (R-ORG-1, R-ORG-2), validity by date and group expansion
 * (R-ORG-3, R-ORG-4), and division-code checks (R-ORG-5). No I/O; dates are `YYYY-MM-DD` strings.
 */

import { fail } from '../../core/errors.js';

export interface OrgUnitRecord {
  code: string;
  name: string;
  fullName?: string | null;
  kind: string;
  divisionCode?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  successorCode?: string | null;
  aliases: string[];
  displayOrder?: number;
}

export interface OrgGroupRecord {
  code: string;
  name: string;
  rule: string;
  aliases: string[];
  members: { unitCode: string; from?: string | null; to?: string | null }[];
}

export interface Registry {
  units: OrgUnitRecord[];
  groups: OrgGroupRecord[];
}

export type Resolution =
  | {
      kind: 'unit';
      input: string;
      code: string;
      name: string;
      via: 'name' | 'alias' | 'variant';
      warnings: 'SUPERSEDED'[];
      successorCode?: string;
    }
  | { kind: 'group'; input: string; code: string; name: string; via: 'name' | 'alias' | 'variant' }
  | {
      kind: 'unresolved';
      input: string;
      warnings: ['UNRESOLVED_UNIT'];
      closest?: { code: string; name: string; distance: number };
    };

/** Normalises an org name for comparison: NFKC (full-width brackets and letters to ASCII), no whitespace at all. */
export function normalizeOrgName(name: string): string {
  // NFKC already maps （）［］｛｝ to ASCII; the explicit pass keeps that promise independent of it.
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（）]/g, (c) => (c === '（' ? '(' : ')'));
}

/** True when `date` lies within the closed interval validFrom..validTo; a missing end is open. */
export function isValidOn(unit: { validFrom?: string | null; validTo?: string | null }, date: string): boolean {
  if (unit.validFrom && date < unit.validFrom) return false;
  if (unit.validTo && date > unit.validTo) return false;
  return true;
}

/** Registry order: display order where set (admins reorder), otherwise the order the registry lists them. */
function inDisplayOrder(units: OrgUnitRecord[], tieBreak: (a: OrgUnitRecord, b: OrgUnitRecord) => number) {
  return units
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => {
      const byOrder =
        (a.unit.displayOrder ?? Number.POSITIVE_INFINITY) - (b.unit.displayOrder ?? Number.POSITIVE_INFINITY);
      // Infinity - Infinity is NaN, which falls through like a tie.
      return (Number.isNaN(byOrder) ? 0 : byOrder) || tieBreak(a.unit, b.unit) || a.index - b.index;
    })
    .map((x) => x.unit);
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Districts (区、市) valid on `date`, in display order, which defaults to code order (R-ORG-4). */
export function districtsValidOn(date: string, registry: Registry): OrgUnitRecord[] {
  return inDisplayOrder(
    registry.units.filter((u) => u.kind === 'district' && isValidOn(u, date)),
    byCode,
  );
}

/**
 * Unit codes a group stands for on `date` (R-ORG-3): listed members whose membership and unit are
 * both valid then, the districts valid then, valid municipal departments, those plus centrally
 * managed residents, or nothing for `chosen` groups, whose units are picked per item.
 */
export function expandGroup(code: string, date: string, registry: Registry): string[] {
  const group = registry.groups.find((g) => g.code === code);
  if (!group) fail('QC_ERR_ORG_GROUP_NOT_FOUND', code);
  const byUnitCode = new Map(registry.units.map((u) => [u.code, u]));
  const validOfKinds = (kinds: string[]) =>
    inDisplayOrder(
      registry.units.filter((u) => kinds.includes(u.kind) && isValidOn(u, date)),
      () => 0,
    ).map((u) => u.code);
  switch (group.rule) {
    case 'list': {
      const out: string[] = [];
      for (const m of group.members) {
        const unit = byUnitCode.get(m.unitCode);
        // A retired unit cannot take an assignment; its successor joins only when an admin lists it.
        if (!unit || !isValidOn(unit, date) || !isValidOn({ validFrom: m.from, validTo: m.to }, date)) continue;
        if (!out.includes(unit.code)) out.push(unit.code);
      }
      return out;
    }
    case 'districts_valid_on':
      return districtsValidOn(date, registry).map((u) => u.code);
    case 'muni_depts':
      return validOfKinds(['muni_dept']);
    case 'direct':
      return validOfKinds(['muni_dept', 'central_resident']);
    case 'chosen':
      return [];
    default:
      throw new Error(`Unknown org group rule: ${group.rule} (${group.code})`);
  }
}

/** Checks an administrative-division code: 6 digits is valid, and one the registry lacks is only a warning (R-ORG-5). */
export function checkDivisionCode(code: string, registry: Registry): { valid: boolean; warning?: 'UNKNOWN_DIVISION' } {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const known = registry.units.some((u) => u.divisionCode === code);
  return known ? { valid: true } : { valid: true, warning: 'UNKNOWN_DIVISION' };
}

type Target = { kind: 'unit'; unit: OrgUnitRecord } | { kind: 'group'; group: OrgGroupRecord };

function namesOf(t: Target): string[] {
  return t.kind === 'unit' ? [t.unit.name] : [t.group.name];
}

function aliasesOf(t: Target): string[] {
  if (t.kind === 'group') return t.group.aliases;
  // The full name counts as an alias even where an admin did not list it as one.
  return t.unit.fullName ? [t.unit.fullName, ...t.unit.aliases] : t.unit.aliases;
}

/** `市X`⇄`青岛市X`, `各成员单位`⇄`成员单位` and `A(B)`→`A`, one step. */
function variantSteps(s: string): string[] {
  const out: string[] = [];
  if (s.startsWith('青岛市')) out.push(`市${s.slice(3)}`);
  else if (s.startsWith('市')) out.push(`青岛市${s.slice(1)}`);
  if (s.includes('各成员单位')) out.push(s.replace('各成员单位', '成员单位'));
  else if (s.includes('成员单位')) out.push(s.replace('成员单位', '各成员单位'));
  if (s.endsWith(')')) {
    let depth = 0;
    for (let i = s.length - 1; i >= 0; i--) {
      if (s[i] === ')') depth++;
      else if (s[i] === '(' && --depth === 0) {
        if (i > 0) out.push(s.slice(0, i));
        break;
      }
    }
  }
  return out;
}

/** Every combination of variant steps, nearest first; finite because each step either shrinks or toggles. */
function variantsOf(normalized: string): string[] {
  const seen = new Set([normalized]);
  const queue = [normalized];
  const out: string[] = [];
  while (queue.length > 0) {
    for (const v of variantSteps(queue.shift()!)) {
      if (seen.has(v)) continue;
      seen.add(v);
      out.push(v);
      queue.push(v);
    }
  }
  return out;
}

function apart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b));
}

/** How far a unit's validity lies from `date`; 0 when valid on it. */
function distanceFromValidity(unit: OrgUnitRecord, date: string): number {
  if (unit.validTo && date > unit.validTo) return apart(date, unit.validTo);
  if (unit.validFrom && date < unit.validFrom) return apart(date, unit.validFrom);
  return 0;
}

/**
 * Picks among targets matched at one stage: a unit valid on the date, else a group, else the unit
 * whose validity lies nearest the date (the one a document of that date most likely meant).
 */
function pick(targets: Target[], date: string): Target | undefined {
  const units = inDisplayOrder(
    targets.flatMap((t) => (t.kind === 'unit' ? [t.unit] : [])),
    () => 0,
  );
  const valid = units.find((u) => isValidOn(u, date));
  if (valid) return { kind: 'unit', unit: valid };
  const group = targets.find((t) => t.kind === 'group');
  if (group) return group;
  const rank = new Map(units.map((u, i) => [u, i]));
  const nearest = [...units].sort(
    (a, b) => distanceFromValidity(a, date) - distanceFromValidity(b, date) || rank.get(a)! - rank.get(b)!,
  )[0];
  return nearest ? { kind: 'unit', unit: nearest } : undefined;
}

/** Levenshtein distance over code points. */
function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * Resolves a name as written in a document on `date` (R-ORG-1): exact name, then alias, then
 * variants, groups included; a unit not valid on the date still resolves with SUPERSEDED, and a
 * name that matches nothing comes back verbatim as UNRESOLVED_UNIT with its closest entry (R-ORG-2).
 */
export function resolveName(name: string, date: string, registry: Registry): Resolution {
  const normalized = normalizeOrgName(name);
  const targets: Target[] = [
    ...registry.units.map((unit): Target => ({ kind: 'unit', unit })),
    ...registry.groups.map((group): Target => ({ kind: 'group', group })),
  ];
  const norm = new Map<Target, { names: string[]; aliases: string[] }>(
    targets.map((t) => [t, { names: namesOf(t).map(normalizeOrgName), aliases: aliasesOf(t).map(normalizeOrgName) }]),
  );
  const matching = (candidates: string[], field: 'names' | 'aliases') =>
    targets.filter((t) => norm.get(t)![field].some((s) => candidates.includes(s)));

  if (normalized) {
    const variants = variantsOf(normalized);
    const stages: ['name' | 'alias' | 'variant', Target[]][] = [
      ['name', matching([normalized], 'names')],
      ['alias', matching([normalized], 'aliases')],
      ['variant', variants.length ? [...matching(variants, 'names'), ...matching(variants, 'aliases')] : []],
    ];
    for (const [via, matched] of stages) {
      const hit = pick(matched, date);
      if (!hit) continue;
      if (hit.kind === 'group') return { kind: 'group', input: name, code: hit.group.code, name: hit.group.name, via };
      const u = hit.unit;
      if (isValidOn(u, date)) return { kind: 'unit', input: name, code: u.code, name: u.name, via, warnings: [] };
      return {
        kind: 'unit',
        input: name,
        code: u.code,
        name: u.name,
        via,
        warnings: ['SUPERSEDED'],
        ...(u.successorCode ? { successorCode: u.successorCode } : {}),
      };
    }
  }

  let closest: { code: string; name: string; distance: number } | undefined;
  if (normalized) {
    for (const t of targets) {
      const n = norm.get(t)!;
      const distance = Math.min(...[...n.names, ...n.aliases].map((s) => editDistance(normalized, s)));
      const code = t.kind === 'unit' ? t.unit.code : t.group.code;
      const display = t.kind === 'unit' ? t.unit.name : t.group.name;
      if (!closest || distance < closest.distance || (distance === closest.distance && code < closest.code)) {
        closest = { code, name: display, distance };
      }
    }
  }
  return { kind: 'unresolved', input: name, warnings: ['UNRESOLVED_UNIT'], ...(closest ? { closest } : {}) };
}
