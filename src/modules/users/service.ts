import crypto from 'node:crypto';
import { authorize, isPermission, PERMISSION_LABELS, type Permission, permissionsOf } from '../../core/auth/access.js';
import { hashPassword, isStrongPassword } from '../../core/auth/password.js';
import { isRole, ROLE_SCOPE, type Role } from '../../core/auth/roles.js';
import type { Actor, RequestContext, RoleGrant } from '../../core/context.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import { LOCK_KEYS, lockForInvariant } from '../../core/db/locks.js';
import { paging, toBool } from '../../core/db/rows.js';
import type { UserRow } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import type { OrgService } from '../orgs/service.js';
import { TOKEN_PREFIX, tokenHash } from './auth.service.js';
import * as repo from './repository.js';

export interface GrantDto extends RoleGrant {
  scopeName: string | null;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  isDemo: boolean;
  roles: GrantDto[];
  createdAt: string;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,49}$/;

/** Accounts with role-and-scope pairs, admin password resets, and personal API tokens. */
export class UserService {
  constructor(
    private readonly core: CoreDeps,
    private readonly orgs: OrgService,
  ) {}

  private async withScopeNames(grants: RoleGrant[]): Promise<GrantDto[]> {
    const names = await this.orgs.namesOf(grants.map((g) => g.scope).filter((s): s is string => s !== null));
    return grants.map((g) => ({ ...g, scopeName: g.scope ? (names.get(g.scope) ?? null) : null }));
  }

  private async summaries(rows: UserRow[]): Promise<UserSummary[]> {
    const roles = await repo.rolesOfUsers(
      this.core.db,
      rows.map((r) => Number(r.id)),
    );
    const grants = await this.withScopeNames(roles.map((r) => ({ role: r.role as Role, scope: r.scope })));
    return rows.map((u) => ({
      id: Number(u.id),
      username: u.username,
      displayName: u.display_name,
      disabled: toBool(u.disabled),
      isDemo: toBool(u.is_demo),
      roles: grants.filter((_, i) => Number(roles[i]!.user_id) === Number(u.id)),
      createdAt: u.created_at,
    }));
  }

