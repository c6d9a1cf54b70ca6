import type { Updateable } from 'kysely';
import { shanghaiDate } from '../../core/clock.js';
import type { AssignmentTable } from '../../core/db/schema-plans.js';
import type { listAssignments } from './assignment.repository.js';
import type { SortableItem } from './assignment.view.js';
import type { AssignmentState } from './domain/lifecycle.js';
import type { SheetName, Value } from './domain/roundtrip.js';
import type { CurrentPlan, PlannedRow } from './domain/roundtrip-model.js';
import type * as repo from './roundtrip.repository.js';

/** Pure mapping between the round trip's stored rows and its domain shapes (R-S13). */

export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];
type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** The rows a round trip reads, as the repositories return them. */
export interface StoredPlan {
  sections: Rows<typeof repo.sectionsOf>;
  measures: Rows<typeof repo.measuresOf>;
  actions: Rows<typeof repo.actionsOf>;
  rows: AssignmentRow[];
  submissions: Rows<typeof repo.lastSubmissions>;
  units: Rows<typeof repo.assignableUnits>;
  /** List items at the default as-of day, for each assignment's light. */
  items: SortableItem[];
}

/** The stored plan in the shape the comparison takes. */
export function toCurrentPlan(
  head: { code: string; settings_json: string },
  stored: StoredPlan,
  cadenceOf: (settingsJson: string) => string,
): CurrentPlan {
  const { sections, measures, actions, rows, submissions, units, items } = stored;
  const lights = new Map(items.map((i) => [i.id, i.light.code]));
  const submitted = new Map(submissions.map((s) => [Number(s.assignment_id), s.last_submitted_at as string | null]));
  const actionExt = new Map(actions.map((a) => [Number(a.id), a.external_id]));
  return {
    code: head.code,
    sectionNos: sections.map((s) => Number(s.number)),
    measures: measures.map((m) => ({
      id: Number(m.id),
      externalId: m.external_id,
      sectionNo: Number(m.section_number),
      no: Number(m.number),
      ord: Number(m.ord),
      title: m.title,
      weightBp: m.weight_bp === null ? null : Number(m.weight_bp),
      responsibilityRaw: m.responsibility_raw,
    })),
    actions: actions.map((a) => ({
      id: Number(a.id),
      externalId: a.external_id,
      measureExternalId: a.measure_external_id,
      ord: Number(a.ord),
      text: a.text,
      deadlineType: a.deadline_type,
      dueDate: a.due_date,
      weightBp: a.weight_bp === null ? null : Number(a.weight_bp),
    })),
    assignments: rows.map((r) => {
      const last = submitted.get(Number(r.id));
      return {
        id: Number(r.id),
        externalId: r.external_id,
        measureExternalId: r.measure_external_id,
        actionExternalId: r.action_id === null ? null : (actionExt.get(Number(r.action_id)) ?? null),
        unitCode: r.unit_code,
        unitName: r.unit_name,
        role: r.role,
        deadlineType: r.deadline_type,
        dueDate: r.due_date,
        cadence: r.cadence,
        state: r.state as AssignmentState,
        progress: Number(r.progress),
        light: lights.get(Number(r.id)) ?? '',
        lastReportOn: last ? shanghaiDate(new Date(last)) : null,
        note: r.state_reason,
      };
    }),
    units: new Map(units.map((u) => [u.code, u.name])),
    defaultCadence: cadenceOf(head.settings_json),
  };
}

/** The audit entity type of a sheet's rows. */
export const entityOf = (sheet: SheetName) =>
  sheet === 'measures' ? 'measure' : sheet === 'actions' ? 'action' : 'assignment';
/** A cell as nullable text. */
export const text = (v: Value | undefined) => (v === null || v === undefined ? null : String(v));
/** A cell as a nullable number. */
export const num = (v: Value | undefined) => (v === null || v === undefined ? null : Number(v));
/** One side (old or new) of a row's changes, for the audit row. */
export const side = (r: PlannedRow, key: 'old' | 'new') => Object.fromEntries(r.changes.map((c) => [c.field, c[key]]));

/**
 * The assignment columns an import row writes, with what its lifecycle step implies, as the transition
 * endpoint does: uphold and reopening to 交办 restart the sign clock today; reopening clears completion.
 */
export function assignmentValues(
  r: PlannedRow,
  row: AssignmentRow,
  today: string,
): Omit<Updateable<AssignmentTable>, 'id' | 'version' | 'updated_at'> {
  const s = r.set;
  const values: Omit<Updateable<AssignmentTable>, 'id' | 'version' | 'updated_at'> = {};
  for (const key of ['role', 'deadline_type', 'cadence', 'state'] as const) {
    if (key in s) values[key] = String(s[key]);
  }
  if ('due_date' in s) values.due_date = text(s.due_date);
  if ('progress' in s) values.progress = Number(s.progress);
  if ('state_reason' in s) values.state_reason = text(s.state_reason);
  if (r.event === 'uphold') Object.assign(values, { dispatched_on: today, state_reason: r.reason });
  if (r.event === 'reopen') {
    Object.assign(values, { state_reason: r.reason, completed_at: null });
    if (values.state === 'dispatched') Object.assign(values, { dispatched_on: today, signed_at: null });
  }
  if (r.event === 'cancel') values.state_reason = r.reason;
  // Keep only real changes, so the audit row lists what moved.
  for (const [k, v] of Object.entries(values)) {
    if ((row as Record<string, unknown>)[k] === v) delete (values as Record<string, unknown>)[k];
  }
  return values;
}
