import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { WorkingCalendar, weekday } from '../../../core/working-days.js';
import { dataFile } from '../../../paths.js';
import { checkYearRows, expandNotices, type HolidayNotices, noticeYears } from './holiday-calendar.js';

const data = JSON.parse(fs.readFileSync(dataFile('holidays.json'), 'utf8')) as HolidayNotices;
const rows = expandNotices(data);
const cal = new WorkingCalendar(rows);

describe('data/holidays.json (State Council notices)', () => {
  it('covers 2015–2026', () => {
    assert.deepEqual(noticeYears(data), [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('every make-up working day is a Saturday or Sunday', () => {
    for (const r of rows.filter((x) => x.kind === 'workday')) {
      assert.ok([0, 6].includes(weekday(r.day)), `${r.day} ${r.name}`);
    }
    assert.deepEqual(
      checkYearRows(
        2015,
        rows.filter((r) => r.year === 2015),
      ),
      [],
    );
  });

  it('National Day 2015 on the real calendar gives the spec vectors', () => {
    assert.equal(cal.addWorkingDays('2015-09-30', 3), '2015-10-10');
    assert.equal(cal.addWorkingDays('2015-09-30', 20), '2015-11-03');
    assert.equal(cal.addActDays('2015-09-24', 7), '2015-10-08');
  });

  it('spot checks of other years', () => {
    assert.equal(cal.isWorkingDay('2018-12-29'), true, '2019 New Year make-up Saturday');
    assert.equal(cal.isWorkingDay('2018-12-31'), false);
    assert.equal(cal.isWorkingDay('2020-02-01'), false, 'the 2020 Spring Festival extension cancelled the make-up day');
    assert.equal(cal.isWorkingDay('2015-09-03'), false, 'Victory Day 2015');
    assert.equal(cal.isWorkingDay('2015-09-06'), true);
    assert.equal(cal.isWorkingDay('2026-02-14'), true);
    assert.equal(cal.isWorkingDay('2026-02-23'), false);
    assert.equal(cal.isWorkingDay('2025-02-08'), true);
  });

  it('an edited year is checked', () => {
    assert.deepEqual(
      checkYearRows(2015, [
        { day: '2015-10-01', kind: 'holiday' },
        { day: '2015-10-01', kind: 'holiday' },
        { day: '2015-10-12', kind: 'workday' },
        { day: '2016-01-01', kind: 'holiday' },
        { day: '2015-02-30', kind: 'holiday' },
        { day: '2015-03-01', kind: 'other' },
      ]).map((i) => [i.day, i.problem]),
      [
        ['2015-10-01', 'DUPLICATE'],
        ['2015-10-12', 'WORKDAY_NOT_WEEKEND'],
        ['2016-01-01', 'OTHER_YEAR'],
        ['2015-02-30', 'NOT_A_DATE'],
        ['2015-03-01', 'BAD_KIND'],
      ],
    );
  });
});
