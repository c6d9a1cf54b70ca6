import { useQuery } from '@tanstack/react-query';
import { ApiError, get, post, request, setCsrfToken } from './client';
import type { Me, Meta, Session } from './types';

export const ME_KEY = ['auth', 'me'] as const;

/** Reads the current session; null when nobody is logged in. Never triggers the auth-lost redirect. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const session = await request<Session>('GET', '/api/auth/me', { quietAuth: true });
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      if (err.code === 'QC_ERR_AUTH_SESSION_EXPIRED') throw err;
      return null;
    }
    throw err;
  }
}

/** The logged-in user (null when anonymous); cached for the whole app. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Logs in and keeps the CSRF token of the new session. */
export async function login(username: string, password: string): Promise<Me> {
  const session = await post<Session>('/api/auth/login', { username, password });
  setCsrfToken(session.csrfToken);
  return session.user;
}

/** Ends the session; a session that already expired counts as logged out. */
export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/api/auth/logout', { body: {}, quietAuth: true });
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  } finally {
    setCsrfToken(null);
  }
}

export const changePassword = (currentPassword: string, newPassword: string) =>
  post<void>('/api/auth/password', { currentPassword, newPassword });

export const fetchMeta = () => get<Meta>('/api/meta');

/** Public server facts (name, version, demo mode). */
export function useMeta() {
  return useQuery({ queryKey: ['meta'], queryFn: fetchMeta, staleTime: Number.POSITIVE_INFINITY, retry: 1 });
}

/** True when the user holds the permission. */
export function can(me: Me | null | undefined, permission: string): boolean {
  return !!me?.permissions.includes(permission);
}

/** True when the user holds the role (and, if given, that scope). */
export function hasRole(me: Me | null | undefined, role: string, scope?: string): boolean {
  return !!me?.roles.some((r) => r.role === role && (scope === undefined || r.scope === scope));
}

/**
 * True when the user may use a permission on one unit: admins and leaders everywhere, unit staff on their own unit.
 * Mirrors the server's "own-unit" rule so the UI can hide what would only answer 403.
 */
export function canOnUnit(me: Me | null | undefined, permission: string, unitCode: string): boolean {
  if (!can(me, permission)) return false;
  return !!me?.roles.some(
    (r) => r.role === 'admin' || r.role === 'leader' || (r.role === 'unit' && r.scope === unitCode),
  );
}

/** The unit a user is limited to when all their unit-relevant access is "own unit" (unit staff), else null. */
export function ownUnitOnly(me: Me | null | undefined): { code: string; name: string } | null {
  if (!me || me.roles.some((r) => r.role === 'admin' || r.role === 'leader')) return null;
  const unit = me.roles.find((r) => r.role === 'unit' && r.scope);
  return unit?.scope ? { code: unit.scope, name: unit.scopeName ?? unit.scope } : null;
}
