/**
 * Shapes of the server's JSON, as documented in the API contract.
 * Once the server's TypeBox schemas settle these can become type-only imports from src/modules/x/schema.ts.
 */

export type Role = 'admin' | 'unit' | 'leader' | 'assessor' | 'enterprise' | 'reporter';
export const ROLES: readonly Role[] = ['admin', 'unit', 'leader', 'assessor', 'enterprise', 'reporter'];
/** Roles whose scope is an org unit code. */
export const ORG_SCOPED_ROLES: readonly Role[] = ['unit', 'reporter'];

export interface RoleGrant {
  role: Role;
  scope: string | null;
  scopeName: string | null;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  locale: string;
  roles: RoleGrant[];
  permissions: string[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface DemoAccount {
  username: string;
  password: string;
  label: string;
}

export interface Meta {
  name: string;
  version: string;
  demo: boolean;
  /** The date dashboards and lights are seen at by default (inside the plan year in demo mode). */
  asOf: string;
  demoAccounts?: DemoAccount[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type AliasSource = 'alias' | 'full_name' | 'former_name';

export interface OrgAlias {
  id: number;
  alias: string;
  source: AliasSource;
}

export interface OrgUnit {
  code: string;
  name: string;
  fullName: string | null;
  shortName: string | null;
  kind: string;
  parentCode: string | null;
  divisionCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  assessed: boolean;
  displayOrder: number | null;
  contactPerson: string | null;
  contactPhone: string | null;
  note: string | null;
  aliases: OrgAlias[];
  version: number;
}

export interface OrgKindCount {
  kind: string;
  count: number;
}

export interface OrgCreate {
  code: string;
  name: string;
  kind: string;
  fullName?: string;
  shortName?: string;
  parentCode?: string;
  divisionCode?: string;
  validFrom?: string;
  assessed?: boolean;
  note?: string;
  aliases?: string[];
}

export interface OrgPatch {
  version: number;
  fullName?: string | null;
  shortName?: string | null;
  parentCode?: string | null;
  divisionCode?: string | null;
  validFrom?: string | null;
  assessed?: boolean;
  note?: string | null;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  isDemo: boolean;
  roles: RoleGrant[];
  createdAt: string;
}

export interface RoleInput {
  role: Role;
  scope: string | null;
}

export interface UserCreate {
  username: string;
  displayName: string;
  password: string;
  roles: RoleInput[];
}

export interface UserPatch {
  displayName?: string;
  roles?: RoleInput[];
  disabled?: boolean;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  permissions: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedToken extends ApiToken {
  token: string;
}

export interface TokenPermission {
  permission: string;
  description: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorName: string | null;
  role: string | null;
  scope: string | null;
  source: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  brokenSeq: number | null;
}

/** Query-string values a list endpoint accepts; empty values are dropped. */
export type ListParams = Record<string, string | number | undefined>;
