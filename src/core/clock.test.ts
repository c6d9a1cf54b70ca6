import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessNow, businessToday, fixedClock, shanghaiDate } from './clock.js';

describe('shanghaiDate', () => {
  it('is the calendar day in UTC+8', () => {
    assert.equal(shanghaiDate(new Date('2015-07-20T16:00:00Z')), '2015-07-21');
    assert.equal(shanghaiDate(new Date('2015-07-20T15:59:59Z')), '2015-07-20');
  });
});

describe('businessNow', () => {
  it('is the real instant without a pinned day, or before it', () => {
    const clock = fixedClock('2015-10-01T02:00:00Z');
    assert.equal(businessNow(clock, null), '2015-10-01T02:00:00.000Z');
    assert.equal(businessNow(clock, '2015-10-15'), '2015-10-01T02:00:00.000Z');
  });

  it('moves a later write onto the pinned day, keeping the time of day in Shanghai', () => {
    const clock = fixedClock('2026-11-27T20:30:00Z'); // 2026-11-28 04:30 in Shanghai
    assert.equal(businessNow(clock, '2015-10-15'), '2015-10-14T20:30:00.000Z');
    assert.equal(businessToday(clock, '2015-10-15'), '2015-10-15');
  });
});
