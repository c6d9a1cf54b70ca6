import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DashAssignment, type DashReport, prepare } from './as-of.js';
import { noticeSeries, noticesForDay, reminderInputAt } from './notice-run.js';
import { DEFAULT_PLAN_SETTINGS as S } from './settings.js';

const assignment = (over: Partial<DashAssignment>): DashAssignment => ({
  id: 1,
  externalId: 'QD2015-M01-QTS',
  measureId: 1,
  actionId: null,
  unitCode: 'QTS',
  role: 'lead',
  state: 'in_progress',
  deadlineType: 'default',
  due: '2015-12-31',
  cadence: 'monthly',
  dispatchedOn: '2015-07-21',
  signedAt: '2015-07-22T02:00:00.000Z',
  completedAt: null,
  ...over,
});

function run(assignments: DashAssignment[], day: string, reports: DashReport[] = []) {
  const prepared = prepare({ measures: [], actions: [], assignments, reports, units: [], settings: S });
  const order = new Map([
    [1, 2],
    [2, 1],
  ]);
  return noticesForDay(prepared, order, day, S).map((n) => `${n.assignmentId}:${n.notice.key}@${n.dueDate}`);
}

describe('one day of the reminder job over a plan', () => {
  it('sees each assignment as it stood that day: signed later means unsigned then', () => {
    const late = assignment({ signedAt: '2015-08-01T02:00:00.000Z' });
    const [p] = prepare({ measures: [], actions: [], assignments: [late], reports: [], units: [], settings: S });
    assert.equal(reminderInputAt(p!, '2015-07-25')?.state, 'dispatched');
    assert.equal(reminderInputAt(p!, '2015-08-02')?.state, 'in_progress');
    assert.equal(reminderInputAt(p!, '2015-07-20'), null, 'not yet dispatched');
    assert.deepEqual(run([late], '2015-07-25'), ['1:sign_reminder:sign@null', '1:report_reminder:report:2015-07@null']);
  });

  it('a report delivered before the day silences its reminder', () => {
    const report: DashReport = {
      id: 9,
      assignmentId: 1,
      period: '2015-07',
      status: 'submitted',
      progress: 10,
      submittedAt: '2015-07-24T02:00:00.000Z',
      reviewedAt: null,
    };
    assert.deepEqual(run([assignment({})], '2015-07-25', [report]), []);
  });

  it('orders by measure order, then unit code, then urgency; cancelled assignments get nothing', () => {
    const day = '2016-01-07';
    const list = run(
      [
        assignment({ id: 1, measureId: 1, unitCode: 'AAA' }),
        assignment({ id: 2, measureId: 2, unitCode: 'ZZZ' }),
        assignment({ id: 3, measureId: 2, unitCode: 'BBB' }),
        assignment({ id: 4, measureId: 2, unitCode: 'CCC', state: 'cancelled' }),
      ],
      day,
    );
    assert.deepEqual(
      list.map((k) => k.split(':')[0]),
      ['3', '2', '1'],
    );
    assert.ok(list.every((k) => k.includes(':E2:deadline@2015-12-31')));
  });

  it('numbers each level in its own yearly series', () => {
    assert.equal(noticeSeries('E2', 2015).format(7), '督办〔2015〕7号');
    assert.equal(noticeSeries('E1', 2016).counterKey, 'notice:催办:2016');
    assert.equal(noticeSeries('sign_reminder', 2015).counterKey, noticeSeries('reminder', 2015).counterKey);
  });
});
