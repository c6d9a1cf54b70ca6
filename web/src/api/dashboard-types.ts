import type { LightCode } from './plan-types';

/** Light counts keyed by light code. */
export type LightCounts = Partial<Record<LightCode, number>>;

export interface DashboardPlan {
  id: number;
  code: string;
  title: string;
  colourScheme: string;
  progress: number | null;
  lights: LightCounts;
  assignments: number;
  signedPct: number | null;
  onTimeReportRate: number | null;
  donePct: number | null;
  overdue: number;
}

export interface DashboardMeasure {
  id: number;
  externalId: string;
  number: number;
  title: string;
  sectionNumber: number;
  progress: number | null;
  lights: LightCounts;
  worst: LightCode | null;
  nextDue: string | null;
  /** Unit codes in display order. */
  units: string[];
}

export interface DashboardUnit {
  unitCode: string;
  unitName: string;
  kind: string;
  assignments: number;
  signedPct: number | null;
  onTimeReportRate: number | null;
  donePct: number | null;
  overdue: number;
  progress: number | null;
  worst: LightCode | null;
}

export interface HeatmapCell {
  unitCode: string;
  measureExternalId: string;
  light: LightCode;
  progress: number | null;
}

export interface DashboardOverdue {
  assignmentId: number;
  externalId: string;
  unitCode: string;
  unitName: string;
  measureTitle: string;
  dueDate: string;
  daysOverdue: number;
  level: 'E1' | 'E2' | null;
}

export interface DashboardTrend {
  month: string;
  progress: number | null;
  reportsSubmitted: number;
  reportsAccepted: number;
}

export interface Dashboard {
  asOf: string;
  plan: DashboardPlan;
  measures: DashboardMeasure[];
  units: DashboardUnit[];
  heatmap: {
    units: { code: string; name: string }[];
    measures: { externalId: string; number: number; title: string }[];
    cells: HeatmapCell[];
  };
  overdue: DashboardOverdue[];
  trend: DashboardTrend[];
}

export interface CompareChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface CompareSnapshot {
  id: string;
  title?: string;
  state?: string;
  progress?: number | null;
  light?: LightCode | null;
  due?: string | null;
  units?: string[];
  lastReportOn?: string | null;
}

export interface CompareRow {
  /** Assignment external id. */
  id: string;
  assignmentId: number;
  unitCode: string;
  unitName: string;
  measureExternalId: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  changes: CompareChange[];
  summary: string;
  enteredRed: boolean;
  leftRed: boolean;
  from?: CompareSnapshot;
  to?: CompareSnapshot;
}

export interface CompareResult {
  from: string;
  to: string;
  rows: CompareRow[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
}
