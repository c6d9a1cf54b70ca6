/**
 * What a revised text of a published plan would change (pure): measures, their actions and the units
 * assigned to them, compared between the stored plan and the revision's publication. Measures are paired
 * by identical title first (so a measure inserted in the middle shows as one addition and some renumbered
 * measures, not as every later measure changed), then by number; actions likewise by text, then by order.
 */

import type { Publication } from './publication.js';
import type { AssignmentRole } from './settings.js';

export interface ShapeAction {
  externalId: string;
  text: string;
  deadlineType: string;
  dueDate: string | null;
}

export interface ShapeMeasure {
  externalId: string;
  number: number;
  title: string;
  responsibilityRaw: string | null;
  actions: ShapeAction[];
  /** unit code → strongest role among the measure's assignments. */
  units: Record<string, AssignmentRole>;
}

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface FieldChange {
  field: string;
  old: string | number | null;
  new: string | number | null;
}

export interface ActionDiff {
  status: DiffStatus;
  old: ShapeAction | null;
  new: ShapeAction | null;
  changes: FieldChange[];
}

export interface UnitDiff {
  added: { unitCode: string; role: AssignmentRole }[];
  removed: { unitCode: string; role: AssignmentRole }[];
  roleChanged: { unitCode: string; old: AssignmentRole; new: AssignmentRole }[];
}

export interface MeasureDiff {
  status: DiffStatus;
  old: Omit<ShapeMeasure, 'actions' | 'units'> | null;
  new: Omit<ShapeMeasure, 'actions' | 'units'> | null;
  changes: FieldChange[];
  actions: ActionDiff[];
  units: UnitDiff;
}

export interface RevisionSummary {
  measures: Record<DiffStatus, number>;
  actions: Record<DiffStatus, number>;
  assignments: { added: number; removed: number; roleChanged: number };
}

export interface RevisionDiff {
  summary: RevisionSummary;
  measures: MeasureDiff[];
}

const ROLE_RANK: Record<AssignmentRole, number> = { lead: 3, co: 2, shared: 1 };

/** Keeps the strongest role when a unit holds several assignments under one measure (per-action mode). */
export function addUnit(units: Record<string, AssignmentRole>, unitCode: string, role: AssignmentRole): void {
  const held = units[unitCode];
  if (!held || ROLE_RANK[role] > ROLE_RANK[held]) units[unitCode] = role;
}

/** The shape a publication would store. */
export function shapeOfPublication(publication: Publication): ShapeMeasure[] {
  const units = new Map<string, Record<string, AssignmentRole>>();
  for (const a of publication.assignments) {
    const map = units.get(a.measureExternalId) ?? {};
    units.set(a.measureExternalId, map);
    addUnit(map, a.unitCode, a.role);
  }
  return publication.sections.flatMap((s) =>
    s.measures.map((m) => ({
      externalId: m.externalId,
      number: m.number,
      title: m.title,
      responsibilityRaw: m.responsibilityRaw,
      actions: m.actions.map((a) => ({
        externalId: a.externalId,
        text: a.text,
        deadlineType: a.deadline.type,
        dueDate: a.deadline.due ?? null,
      })),
      units: units.get(m.externalId) ?? {},
    })),
  );
}

/** Pairs items by an exact key first, then by a fallback key among those left; the rest stay single. */
function pair<T>(olds: readonly T[], news: readonly T[], exact: (x: T) => string, fallback: (x: T) => string) {
  const pairs: [T | null, T | null][] = [];
  const leftOld = new Set(olds.map((_, i) => i));
  const matchedNew = new Map<number, number>();
  for (const key of [exact, fallback]) {
    const byKey = new Map<string, number[]>();
    for (const i of leftOld) {
      const k = key(olds[i]!);
      byKey.set(k, [...(byKey.get(k) ?? []), i]);
    }
    news.forEach((n, j) => {
      if (matchedNew.has(j)) return;
      const candidates = byKey.get(key(n));
      const i = candidates?.shift();
      if (i === undefined) return;
      matchedNew.set(j, i);
      leftOld.delete(i);
    });
  }
  // In the revision's order, removed items placed where they used to be relative to their neighbours.
  let nextOld = 0;
  const flushRemovedBefore = (limit: number) => {
    for (; nextOld < limit; nextOld++) if (leftOld.has(nextOld)) pairs.push([olds[nextOld]!, null]);
  };
  news.forEach((n, j) => {
    const i = matchedNew.get(j);
    if (i !== undefined) {
      flushRemovedBefore(i);
      pairs.push([olds[i]!, n]);
    } else pairs.push([null, n]);
  });
  flushRemovedBefore(olds.length);
  return pairs;
}

