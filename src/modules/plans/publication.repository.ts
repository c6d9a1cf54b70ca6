import type { Kysely } from 'kysely';
import { toFlag } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { Publication } from './domain/publication.js';
import {
  actionsOf,
  assignmentsOfPlan,
  insertAction,
  insertAssignments,
  insertMeasure,
  insertParties,
  insertSection,
  measuresOf,
  partiesOf,
  sectionsOf,
} from './plan.repository.js';

/** Writes a publication: sections, measures, actions, parties and dispatched assignments (inside the caller's transaction). */
export async function writePublication(
  db: Kysely<DB>,
  input: { planId: number; publication: Publication; cadence: string; dispatchDate: string; at: string },
): Promise<void> {
  const measureIds = new Map<string, number>();
  const actionIds = new Map<string, number>();
  for (const s of input.publication.sections) {
    const sectionId = await insertSection(db, { plan_id: input.planId, ord: s.ord, number: s.number, title: s.title });
    for (const m of s.measures) {
      const measureId = await insertMeasure(db, {
        plan_id: input.planId,
        section_id: sectionId,
        external_id: m.externalId,
        ord: m.ord,
        number: m.number,
        title: m.title,
        responsibility_raw: m.responsibilityRaw,
        non_exhaustive: toFlag(m.nonExhaustive),
        weight_bp: null,
      });
      measureIds.set(m.externalId, measureId);
      for (const a of m.actions) {
        actionIds.set(
          a.externalId,
          await insertAction(db, {
            plan_id: input.planId,
            measure_id: measureId,
            external_id: a.externalId,
            ord: a.ord,
            text: a.text,
            deadline_type: a.deadline.type,
            due_date: a.deadline.due ?? null,
            deadline_rule: a.deadline.rule ? JSON.stringify(a.deadline.rule) : null,
            deadline_raw: a.deadline.raw || null,
            mentions_districts: toFlag(a.mentionsDistricts),
            links: a.links.join(','),
            weight_bp: null,
          }),
        );
      }
      await insertParties(
        db,
        m.parties.map((p) => ({
          plan_id: input.planId,
          measure_id: measureId,
          action_id: p.actionExternalId ? (actionIds.get(p.actionExternalId) ?? null) : null,
          ord: p.ord,
          name: p.name,
          unit_code: p.unitCode,
          group_code: p.groupCode,
          role: p.role,
        })),
      );
    }
  }
  await insertAssignments(
    db,
    input.publication.assignments.map((a) => ({
      plan_id: input.planId,
      measure_id: measureIds.get(a.measureExternalId)!,
      action_id: a.actionExternalId ? (actionIds.get(a.actionExternalId) ?? null) : null,
      external_id: a.externalId,
      unit_code: a.unitCode,
      role: a.role,
      kind: 'task',
      deadline_type: a.deadlineType,
      due_date: a.dueDate,
      cadence: input.cadence,
      state: 'dispatched',
      progress: 0,
      dispatched_on: input.dispatchDate,
      signed_at: null,
      completed_at: null,
      state_reason: null,
      created_at: input.at,
      updated_at: input.at,
      version: 1,
    })),
  );
}

/** A published plan's stored structure and assignments, in the shape publishing produced them. */
export async function readPublication(db: Kysely<DB>, planId: number): Promise<Publication> {
  const [sections, measures, actions, parties, assignments] = await Promise.all([
    sectionsOf(db, planId),
    measuresOf(db, planId),
    actionsOf(db, planId),
    partiesOf(db, planId),
    assignmentsOfPlan(db, planId),
  ]);
  const actionExt = new Map(actions.map((a) => [Number(a.id), a.external_id]));
  const measureExt = new Map(measures.map((m) => [Number(m.id), m.external_id]));
  return {
    sections: sections.map((s) => ({
      ord: Number(s.ord),
      number: Number(s.number),
      title: s.title,
      measures: measures
        .filter((m) => Number(m.section_id) === Number(s.id))
        .map((m) => ({
          externalId: m.external_id,
          ord: Number(m.ord),
          number: Number(m.number),
          title: m.title,
          responsibilityRaw: m.responsibility_raw,
          nonExhaustive: Boolean(m.non_exhaustive),
          actions: actions
            .filter((a) => Number(a.measure_id) === Number(m.id))
            .map((a) => ({
              externalId: a.external_id,
              ord: Number(a.ord),
              text: a.text,
              deadline: {
                type: a.deadline_type as never,
                due: a.due_date ?? undefined,
                raw: a.deadline_raw ?? '',
                source: 'text' as const,
              },
              mentionsDistricts: Boolean(a.mentions_districts),
              links: a.links ? a.links.split(',') : [],
            })),
          parties: parties
            .filter((p) => Number(p.measure_id) === Number(m.id))
            .map((p) => ({
              ord: Number(p.ord),
              name: p.name,
              unitCode: p.unit_code,
              groupCode: p.group_code,
              role: p.role,
              actionExternalId: p.action_id === null ? null : (actionExt.get(Number(p.action_id)) ?? null),
            })),
        })),
    })),
    assignments: assignments.map((a) => ({
      externalId: a.external_id,
      measureExternalId: measureExt.get(Number(a.measure_id)) ?? '',
      actionExternalId: a.action_id === null ? null : (actionExt.get(Number(a.action_id)) ?? null),
      unitCode: a.unit_code,
      role: a.role as never,
      deadlineType: a.deadline_type as never,
      dueDate: a.due_date,
    })),
  };
}
