import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import { escapeLike } from '../../core/search/tokenize.js';

/** Kysely queries for accounts, role grants, sessions, login attempts and API tokens. */

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function rolesOfUsers(db: Kysely<DB>, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user_roles')
    .select(['user_id', 'role', 'scope'])
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('id')
    .execute();
}

export interface UserFilter {
  q?: string;
  role?: string;
  scope?: string;
}

function filtered(db: Kysely<DB>, filter: UserFilter) {
  let query = db.selectFrom('users');
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['username']), 'like', pattern), eb(eb.fn('lower', ['display_name']), 'like', pattern)]),
    );
  }
  if (filter.role || filter.scope) {
    query = query.where('id', 'in', (eb) => {
      let sub = eb.selectFrom('user_roles').select('user_id');
      if (filter.role) sub = sub.where('role', '=', filter.role);
      if (filter.scope) sub = sub.where('scope', '=', filter.scope);
      return sub;
    });
  }
  return query;
}

export async function countUsers(db: Kysely<DB>, filter: UserFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listUsers(db: Kysely<DB>, filter: UserFilter, offset: number, limit: number) {
  return filtered(db, filter).selectAll().orderBy('username').orderBy('id').offset(offset).limit(limit).execute();
}

export async function insertUser(
  db: Kysely<DB>,
  values: {
    username: string;
    display_name: string;
    password_hash: string;
    is_demo: number;
    locale: string;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username: values.username,
      display_name: values.display_name,
      password_hash: values.password_hash,
      disabled: 0,
      is_demo: values.is_demo,
      locale: values.locale,
      created_at: values.at,
      updated_at: values.at,
      password_changed_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  values: Partial<{
    display_name: string;
    disabled: number;
    password_hash: string;
    password_changed_at: string;
    updated_at: string;
  }>,
) {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function replaceRoles(db: Kysely<DB>, userId: number, roles: { role: string; scope: string | null }[]) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) {
    await db
      .insertInto('user_roles')
      .values(roles.map((r) => ({ user_id: userId, role: r.role, scope: r.scope })))
      .execute();
  }
}

export async function countActiveAdmins(db: Kysely<DB>, exceptUserId?: number): Promise<number> {
  let query = db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .where('user_roles.role', '=', 'admin')
    .where('users.disabled', '=', 0);
  if (exceptUserId !== undefined) query = query.where('users.id', '!=', exceptUserId);
  const row = await query.select((eb) => eb.fn.count('users.id').distinct().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// Sessions

export async function insertSession(
  db: Kysely<DB>,
  s: {
    id: string;
    user_id: number;
    csrf_token: string;
    at: string;
    expires_at: string;
    ip: string | null;
    user_agent: string | null;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.user_id,
      csrf_token: s.csrf_token,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expires_at,
      ip: s.ip,
      user_agent: s.user_agent,
      revoked_at: null,
    })
    .execute();
}

export function findSession(db: Kysely<DB>, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokeSession(db: Kysely<DB>, id: string, at: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes a user's open sessions, optionally keeping one (the caller's own). */
export async function revokeUserSessions(db: Kysely<DB>, userId: number, at: string, keepSessionId?: string | null) {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}

/** Sessions past their absolute expiry are of no further use; keeps the table small. */
export async function deleteExpiredSessions(db: Kysely<DB>, before: string) {
  await db.deleteFrom('sessions').where('expires_at', '<', before).execute();
}

// Login attempts

export async function insertLoginAttempt(
  db: Kysely<DB>,
  a: { username: string; at: string; success: number; ip: string | null },
) {
  await db.insertInto('login_attempts').values(a).execute();
}

/** Failed attempts since `since`, newest first, not counting those before the last success. */
export async function recentFailures(db: Kysely<DB>, username: string, since: string, limit: number) {
  const lastSuccess = await db
    .selectFrom('login_attempts')
    .select('at')
    .where('username', '=', username)
    .where('success', '=', 1)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return db
    .selectFrom('login_attempts')
    .select('at')
    .where('username', '=', username)
    .where('success', '=', 0)
    .where('at', '>', lastSuccess?.at ?? since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// API tokens

export async function insertToken(
  db: Kysely<DB>,
  t: {
    user_id: number;
    name: string;
    prefix: string;
    token_hash: string;
    permissions: string;
    expires_at: string;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: t.user_id,
      name: t.name,
      prefix: t.prefix,
      token_hash: t.token_hash,
      permissions: t.permissions,
      expires_at: t.expires_at,
      revoked_at: null,
      created_at: t.at,
      last_used_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findTokenByHash(db: Kysely<DB>, hash: string) {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export function findToken(db: Kysely<DB>, id: number) {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listTokens(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function revokeToken(db: Kysely<DB>, id: number, at: string) {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function touchToken(db: Kysely<DB>, id: number, at: string) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
