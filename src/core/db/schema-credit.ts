import type { Flag, Id } from './schema.js';

/** Tables of the quality-credit module (migrations 0007 and 0008); part of the one DB interface. */

export interface EnterpriseTable {
  id: Id;
  uscc: string | null;
  registration_no: string | null;
  org_code: string | null;
  name: string;
  /** JSON array of {name, until}. */
  former_names: string;
  entity_type: string | null;
  legal_rep: string | null;
  legal_rep_id_hash: string | null;
  /** Registered capital in yuan × 100 (fen). */
  registered_capital: number | null;
  currency: string | null;
  established_on: string | null;
  operating_term_to: string | null;
  registration_authority: string | null;
  registration_region_code: string | null;
  district_code: string | null;
  address: string | null;
  business_scope: string | null;
  industry_code: string | null;
  /** active | revoked | deregistered | moved_out */
  status: string;
  status_date: string | null;
  code_warnings: string;
  source: string;
  source_record_id: string | null;
  last_synced_at: string | null;
  last_import_job_id: number | null;
  demo: Flag;
  /** Hundredths of a point. */
  score: number | null;
  grade: string | null;
  risk_class: string | null;
  scorecard_version: string | null;
  graded_at: string | null;
  list_flags: string;
  search_text: string;
  search_terms: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EnterpriseChangeTable {
  id: Id;
  enterprise_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: string;
  at: string;
}

export interface ImportJobTable {
  id: Id;
  kind: string;
  file_id: number | null;
  file_name: string;
  /** pending | running | completed | failed | cancelled */
  status: string;
  dry_run: Flag;
  total_rows: number | null;
  checkpoint_row: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  encoding: string | null;
  file_size: number | null;
  file_fingerprint: string | null;
  stored_sha256: string | null;
  warnings: number;
  error: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ImportRejectTable {
  id: Id;
  job_id: number;
  line: number;
  field: string | null;
  code: string;
  message: string;
  /** error | warning */
  severity: string;
}

/** The enterprise registry and its imports (migration 0007). */
export interface CreditRegistryTables {
  enterprises: EnterpriseTable;
  enterprise_changes: EnterpriseChangeTable;
  import_jobs: ImportJobTable;
  import_rejects: ImportRejectTable;
}

export interface RuleSetTable {
  id: Id;
  code: string;
  version: string;
  effective_from: string | null;
  effective_to: string | null;
  basis: string;
  params_json: string;
  applies_to_existing: Flag;
  /** draft | active | retired */
  status: string;
  created_at: string;
  updated_at: string;
  version_no: number;
}

export interface HolidayTable {
  day: string;
  /** holiday | workday */
  kind: string;
  name: string | null;
  year: number;
}

export interface CreditRecordTable {
  id: Id;
  enterprise_id: number;
  type: string;
  polarity: string;
  severity: string | null;
  source_module: string;
  source_record_id: string;
  authority: string | null;
  unit_code: string | null;
  document_no: string | null;
  legal_basis: string | null;
  summary: string;
  conduct_ended_on: string | null;
  decided_on: string | null;
  published_on: string | null;
  public_ends_on: string | null;
  visibility: string;
  status: string;
  rule_set_code: string | null;
  rule_set_version: string | null;
  data_flags: string;
  redacted_text: string | null;
  details_json: string;
  supersedes_id: number | null;
  demo: Flag;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CreditRecordFileTable {
  id: Id;
  record_id: number;
  file_id: number;
  name: string;
}

export interface ListEntryTable {
  id: Id;
  list_code: string;
  enterprise_id: number;
  person_name: string | null;
  state: string;
  ground: string | null;
  reason_category: string | null;
  rule_set_code: string;
  rule_set_version: string;
  unit_code: string | null;
  triggered_on: string | null;
  notified_on: string | null;
  statement_due_on: string | null;
  decided_on: string | null;
  listed_on: string | null;
  published_on: string | null;
  expires_on: string | null;
  repairable_from: string | null;
  removed_on: string | null;
  removal_reason: string | null;
  publish_due_on: string | null;
  escalation_on: string | null;
  escalation_warning_from: string | null;
  warned_on: string | null;
  linked_entry_id: number | null;
  judgment_json: string;
  measures_json: string;
  record_id: number | null;
  demo: Flag;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ListTransitionTable {
  id: Id;
  entry_id: number;
  from_state: string | null;
  to_state: string;
  on_day: string;
  at: string;
  actor_user_id: number | null;
  reason: string | null;
  documents_json: string;
  rule_set_version: string;
}

export interface ObjectionTable {
  id: Id;
  enterprise_id: number;
  record_id: number | null;
  entry_id: number | null;
  status: string;
  unit_code: string | null;
  filed_on: string;
  due_on: string;
  decided_on: string | null;
  reason: string;
  decision: string | null;
  escalated_on: string | null;
  filed_by: number | null;
  decided_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RepairApplicationTable {
  id: Id;
  enterprise_id: number;
  kind: string;
  record_id: number | null;
  entry_id: number | null;
  status: string;
  unit_code: string | null;
  applied_on: string;
  accept_due_on: string;
  decide_due_on: string | null;
  depublish_due_on: string | null;
  accepted_on: string | null;
  decided_on: string | null;
  depublished_on: string | null;
  earliest_on: string | null;
  checklist_json: string;
  commitment_signed: Flag;
  decision: string | null;
  created_by: number | null;
  decided_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An issued credit report: its content hash, for /verify/{reportId}. */
export interface CreditReportTable {
  id: string;
  enterprise_id: number;
  as_of: string;
  sha256: string;
  issued_at: string;
  issued_by: number | null;
}

export interface EnterpriseGradeTable {
  id: Id;
  enterprise_id: number;
  as_of: string;
  score: number;
  grade: string;
  risk_class: string;
  scorecard_version: string;
  explanation_json: string;
  at: string;
}

export interface InspectorTable {
  id: Id;
  code: string;
  name: string;
  unit_code: string | null;
  active: Flag;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InspectorConflictTable {
  inspector_id: number;
  enterprise_id: number;
  reason: string | null;
}

export interface InspectionDrawTable {
  id: Id;
  title: string;
  drawn_on: string;
  seed: string;
  rule_set_version: string;
  counts_json: string;
  load_cap: number;
  filter_json: string;
  frame_size: number;
  frame_hash: string;
  per_enterprise: number;
  selection_json: string;
  operator_id: number | null;
  created_at: string;
}

export interface InspectionDrawMemberTable {
  draw_id: number;
  position: number;
  enterprise_id: number;
  risk_class: string;
  inspectors: string;
}

export interface GradeRunTable {
  id: Id;
  as_of: string;
  scorecard_version: string;
  status: string;
  source: string;
  total: number;
  processed: number;
  changed: number;
  grade_changes: number;
  last_id: number;
  error: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** Credit records, rule sets, lists, objections, repair, grades and draws (migration 0008). */
export interface CreditRecordTables {
  rule_sets: RuleSetTable;
  holidays: HolidayTable;
  credit_records: CreditRecordTable;
  credit_record_files: CreditRecordFileTable;
  list_entries: ListEntryTable;
  list_transitions: ListTransitionTable;
  objections: ObjectionTable;
  repair_applications: RepairApplicationTable;
  credit_reports: CreditReportTable;
  enterprise_grades: EnterpriseGradeTable;
  inspectors: InspectorTable;
  inspector_conflicts: InspectorConflictTable;
  inspection_draws: InspectionDrawTable;
  inspection_draw_members: InspectionDrawMemberTable;
  grade_runs: GradeRunTable;
}
