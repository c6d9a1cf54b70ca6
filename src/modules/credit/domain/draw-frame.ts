/**
 * The 双随机 draw over a frame too large for `runDraw`'s per-member objects (2 M enterprises): members are
 * added as they stream from the database, holding only the hashed id, an opaque reference (the row id) and
 * the class code in flat arrays. The result is the same as `runDraw` on the same frame (draw-frame.test.ts).
 */
import {
  assignInspectors,
  DRAW_CLASSES,
  type DrawClass,
  type DrawnEnterprise,
  type DrawResult,
  frameHash,
  InsufficientInspectorsError,
  type PickedEnterprise,
  type PoolInspector,
  sampleSize,
  sha256Hex,
} from './draw.js';

/** A drawn enterprise with the caller's reference (the enterprise row id) carried through. */
export interface DrawnMember extends DrawnEnterprise {
  ref: number;
}

export interface FrameDrawResult extends Omit<DrawResult, 'selection'> {
  selection: DrawnMember[];
}

const CLASS_CODE: Record<DrawClass, number> = { A: 0, B: 1, C: 2, D: 3 };

/** Compares strings by UTF-16 code unit, which for the ASCII ids here is code-point order. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class DrawFrame {
  private readonly ids: string[] = [];
  private readonly refs: number[] = [];
  private readonly classes: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  add(id: string, ref: number, cls: DrawClass): void {
    const code = CLASS_CODE[cls];
    if (code === undefined) throw new RangeError(`unknown risk class ${String(cls)}`);
    this.ids.push(id);
    this.refs.push(ref);
    this.classes.push(code);
  }

  /** SHA-256 over the ids sorted by code point and joined by "\n" (same as `frameHash`). */
  frameHash(): string {
    return frameHash(this.ids);
  }

  /**
   * Per class A…D: the n_class members with the smallest `${seed}|${id}` keys, ascending. Only the first 48
   * bits of each key are kept (a float64 holds them exactly); equal prefixes fall back to the full hex.
   */
  pick(
    seed: string,
    ratiosBp: Record<DrawClass, number>,
  ): { picked: (PickedEnterprise & { ref: number })[]; counts: DrawResult['counts'] } {
    const n = this.ids.length;
    const seen = new Set<string>();
    for (const id of this.ids) {
      if (seen.has(id)) throw new RangeError(`duplicate frame member ${id}`);
      seen.add(id);
    }
    seen.clear();
    const prefix = new Float64Array(n);
    for (let i = 0; i < n; i++) prefix[i] = Number.parseInt(sha256Hex(`${seed}|${this.ids[i]}`).slice(0, 12), 16);
    const counts = {} as DrawResult['counts'];
    const picked: (PickedEnterprise & { ref: number })[] = [];
    DRAW_CLASSES.forEach((cls, code) => {
      const members: number[] = [];
      for (let i = 0; i < n; i++) if (this.classes[i] === code) members.push(i);
      const take = sampleSize(members.length, ratiosBp[cls]);
      members.sort(
        (a, b) =>
          prefix[a]! - prefix[b]! || cmp(sha256Hex(`${seed}|${this.ids[a]}`), sha256Hex(`${seed}|${this.ids[b]}`)),
      );
      for (let k = 0; k < take; k++) {
        const i = members[k]!;
        picked.push({ id: this.ids[i]!, cls, ref: this.refs[i]! });
      }
      counts[cls] = { frame: members.length, selected: take };
    });
    return { picked, counts };
  }

  /** The whole draw; throws InsufficientInspectorsError (from assignInspectors) when the pool is too small. */
  draw(input: {
    seed: string;
    ratiosBp: Record<DrawClass, number>;
    pool: readonly PoolInspector[];
    conflicts: ReadonlySet<string>;
    perEnterprise: number;
  }): FrameDrawResult {
    if (!Number.isInteger(input.perEnterprise) || input.perEnterprise < 1) {
      throw new RangeError('perEnterprise must be ≥ 1');
    }
    const { picked, counts } = this.pick(input.seed, input.ratiosBp);
    const { loadCap, selection } = assignInspectors({ ...input, picked });
    return {
      frameSize: this.ids.length,
      frameHash: this.frameHash(),
      counts,
      loadCap,
      selection: selection.map((s, i) => ({ ...s, ref: picked[i]!.ref })),
    };
  }
}

export { InsufficientInspectorsError };
