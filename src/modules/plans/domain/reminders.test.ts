import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from './periods.js';
import { escalationLevel, type NoticeDue, noticeNumber, type ReminderInput, remindersDue } from './reminders.js';
import { mergeSettings, DEFAULT_PLAN_SETTINGS as S } from './settings.js';

const months = ['07', '08', '09', '10', '11', '12'];
const base: ReminderInput = {
  state: 'in_progress',
  start: '2015-07-21',
  due: '2015-12-31',
  deadlineType: 'default',
  signedOn: '2015-07-22',
  reports: months.map((m) => ({ period: `2015-${m}`, status: 'accepted', submittedOn: `2015-${m}-20` })),
};
const on = (today: string, over: Partial<ReminderInput> = {}) =>
  remindersDue({ ...base, ...over }, today, S).map(({ level, reason, recipients }) => ({ level, reason, recipients }));

describe('R-S8 reminders and escalation', () => {
  it('提醒 at due − nearDays and on the due day, to the handler', () => {
    assert.deepEqual(on('2015-12-28'), [{ level: 'reminder', reason: 'DUE_IN:3', recipients: ['handler'] }]);
    assert.deepEqual(on('2015-12-31'), [{ level: 'reminder', reason: 'DUE_TODAY', recipients: ['handler'] }]);
    assert.deepEqual(on('2015-12-29'), []);
  });

  it('催办单 (E1) at due + 1 to handler and unit head', () => {
    assert.deepEqual(on('2016-01-01'), [{ level: 'E1', reason: 'OVERDUE:1', recipients: ['handler', 'unit_head'] }]);
  });

  it('督办单 (E2) at due + 7, then every 7 days, to unit head and leader', () => {
    const e2Days: string[] = [];
    for (let i = 2; i <= 30; i++) {
      const day = addDays('2015-12-31', i);
      if (on(day).some((n) => n.level === 'E2')) e2Days.push(day);
    }
    assert.deepEqual(e2Days, ['2016-01-07', '2016-01-14', '2016-01-21', '2016-01-28']);
    assert.deepEqual(on('2016-01-07'), [{ level: 'E2', reason: 'OVERDUE:7', recipients: ['unit_head', 'leader'] }]);
  });

  it('stops once done or cancelled (or while the office holds a completion request)', () => {
    for (const state of ['completed', 'closed', 'cancelled', 'completion_requested'] as const) {
      assert.deepEqual(on('2016-01-07', { state }), []);
    }
  });

  it('unsigned: reminder to the unit head at dispatchedOn + signDays + 1', () => {
    const unsigned = { state: 'dispatched' as const, signedOn: null };
    assert.deepEqual(on('2015-07-24', unsigned), []);
    assert.deepEqual(on('2015-07-25', unsigned), [
      { level: 'sign_reminder', reason: 'UNSIGNED', recipients: ['unit_head'] },
    ]);
    assert.deepEqual(on('2015-07-26', unsigned), []);
    assert.deepEqual(on('2015-07-25'), []);
  });

  it('missing report: reminder at due − 3, E1 at due + 1', () => {
    const reports = base.reports!.filter((r) => r.period !== '2015-09');
    assert.deepEqual(on('2015-09-25', { reports }), [
      { level: 'report_reminder', reason: 'REPORT_DUE:2015-09', recipients: ['handler'] },
    ]);
    assert.deepEqual(on('2015-09-29', { reports }), [
      { level: 'E1', reason: 'REPORT_MISSING:2015-09', recipients: ['handler', 'unit_head'] },
    ]);
    assert.deepEqual(on('2015-09-25'), []);
    const returned = [...reports, { period: '2015-09', status: 'returned' as const, submittedOn: '2015-09-20' }];
    assert.equal(on('2015-09-29', { reports: returned })[0]?.reason, 'REPORT_RETURNED:2015-09');
  });

  it('ongoing work still gets report reminders', () => {
    const ongoing = { deadlineType: 'ongoing' as const, due: null, reports: [] };
    assert.deepEqual(
      on('2015-10-25', ongoing).map((n) => n.reason),
      ['REPORT_DUE:2015-10'],
    );
    assert.deepEqual(
      on('2015-10-29', ongoing).map((n) => n.reason),
      ['REPORT_MISSING:2015-10'],
    );
  });

  it('periodic occurrences escalate one by one', () => {
    const periodic: Partial<ReminderInput> = {
      deadlineType: 'periodic',
      due: null,
      occurrences: [{ due: '2015-08-28', doneOn: null }],
    };
    assert.deepEqual(on('2015-08-29', periodic), [
      { level: 'E1', reason: 'OVERDUE:1', recipients: ['handler', 'unit_head'] },
    ]);
  });

  it('two E1 on one day differ by key, and a second run on the same day returns the same list', () => {
    const reports = base.reports!.filter((r) => r.period !== '2015-09');
    const input = { ...base, due: '2015-09-28', reports };
    const first = remindersDue(input, '2015-09-29', S);
    assert.deepEqual(
      first.map((n: NoticeDue) => n.key),
      ['E1:deadline', 'E1:report:2015-09'],
    );
    assert.deepEqual(remindersDue(input, '2015-09-29', S), first);
  });

  it('honours configured offsets', () => {
    const s = mergeSettings({ nearDays: 5, reminders: { onDueDay: false, e2AfterDays: 3, e2RepeatDays: 2 } });
    const at = (d: string) => remindersDue(base, d, s).map((n) => n.level);
    assert.deepEqual(at('2015-12-26'), ['reminder']);
    assert.deepEqual(at('2015-12-31'), []);
    assert.deepEqual(at('2016-01-03'), ['E2']);
    assert.deepEqual(at('2016-01-05'), ['E2']);
  });

  it('escalation level for the bulletin', () => {
    assert.equal(escalationLevel('2015-12-31', '2015-12-31', S), null);
    assert.equal(escalationLevel('2015-12-31', '2016-01-03', S), 'E1');
    assert.equal(escalationLevel('2015-12-31', '2016-01-20', S), 'E2');
  });
});

describe('notice numbers', () => {
  it('督办〔2015〕7号, per year', () => {
    assert.equal(noticeNumber(2015, 7), '督办〔2015〕7号');
    assert.equal(noticeNumber(2016, 1, '催办'), '催办〔2016〕1号');
    assert.throws(() => noticeNumber(2015, 0), RangeError);
    assert.throws(() => noticeNumber(15, 1), RangeError);
  });
});
