import type { Role } from './auth/roles.js';
import type { Lang } from './errors.js';

/** One role held for one scope (a unit code, an enterprise's credit code, or none). */
export interface RoleGrant {
  role: Role;
  scope: string | null;
}

/** Who is acting: a logged-in user or the holder of an API token. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: RoleGrant[];
  /** Set when acting through an API token: only these permissions apply. */
  tokenPermissions: string[] | null;
  /** Set when acting through a browser session (for CSRF and logout). */
  sessionId: string | null;
  /** The grant recorded in the audit row; the first matching grant of the last access check. */
  activeGrant?: RoleGrant;
}

export type Source = 'ui' | 'api' | 'cli' | 'import' | 'scheduler' | 'system';

/** Everything a service needs to know about the caller of one use case. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string | null;
  source: Source;
  lang: Lang;
  /** Why there is no actor although credentials were sent (expired session, bad token). */
  authProblem?: 'QC_ERR_AUTH_SESSION_EXPIRED' | 'QC_ERR_AUTH_TOKEN_INVALID';
  /** Name recorded in the audit row for writes without a user (CLI, scheduler, seed). */
  systemActor?: string;
}

/** A context for work the system does on its own (seeding, CLI, scheduled jobs). */
export function systemContext(source: Source, systemActor: string): RequestContext {
  return { actor: null, requestId: null, source, lang: 'zh', systemActor };
}
