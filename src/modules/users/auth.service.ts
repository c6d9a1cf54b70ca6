import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { dummyHash, hashPassword, isStrongPassword, verifyPassword } from '../../core/auth/password.js';
import { isRole } from '../../core/auth/roles.js';
import type { Actor, RequestContext, RoleGrant } from '../../core/context.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import * as repo from './repository.js';

/** A new session: the cookie token (never stored) and its CSRF token. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: string;
}

/** Result of checking the credentials on one request. */
export interface Authentication {
  actor: Actor | null;
  problem?: 'QC_ERR_AUTH_SESSION_EXPIRED' | 'QC_ERR_AUTH_TOKEN_INVALID';
  csrfToken?: string;
}

const TOUCH_INTERVAL_MS = 60_000;
export const TOKEN_PREFIX = 'qct_';

/** sha256 hex of a secret token: what the database stores instead of the token. */
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function grantsOf(rows: { role: string; scope: string | null }[]): RoleGrant[] {
  return rows.filter((r) => isRole(r.role)).map((r) => ({ role: r.role as RoleGrant['role'], scope: r.scope }));
}

/** Logins, lockout, sessions with idle and absolute expiry, and API-token authentication. */
export class AuthService {
  constructor(private readonly core: CoreDeps) {}

  private async actorFor(
    userId: number,
    extra: Pick<Actor, 'tokenPermissions' | 'sessionId'>,
    db: Kysely<DB> = this.core.db,
  ): Promise<Actor | null> {
    const user = await repo.findUserById(db, userId);
    if (!user || user.disabled) return null;
    const roles = grantsOf(await repo.rolesOfUsers(db, [userId]));
    return { userId, username: user.username, displayName: user.display_name, roles, ...extra };
  }

  /** Checks a password login; locks the name after too many failures in the window. */
  async login(
    ctx: RequestContext,
    input: { username: string; password: string; ip: string | null; userAgent: string | null },
  ): Promise<IssuedSession> {
    const { db, clock, config } = this.core;
    const username = input.username.trim();
    const key = username.toLowerCase();
    const now = clock.now();
    const windowMs = config.lockout.windowMinutes * 60_000;
    const since = new Date(now.getTime() - windowMs).toISOString();
    const lockedUntil = async (): Promise<number | null> => {
      const failures = await repo.recentFailures(db, key, since, config.lockout.attempts);
      if (failures.length < config.lockout.attempts) return null;
      const oldest = failures[failures.length - 1]!;
      return new Date(oldest.at).getTime() + windowMs;
    };
    const minutesLeft = (until: number) => Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
    const locked = (until: number) =>
      new QcError('QC_ERR_AUTH_LOCKED', [minutesLeft(until)], { retryAfterMinutes: minutesLeft(until) });

    const before = await lockedUntil();
    if (before !== null) throw locked(before);

    const user = await repo.findUserByUsername(db, key);
    // Unknown names cost a hash check too, so timing does not reveal which names exist.
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
    const at = now.toISOString();
    if (!ok || !user) {
      await repo.insertLoginAttempt(db, { username: key, at, success: 0, ip: input.ip });
      const after = await lockedUntil();
      if (after !== null) throw locked(after);
      throw new QcError('QC_ERR_AUTH_BAD_CREDENTIALS');
    }
    if (user.disabled) throw new QcError('QC_ERR_AUTH_DISABLED');

    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const sessionId = tokenHash(token);
    const expiresAt = new Date(now.getTime() + config.session.absoluteHours * 3600_000).toISOString();
    await db.transaction().execute(async (trx) => {
      await repo.insertLoginAttempt(trx, { username: key, at, success: 1, ip: input.ip });
      await repo.deleteExpiredSessions(trx, at);
      await repo.insertSession(trx, {
        id: sessionId,
        user_id: user.id,
        csrf_token: csrfToken,
        at,
        expires_at: expiresAt,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      });
      const actor = await this.actorFor(user.id, { tokenPermissions: null, sessionId }, trx);
      await this.core.audit.append(
        trx,
        { ...ctx, actor },
        {
          action: 'login',
          entityType: 'user',
          entityId: String(user.id),
          after: { ip: input.ip },
        },
      );
    });
    const actor = await this.actorFor(user.id, { tokenPermissions: null, sessionId });
    if (!actor) throw new QcError('QC_ERR_AUTH_DISABLED');
    return { token, csrfToken, actor, expiresAt };
  }

