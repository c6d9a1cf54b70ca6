/**
 * What publishing a parsed plan creates (R-S1, R-ORG-3): the stored structure and one assignment per
 * responsible unit and measure (or action). Pure: the caller writes the rows in one transaction.
 */

import { expandGroup, type Registry } from '../../orgs/resolve.js';
import type { Action, Deadline, Measure, ParseResult, Party } from '../parser/types.js';
import type { AssignmentMode, AssignmentRole } from './settings.js';

export interface PublishedAction {
  externalId: string;
  ord: number;
  text: string;
  deadline: Deadline;
  mentionsDistricts: boolean;
  links: string[];
}

export interface PublishedParty {
  ord: number;
  name: string;
  unitCode: string | null;
  groupCode: string | null;
  role: string;
  /** The action this party belongs to when the action names its own units. */
  actionExternalId: string | null;
}

export interface PublishedMeasure {
  externalId: string;
  ord: number;
  number: number;
  title: string;
  responsibilityRaw: string | null;
  nonExhaustive: boolean;
  actions: PublishedAction[];
  parties: PublishedParty[];
}

export interface PublishedSection {
  ord: number;
  number: number;
  title: string | null;
  measures: PublishedMeasure[];
}

export interface PlannedAssignment {
  externalId: string;
  measureExternalId: string;
  actionExternalId: string | null;
  unitCode: string;
  role: AssignmentRole;
  deadlineType: Deadline['type'];
  dueDate: string | null;
}

export interface Publication {
  sections: PublishedSection[];
  assignments: PlannedAssignment[];
}

const ROLE_RANK: Record<AssignmentRole, number> = { lead: 3, co: 2, shared: 1 };

function assignmentRole(role: string): AssignmentRole | null {
  return role === 'lead' || role === 'co' || role === 'shared' ? role : null;
}

/**
 * Units and their roles for a list of parties on a date: explicit units first, then groups expanded
 * (skipping units that already hold a role); one role per unit, the strongest kept. Cascade parties
 * (each government implements in its own area) become sub-plan obligations, not assignments.
 */
export function unitRoles(parties: readonly Party[], date: string, registry: Registry): Map<string, AssignmentRole> {
  const roles = new Map<string, AssignmentRole>();
  const give = (code: string, role: AssignmentRole, override: boolean) => {
    const held = roles.get(code);
    if (!held || (override && ROLE_RANK[role] > ROLE_RANK[held])) roles.set(code, role);
  };
  for (const p of parties) {
    const role = assignmentRole(p.role);
    if (p.kind === 'unit' && p.code && role) give(p.code, role, true);
  }
  for (const p of parties) {
    const role = assignmentRole(p.role);
    if (p.kind === 'group' && p.code && role)
      for (const code of expandGroup(p.code, date, registry)) give(code, role, false);
  }
  return roles;
}

/** The latest due date among actions, with the type of the deadline that sets it. */
export function measureDeadline(actions: readonly { deadline: Deadline }[]): {
  type: Deadline['type'];
  due: string | null;
} {
  let best: Deadline | null = null;
  for (const a of actions) {
    if (a.deadline.due && (!best?.due || a.deadline.due > best.due)) best = a.deadline;
  }
  if (best) return { type: best.type, due: best.due ?? null };
  return { type: actions[0]?.deadline.type ?? 'unscheduled', due: null };
}

function publishAction(a: Action): PublishedAction {
  return {
    externalId: a.externalId,
    ord: a.ord,
    text: a.text,
    deadline: a.deadline,
    mentionsDistricts: a.flags.mentionsDistricts,
    links: a.flags.links,
  };
}

function publishParties(m: Measure): PublishedParty[] {
  const out: PublishedParty[] = [];
  const add = (p: Party, actionExternalId: string | null) =>
    out.push({
      ord: out.length + 1,
      name: p.name,
      unitCode: p.kind === 'unit' ? (p.code ?? null) : null,
      groupCode: p.kind === 'group' ? (p.code ?? null) : null,
      role: p.role,
      actionExternalId,
    });
  for (const p of m.responsibility?.parties ?? []) add(p, null);
  for (const a of m.actions) for (const p of a.responsibility?.parties ?? []) add(p, a.externalId);
  return out;
}

/** Builds the structure and assignments of a plan published (dispatched) on `dispatchDate`. */
export function planPublication(
  parse: ParseResult,
  registry: Registry,
  options: { dispatchDate: string; mode: AssignmentMode },
): Publication {
  const sections: PublishedSection[] = [];
  const assignments: PlannedAssignment[] = [];
  for (const s of parse.sections) {
    const measures: PublishedMeasure[] = [];
    for (const m of s.measures) {
      measures.push({
        externalId: m.externalId,
        ord: m.ordinal,
        number: m.number,
        title: m.title.text,
        responsibilityRaw: m.responsibility?.parts.map((p) => p.raw).join('') ?? null,
        nonExhaustive: m.responsibility?.nonExhaustive ?? false,
        actions: m.actions.map(publishAction),
        parties: publishParties(m),
      });
      const measureParties = m.responsibility?.parties ?? [];
      if (options.mode === 'perMeasure') {
        const deadline = measureDeadline(m.actions);
        for (const [unitCode, role] of unitRoles(measureParties, options.dispatchDate, registry)) {
          assignments.push({
            externalId: `${m.externalId}-${unitCode}`,
            measureExternalId: m.externalId,
            actionExternalId: null,
            unitCode,
            role,
            deadlineType: deadline.type,
            dueDate: deadline.due,
          });
        }
      } else {
        for (const a of m.actions) {
          const parties = a.responsibility?.parties ?? measureParties;
          for (const [unitCode, role] of unitRoles(parties, options.dispatchDate, registry)) {
            assignments.push({
              externalId: `${a.externalId}-${unitCode}`,
              measureExternalId: m.externalId,
              actionExternalId: a.externalId,
              unitCode,
              role,
              deadlineType: a.deadline.type,
              dueDate: a.deadline.due ?? null,
            });
          }
        }
      }
    }
    sections.push({ ord: s.ordinal, number: s.number, title: s.title?.text ?? null, measures });
  }
  return { sections, assignments };
}

/** Issues that block publishing (R-P11 errors), as `{code, message, offset}`. */
export function blockingIssues(parse: ParseResult) {
  return parse.warnings.filter((w) => w.severity === 'error');
}
