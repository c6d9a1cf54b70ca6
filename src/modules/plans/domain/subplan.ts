/**
 * District implementation plans (R-S10, 备案): which findings block filing, how much of the city plan a
 * district covers, the filing lifecycle and lateness. Pure.
 */

import { daysBetween } from './periods.js';

export const SUB_PLAN_STATES = ['not_started', 'draft', 'filed', 'returned', 'accepted'] as const;
export type SubPlanState = (typeof SUB_PLAN_STATES)[number];
export type SubPlanEvent = 'save' | 'file' | 'return' | 'accept';

const NEXT: Record<SubPlanState, Partial<Record<SubPlanEvent, SubPlanState>>> = {
  not_started: { save: 'draft' },
  draft: { save: 'draft', file: 'filed' },
  returned: { save: 'returned', file: 'filed' },
  filed: { return: 'returned', accept: 'accepted' },
  accepted: {},
};

/** The state after an event, or null when the event is not allowed in that state. */
export function subPlanTransition(state: SubPlanState, event: SubPlanEvent): SubPlanState | null {
  return NEXT[state][event] ?? null;
}

export interface SubPlanTaskInput {
  measureId: number;
  title: string;
  deptName: string | null;
  responsiblePerson: string | null;
  dueDate: string | null;
}

export interface SubPlanFinding {
  code: 'TASK_NO_UNIT' | 'TASK_NO_PERSON' | 'TASK_NO_DEADLINE' | 'TASK_OUTSIDE_PLAN' | 'UNCOVERED_MEASURE';
  /** 1-based task position, for task findings. */
  task?: number;
  measureId?: number;
}

/**
 * Findings that block filing: every task names its district department, a responsible person and a
 * deadline inside the plan year (细化任务, 明确时限); every city measure is covered by a task or marked
 * not applicable with a reason.
 */
export function subPlanFindings(
  tasks: readonly SubPlanTaskInput[],
  excludedMeasureIds: readonly number[],
  cityMeasureIds: readonly number[],
  planYear: number,
): SubPlanFinding[] {
  const findings: SubPlanFinding[] = [];
  tasks.forEach((t, i) => {
    const task = i + 1;
    if (!cityMeasureIds.includes(t.measureId)) findings.push({ code: 'TASK_OUTSIDE_PLAN', task });
    if (!t.deptName?.trim()) findings.push({ code: 'TASK_NO_UNIT', task });
    if (!t.responsiblePerson?.trim()) findings.push({ code: 'TASK_NO_PERSON', task });
    if (!t.dueDate || Number(t.dueDate.slice(0, 4)) !== planYear) findings.push({ code: 'TASK_NO_DEADLINE', task });
  });
  const covered = new Set([...tasks.map((t) => t.measureId), ...excludedMeasureIds]);
  for (const id of cityMeasureIds) if (!covered.has(id)) findings.push({ code: 'UNCOVERED_MEASURE', measureId: id });
  return findings;
}

/** Share of city measures with at least one district task (not-applicable ones excluded), 0–100, 1 decimal. */
export function coverage(
  tasks: readonly { measureId: number }[],
  excludedMeasureIds: readonly number[],
  cityMeasureIds: readonly number[],
): number {
  const applicable = cityMeasureIds.filter((id) => !excludedMeasureIds.includes(id));
  if (applicable.length === 0) return 100;
  const withTask = new Set(tasks.map((t) => t.measureId));
  const covered = applicable.filter((id) => withTask.has(id)).length;
  return Math.round((covered / applicable.length) * 1000) / 10;
}

/** Days a filing came after its due day (0 when on time). */
export function lateDays(due: string, filedOn: string): number {
  return Math.max(0, daysBetween(due, filedOn));
}