  /** Resolves a session cookie: expired by idle time or absolute age, revoked, or valid. */
  async fromSession(token: string): Promise<Authentication> {
    const { db, clock, config } = this.core;
    const session = await repo.findSession(db, tokenHash(token));
    if (!session || session.revoked_at) return { actor: null, problem: 'QC_ERR_AUTH_SESSION_EXPIRED' };
    const now = clock.now();
    const idleLimit = new Date(session.last_seen_at).getTime() + config.session.idleMinutes * 60_000;
    if (now.getTime() > new Date(session.expires_at).getTime() || now.getTime() > idleLimit) {
      return { actor: null, problem: 'QC_ERR_AUTH_SESSION_EXPIRED' };
    }
    const actor = await this.actorFor(Number(session.user_id), { tokenPermissions: null, sessionId: session.id });
    if (!actor) return { actor: null, problem: 'QC_ERR_AUTH_SESSION_EXPIRED' };
    if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      await repo.touchSession(db, session.id, now.toISOString());
    }
    return { actor, csrfToken: session.csrf_token };
  }

  /** Resolves an `Authorization: Bearer qct_…` API token. */
  async fromToken(token: string): Promise<Authentication> {
    const { db, clock } = this.core;
    const row = await repo.findTokenByHash(db, tokenHash(token));
    const now = clock.now();
    if (!row || row.revoked_at || new Date(row.expires_at).getTime() <= now.getTime()) {
      return { actor: null, problem: 'QC_ERR_AUTH_TOKEN_INVALID' };
    }
    const permissions = JSON.parse(row.permissions) as string[];
    const actor = await this.actorFor(Number(row.user_id), { tokenPermissions: permissions, sessionId: null });
    if (!actor) return { actor: null, problem: 'QC_ERR_AUTH_TOKEN_INVALID' };
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
      await repo.touchToken(db, Number(row.id), now.toISOString());
    }
    return { actor };
  }

  /** The CSRF token bound to a session, for clients reloading the page. */
  async csrfTokenOf(sessionId: string): Promise<string> {
    return (await repo.findSession(this.core.db, sessionId))?.csrf_token ?? '';
  }

  /** Ends the caller's session (no-op without one). */
  async logout(ctx: RequestContext): Promise<void> {
    const actor = ctx.actor;
    if (!actor?.sessionId) return;
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.revokeSession(trx, actor.sessionId!, at);
      await this.core.audit.append(trx, ctx, { action: 'logout', entityType: 'user', entityId: String(actor.userId) });
    });
  }

  /** Changes the caller's own password after checking the current one; other sessions end. */
  async changeOwnPassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw new QcError(ctx.authProblem ?? 'QC_ERR_AUTH_REQUIRED');
    if (actor.tokenPermissions) throw new QcError('QC_ERR_FORBIDDEN');
    const user = await repo.findUserById(this.core.db, actor.userId);
    if (!user) throw new QcError('QC_ERR_AUTH_REQUIRED');
    if (!(await verifyPassword(user.password_hash, currentPassword))) throw new QcError('QC_ERR_PASSWORD_WRONG');
    if (!isStrongPassword(newPassword)) throw new QcError('QC_ERR_PASSWORD_WEAK');
    const hash = await hashPassword(newPassword);
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, actor.userId, { password_hash: hash, password_changed_at: at, updated_at: at });
      await repo.revokeUserSessions(trx, actor.userId, at, actor.sessionId);
      await this.core.audit.append(trx, ctx, {
        action: 'password.change',
        entityType: 'user',
        entityId: String(actor.userId),
      });
    });
  }
}
