import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreditRecordTables, CreditRegistryTables } from './schema-credit.js';
import type { NoticeTables, PlanTables, SubPlanTables } from './schema-plans.js';

/**
 * The one typed database interface for both SQLite and PostgreSQL (stack.md §2).
 * Instants are ISO-8601 UTC strings, calendar dates YYYY-MM-DD, booleans 0/1, JSON text.
 */

/** 0 or 1; row mappers turn it into a boolean. */
export type Flag = number;
/** Identity key: generated on insert, a number when read. */
export type Id = Generated<number>;

export interface OrgUnitTable {
  id: Id;
  code: string;
  name: string;
  full_name: string | null;
  short_name: string | null;
  kind: string;
  parent_code: string | null;
  division_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successor_code: string | null;
  assessed: Flag;
  display_order: number;
  contact_person: string | null;
  contact_phone: string | null;
  note: string | null;
  search_text: string;
  search_terms: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OrgAliasTable {
  id: Id;
  unit_code: string;
  alias: string;
  /** Normalised form used for matching (NFKC, no spaces). */
  alias_norm: string;
  /** alias | full_name | former_name */
  source: string;
  created_at: string;
}

export interface OrgGroupTable {
  code: string;
  name: string;
  /** list | districts_valid_on | muni_depts | direct | chosen */
  rule: string;
  note: string | null;
  created_at: string;
}

export interface OrgGroupAliasTable {
  id: Id;
  group_code: string;
  alias: string;
  alias_norm: string;
}

export interface OrgGroupMemberTable {
  id: Id;
  group_code: string;
  unit_code: string;
  valid_from: string | null;
  valid_to: string | null;
}

export interface UserTable {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: Flag;
  is_demo: Flag;
  locale: string;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
}

export interface UserRoleTable {
  id: Id;
  user_id: number;
  role: string;
  /** Unit code (unit, reporter), enterprise credit code (enterprise), or null. */
  scope: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  id: Id;
  username: string;
  at: string;
  success: Flag;
  ip: string | null;
}

export interface ApiTokenTable {
  id: Id;
  user_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  /** JSON array of permission names the token may use. */
  permissions: string;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
  last_used_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  role: string | null;
  scope: string | null;
  source: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** One stored file per distinct content; the bytes live on disk under `sha256`. */
export interface FileTable {
  id: Id;
  sha256: string;
  size: number;
  mime: string;
  created_at: string;
  created_by: number | null;
}

/** Every table; each module's tables are declared in their own file and joined here. */
export interface DB extends PlanTables, SubPlanTables, NoticeTables, CreditRegistryTables, CreditRecordTables {
  org_units: OrgUnitTable;
  org_aliases: OrgAliasTable;
  org_groups: OrgGroupTable;
  org_group_aliases: OrgGroupAliasTable;
  org_group_members: OrgGroupMemberTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  files: FileTable;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type NewOrgUnit = Insertable<OrgUnitTable>;
export type OrgUnitUpdate = Updateable<OrgUnitTable>;
export type UserRow = Selectable<UserTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type FileRow = Selectable<FileTable>;
