/** Helpers at the repository boundary so both databases hand the same values to services (stack.md §2.3). */

/** 0/1 column → boolean. */
export function toBool(v: number | boolean | null | undefined): boolean {
  return v === true || v === 1;
}

/** boolean → 0/1 column. */
export function toFlag(v: boolean): number {
  return v ? 1 : 0;
}

/** JSON column → value: SQLite returns text, PostgreSQL jsonb returns the parsed value. */
export function fromJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Aggregates come back as string, number or bigint depending on driver; counts are safe as numbers. */
export function toCount(v: unknown): number {
  return Number(v ?? 0);
}

/** Paging parameters clamped to sane bounds. */
export function paging(page: number | undefined, pageSize: number | undefined, maxSize = 200) {
  const size = Math.min(Math.max(Math.trunc(pageSize ?? 20), 1), maxSize);
  const p = Math.max(Math.trunc(page ?? 1), 1);
  return { page: p, pageSize: size, offset: (p - 1) * size };
}
