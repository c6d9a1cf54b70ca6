/**
 * Progress roll-up (R-S9): assignments → action → measure → plan, and per unit or district, by a role-weighted
 * mean or by explicit sibling weights. Progress is a number 0–100 with one decimal in memory; the persistence
 * layer stores percentages and scores as integer hundredths (stack.md §2.3) via `toHundredths`/`fromHundredths`.
 */

import type { AssignmentState } from './lifecycle.js';
import type { AssignmentRole, PlanSettings } from './settings.js';

/** One child of a roll-up: an assignment (with role and state), an action or a measure (with weight). */
export interface RollupChild {
  /** Accepted progress 0–100; null before any accepted report (counts as 0). */
  progress: number | null;
  /** Explicit sibling weight for `weighted` mode; null or absent when not set. */
  weight?: number | null;
  state?: AssignmentState;
  role?: AssignmentRole;
}

/** Allowed distance of a weight sum from 1 (R-S9). */
export const WEIGHT_EPSILON = 0.001;

/** Sibling weights that do not sum to 1 ± 0.001; services map it to their declared error code. */
export class WeightsSumError extends Error {
  readonly code = 'WEIGHTS_SUM' as const;
  readonly sum: number;

  constructor(sum: number) {
    super(`WEIGHTS_SUM: sibling weights sum to ${sum}, not 1`);
    this.name = 'WeightsSumError';
    this.sum = sum;
  }
}

type RollupSettings = Pick<PlanSettings, 'rollupMode' | 'roleWeights' | 'statusProgress'>;

/** Rounds to 1 decimal, halves away from zero (四舍五入), immune to binary noise such as 44.15 → 44.1499…. */
export function roundHalfUp1(value: number): number {
  const scaled = Number((Math.abs(value) * 10).toPrecision(12));
  return (Math.sign(value) * Math.floor(scaled + 0.5)) / 10 || 0;
}

/** A percentage as stored: integer hundredths (60.5 → 6050). */
export function toHundredths(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12)));
}

/** A stored integer-hundredths value back to a number (6050 → 60.5). */
export function fromHundredths(stored: number): number {
  return stored / 100;
}

/** The progress a child contributes: the status map's value for its state (completed → 100), else its own. */
export function effectiveProgress(child: RollupChild, settings: Pick<PlanSettings, 'statusProgress'>): number {
  const forced = child.state ? settings.statusProgress[child.state] : undefined;
  return forced ?? child.progress ?? 0;
}

/** Throws WeightsSumError unless the weights (null counted as 0) sum to 1 ± 0.001. */
export function checkWeights(weights: readonly (number | null | undefined)[]): void {
  const sum = weights.reduce<number>((s, w) => s + (w ?? 0), 0);
  if (Math.abs(sum - 1) > WEIGHT_EPSILON) throw new WeightsSumError(Number(sum.toPrecision(12)));
}

/**
 * Rolls children up to one progress value (1 decimal), or null when no non-cancelled child remains.
 * `weighted` uses Σ w·p when any weight is set (the set must sum to 1 ± 0.001, else WEIGHTS_SUM) and the
 * role-weighted mean when all are null. Cancelled children are left out; their weight is shared among the
 * rest in proportion, so cancelling one assignment does not break a plan's configured weights.
 */
export function rollup(children: readonly RollupChild[], settings: RollupSettings): number | null {
  const active = children.filter((c) => c.state !== 'cancelled');
  if (active.length === 0) return null;

  if (settings.rollupMode === 'weighted' && children.some((c) => c.weight !== null && c.weight !== undefined)) {
    checkWeights(children.map((c) => c.weight));
    const total = active.reduce((s, c) => s + (c.weight ?? 0), 0);
    if (total > 0) {
      const sum = active.reduce((s, c) => s + (c.weight ?? 0) * effectiveProgress(c, settings), 0);
      return roundHalfUp1(sum / total);
    }
    // Only zero-weight children survived cancellation: fall back to the mean rather than divide by zero.
  }

  let sum = 0;
  let total = 0;
  for (const c of active) {
    const w = c.role ? settings.roleWeights[c.role] : 1;
    sum += w * effectiveProgress(c, settings);
    total += w;
  }
  if (total <= 0) {
    // Every present role weighs 0 (e.g. only co-units with co = 0): a plain mean beats showing nothing.
    return roundHalfUp1(active.reduce((s, c) => s + effectiveProgress(c, settings), 0) / active.length);
  }
  return roundHalfUp1(sum / total);
}
