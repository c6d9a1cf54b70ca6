import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addCalendarDays,
  addMonths,
  addYears,
  deadlineInstant,
  type HolidayRow,
  isWithinTerm,
  termHiddenFrom,
  termLastDay,
  WorkingCalendar,
  weekday,
} from './working-days.js';

// The spec's fixture calendar (credit.md §4.2): National Day 2015-10-01…07, make-up working day Sat 10-10.
const fixtureRows: HolidayRow[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: `2015-10-0${d}`, kind: 'holiday' as const })),
  { day: '2015-10-10', kind: 'workday' },
];
const cal = new WorkingCalendar(fixtureRows);

describe('WorkingCalendar (credit.md §4.2 vectors)', () => {
  it('addWorkingDays: start day not counted, holidays skipped, make-up day counted', () => {
    assert.equal(cal.addWorkingDays('2015-09-30', 3), '2015-10-10');
    assert.equal(cal.addWorkingDays('2015-09-30', 20), '2015-11-03');
    assert.equal(cal.addWorkingDays('2015-10-10', 1), '2015-10-12');
    assert.equal(cal.addWorkingDays('2015-09-29', 3), '2015-10-09');
    assert.equal(cal.addWorkingDays('2015-09-29', 7), '2015-10-14');
  });

  it('addActDays moves a deadline ending on a non-working day to the next working day', () => {
    assert.equal(cal.addActDays('2015-09-24', 7), '2015-10-08');
    assert.equal(cal.addActDays('2015-09-20', 7), '2015-09-28');
    assert.equal(cal.addActDays('2015-09-21', 7), '2015-09-28', 'a working day stays');
    assert.equal(cal.addActDays('2015-10-03', 7), '2015-10-10', 'a make-up Saturday is a working day');
  });

  it('addMonths / addYears keep the day number, else the month end', () => {
    assert.equal(addMonths('2015-11-30', 3), '2016-02-29');
    assert.equal(addYears('2016-02-29', 3), '2019-02-28');
    assert.equal(addYears('2016-02-29', 4), '2020-02-29');
    assert.equal(addMonths('2015-01-31', 1), '2015-02-28');
    assert.equal(addMonths('2015-03-31', -1), '2015-02-28');
    assert.equal(addMonths('2015-12-15', 1), '2016-01-15');
    assert.equal(addMonths('2016-01-15', -1), '2015-12-15');
  });

  it('isWorkingDay knows weekends, holidays and make-up days', () => {
    assert.equal(cal.isWorkingDay('2015-10-01'), false);
    assert.equal(cal.isWorkingDay('2015-10-08'), true);
    assert.equal(cal.isWorkingDay('2015-10-10'), true);
    assert.equal(cal.isWorkingDay('2015-10-11'), false);
    assert.equal(weekday('2015-10-10'), 6);
  });

  it('countStartDay counts a working start day as the first', () => {
    assert.equal(cal.addWorkingDays('2015-09-29', 3, { countStartDay: true }), '2015-10-08');
    assert.equal(cal.addWorkingDays('2015-10-03', 1, { countStartDay: true }), '2015-10-08');
  });

  it('negative working days walk backwards; zero returns the day', () => {
    assert.equal(cal.addWorkingDays('2015-10-10', -3), '2015-09-30');
    assert.equal(cal.addWorkingDays('2015-10-10', 0), '2015-10-10');
  });

  it('terms never move and end on addYears; hidden from the next day (§5.2 vector)', () => {
    assert.equal(termLastDay('2021-10-15', { years: 3 }), '2024-10-15');
    assert.equal(termHiddenFrom('2021-10-15', { years: 3 }), '2024-10-16');
    assert.equal(termLastDay('2021-11-25', { months: 3 }), '2022-02-25');
    assert.equal(isWithinTerm('2021-10-15', { years: 3 }, '2024-10-15'), true);
    assert.equal(isWithinTerm('2021-10-15', { years: 3 }, '2024-10-16'), false);
    // A term ending on the National Day holiday still ends there.
    assert.equal(termLastDay('2012-10-03', { years: 3 }), '2015-10-03');
  });

  it('warns when a computation reaches a year without a calendar', () => {
    const checked = cal.addWorkingDaysChecked('2015-12-28', 5);
    assert.equal(checked.day, '2016-01-04');
    assert.deepEqual(
      checked.warnings.map((w) => [w.code, w.year]),
      [['CALENDAR_YEAR_MISSING', 2016]],
    );
    assert.deepEqual(cal.addActDaysChecked('2015-09-24', 7).warnings, []);
    assert.deepEqual(new WorkingCalendar([], [2016]).warningsBetween('2016-01-01', '2016-12-31'), []);
  });

  it('rejects malformed days and non-integer counts', () => {
    assert.throws(() => cal.isWorkingDay('2015-02-30'), RangeError);
    assert.throws(() => cal.addWorkingDays('2015-10-01', 1.5), RangeError);
    assert.throws(() => new WorkingCalendar([{ day: '2015-13-01', kind: 'holiday' }]), RangeError);
  });

  it('helpers: calendar days and the 23:59:59 Shanghai deadline instant', () => {
    assert.equal(addCalendarDays('2015-12-31', 1), '2016-01-01');
    assert.equal(deadlineInstant('2015-10-08'), '2015-10-08T15:59:59.999Z');
  });
});
