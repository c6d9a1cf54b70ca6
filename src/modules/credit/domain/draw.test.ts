import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DrawClass, type FrameMember, InsufficientInspectorsError, runDraw, sampleSize } from './draw.js';

const id = (n: number) => `E${String(n).padStart(4, '0')}`;
function vectorFrame(): FrameMember[] {
  const frame: FrameMember[] = [];
  for (let n = 1; n <= 245; n++) {
    const riskClass: DrawClass = n <= 200 ? 'A' : n <= 240 ? 'B' : n <= 243 ? 'C' : 'D';
    frame.push({ enterpriseId: id(n), riskClass });
  }
  return frame;
}
const pool = ['P01', 'P02', 'P03', 'P04', 'P05', 'P06'].map((inspectorId) => ({ inspectorId }));
const ratiosBp = { A: 200, B: 500, C: 10000, D: 10000 };
const input = (frame: FrameMember[], p = pool) => ({
  seed: 'QD-2015-SC-0001',
  frame,
  ratiosBp,
  pool: p,
  conflicts: new Set(['P03|E0241']),
  perEnterprise: 2,
});

const EXPECTED = [
  ['E0200', 'A', 'P04,P05'],
  ['E0052', 'A', 'P02,P04'],
  ['E0168', 'A', 'P04,P06'],
  ['E0164', 'A', 'P03,P01'],
  ['E0228', 'B', 'P02,P06'],
  ['E0230', 'B', 'P05,P03'],
  ['E0242', 'C', 'P06,P02'],
  ['E0243', 'C', 'P05,P03'],
  ['E0241', 'C', 'P02,P01'],
  ['E0244', 'D', 'P05,P04'],
  ['E0245', 'D', 'P03,P01'],
];

describe('双随机 draw (credit.md §6.2 vector)', () => {
  it('reproduces the frame hash, selection, inspectors and cap', () => {
    const r = runDraw(input(vectorFrame()));
    assert.equal(r.frameHash, 'b117fee7a9a82efd8f92655b1ef63a7d2ac6333430e2d4a5cc26ffe0bc633402');
    assert.equal(r.frameSize, 245);
    assert.equal(r.loadCap, 4);
    assert.deepEqual(
      r.selection.map((s) => [s.enterpriseId, s.riskClass, s.inspectors.join(',')]),
      EXPECTED,
    );
  });

  it('any input order gives the same result', () => {
    const shuffled = vectorFrame().reverse();
    shuffled.push(...shuffled.splice(0, 100));
    const r = runDraw(input(shuffled, [...pool].reverse()));
    assert.deepEqual(
      r.selection.map((s) => [s.enterpriseId, s.riskClass, s.inspectors.join(',')]),
      EXPECTED,
    );
    assert.equal(r.frameHash, 'b117fee7a9a82efd8f92655b1ef63a7d2ac6333430e2d4a5cc26ffe0bc633402');
  });

  it('too few inspectors: DRAW_INSUFFICIENT_INSPECTORS', () => {
    assert.throws(() => runDraw(input(vectorFrame(), pool.slice(0, 1))), InsufficientInspectorsError);
  });
});

describe('sampleSize', () => {
  it('is ceil(N × bp / 10000) in integers: 5 % of 40 is 2, not 3', () => {
    assert.equal(sampleSize(40, 500), 2);
    assert.equal(sampleSize(41, 500), 3);
    assert.equal(sampleSize(200, 200), 4);
    assert.equal(sampleSize(0, 10000), 0);
    assert.equal(sampleSize(3, 10000), 3);
    assert.equal(sampleSize(2_000_000, 200), 40_000);
    assert.throws(() => sampleSize(10, 10001), RangeError);
  });
});