function changesOf<T extends object>(old: T, next: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const a = old[field] as string | number | null;
    const b = next[field] as string | number | null;
    if (a !== b) out.push({ field, old: a, new: b });
  }
  return out;
}

const ACTION_FIELDS = ['text', 'deadlineType', 'dueDate'] as const;
const MEASURE_FIELDS = ['number', 'title', 'responsibilityRaw'] as const;

function diffActions(olds: readonly ShapeAction[], news: readonly ShapeAction[]): ActionDiff[] {
  const ordOf = (list: readonly ShapeAction[]) => new Map(list.map((a, i) => [a, String(i)]));
  const oldOrd = ordOf(olds);
  const newOrd = ordOf(news);
  return pair(
    olds,
    news,
    (a) => `t:${a.text}`,
    (a) => `o:${oldOrd.get(a) ?? newOrd.get(a)}`,
  ).map(([o, n]) => {
    if (!o) return { status: 'added', old: null, new: n, changes: [] };
    if (!n) return { status: 'removed', old: o, new: null, changes: [] };
    const changes = changesOf(o, n, ACTION_FIELDS);
    return { status: changes.length ? 'changed' : 'unchanged', old: o, new: n, changes };
  });
}

function diffUnits(olds: Record<string, AssignmentRole>, news: Record<string, AssignmentRole>): UnitDiff {
  const out: UnitDiff = { added: [], removed: [], roleChanged: [] };
  for (const [unitCode, role] of Object.entries(news).sort()) {
    const held = olds[unitCode];
    if (!held) out.added.push({ unitCode, role });
    else if (held !== role) out.roleChanged.push({ unitCode, old: held, new: role });
  }
  for (const [unitCode, role] of Object.entries(olds).sort()) {
    if (!(unitCode in news)) out.removed.push({ unitCode, role });
  }
  return out;
}

const head = ({ actions: _a, units: _u, ...rest }: ShapeMeasure) => rest;
const zero = (): Record<DiffStatus, number> => ({ added: 0, removed: 0, changed: 0, unchanged: 0 });

/** The revision's changes to a stored plan, measure by measure in the revision's order. */
export function diffRevision(stored: readonly ShapeMeasure[], revised: readonly ShapeMeasure[]): RevisionDiff {
  const summary: RevisionSummary = {
    measures: zero(),
    actions: zero(),
    assignments: { added: 0, removed: 0, roleChanged: 0 },
  };
  const measures = pair(
    stored,
    revised,
    (m) => `t:${m.title}`,
    (m) => `n:${m.number}`,
  ).map(([o, n]): MeasureDiff => {
    const actions = diffActions(o?.actions ?? [], n?.actions ?? []);
    const units = diffUnits(o?.units ?? {}, n?.units ?? {});
    for (const a of actions) summary.actions[a.status] += 1;
    summary.assignments.added += units.added.length;
    summary.assignments.removed += units.removed.length;
    summary.assignments.roleChanged += units.roleChanged.length;
    const changes = o && n ? changesOf(head(o), head(n), MEASURE_FIELDS) : [];
    const touched =
      changes.length > 0 ||
      actions.some((a) => a.status !== 'unchanged') ||
      units.added.length + units.removed.length + units.roleChanged.length > 0;
    const status: DiffStatus = !o ? 'added' : !n ? 'removed' : touched ? 'changed' : 'unchanged';
    summary.measures[status] += 1;
    return { status, old: o ? head(o) : null, new: n ? head(n) : null, changes, actions, units };
  });
  return { summary, measures };
}
