import { type Kysely, sql } from 'kysely';
import type { Dialect } from './connect.js';

/**
 * Advisory-lock keys, one per invariant that spans several rows and so cannot be guarded by a
 * `version` column or a unique index.
 */
export const LOCK_KEYS = {
  /** The audit hash chain: each row links to the one before it. */
  audit: 7744110001,
  /** "At least one active admin": checked and changed by user updates. */
  admins: 7744110002,
} as const;

/**
 * Serialises transactions that check an invariant and then write: the second waits at this call
 * until the first commits, so its check sees the first one's change.
 */
export async function lockForInvariant(trx: Kysely<any>, dialect: Dialect, key: number): Promise<void> {
  // SQLite needs nothing: Kysely runs every transaction on its one connection, one at a time,
  // and PostgreSQL's READ COMMITTED would otherwise let two checks pass side by side.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}
