import type { Actor, RequestContext, RoleGrant } from '../context.js';
import { QcError } from '../errors.js';
import type { Role } from './roles.js';

/**
 * How a role may use a permission: on everything, or only on targets in its own scope.
 * Anything not listed is denied.
 */
export type Rule = 'all' | 'own-unit' | 'own-enterprise' | 'own-hospital';

/** What a permission is checked against: the unit, enterprise or hospital a record belongs to. */
export interface AccessTarget {
  unitCode?: string | null;
  enterpriseCode?: string | null;
  hospitalCode?: string | null;
}

/** The declared access policy: permission → role → rule. Later modules add their permissions here. */
export const POLICY = {
  'orgs.read': { admin: 'all', unit: 'all', leader: 'all', assessor: 'all' },
  'orgs.manage': { admin: 'all' },
  'orgs.contact.edit': { admin: 'all', unit: 'own-unit' },
  'orgs.staff.read': { admin: 'all', leader: 'all', unit: 'own-unit' },
  'users.manage': { admin: 'all' },
  'tokens.own': { admin: 'all', unit: 'all', leader: 'all', assessor: 'all', enterprise: 'all', reporter: 'all' },
  'audit.read': { admin: 'all', leader: 'all', unit: 'own-unit' },
  'audit.verify': { admin: 'all' },
  // Leaders are read-only, so they are the one signed-in role without it.
  'files.upload': { admin: 'all', unit: 'all', assessor: 'all', enterprise: 'all', reporter: 'all' },
  // Plan supervision: the quality office (admin) runs it, units see and report their own assignments.
  'plans.read': { admin: 'all', leader: 'all', assessor: 'all', unit: 'all' },
  'plans.manage': { admin: 'all' },
  'assignments.read': { admin: 'all', leader: 'all', assessor: 'all', unit: 'own-unit' },
  'assignments.work': { unit: 'own-unit' },
  'assignments.review': { admin: 'all' },
  'assignments.manage': { admin: 'all' },
  // District implementation plans (备案): a district files its own, the office reviews.
  'subplans.read': { admin: 'all', leader: 'all', assessor: 'all', unit: 'own-unit' },
  'subplans.file': { unit: 'own-unit' },
  'subplans.review': { admin: 'all' },
  // Monthly bulletins (情况通报): the office drafts and issues them, leaders read drafts too. A bulletin names
  // units, so units (and assessors) read only issued ones, through plans.read (the service filters).
  'bulletins.read': { admin: 'all', leader: 'all' },
  'bulletins.manage': { admin: 'all' },
  // Reminders and escalations (提醒/催办/督办): each official reads the inbox addressed to them; the office
  // sees every notice and runs the daily job by hand.
  'notices.read': { admin: 'all', leader: 'all', unit: 'own-unit' },
  'notices.manage': { admin: 'all' },
  // Quality credit: government users read the registry and shared records; units record and decide what
  // their own unit decided (the service checks the record's unit); an enterprise reaches only its own data.
  'enterprises.read': { admin: 'all', leader: 'all', assessor: 'all', unit: 'all' },
  'enterprises.manage': { admin: 'all' },
  'credit.read': { admin: 'all', leader: 'all', assessor: 'all', unit: 'all', enterprise: 'own-enterprise' },
  'credit.record': { admin: 'all', unit: 'all' },
  'credit.decide': { admin: 'all', unit: 'all' },
  'credit.self': { enterprise: 'own-enterprise' },
  'credit.rules': { admin: 'all' },
  'credit.draws': { admin: 'all' },
} as const satisfies Record<string, Partial<Record<Role, Rule>>>;

export type Permission = keyof typeof POLICY;

