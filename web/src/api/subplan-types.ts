/** Shapes of the district implementation plans (区市实施方案备案), following src/modules/plans/subplan.routes.ts. */

export type SubPlanStatus = 'not_started' | 'draft' | 'filed' | 'returned' | 'accepted';

export interface SubPlanSummary {
  id: number;
  districtCode: string;
  districtName: string;
  status: SubPlanStatus;
  dueDate: string;
  filedAt: string | null;
  lateDays: number | null;
  overdue: boolean;
  tasks: number;
  /** Share of the city's measures covered by a task or an exclusion, 0–100. */
  coverage: number;
  version: number;
}

export type SubPlanFindingCode =
  | 'TASK_NO_UNIT'
  | 'TASK_NO_PERSON'
  | 'TASK_NO_DEADLINE'
  | 'TASK_OUTSIDE_PLAN'
  | 'UNCOVERED_MEASURE';

export interface SubPlanFinding {
  code: SubPlanFindingCode;
  /** 1-based position of the task in `tasks`. */
  task?: number;
  measureId?: number;
  measureExternalId?: string | null;
}

export interface SubPlanTask {
  measureExternalId: string;
  actionExternalId?: string | null;
  title: string;
  deptName?: string | null;
  responsiblePerson?: string | null;
  dueDate?: string | null;
}

export interface SubPlanExclusion {
  measureExternalId: string;
  reason: string;
}

export interface SubPlanMeasure {
  externalId: string;
  number: number;
  title: string;
  actions: { externalId: string; text: string; mentionsDistricts: boolean }[];
}

export interface SubPlanDetail {
  id: number;
  planId: number;
  planCode: string;
  planTitle: string;
  districtCode: string;
  districtName: string;
  status: SubPlanStatus;
  title: string | null;
  dueDate: string;
  filedAt: string | null;
  lateDays: number | null;
  returnReason: string | null;
  version: number;
  coverage: number;
  findings: SubPlanFinding[];
  tasks: SubPlanTask[];
  exclusions: SubPlanExclusion[];
  measures: SubPlanMeasure[];
}

export interface SubPlanInput {
  version: number;
  title?: string;
  tasks: SubPlanTask[];
  exclusions: SubPlanExclusion[];
}
