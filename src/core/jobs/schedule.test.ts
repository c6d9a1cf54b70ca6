import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueToday, nextFiring, parseTimeOfDay } from './schedule.js';

describe('daily job schedule (Asia/Shanghai)', () => {
  it('parses HH:MM and rejects anything else', () => {
    assert.equal(parseTimeOfDay('08:00'), 480);
    assert.equal(parseTimeOfDay('00:05'), 5);
    assert.equal(parseTimeOfDay('23:59'), 1439);
    for (const bad of ['8:00', '24:00', '08:60', '0800', '', '08:00:00']) assert.equal(parseTimeOfDay(bad), null, bad);
  });

  it('fires at 08:00 Shanghai = 00:00 UTC, the next day once passed', () => {
    assert.equal(nextFiring(new Date('2015-10-14T23:59:00Z'), 480).toISOString(), '2015-10-15T00:00:00.000Z');
    assert.equal(nextFiring(new Date('2015-10-15T00:00:00Z'), 480).toISOString(), '2015-10-16T00:00:00.000Z');
    assert.equal(nextFiring(new Date('2015-10-15T03:00:00Z'), 480).toISOString(), '2015-10-16T00:00:00.000Z');
  });

  it('uses the Shanghai day, not the UTC day, near midnight', () => {
    // 2015-10-15 17:00 UTC is 01:00 on the 16th in Shanghai: 00:05 local has passed, 08:00 has not.
    const now = new Date('2015-10-15T17:00:00Z');
    assert.equal(nextFiring(now, 5).toISOString(), '2015-10-16T16:05:00.000Z');
    assert.equal(nextFiring(now, 480).toISOString(), '2015-10-16T00:00:00.000Z');
    assert.equal(dueToday(now, 5), true);
    assert.equal(dueToday(now, 480), false);
  });
});
