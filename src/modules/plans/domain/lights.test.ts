import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expectedProgress,
  type LightCode,
  type LightInput,
  light,
  lightColour,
  type ReportRef,
  worstLight,
} from './lights.js';
import { DEFAULT_PLAN_SETTINGS as S } from './settings.js';

// The R-S7 test assignment: start 2015-07-21, due 2015-12-31, signed, every report on time.
const onTime: ReportRef[] = ['07', '08', '09', '10', '11', '12'].map((m) => ({
  period: `2015-${m}`,
  status: 'accepted',
  submittedOn: `2015-${m}-20`,
}));
const base: LightInput = {
  state: 'in_progress',
  start: '2015-07-21',
  due: '2015-12-31',
  deadlineType: 'default',
  signedOn: '2015-07-22',
  progress: 90,
  reports: onTime,
};
const at = (today: string, over: Partial<LightInput> = {}) => light({ ...base, ...over }, today, S);

describe('R-S7 traffic lights: spec tests', () => {
  it('2015-12-27 at 90 % → ON_TRACK', () => {
    assert.deepEqual(at('2015-12-27'), { code: 'ON_TRACK', reasons: [], expected: 97.5 });
  });

  it('2015-12-28 → NEAR', () => {
    assert.deepEqual(at('2015-12-28'), { code: 'NEAR', reasons: ['DUE_SOON:3'], expected: 98.2 });
  });

  it('2016-01-01 not done → OVERDUE', () => {
    assert.equal(at('2016-01-01').code, 'OVERDUE');
    assert.deepEqual(at('2016-01-01').reasons, ['DUE_PASSED:1']);
  });

  it('2015-10-01 at 20 % → BEHIND, expected 44.2 (20 < 29.2)', () => {
    assert.deepEqual(at('2015-10-01', { progress: 20 }), {
      code: 'BEHIND',
      reasons: ['PROGRESS_BEHIND'],
      expected: 44.2,
    });
    // At the tolerance edge: 29.2 is not below 44.2 − 15.
    assert.equal(at('2015-10-01', { progress: 29.2 }).code, 'ON_TRACK');
    assert.equal(at('2015-10-01', { progress: 29.1 }).code, 'BEHIND');
  });

  it('unsigned: 07-24 → ON_TRACK, 07-25 → BEHIND', () => {
    const unsigned = { state: 'dispatched' as const, signedOn: null, progress: null };
    assert.equal(at('2015-07-24', unsigned).code, 'ON_TRACK');
    assert.deepEqual(at('2015-07-25', unsigned).reasons, ['UNSIGNED:2015-07-24']);
    assert.equal(at('2015-07-25', unsigned).code, 'BEHIND');
  });
});

