import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkWeights,
  effectiveProgress,
  fromHundredths,
  rollup,
  roundHalfUp1,
  toHundredths,
  WeightsSumError,
} from './rollup.js';
import { DEFAULT_PLAN_SETTINGS, mergeSettings } from './settings.js';

const average = DEFAULT_PLAN_SETTINGS;
const weighted = mergeSettings({ rollupMode: 'weighted' });

describe('R-S9 roll-up: spec tests', () => {
  it('40 and 80 → 60', () => {
    assert.equal(rollup([{ progress: 40 }, { progress: 80 }], average), 60);
  });

  it('weights 0.3/0.7 → 68', () => {
    assert.equal(
      rollup(
        [
          { progress: 40, weight: 0.3 },
          { progress: 80, weight: 0.7 },
        ],
        weighted,
      ),
      68,
    );
  });

  it('weights 0.3/0.6 → WEIGHTS_SUM', () => {
    assert.throws(
      () =>
        rollup(
          [
            { progress: 40, weight: 0.3 },
            { progress: 80, weight: 0.6 },
          ],
          weighted,
        ),
      (e: unknown) => e instanceof WeightsSumError && e.code === 'WEIGHTS_SUM' && e.sum === 0.9,
    );
  });
});

describe('R-S9 roll-up: rules', () => {
  it('all-null weights → average', () => {
    assert.equal(rollup([{ progress: 40, weight: null }, { progress: 80 }], weighted), 60);
  });

  it('a partly weighted set must still sum to 1', () => {
    assert.throws(() => rollup([{ progress: 40, weight: 0.5 }, { progress: 80 }], weighted), { code: 'WEIGHTS_SUM' });
    assert.doesNotThrow(() => checkWeights([0.3333, 0.3333, 0.3334]));
    assert.doesNotThrow(() => checkWeights([0.3, 0.6995]));
    assert.throws(() => checkWeights([0.3, 0.698]), WeightsSumError);
  });

  it('average mode ignores explicit weights', () => {
    assert.equal(
      rollup(
        [
          { progress: 40, weight: 0.3 },
          { progress: 80, weight: 0.7 },
        ],
        average,
      ),
      60,
    );
  });

  it('completed sets 100 through the status map; null progress counts as 0', () => {
    assert.equal(effectiveProgress({ progress: 40, state: 'completed' }, average), 100);
    assert.equal(
      rollup(
        [
          { progress: 40, state: 'completed' },
          { progress: null, state: 'signed' },
        ],
        average,
      ),
      50,
    );
    const custom = mergeSettings({ statusProgress: { completion_requested: 90 } });
    assert.equal(effectiveProgress({ progress: 70, state: 'completion_requested' }, custom), 90);
  });

  it('role weights (configurable) weight the mean of assignments', () => {
    const leadHeavy = mergeSettings({ roleWeights: { lead: 3 } });
    const kids = [
      { progress: 80, role: 'lead' as const },
      { progress: 40, role: 'co' as const },
    ];
    assert.equal(rollup(kids, average), 60);
    assert.equal(rollup(kids, leadHeavy), 70);
  });

  it('leaves cancelled children out, sharing their weight among the rest', () => {
    assert.equal(rollup([{ progress: 40 }, { progress: 0, state: 'cancelled' }], average), 40);
    const kids = [
      { progress: 40, weight: 0.2 },
      { progress: 80, weight: 0.6 },
      { progress: 0, weight: 0.2, state: 'cancelled' as const },
    ];
    assert.equal(rollup(kids, weighted), 70);
    assert.equal(rollup([{ progress: 10, state: 'cancelled' }], average), null);
    assert.equal(rollup([], average), null);
  });

  it('displays 1 decimal, half up', () => {
    assert.equal(rollup([{ progress: 33.3 }, { progress: 33.4 }], average), 33.4);
    assert.equal(rollup([{ progress: 0 }, { progress: 0 }, { progress: 100 }], average), 33.3);
    assert.equal(roundHalfUp1(44.15), 44.2);
    assert.equal(roundHalfUp1(1.005), 1);
    assert.equal(roundHalfUp1(0.05), 0.1);
    assert.equal(roundHalfUp1(-0.05), -0.1);
    assert.equal(roundHalfUp1(0.04), 0);
  });

  it('stores percentages as integer hundredths', () => {
    assert.equal(toHundredths(60.5), 6050);
    assert.equal(toHundredths(44.2), 4420);
    assert.equal(fromHundredths(6050), 60.5);
  });
});
