import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  addMonths,
  daysBetween,
  dueReportsBefore,
  isIsoDate,
  isLate,
  periodFromKey,
  periodOf,
  periodsBetween,
} from './periods.js';

const keys = (ps: { key: string }[]) => ps.map((p) => p.key);

describe('calendar dates', () => {
  it('adds days and counts days across months and leap years', () => {
    assert.equal(addDays('2015-07-21', 3), '2015-07-24');
    assert.equal(addDays('2015-12-31', 1), '2016-01-01');
    assert.equal(addDays('2016-03-01', -1), '2016-02-29');
    assert.equal(daysBetween('2015-07-21', '2015-12-31'), 163);
    assert.equal(daysBetween('2015-07-21', '2015-10-01'), 72);
    assert.equal(addMonths('2015-03-31', -1), '2015-02-28');
  });

  it('rejects malformed dates', () => {
    assert.equal(isIsoDate('2015-02-29'), false);
    assert.equal(isIsoDate('2016-02-29'), true);
    assert.throws(() => addDays('2015-7-1', 1), RangeError);
  });
});

describe('R-S4 report periods', () => {
  it('monthly: opens on the 1st, due on the 28th', () => {
    assert.deepEqual(periodOf('2015-08-14', 'monthly'), {
      key: '2015-08',
      cadence: 'monthly',
      opens: '2015-08-01',
      end: '2015-08-31',
      due: '2015-08-28',
    });
  });

  it('clamps a configured due day to the month length', () => {
    assert.equal(periodOf('2015-02-10', 'monthly', 30).due, '2015-02-28');
    assert.equal(periodOf('2016-02-10', 'monthly', 31).due, '2016-02-29');
    assert.equal(periodOf('2015-04-10', 'monthly', 31).due, '2015-04-30');
  });

  it('quarterly: opens with the quarter, due on the due day of its last month', () => {
    assert.deepEqual(periodOf('2015-08-14', 'quarterly'), {
      key: '2015-Q3',
      cadence: 'quarterly',
      opens: '2015-07-01',
      end: '2015-09-30',
      due: '2015-09-28',
    });
    assert.equal(periodFromKey('2015-Q4')?.due, '2015-12-28');
  });

  it('reads period keys', () => {
    assert.equal(periodFromKey('2015-08')?.opens, '2015-08-01');
    assert.equal(periodFromKey('2015-13'), null);
    assert.equal(periodFromKey('2015-Q5'), null);
    assert.equal(periodFromKey('2015-08-14')?.cadence, 'adhoc');
  });

  it('lists the periods of a plan range', () => {
    assert.deepEqual(keys(periodsBetween('2015-07-21', '2015-12-31', 'monthly')), [
      '2015-07',
      '2015-08',
      '2015-09',
      '2015-10',
      '2015-11',
      '2015-12',
    ]);
    assert.deepEqual(keys(periodsBetween('2015-07-21', '2015-12-31', 'quarterly')), ['2015-Q3', '2015-Q4']);
    assert.deepEqual(keys(periodsBetween('2015-11-20', '2016-02-10', 'monthly')), [
      '2015-11',
      '2015-12',
      '2016-01',
      '2016-02',
    ]);
    assert.deepEqual(periodsBetween('2015-07-01', '2015-12-31', 'adhoc'), []);
  });

  it('skips a month whose due day passed before the range starts', () => {
    assert.deepEqual(keys(periodsBetween('2015-07-29', '2015-09-15', 'monthly')), ['2015-08', '2015-09']);
  });

  it('a due day is on time until its end', () => {
    const aug = periodOf('2015-08-01', 'monthly');
    assert.equal(isLate(aug, '2015-08-28'), false);
    assert.equal(isLate(aug, '2015-08-29'), true);
    assert.equal(isLate(aug, '2015-08-02'), false);
  });

  it('lists the reports that must exist before today', () => {
    assert.deepEqual(keys(dueReportsBefore('2015-10-01', '2015-07-21', '2015-12-31', 'monthly')), [
      '2015-07',
      '2015-08',
      '2015-09',
    ]);
    assert.deepEqual(keys(dueReportsBefore('2015-09-28', '2015-07-21', '2015-12-31', 'monthly')), [
      '2015-07',
      '2015-08',
    ]);
    assert.deepEqual(keys(dueReportsBefore('2015-10-01', '2015-07-21', '2015-12-31', 'quarterly')), ['2015-Q3']);
  });
});