export const PERMISSION_LABELS: Record<Permission, { zh: string; en: string }> = {
  'orgs.read': { zh: '查看单位名录', en: 'Read the org registry' },
  'orgs.manage': { zh: '维护单位名录', en: 'Maintain the org registry' },
  'orgs.contact.edit': { zh: '维护单位联系人', en: 'Edit unit contacts' },
  'orgs.staff.read': { zh: '查看单位人员', en: 'See unit staff' },
  'users.manage': { zh: '管理用户', en: 'Manage users' },
  'tokens.own': { zh: '管理本人访问令牌', en: 'Manage own API tokens' },
  'audit.read': { zh: '查看审计日志', en: 'Read the audit trail' },
  'audit.verify': { zh: '校验审计链', en: 'Verify the audit chain' },
  'files.upload': { zh: '上传文件', en: 'Upload files' },
  'plans.read': { zh: '查看行动计划', en: 'Read action plans' },
  'plans.manage': { zh: '导入和发布行动计划', en: 'Import and publish action plans' },
  'assignments.read': { zh: '查看任务及进展', en: 'Read assignments and progress' },
  'assignments.work': { zh: '签收任务、报送进展', en: 'Sign off assignments and report progress' },
  'assignments.review': { zh: '审核进展报告、销号', en: 'Review progress reports and close assignments' },
  'assignments.manage': { zh: '交办、撤销、调整任务', en: 'Dispatch, cancel and adjust assignments' },
  'notices.read': { zh: '查看提醒和督办通知', en: 'Read reminders and escalation notices' },
  'notices.manage': { zh: '管理督办通知、运行提醒任务', en: 'Manage notices and run the reminder job' },
  'enterprises.read': { zh: '查看企业名录', en: 'Read the enterprise registry' },
  'enterprises.manage': { zh: '导入和维护企业名录', en: 'Import and maintain the enterprise registry' },
  'credit.read': { zh: '查看信用记录和名单', en: 'Read credit records and lists' },
  'credit.record': { zh: '录入信用记录', en: 'Record credit events' },
  'credit.decide': { zh: '办理列入名单、异议和信用修复', en: 'Decide listings, objections and credit repair' },
  'credit.self': { zh: '本企业信用信息、异议和信用修复申请', en: 'Own credit records, objections and repair' },
  'credit.rules': { zh: '维护信用规则和节假日', en: 'Maintain credit rule sets and the holiday calendar' },
  'credit.draws': { zh: '双随机抽取', en: 'Random inspection draws (双随机)' },
  'subplans.read': { zh: '查看区市实施方案', en: 'Read district implementation plans' },
  'subplans.file': { zh: '报送本区市实施方案', en: 'File the district’s implementation plan' },
  'subplans.review': { zh: '审核区市实施方案', en: 'Review district implementation plans' },
  'bulletins.read': { zh: '查看督查情况通报(含草稿)', en: 'Read monthly bulletins, drafts included' },
  'bulletins.manage': { zh: '编制、审定和印发督查情况通报', en: 'Draft, approve and issue monthly bulletins' },
};

/** True for a declared permission name. */
export function isPermission(value: string): value is Permission {
  return Object.hasOwn(POLICY, value);
}

/** The rule a role has for a permission; undefined (denied) for anything the policy does not declare. */
function ruleOf(permission: string, role: string): Rule | undefined {
  // hasOwn on both levels: a permission or role read from storage may be unknown (or "constructor").
  if (!isPermission(permission)) return undefined;
  const byRole = POLICY[permission] as Partial<Record<string, Rule>>;
  return Object.hasOwn(byRole, role) ? byRole[role] : undefined;
}

function grantAllows(grant: RoleGrant, permission: Permission, target: AccessTarget | undefined): boolean {
  const rule = ruleOf(permission, grant.role);
  if (!rule) return false;
  if (rule === 'all') return true;
  if (!target || grant.scope === null) return false;
  if (rule === 'own-unit') return target.unitCode === grant.scope;
  if (rule === 'own-enterprise') return target.enterpriseCode === grant.scope;
  return target.hospitalCode === grant.scope;
}

/** The grant that allows a permission on a target, or null. API tokens restrict to their permissions. */
export function allowingGrant(actor: Actor, permission: Permission, target?: AccessTarget): RoleGrant | null {
  if (actor.tokenPermissions && !actor.tokenPermissions.includes(permission)) return null;
  return actor.roles.find((g) => grantAllows(g, permission, target)) ?? null;
}

/** True when the actor may use the permission on the target. */
export function can(actor: Actor | null, permission: Permission, target?: AccessTarget): boolean {
  return actor !== null && allowingGrant(actor, permission, target) !== null;
}

/**
 * The access check every service calls first: 401 without an actor, 403 when no grant allows it.
 * Returns the actor and records which grant the audit row should name.
 */
export function authorize(ctx: RequestContext, permission: Permission, target?: AccessTarget): Actor {
  const actor = ctx.actor;
  if (!actor) throw new QcError(ctx.authProblem ?? 'QC_ERR_AUTH_REQUIRED');
  const grant = allowingGrant(actor, permission, target);
  if (!grant) throw new QcError('QC_ERR_FORBIDDEN');
  actor.activeGrant = grant;
  return actor;
}

/** Permissions the actor holds on at least its own scope: drives the role-aware menu. */
export function permissionsOf(actor: Actor): Permission[] {
  return (Object.keys(POLICY) as Permission[]).filter((p) => {
    if (actor.tokenPermissions && !actor.tokenPermissions.includes(p)) return false;
    return actor.roles.some((g) => ruleOf(p, g.role) !== undefined);
  });
}