  /** What the signed-in user is, holds and may do (drives the role-aware menu). */
  async me(ctx: RequestContext) {
    const actor = ctx.actor;
    if (!actor) throw new QcError(ctx.authProblem ?? 'QC_ERR_AUTH_REQUIRED');
    const user = await repo.findUserById(this.core.db, actor.userId);
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      locale: user?.locale ?? 'zh-CN',
      roles: await this.withScopeNames(actor.roles),
      permissions: permissionsOf(actor),
    };
  }

  /** Checks that each role has the scope it needs and that the scope exists. */
  private async validGrants(input: { role: string; scope?: string | null }[]): Promise<RoleGrant[]> {
    const out: RoleGrant[] = [];
    for (const g of input) {
      if (!isRole(g.role)) throw new QcError('QC_ERR_USER_ROLE_SCOPE', [g.role]);
      const kind = ROLE_SCOPE[g.role];
      const scope = g.scope?.trim() || null;
      if (kind === 'none' && scope) throw new QcError('QC_ERR_USER_ROLE_SCOPE', [`${g.role} takes no scope`]);
      if (kind !== 'none' && !scope) throw new QcError('QC_ERR_USER_ROLE_SCOPE', [`${g.role} needs a scope`]);
      if (kind === 'unit' || kind === 'hospital') {
        // A reporter reports for a sentinel hospital; unit staff belong to a department or district.
        const orgKind = await this.orgs.kindOf(scope!);
        if (orgKind === null || (kind === 'hospital') !== (orgKind === 'hospital')) {
          throw new QcError('QC_ERR_USER_ROLE_SCOPE', [`${g.role}: ${scope}`]);
        }
      }
      if (!out.some((o) => o.role === g.role && o.scope === scope)) out.push({ role: g.role, scope });
    }
    return out;
  }

  /** A page of accounts (admin). */
  async list(ctx: RequestContext, query: { q?: string; role?: string; page?: number; pageSize?: number }) {
    authorize(ctx, 'users.manage');
    const { page, pageSize, offset } = paging(query.page, query.pageSize);
    const filter = { q: query.q?.trim(), role: query.role };
    const [total, rows] = await Promise.all([
      repo.countUsers(this.core.db, filter),
      repo.listUsers(this.core.db, filter, offset, pageSize),
    ]);
    return { items: await this.summaries(rows), total, page, pageSize };
  }

  /** The staff accounts of one unit: the office, leaders, and that unit's own staff. */
  async unitStaff(ctx: RequestContext, unitCode: string) {
    authorize(ctx, 'orgs.staff.read', { unitCode });
    if (!(await this.orgs.exists(unitCode))) throw new QcError('QC_ERR_ORG_NOT_FOUND', [unitCode]);
    const rows = await repo.listUsers(this.core.db, { scope: unitCode }, 0, 500);
    return { items: await this.summaries(rows) };
  }

  private async summaryOf(id: number): Promise<UserSummary> {
    const row = await repo.findUserById(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_USER_NOT_FOUND', [id]);
    return (await this.summaries([row]))[0]!;
  }

  /** Creates an account (admin via API, or the CLI's `user add` with a system context). */
  async create(
    ctx: RequestContext,
    input: {
      username: string;
      displayName: string;
      password: string;
      roles: { role: string; scope?: string | null }[];
      isDemo?: boolean;
    },
    options: { skipAccessCheck?: boolean } = {},
  ): Promise<UserSummary> {
    if (!options.skipAccessCheck) authorize(ctx, 'users.manage');
    // One spelling per name: lockout counts failures case-insensitively, so accounts must too.
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) throw new QcError('QC_ERR_VALIDATION', ['username']);
    if (!isStrongPassword(input.password)) throw new QcError('QC_ERR_PASSWORD_WEAK');
    const grants = await this.validGrants(input.roles);
    if (await repo.findUserByUsername(this.core.db, username)) throw new QcError('QC_ERR_USER_EXISTS', [username]);
    const hash = await hashPassword(input.password);
    const at = this.core.clock.now().toISOString();
    const id = await this.insertOrExplain(username, async (trx) => {
      const newId = await repo.insertUser(trx, {
        username,
        display_name: input.displayName.trim() || username,
        password_hash: hash,
        is_demo: input.isDemo ? 1 : 0,
        locale: 'zh-CN',
        at,
      });
      await repo.replaceRoles(trx, newId, grants);
      await this.core.audit.append(trx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: String(newId),
        after: { username, displayName: input.displayName, roles: grants, isDemo: Boolean(input.isDemo) },
      });
      return newId;
    });
    return this.summaryOf(id);
  }

  /** Runs the create transaction; a name taken by a concurrent create since the check answers 409, not 500. */
  private async insertOrExplain(username: string, work: (trx: CoreDeps['db']) => Promise<number>): Promise<number> {
    try {
      return await this.core.db.transaction().execute(work);
    } catch (err) {
      if (isUniqueViolation(err)) throw new QcError('QC_ERR_USER_EXISTS', [username]);
      throw err;
    }
  }

  /** Changes display name, roles or the disabled flag; the last active admin cannot be removed. */
  async update(
    ctx: RequestContext,
    id: number,
    input: { displayName?: string; roles?: { role: string; scope?: string | null }[]; disabled?: boolean },
    options: { skipAccessCheck?: boolean; allowNoAdmin?: boolean } = {},
  ): Promise<UserSummary> {
    if (!options.skipAccessCheck) authorize(ctx, 'users.manage');
    const grants = input.roles ? await this.validGrants(input.roles) : undefined;
    const before = await this.summaryOf(id);
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      const losesAdmin =
        before.roles.some((r) => r.role === 'admin') &&
        (input.disabled === true || (grants !== undefined && !grants.some((g) => g.role === 'admin')));
      if (losesAdmin && !options.allowNoAdmin && !before.disabled) {
        // Two admins disabling each other at once must not both see the other as still active.
        await lockForInvariant(trx, this.core.dialect, LOCK_KEYS.admins);
        if ((await repo.countActiveAdmins(trx, id)) === 0) throw new QcError('QC_ERR_USER_LAST_ADMIN');
      }
      const values: Parameters<typeof repo.updateUser>[2] = { updated_at: at };
      if (input.displayName !== undefined) values.display_name = input.displayName.trim() || before.username;
      if (input.disabled !== undefined) values.disabled = input.disabled ? 1 : 0;
      await repo.updateUser(trx, id, values);
      if (grants) await repo.replaceRoles(trx, id, grants);
      if (input.disabled) await repo.revokeUserSessions(trx, id, at);
      await this.core.audit.append(trx, ctx, {
        action: input.disabled === true ? 'user.disable' : input.disabled === false ? 'user.enable' : 'user.update',
        entityType: 'user',
        entityId: String(id),
        before: { displayName: before.displayName, roles: before.roles, disabled: before.disabled },
        after: {
          displayName: values.display_name ?? before.displayName,
          roles: grants ?? before.roles,
          disabled: input.disabled ?? before.disabled,
        },
      });
    });
    return this.summaryOf(id);
  }

  /** Sets a new password for a user (admin reset or CLI); all their sessions end. */
  async setPassword(ctx: RequestContext, id: number, password: string, options: { skipAccessCheck?: boolean } = {}) {
    if (!options.skipAccessCheck) authorize(ctx, 'users.manage');
    if (!isStrongPassword(password)) throw new QcError('QC_ERR_PASSWORD_WEAK');
    await this.summaryOf(id);
    const hash = await hashPassword(password);
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, { password_hash: hash, password_changed_at: at, updated_at: at });
      await repo.revokeUserSessions(trx, id, at);
      await this.core.audit.append(trx, ctx, {
        action: 'user.password.reset',
        entityType: 'user',
        entityId: String(id),
      });
    });
  }

  /** Every account, for the CLI's `user list` (the console operator is trusted). */
  async listAll(): Promise<UserSummary[]> {
    return this.summaries(await repo.listUsers(this.core.db, {}, 0, 100_000));
  }

  /** Issues a token on behalf of a named user (CLI): it carries only permissions that user holds. */
  async issueTokenFor(
    ctx: RequestContext,
    username: string,
    input: { name: string; permissions: string[]; expiresInDays: number },
  ) {
    const id = await this.idOf(username);
    const row = await repo.findUserById(this.core.db, id);
    if (!row || row.disabled) throw new QcError('QC_ERR_AUTH_DISABLED');
    const roles = await repo.rolesOfUsers(this.core.db, [id]);
    const owner: Actor = {
      userId: id,
      username,
      displayName: row.display_name,
      roles: roles.filter((r) => isRole(r.role)).map((r) => ({ role: r.role as Role, scope: r.scope })),
      tokenPermissions: null,
      sessionId: null,
    };
    return this.createToken(ctx, input, owner);
  }

  /** The id of a user by name (CLI). */
  async idOf(username: string): Promise<number> {
    const row = await repo.findUserByUsername(this.core.db, username.trim().toLowerCase());
    if (!row) throw new QcError('QC_ERR_USER_NOT_FOUND', [username]);
    return Number(row.id);
  }

  // API tokens

  /** Permissions a token of this actor may carry: those the actor itself holds. */
  tokenPermissions(ctx: RequestContext) {
    const actor = authorize(ctx, 'tokens.own');
    const lang = ctx.lang;
    return permissionsOf({ ...actor, tokenPermissions: null }).map((p) => ({
      permission: p,
      description: PERMISSION_LABELS[p][lang],
    }));
  }

  private tokenDto(row: NonNullable<Awaited<ReturnType<typeof repo.findToken>>>) {
    return {
      id: Number(row.id),
      name: row.name,
      prefix: row.prefix,
      permissions: JSON.parse(row.permissions) as string[],
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    };
  }

  /** The caller's own tokens. */
  async listTokens(ctx: RequestContext) {
    const actor = authorize(ctx, 'tokens.own');
    return (await repo.listTokens(this.core.db, actor.userId)).map((r) => this.tokenDto(r));
  }

  /**
   * Issues a token for system-to-system use; the secret is returned once and only its hash kept.
   * A token can never carry a permission its owner lacks.
   */
  async createToken(
    ctx: RequestContext,
    input: { name: string; permissions: string[]; expiresInDays: number },
    forActor?: Actor,
  ) {
    const actor = forActor ?? authorize(ctx, 'tokens.own');
    if (actor.tokenPermissions) throw new QcError('QC_ERR_FORBIDDEN');
    const held = new Set<Permission>(permissionsOf({ ...actor, tokenPermissions: null }));
    for (const p of input.permissions) {
      if (!isPermission(p) || !held.has(p)) throw new QcError('QC_ERR_TOKEN_SCOPE', [p]);
    }
    const secret = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
    const now = this.core.clock.now();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString();
    const id = await this.core.db.transaction().execute(async (trx) => {
      const tokenId = await repo.insertToken(trx, {
        user_id: actor.userId,
        name: input.name.trim(),
        prefix: secret.slice(0, 10),
        token_hash: tokenHash(secret),
        permissions: JSON.stringify([...new Set(input.permissions)]),
        expires_at: expiresAt,
        at,
      });
      await this.core.audit.append(trx, ctx, {
        action: 'token.create',
        entityType: 'api_token',
        entityId: String(tokenId),
        after: { userId: actor.userId, name: input.name, permissions: input.permissions, expiresAt },
      });
      return tokenId;
    });
    const row = await repo.findToken(this.core.db, id);
    return { token: secret, ...this.tokenDto(row!) };
  }

  /** Revokes one of the caller's tokens (admins may revoke anyone's). */
  async revokeToken(ctx: RequestContext, id: number): Promise<void> {
    const actor = authorize(ctx, 'tokens.own');
    const row = await repo.findToken(this.core.db, id);
    const isAdmin = actor.roles.some((r) => r.role === 'admin');
    if (!row || (Number(row.user_id) !== actor.userId && !isAdmin)) throw new QcError('QC_ERR_TOKEN_NOT_FOUND');
    if (row.revoked_at) return;
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.revokeToken(trx, id, at);
      await this.core.audit.append(trx, ctx, { action: 'token.revoke', entityType: 'api_token', entityId: String(id) });
    });
  }
}
