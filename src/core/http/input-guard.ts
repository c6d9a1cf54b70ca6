import { QcError } from '../errors.js';

const MAX_DEPTH = 32;

/**
 * Rejects input no schema should have to think about: lone surrogates (invalid Unicode that
 * PostgreSQL refuses), NUL characters (PostgreSQL text cannot hold them) and absurd nesting.
 * Returns the first offending path or null.
 */
export function findBadInput(value: unknown, path = '', depth = 0): string | null {
  if (depth > MAX_DEPTH) return `${path || '/'} (nested deeper than ${MAX_DEPTH})`;
  if (typeof value === 'string') {
    if (!value.isWellFormed()) return `${path || '/'} (invalid Unicode)`;
    if (value.includes('\u0000')) return `${path || '/'} (NUL character)`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadInput(value[i], `${path}/${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const badKey = findBadInput(k, `${path}/<key>`, depth + 1);
      if (badKey) return badKey;
      const bad = findBadInput(v, `${path}/${k}`, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

/** Throws QC_ERR_VALIDATION when body, query or params hold bad input. */
export function assertCleanInput(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  for (const [name, value] of Object.entries(parts)) {
    const bad = findBadInput(value);
    if (bad) throw new QcError('QC_ERR_VALIDATION', [`${name}${bad}`]);
  }
}
