/**
 * Shapes of the plan module's JSON (import, preview, publish, assignments, reports, dashboards),
 * following src/modules/plans/*.schema.ts and the API contract.
 */

export type PlanStatus = 'draft' | 'published' | 'closed' | 'archived';

export interface PlanSummary {
  id: number;
  code: string;
  title: string;
  year: number;
  docNumber: string | null;
  issuerCode: string | null;
  writtenOn: string | null;
  status: PlanStatus;
  districtCode: string | null;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
}

export type Cadence = 'monthly' | 'quarterly' | 'adhoc';
export type AssignmentMode = 'perMeasure' | 'perAction';

/** The effective settings; only the ones the UI edits are typed, the rest passes through. */
export interface PlanSettings {
  signDays: number;
  nearDays: number;
  tolerance: number;
  cadence: Cadence;
  reportDueDay: number;
  narrativeMinLength: number;
  assignmentMode: AssignmentMode;
  colourScheme: 'sanse' | 'classic';
  stateLabels?: Record<string, string>;
  [key: string]: unknown;
}

export interface PlanWarning {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  offset: number | null;
  data: Record<string, unknown> | null;
}

export interface PlanAction {
  externalId: string;
  ord: number;
  text: string;
  deadlineType: string;
  due: string | null;
  deadlineRaw: string;
  links: string[];
}

export type PartyRole = 'lead' | 'co' | 'shared' | 'cascade';

export interface PlanParty {
  ord: number;
  name: string;
  unitCode: string | null;
  unitName: string | null;
  groupCode: string | null;
  role: PartyRole;
  actionExternalId: string | null;
}

export interface PlanMeasureAssignment {
  externalId: string;
  unitCode: string;
  unitName: string | null;
  role: string;
}

export interface PlanMeasure {
  externalId: string;
  ord: number;
  number: number;
  title: string;
  responsibilityRaw: string | null;
  nonExhaustive: boolean;
  actions: PlanAction[];
  parties: PlanParty[];
  assignments: PlanMeasureAssignment[];
}

export interface PlanSection {
  ord: number;
  number: number;
  title: string | null;
  measures: PlanMeasure[];
}

export interface PlanCounts {
  sections: number;
  measures: number;
  actions: number;
  units: number;
  unitRefs: number;
  groupRefs: number;
  assignments: number;
}

export interface PlanDetail extends PlanSummary {
  sourceName: string | null;
  settings: PlanSettings;
  header: {
    docNumber: string | null;
    issuer: { name: string; code: string | null } | null;
    writtenOn: string | null;
    publishedOn: string | null;
    noticeTitle: string | null;
    addressees: string[];
  };
  basis: { title: string; docNumber: string | null; issuer: string | null }[];
  closing: string[];
  obligations: { districtCode: string; districtName: string }[];
  counts: PlanCounts;
  warnings: PlanWarning[];
  blocking: number;
  sections: PlanSection[];
}

export interface PlanImportText {
  text: string;
  sourceName?: string;
  code?: string;
  year?: number;
}

export type LightCode = 'ON_TRACK' | 'NEAR' | 'BEHIND' | 'OVERDUE' | 'DONE' | 'NOT_SET';
export const LIGHT_CODES: readonly LightCode[] = ['OVERDUE', 'BEHIND', 'NEAR', 'ON_TRACK', 'DONE', 'NOT_SET'];

export interface Light {
  code: LightCode;
  colour?: string;
  reasons: string[];
  expected?: number | null;
}

export const ASSIGNMENT_STATES = [
  'registered',
  'dispatched',
  'disputed',
  'signed',
  'in_progress',
  'completion_requested',
  'completed',
  'closed',
  'cancelled',
] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

export interface AssignmentItem {
  id: number;
  externalId: string;
  planId: number;
  planCode: string;
  measureId: number;
  measureExternalId: string;
  measureNumber: number;
  measureTitle: string;
  unitCode: string;
  unitName: string;
  role: string;
  kind: string;
  state: AssignmentState;
  /** Last accepted progress, 0–100. */
  progress: number;
  deadlineType: string;
  dueDate: string | null;
  dispatchedOn: string;
  signedAt: string | null;
  light: Light;
  lastReport: { id: number; period: string; status: ReportStatus; submittedAt: string | null } | null;
  pendingReview: boolean;
  version: number;
}

export type PeriodStatus = 'missing' | 'draft' | 'submitted' | 'accepted' | 'returned';

export interface AssignmentPeriod {
  key: string;
  opens: string;
  due: string;
  status: PeriodStatus;
  late: boolean;
  reportId: number | null;
}

export interface ReportSummary {
  id: number;
  period: string;
  status: ReportStatus;
  progress: number;
  late: boolean;
  requestClose: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  supersedesId: number | null;
  version: number;
  /** unit, or import: a progress figure the office set by Excel import. */
  origin: string;
}

export interface AssignmentDetail extends AssignmentItem {
  stateReason: string | null;
  completedAt: string | null;
  asOf: string;
  measure: {
    externalId: string;
    number: number;
    title: string;
    actions: { externalId: string; text: string; dueDate: string | null; deadlineType: string }[];
  };
  plan: { id: number; code: string; title: string };
  periods: AssignmentPeriod[];
  allowedEvents: TransitionEvent[];
  canReport: boolean;
  /** Newest first. */
  reports: ReportSummary[];
}

export type TransitionEvent = 'sign' | 'dispute' | 'uphold' | 'cancel' | 'reopen' | 'close';

export interface KeyResult {
  name: string;
  target: string;
  actual: string;
}

export interface Evidence {
  id: number;
  kind: 'file' | 'link';
  name: string;
  fileId: number | null;
  url: string | null;
  mime: string | null;
  size: number | null;
  createdAt: string;
}

/** A report as lists show it (the review queue is status=submitted). */
export interface ReportListItem {
  id: number;
  assignmentId: number;
  assignmentExternalId: string;
  planId: number;
  unitCode: string;
  unitName: string;
  measureNumber: number;
  measureTitle: string;
  period: string;
  status: ReportStatus;
  progress: number;
  late: boolean;
  requestClose: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  updatedAt: string;
  version: number;
}

export type ReportAction = 'edit' | 'submit' | 'accept' | 'return';

export interface ReportDetail extends ReportListItem {
  narrative: string;
  issues: string | null;
  nextSteps: string | null;
  keyResults: KeyResult[];
  regressReason: string | null;
  supersedesId: number | null;
  reviewedBy: number | null;
  createdAt: string;
  evidence: Evidence[];
  allowedActions: ReportAction[];
}

export type EvidenceInput = { fileId: number; name: string } | { url: string; name: string };

export interface ReportInput {
  period?: string;
  progress: number;
  narrative: string;
  issues?: string | null;
  nextSteps?: string | null;
  keyResults?: KeyResult[];
  requestClose?: boolean;
  regressReason?: string | null;
  evidence?: EvidenceInput[];
  submit?: boolean;
}

export interface FileInfo {
  id: number;
  sha256: string;
  size: number;
  mime: string;
}
