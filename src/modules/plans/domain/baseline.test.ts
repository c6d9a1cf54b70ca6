import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BaselineRow, compare, describeDiff, enteredRed, leftRed, presetDate } from './baseline.js';

const row = (over: Partial<BaselineRow> = {}): BaselineRow => ({
  id: 'QD2015-M01-A01-QTS',
  title: '实施质量强市战略',
  state: 'in_progress',
  progress: 40,
  light: 'ON_TRACK',
  due: '2015-12-31',
  units: ['QTS', 'EDU'],
  lastReportOn: '2015-08-20',
  ...over,
});

describe('R-S12 baseline comparison', () => {
  it('progress 40 on 2015-09-01 and 60 on 2015-10-01 → changed progress 40→60', () => {
    const [d] = compare([row()], [row({ progress: 60 })]);
    assert.equal(d?.status, 'changed');
    assert.deepEqual(d?.changes, [{ field: 'progress', old: 40, new: 60 }]);
    assert.equal(describeDiff(d!), 'changed progress 40→60');
  });

  it('marks added, removed and unchanged rows', () => {
    const a = row();
    const b = row({ id: 'QD2015-M01-A02-QTS' });
    const c = row({ id: 'QD2015-M02-A01-EDU', title: '新增', progress: null, light: null, units: ['EDU'] });
    const diffs = compare([a, b], [a, c]);
    assert.deepEqual(
      diffs.map((d) => [d.id, d.status]),
      [
        ['QD2015-M01-A01-QTS', 'unchanged'],
        ['QD2015-M02-A01-EDU', 'added'],
        ['QD2015-M01-A02-QTS', 'removed'],
      ],
    );
    assert.deepEqual(
      diffs[1]?.changes.map((ch) => ch.field),
      ['title', 'state', 'due', 'units', 'lastReportOn'],
    );
  });

  it('compares units as a set and null like undefined', () => {
    const [d] = compare([row({ units: ['QTS', 'EDU'], lastReportOn: null })], [row({ units: ['EDU', 'QTS'] })]);
    assert.deepEqual(d?.changes, [{ field: 'lastReportOn', old: null, new: '2015-08-20' }]);
    const [same] = compare([row({ lastReportOn: null })], [row({ lastReportOn: undefined })]);
    assert.equal(same?.status, 'unchanged');
  });

  it('shows old→new for every field, light included', () => {
    const [d] = compare([row()], [row({ progress: 60, light: 'OVERDUE', state: 'signed' })]);
    assert.equal(describeDiff(d!), 'changed state in_progress→signed; progress 40→60; light ON_TRACK→OVERDUE');
  });

  it('filters entered RED and left RED', () => {
    const diffs = compare(
      [row({ id: 'a' }), row({ id: 'b', light: 'OVERDUE' }), row({ id: 'c', light: 'OVERDUE' })],
      [row({ id: 'a', light: 'OVERDUE' }), row({ id: 'b', light: 'NEAR' }), row({ id: 'd', light: 'OVERDUE' })],
    );
    assert.deepEqual(
      diffs.filter(enteredRed).map((d) => d.id),
      ['a', 'd'],
    );
    assert.deepEqual(
      diffs.filter(leftRed).map((d) => d.id),
      ['b', 'c'],
    );
  });

  it('presets: yesterday, 7 days, 1 month', () => {
    assert.equal(presetDate('yesterday', '2015-10-01'), '2015-09-30');
    assert.equal(presetDate('7d', '2015-10-01'), '2015-09-24');
    assert.equal(presetDate('1m', '2015-10-01'), '2015-09-01');
    assert.equal(presetDate('1m', '2015-03-31'), '2015-02-28');
  });
});