describe('R-S7 traffic lights: rules', () => {
  it('DONE for completed and closed, whatever the dates', () => {
    assert.deepEqual(at('2016-03-01', { state: 'completed', progress: 10 }), { code: 'DONE', reasons: ['COMPLETED'] });
    assert.equal(at('2016-03-01', { state: 'closed' }).code, 'DONE');
  });

  it('precedence follows the table, and every applying reason is listed', () => {
    const r = at('2016-01-01', { progress: 10, reports: [] });
    assert.equal(r.code, 'OVERDUE');
    assert.deepEqual(r.reasons, [
      'DUE_PASSED:1',
      'REPORT_MISSING:2015-07',
      'REPORT_MISSING:2015-08',
      'REPORT_MISSING:2015-09',
      'REPORT_MISSING:2015-10',
      'REPORT_MISSING:2015-11',
      'REPORT_MISSING:2015-12',
      'PROGRESS_BEHIND',
    ]);
    // BEHIND outranks NEAR.
    const b = at('2015-12-28', { progress: 50 });
    assert.equal(b.code, 'BEHIND');
    assert.deepEqual(b.reasons, ['PROGRESS_BEHIND', 'DUE_SOON:3']);
  });

  it('a report due before today that is missing, a draft or returned → BEHIND', () => {
    const reports: ReportRef[] = [
      { period: '2015-07', status: 'accepted', submittedOn: '2015-07-27' },
      { period: '2015-08', status: 'returned', submittedOn: '2015-08-20' },
      { period: '2015-09', status: 'draft' },
    ];
    const r = at('2015-10-01', { progress: 50, reports });
    assert.equal(r.code, 'BEHIND');
    assert.deepEqual(r.reasons, ['REPORT_RETURNED:2015-08', 'REPORT_MISSING:2015-09']);
    // A report due today is still on time; one submitted after the as-of day did not exist yet.
    assert.equal(at('2015-07-28', { progress: 5, reports: [] }).code, 'ON_TRACK');
    const future: ReportRef[] = [{ period: '2015-07', status: 'submitted', submittedOn: '2015-07-30' }];
    assert.equal(at('2015-07-29', { progress: 5, reports: future }).code, 'BEHIND');
    assert.equal(at('2015-07-30', { progress: 5, reports: future }).code, 'ON_TRACK');
  });

  it('a late report still counts once submitted', () => {
    const reports: ReportRef[] = [{ period: '2015-07', status: 'submitted', submittedOn: '2015-08-02' }];
    assert.equal(at('2015-08-03', { progress: 5, reports }).code, 'ON_TRACK');
  });

  it('a sign-off dated after the as-of day does not count yet', () => {
    assert.equal(at('2015-07-26', { state: 'signed', signedOn: '2015-07-27', progress: 0 }).code, 'BEHIND');
    assert.equal(at('2015-07-27', { state: 'signed', signedOn: '2015-07-27', progress: 0 }).code, 'ON_TRACK');
  });

  it('a disputed assignment is not held against the unit', () => {
    assert.equal(at('2015-07-30', { state: 'disputed', signedOn: null, progress: 0, reports: [] }).code, 'ON_TRACK');
  });

  it('unscheduled → NOT_SET (BEHIND still wins)', () => {
    const u = { deadlineType: 'unscheduled' as const, due: null, progress: 0 };
    assert.deepEqual(at('2015-09-01', u), { code: 'NOT_SET', reasons: ['NO_DEADLINE'] });
    assert.equal(at('2015-09-01', { ...u, reports: [] }).code, 'BEHIND');
  });

  it('expected progress is not applied to ongoing or periodic deadlines', () => {
    const r = at('2015-10-01', { deadlineType: 'ongoing', due: null, progress: 0 });
    assert.deepEqual(r, { code: 'ON_TRACK', reasons: [] });
    assert.equal(at('2015-10-01', { deadlineType: 'periodic', due: null, progress: 0 }).expected, undefined);
  });

  it('periodic: each occurrence is judged separately', () => {
    const periodic = { deadlineType: 'periodic' as const, due: null, progress: 0 };
    const occurrences = [
      { due: '2015-08-28', doneOn: '2015-08-27' },
      { due: '2015-09-28', doneOn: null },
      { due: '2015-10-28', doneOn: null },
    ];
    assert.equal(at('2015-09-20', { ...periodic, occurrences }).code, 'ON_TRACK');
    assert.deepEqual(at('2015-09-26', { ...periodic, occurrences }).reasons, ['OCCURRENCE_DUE_SOON:2015-09-28']);
    const late = at('2015-09-29', { ...periodic, occurrences });
    assert.equal(late.code, 'OVERDUE');
    assert.deepEqual(late.reasons, ['OCCURRENCE_MISSED:2015-09-28']);
    occurrences[1] = { due: '2015-09-28', doneOn: '2015-09-30' };
    assert.equal(at('2015-10-01', { ...periodic, occurrences }).code, 'ON_TRACK');
  });

  it('milestones: expected follows them piecewise-linearly', () => {
    const milestones = [
      { date: '2015-09-30', progress: 20 },
      { date: '2015-11-30', progress: 80 },
    ];
    // 07-21 (0) → 09-30 (20): 2015-08-25 is half-way (35 of 71 days ≈ 9.9).
    assert.equal(expectedProgress('2015-07-21', '2015-12-31', milestones, '2015-08-25'), 9.9);
    assert.equal(expectedProgress('2015-07-21', '2015-12-31', milestones, '2015-09-30'), 20);
    assert.equal(expectedProgress('2015-07-21', '2015-12-31', milestones, '2015-10-31'), 50.5);
    assert.equal(expectedProgress('2015-07-21', '2015-12-31', milestones, '2015-12-31'), 100);
    assert.equal(expectedProgress('2015-07-21', '2015-12-31', milestones, '2015-07-01'), 0);
    // Without milestones, 20 % on 10-01 is BEHIND; against the slower milestone plan (expected 21) it is not.
    assert.deepEqual(at('2015-10-01', { progress: 20, milestones }), { code: 'ON_TRACK', reasons: [], expected: 21 });
  });

  it('clamps expected to 0–100', () => {
    assert.equal(expectedProgress('2015-07-21', '2015-12-31', [], '2015-07-01'), 0);
    assert.equal(expectedProgress('2015-07-21', '2015-12-31', [], '2016-02-01'), 100);
  });

  it('a cancelled assignment is grey NOT_SET', () => {
    assert.deepEqual(at('2015-10-01', { state: 'cancelled' }), { code: 'NOT_SET', reasons: ['CANCELLED'] });
  });
});

describe('colours and worst light', () => {
  it('sanse: green / blue NEAR / yellow BEHIND / red / grey; classic shows NEAR yellow', () => {
    assert.equal(lightColour('ON_TRACK', 'sanse'), 'green');
    assert.equal(lightColour('NEAR', 'sanse'), 'blue');
    assert.equal(lightColour('BEHIND', 'sanse'), 'yellow');
    assert.equal(lightColour('OVERDUE', 'sanse'), 'red');
    assert.equal(lightColour('NOT_SET', 'sanse'), 'grey');
    assert.equal(lightColour('NEAR', 'classic'), 'yellow');
    assert.equal(lightColour('DONE', 'classic'), 'green');
  });

  it('takes the worst light; none gives null', () => {
    const codes: LightCode[] = ['DONE', 'ON_TRACK', 'NEAR', 'BEHIND'];
    assert.equal(worstLight(codes), 'BEHIND');
    assert.equal(worstLight([...codes, 'OVERDUE']), 'OVERDUE');
    assert.equal(worstLight(['DONE', 'DONE']), 'DONE');
    assert.equal(worstLight(['DONE', 'ON_TRACK']), 'ON_TRACK');
    assert.equal(worstLight(['NOT_SET', 'NEAR']), 'NEAR');
    assert.equal(worstLight([]), null);
  });
});
