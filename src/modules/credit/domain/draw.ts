/**
 * 双随机 sampling and draws (credit.md §6.2). Pure and reproducible: the same seed, frame and pool give the
 * same selection in any input order. Ratios are integer basis points and counts integer arithmetic, because
 * 0.05 × 40 in floating point rounds up to 3 where the rule says 2.
 */
import { createHash } from 'node:crypto';

export type DrawClass = 'A' | 'B' | 'C' | 'D';
export const DRAW_CLASSES: readonly DrawClass[] = ['A', 'B', 'C', 'D'];

export interface FrameMember {
  /**
   * The enterprise id as hashed (`${seed}|${enterpriseId}`): its unified social credit code, or the internal id
   * in decimal when it has none (see ../draws.service.ts: the published code lets anyone re-check a draw).
   */
  enterpriseId: string;
  riskClass: DrawClass;
}

export interface PoolInspector {
  /** The inspector's code as hashed (`${seed}|${enterpriseId}|${inspectorId}`). */
  inspectorId: string;
}

export interface DrawInput {
  seed: string;
  frame: readonly FrameMember[];
  ratiosBp: Record<DrawClass, number>;
  pool: readonly PoolInspector[];
  /** Declared conflicts as `${inspectorId}|${enterpriseId}`. */
  conflicts: ReadonlySet<string>;
  perEnterprise: number;
}

export interface DrawnEnterprise {
  enterpriseId: string;
  riskClass: DrawClass;
  inspectors: string[];
}

export interface DrawResult {
  frameSize: number;
  frameHash: string;
  counts: Record<DrawClass, { frame: number; selected: number }>;
  loadCap: number;
  selection: DrawnEnterprise[];
}

/** Thrown when the pool cannot staff every selected enterprise within conflicts and the load cap. */
export class InsufficientInspectorsError extends Error {
  constructor(
    readonly enterpriseId: string,
    readonly found: number,
    readonly needed: number,
  ) {
    super(`DRAW_INSUFFICIENT_INSPECTORS: ${enterpriseId} got ${found} of ${needed}`);
  }
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** n = ceil(N × bp / 10000) in integers. */
export function sampleSize(frameCount: number, bp: number): number {
  if (!Number.isSafeInteger(frameCount) || !Number.isSafeInteger(bp) || frameCount < 0 || bp < 0 || bp > 10000) {
    throw new RangeError(`bad sample size input ${frameCount} × ${bp}`);
  }
  return Math.floor((frameCount * bp + 9999) / 10000);
}

/** SHA-256 over the frame's ids sorted by code point and joined by "\n": the frame's fingerprint. */
export function frameHash(ids: readonly string[]): string {
  const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const h = createHash('sha256');
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0) h.update('\n');
    h.update(sorted[i]!, 'utf8');
  }
  return h.digest('hex');
}

/** The draw: per class A…D the n_class smallest keys `${seed}|${id}`, then inspectors per enterprise. */
export function runDraw(input: DrawInput): DrawResult {
  const { seed, frame, ratiosBp, pool, conflicts, perEnterprise } = input;
  if (!Number.isInteger(perEnterprise) || perEnterprise < 1) throw new RangeError('perEnterprise must be ≥ 1');
  const seen = new Set<string>();
  const byClass: Record<DrawClass, { id: string; key: string }[]> = { A: [], B: [], C: [], D: [] };
  for (const m of frame) {
    if (seen.has(m.enterpriseId)) throw new RangeError(`duplicate frame member ${m.enterpriseId}`);
    seen.add(m.enterpriseId);
    const bucket = byClass[m.riskClass];
    if (!bucket) throw new RangeError(`unknown risk class ${String(m.riskClass)}`);
    bucket.push({ id: m.enterpriseId, key: sha256Hex(`${seed}|${m.enterpriseId}`) });
  }
  const counts = {} as DrawResult['counts'];
  const picked: PickedEnterprise[] = [];
  for (const cls of DRAW_CLASSES) {
    const bucket = byClass[cls];
    const n = sampleSize(bucket.length, ratiosBp[cls]);
    bucket.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let i = 0; i < n; i++) picked.push({ id: bucket[i]!.id, cls });
    counts[cls] = { frame: bucket.length, selected: n };
  }

  const { loadCap, selection } = assignInspectors({ seed, picked, pool, conflicts, perEnterprise });
  return { frameSize: frame.length, frameHash: frameHash([...seen]), counts, loadCap, selection };
}

/** An enterprise the class sampling picked, in draw order. */
export interface PickedEnterprise {
  id: string;
  cls: DrawClass;
}

/**
 * Inspectors per picked enterprise in draw order: the pool ranked by `${seed}|${enterpriseId}|${inspectorId}`,
 * the first `perEnterprise` without a declared conflict and below the load cap ceil(selected × per / pool).
 */
export function assignInspectors(input: {
  seed: string;
  picked: readonly PickedEnterprise[];
  pool: readonly PoolInspector[];
  conflicts: ReadonlySet<string>;
  perEnterprise: number;
}): { loadCap: number; selection: DrawnEnterprise[] } {
  const { seed, picked, pool, conflicts, perEnterprise } = input;
  const loadCap = pool.length === 0 ? 0 : Math.ceil((picked.length * perEnterprise) / pool.length);
  const load = new Map<string, number>();
  const selection: DrawnEnterprise[] = [];
  for (const e of picked) {
    const ranked = pool
      .map((p) => ({ id: p.inspectorId, key: sha256Hex(`${seed}|${e.id}|${p.inspectorId}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const chosen: string[] = [];
    for (const r of ranked) {
      if (chosen.length === perEnterprise) break;
      if (conflicts.has(`${r.id}|${e.id}`)) continue;
      if ((load.get(r.id) ?? 0) >= loadCap) continue;
      chosen.push(r.id);
    }
    if (chosen.length < perEnterprise) throw new InsufficientInspectorsError(e.id, chosen.length, perEnterprise);
    for (const id of chosen) load.set(id, (load.get(id) ?? 0) + 1);
    selection.push({ enterpriseId: e.id, riskClass: e.cls, inspectors: chosen });
  }
  return { loadCap, selection };
}
