/** Recognising database errors the same way on both dialects (stack.md §2.1: dialect differences live in core/db). */

/**
 * True when a statement failed on a unique or primary-key constraint: PostgreSQL SQLSTATE 23505,
 * better-sqlite3 `SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY`. Services turn it into their own 409.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
