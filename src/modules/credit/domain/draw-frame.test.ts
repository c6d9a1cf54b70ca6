import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DrawClass, runDraw } from './draw.js';
import { DrawFrame } from './draw-frame.js';

const id = (n: number) => `E${String(n).padStart(4, '0')}`;
const cls = (n: number): DrawClass => (n <= 200 ? 'A' : n <= 240 ? 'B' : n <= 243 ? 'C' : 'D');
const pool = ['P01', 'P02', 'P03', 'P04', 'P05', 'P06'].map((inspectorId) => ({ inspectorId }));
const input = {
  seed: 'QD-2015-SC-0001',
  ratiosBp: { A: 200, B: 500, C: 10000, D: 10000 },
  pool,
  conflicts: new Set(['P03|E0241']),
  perEnterprise: 2,
};

describe('DrawFrame (streamed frame)', () => {
  it('gives the §6.2 vector and the same result as runDraw, refs carried through', () => {
    const f = new DrawFrame();
    for (let n = 245; n >= 1; n--) f.add(id(n), n, cls(n));
    const r = f.draw(input);
    assert.equal(r.frameHash, 'b117fee7a9a82efd8f92655b1ef63a7d2ac6333430e2d4a5cc26ffe0bc633402');
    assert.equal(r.loadCap, 4);
    const frame = Array.from({ length: 245 }, (_, i) => ({ enterpriseId: id(i + 1), riskClass: cls(i + 1) }));
    const expected = runDraw({ ...input, frame });
    assert.deepEqual(
      r.selection.map(({ ref: _r, ...s }) => s),
      expected.selection,
    );
    assert.deepEqual(r.counts, expected.counts);
    for (const s of r.selection) assert.equal(id(s.ref), s.enterpriseId);
    assert.equal(r.selection[0]!.enterpriseId, 'E0200');
  });

  it('matches runDraw on a larger random-looking frame with decimal ids', () => {
    const f = new DrawFrame();
    const frame = [];
    for (let n = 1; n <= 3000; n++) {
      const c: DrawClass = (['A', 'B', 'C', 'D'] as const)[(n * 7919) % 4]!;
      f.add(String(n), n, c);
      frame.push({ enterpriseId: String(n), riskClass: c });
    }
    const big = {
      ...input,
      ratiosBp: { A: 200, B: 500, C: 300, D: 100 },
      conflicts: new Set<string>(),
      perEnterprise: 1,
    };
    const a = f.draw(big);
    const b = runDraw({ ...big, frame });
    assert.equal(a.frameHash, b.frameHash);
    assert.deepEqual(
      a.selection.map((s) => s.enterpriseId),
      b.selection.map((s) => s.enterpriseId),
    );
  });

  it('refuses duplicate ids', () => {
    const f = new DrawFrame();
    f.add('X', 1, 'A');
    f.add('X', 2, 'A');
    assert.throws(() => f.draw(input), RangeError);
  });
});
