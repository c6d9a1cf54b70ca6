import crypto from 'node:crypto';

/** The hash of the row before the first: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers (everything but the hash itself). */
export interface ChainedFields {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  role: string | null;
  scope: string | null;
  source: string;
  action: string;
  entityType: string;
  entityId: string;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 over the previous hash and the row's canonical form (R-S17). */
export function rowHash(fields: ChainedFields): string {
  return crypto.createHash('sha256').update(fields.prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** The first row whose link or hash does not hold, or null when the chain is intact. */
export function firstBrokenRow(
  rows: Iterable<ChainedFields & { hash: string }>,
  expectedPrev: string = GENESIS_HASH,
  expectedSeq = 1,
): { seq: number; reason: 'sequence' | 'link' | 'hash' } | null {
  let prev = expectedPrev;
  let seq = expectedSeq;
  for (const row of rows) {
    if (row.seq !== seq) return { seq: row.seq, reason: 'sequence' };
    if (row.prevHash !== prev) return { seq: row.seq, reason: 'link' };
    const { hash, ...fields } = row;
    if (rowHash(fields) !== hash) return { seq: row.seq, reason: 'hash' };
    prev = hash;
    seq += 1;
  }
  return null;
}
