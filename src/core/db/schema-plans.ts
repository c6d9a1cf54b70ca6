import type { Generated } from 'kysely';
import type { Flag, Id } from './schema.js';

/** Tables of the plan supervision module (migration 0003); part of the one DB interface. */

export interface PlanTable {
  id: Id;
  code: string;
  title: string;
  year: number;
  doc_number: string | null;
  issuer_code: string | null;
  written_on: string | null;
  /** draft | published | closed | archived */
  status: string;
  parent_plan_id: number | null;
  district_code: string | null;
  settings_json: string;
  source_name: string | null;
  source_text: string;
  /** The parser's full result, kept for preview, warnings and revision diffs. */
  parse_json: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PlanSectionTable {
  id: Id;
  plan_id: number;
  ord: number;
  number: number;
  title: string | null;
}

export interface PlanMeasureTable {
  id: Id;
  plan_id: number;
  section_id: number;
  external_id: string;
  ord: number;
  number: number;
  title: string;
  responsibility_raw: string | null;
  non_exhaustive: Flag;
  weight_bp: number | null;
}

export interface PlanActionTable {
  id: Id;
  plan_id: number;
  measure_id: number;
  external_id: string;
  ord: number;
  text: string;
  deadline_type: string;
  due_date: string | null;
  deadline_rule: string | null;
  deadline_raw: string | null;
  mentions_districts: Flag;
  /** Comma-separated: assessment, midterm. */
  links: string;
  weight_bp: number | null;
}

export interface PlanPartyTable {
  id: Id;
  plan_id: number;
  measure_id: number;
  action_id: number | null;
  ord: number;
  name: string;
  unit_code: string | null;
  group_code: string | null;
  role: string;
}

export interface AssignmentTable {
  id: Id;
  plan_id: number;
  measure_id: number;
  action_id: number | null;
  external_id: string;
  unit_code: string;
  role: string;
  /** task | instruction | rectification */
  kind: string;
  deadline_type: string;
  due_date: string | null;
  cadence: string;
  state: string;
  /** Accepted progress in hundredths of a percent (0–10000). */
  progress: number;
  dispatched_on: string;
  signed_at: string | null;
  completed_at: string | null;
  /** Reason of the last objection, cancellation or reopening. */
  state_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProgressReportTable {
  id: Id;
  assignment_id: number;
  period: string;
  /** draft | submitted | accepted | returned */
  status: string;
  progress: number;
  narrative: string;
  issues: string | null;
  next_steps: string | null;
  /** JSON array of {name, target, actual}. */
  key_results: string;
  request_close: Flag;
  regress_reason: string | null;
  late: Flag;
  supersedes_id: number | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  return_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** Flagged by the reviewer as typical experience (典型经验) for the bulletin (migration 0006). */
  exemplary: Generated<Flag>;
  /** unit | import (an office progress figure from the Excel round trip; migration 0006). */
  origin: Generated<string>;
}

export interface ReportEvidenceTable {
  id: Id;
  report_id: number;
  file_id: number | null;
  url: string | null;
  name: string;
  created_at: string;
}

export interface CounterTable {
  key: string;
  value: number;
}

export interface PlanTables {
  plans: PlanTable;
  plan_sections: PlanSectionTable;
  plan_measures: PlanMeasureTable;
  plan_actions: PlanActionTable;
  plan_parties: PlanPartyTable;
  assignments: AssignmentTable;
  progress_reports: ProgressReportTable;
  report_evidence: ReportEvidenceTable;
  counters: CounterTable;
}

export interface SubPlanTable {
  id: Id;
  plan_id: number;
  district_code: string;
  /** not_started | draft | filed | returned | accepted */
  status: string;
  due_date: string;
  title: string | null;
  filed_at: string | null;
  late_days: number | null;
  decided_at: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SubPlanTaskTable {
  id: Id;
  sub_plan_id: number;
  measure_id: number;
  action_id: number | null;
  ord: number;
  title: string;
  dept_name: string | null;
  responsible_person: string | null;
  due_date: string | null;
}

export interface SubPlanExclusionTable {
  id: Id;
  sub_plan_id: number;
  measure_id: number;
  reason: string;
}

/** Tables of district implementation plans (migration 0005). */
export interface SubPlanTables {
  sub_plans: SubPlanTable;
  sub_plan_tasks: SubPlanTaskTable;
  sub_plan_exclusions: SubPlanExclusionTable;
}

export interface NoticeTable {
  id: Id;
  plan_id: number;
  assignment_id: number;
  unit_code: string;
  /** reminder | E1 | E2 | sign_reminder | report_reminder */
  level: string;
  /** level:subject, unique per assignment and day (R-S8). */
  notice_key: string;
  reason: string;
  run_day: string;
  due_date: string | null;
  /** Comma-separated: handler, unit_head, leader. */
  recipients: string;
  /** 督办〔2015〕7号 */
  no: string;
  year: number;
  seq: number;
  sent_at: string;
}

export interface NoticeMarkTable {
  id: Id;
  notice_id: number;
  user_id: number;
  read_at: string | null;
  ack_at: string | null;
}

export interface JobRunTable {
  id: Id;
  job: string;
  run_key: string;
  /** running | succeeded | failed */
  status: string;
  /** scheduler | cli | api */
  source: string;
  started_at: string;
  finished_at: string | null;
  result_json: string | null;
  error: string | null;
}

export interface BulletinTable {
  id: Id;
  plan_id: number;
  year: number;
  seq: number;
  no: string;
  period: string;
  as_of: string;
  /** draft | approved | issued */
  status: string;
  content_json: string;
  next_steps: string;
  created_by: number | null;
  approved_at: string | null;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Notices, job runs and bulletins (migration 0006). */
export interface NoticeTables {
  notices: NoticeTable;
  notice_marks: NoticeMarkTable;
  job_runs: JobRunTable;
  bulletins: BulletinTable;
}
