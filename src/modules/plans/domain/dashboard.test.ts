import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acceptedProgressAsOf,
  type DashAssignment,
  type DashboardInput,
  type DashReport,
  dayOf,
  groupReports,
  lightAt,
  newCache,
  reportAsOf,
  stateAsOf,
} from './as-of.js';
import { comparePlan, dashboard } from './dashboard.js';
import { type LightInput, light, type ReportRef } from './lights.js';
import { mergeSettings } from './settings.js';

// Two measures, three units. A on M1 reports monthly (20 → 40 → 60, September late); B on M1 never signs;
// A on M2 completes on 2015-09-20; C on M2 is cancelled; B on M2 is dispatched only on 2015-11-01.
const base = {
  actionId: null,
  role: 'shared',
  deadlineType: 'default',
  due: '2015-12-31',
  cadence: 'monthly',
  dispatchedOn: '2015-07-21',
  signedAt: null,
  completedAt: null,
};
const assignments: DashAssignment[] = [
  { ...base, id: 1, externalId: 'P-M01-A', measureId: 1, unitCode: 'A', state: 'in_progress' },
  { ...base, id: 2, externalId: 'P-M01-B', measureId: 1, unitCode: 'B', state: 'dispatched' },
  { ...base, id: 3, externalId: 'P-M02-A', measureId: 2, unitCode: 'A', state: 'completed' },
  { ...base, id: 4, externalId: 'P-M02-C', measureId: 2, unitCode: 'C', state: 'cancelled' },
  {
    ...base,
    id: 5,
    externalId: 'P-M02-B',
    measureId: 2,
    unitCode: 'B',
    state: 'dispatched',
    dispatchedOn: '2015-11-01',
  },
];
assignments[0]!.signedAt = '2015-07-22T02:00:00.000Z';
assignments[2]!.signedAt = '2015-07-22T02:00:00.000Z';
assignments[2]!.completedAt = '2015-09-20T03:00:00.000Z';

let nextId = 1;
const report = (assignmentId: number, period: string, progress: number, submitted: string, reviewed: string) =>
  ({
    id: nextId++,
    assignmentId,
    period,
    status: 'accepted',
    progress,
    submittedAt: `${submitted}T02:00:00.000Z`,
    reviewedAt: `${reviewed}T02:00:00.000Z`,
  }) satisfies DashReport;
const reports: DashReport[] = [
  report(1, '2015-07', 20, '2015-07-27', '2015-07-28'),
  report(1, '2015-08', 40, '2015-08-27', '2015-08-30'),
  report(1, '2015-09', 60, '2015-09-29', '2015-09-30'),
  report(3, '2015-07', 50, '2015-07-25', '2015-07-26'),
  report(3, '2015-08', 100, '2015-08-20', '2015-08-21'),
];

const input = (over: Partial<DashboardInput> = {}): DashboardInput => ({
  measures: [
    { id: 1, externalId: 'P-M01', ord: 1, number: 1, title: '措施一', sectionNumber: 1, weight: null },
    { id: 2, externalId: 'P-M02', ord: 2, number: 2, title: '措施二', sectionNumber: 1, weight: null },
  ],
  actions: [],
  assignments,
  reports,
  units: [
    { code: 'A', name: '甲局', kind: 'muni_dept', order: 1 },
    { code: 'B', name: '乙局', kind: 'muni_dept', order: 2 },
    { code: 'C', name: '丙局', kind: 'muni_dept', order: 3 },
  ],
  settings: mergeSettings({}),
  ...over,
});

const zero = { ON_TRACK: 0, NEAR: 0, BEHIND: 0, OVERDUE: 0, DONE: 0, NOT_SET: 0 };

describe('as-of views', () => {
  it('derives the state at a day from dispatch, sign-off and completion instants (Shanghai days)', () => {
    const [a1, a2, a3, a4, a5] = assignments;
    assert.equal(stateAsOf(a1!, '2015-07-21'), 'dispatched');
    assert.equal(stateAsOf(a1!, '2015-07-22'), 'in_progress');
    assert.equal(stateAsOf(a2!, '2016-01-02'), 'dispatched');
    assert.equal(stateAsOf(a3!, '2015-09-19'), 'in_progress');
    assert.equal(stateAsOf(a3!, '2015-09-20'), 'completed');
    assert.equal(stateAsOf(a4!, '2015-10-15'), 'cancelled');
    assert.equal(stateAsOf(a5!, '2015-10-31'), null);
    // 17:00 UTC is already the next day in Qingdao.
    assert.equal(stateAsOf({ ...a2!, signedAt: '2015-07-22T17:00:00.000Z' }, '2015-07-22'), 'dispatched');
    assert.equal(stateAsOf({ ...a2!, signedAt: '2015-07-22T17:00:00.000Z' }, '2015-07-23'), 'in_progress');
  });

  it('takes progress from the report accepted last by the day, and report status as it then was', () => {
    const mine = groupReports(reports).get(1)!;
    assert.equal(acceptedProgressAsOf(mine, '2015-07-27'), null);
    assert.equal(acceptedProgressAsOf(mine, '2015-09-01'), 40);
    assert.equal(acceptedProgressAsOf(mine, '2015-10-01'), 60);
    const september = mine[2]!;
    assert.equal(reportAsOf(september, '2015-09-28'), null);
    assert.deepEqual(reportAsOf(september, '2015-09-29'), {
      period: '2015-09',
      status: 'submitted',
      submittedOn: '2015-09-29',
    });
    assert.equal(reportAsOf(september, '2015-09-30')?.status, 'accepted');
  });

  it('lightAt (memoised schedule) gives the same code as light() over a grid of inputs', () => {
    const settings = mergeSettings({});
    const ref = (period: string, status: ReportRef['status'], submittedOn: string): ReportRef => ({
      period,
      status,
      submittedOn,
    });
    const reportSets: ReportRef[][] = [
      [],
      [ref('2015-07', 'accepted', '2015-07-27')],
      [ref('2015-07', 'accepted', '2015-07-27'), ref('2015-08', 'returned', '2015-08-26')],
      [ref('2015-07', 'submitted', '2015-07-30'), ref('2015-08', 'accepted', '2015-08-20')],
      [ref('2015-Q3', 'accepted', '2015-09-20')],
    ];
    const days = ['2015-07-22', '2015-07-25', '2015-08-29', '2015-09-30', '2015-12-29', '2016-01-02'];
    const cache = newCache();
    let checked = 0;
    for (const state of ['registered', 'dispatched', 'disputed', 'signed', 'in_progress', 'completed'] as const)
      for (const signedOn of [null, '2015-08-10'])
        for (const due of [null, '2015-08-15', '2015-07-01'])
          for (const deadlineType of ['default', 'periodic', 'unscheduled'] as const)
            for (const progress of [null, 60])
              for (const reports of reportSets)
                for (const cadence of [undefined, 'quarterly', 'adhoc'] as const) {
                  const input: LightInput = {
                    state,
                    start: '2015-07-21',
                    due,
                    deadlineType,
                    signedOn,
                    progress,
                    reports,
                  };
                  if (cadence) input.cadence = cadence;
                  for (const day of days) {
                    assert.equal(lightAt(input, day, settings, cache), light(input, day, settings).code);
                    checked += 1;
                  }
                }
    assert.equal(checked, 19_440);
  });

  it('turns stored instants into Shanghai days, 16:00 UTC starting the next day', () => {
    assert.equal(dayOf('2015-10-15T15:59:59.999Z'), '2015-10-15');
    assert.equal(dayOf('2015-10-15T16:00:00.000Z'), '2015-10-16');
    assert.equal(dayOf('2015-12-31T23:00:00.000Z'), '2016-01-01');
    assert.equal(dayOf('2015-10-15T10:00:00+08:00'), '2015-10-15', 'other ISO forms take the Date path');
  });
});

describe('dashboard (R-S11)', () => {
  it('rolls up plan, measures and units at 2015-10-15 by the spec formulas', () => {
    const d = dashboard(input(), '2015-10-15');
    // Live: A-M1 (ON_TRACK, 60), B-M1 (unsigned: BEHIND, 0), A-M2 (DONE, 100). C cancelled, B-M2 not yet dispatched.
    assert.deepEqual(d.plan, {
      assignments: 3,
      signedPct: 66.7,
      // Due before 10-15: A-M1 07/08/09 (2 on time), B-M1 07/08/09 (none), A-M2 07/08 (before completion, both on time).
      onTimeReportRate: 50,
      donePct: 33.3,
      overdue: 0,
      progress: 65, // mean of M1 (60 + 0) / 2 = 30 and M2 100
      lights: { ...zero, ON_TRACK: 1, BEHIND: 1, DONE: 1 },
    });
    assert.deepEqual(
      d.measures.map((m) => [m.externalId, m.progress, m.worst, m.nextDue, m.units]),
      [
        ['P-M01', 30, 'BEHIND', '2015-12-31', ['A', 'B']],
        ['P-M02', 100, 'DONE', null, ['A']],
      ],
    );
    assert.deepEqual(d.measures[0]!.lights, { ...zero, ON_TRACK: 1, BEHIND: 1 });
    assert.deepEqual(d.units, [
      {
        unitCode: 'A',
        unitName: '甲局',
        kind: 'muni_dept',
        assignments: 2,
        signedPct: 100,
        onTimeReportRate: 80,
        donePct: 50,
        overdue: 0,
        progress: 80,
        worst: 'ON_TRACK',
      },
      {
        unitCode: 'B',
        unitName: '乙局',
        kind: 'muni_dept',
        assignments: 1,
        signedPct: 0,
        onTimeReportRate: 0,
        donePct: 0,
        overdue: 0,
        progress: 0,
        worst: 'BEHIND',
      },
    ]);
    assert.deepEqual(d.heatmap.units, [
      { code: 'A', name: '甲局' },
      { code: 'B', name: '乙局' },
    ]);
    assert.deepEqual(d.heatmap.cells, [
      { unitCode: 'A', measureExternalId: 'P-M01', light: 'ON_TRACK', progress: 60 },
      { unitCode: 'A', measureExternalId: 'P-M02', light: 'DONE', progress: 100 },
      { unitCode: 'B', measureExternalId: 'P-M01', light: 'BEHIND', progress: 0 },
    ]);
    assert.deepEqual(d.overdue, []);
    assert.deepEqual(d.trend, [
      { month: '2015-07', progress: 30, reportsSubmitted: 2, reportsAccepted: 2 },
      { month: '2015-08', progress: 60, reportsSubmitted: 2, reportsAccepted: 2 },
      { month: '2015-09', progress: 65, reportsSubmitted: 1, reportsAccepted: 1 },
      { month: '2015-10', progress: 65, reportsSubmitted: 0, reportsAccepted: 0 },
    ]);
  });

  it('lists overdue work most days first, with the escalation level', () => {
    const d = dashboard(input(), '2016-01-02');
    assert.deepEqual(
      d.overdue.map((o) => [o.externalId, o.unitName, o.measureTitle, o.daysOverdue, o.level]),
      [
        ['P-M01-A', '甲局', '措施一', 2, 'E1'],
        ['P-M01-B', '乙局', '措施一', 2, 'E1'],
        ['P-M02-B', '乙局', '措施二', 2, 'E1'],
      ],
    );
    assert.equal(d.plan.overdue, 3);
    assert.equal(dashboard(input(), '2016-01-08').overdue[0]!.level, 'E2');
  });

  it('is empty before anything was dispatched', () => {
    const d = dashboard(input(), '2015-07-20');
    assert.equal(d.plan.assignments, 0);
    assert.equal(d.plan.progress, null);
    assert.equal(d.plan.signedPct, null);
    assert.deepEqual(d.heatmap.cells, []);
    assert.deepEqual(d.trend, []);
  });

  it('uses measure weights in weighted mode, and falls back to the mean when they do not sum to 1', () => {
    const weighted = (a: number, b: number) =>
      input({
        settings: mergeSettings({ rollupMode: 'weighted' }),
        measures: input().measures.map((m, i) => ({ ...m, weight: i === 0 ? a : b })),
      });
    assert.equal(dashboard(weighted(0.3, 0.7), '2015-10-15').plan.progress, 79); // 0.3·30 + 0.7·100
    assert.equal(dashboard(weighted(0.3, 0.6), '2015-10-15').plan.progress, 65);
  });

  it('rolls per-action assignments up through their actions', () => {
    const perAction = input({
      actions: [
        { id: 11, measureId: 1, weight: 0.25 },
        { id: 12, measureId: 1, weight: 0.75 },
      ],
      assignments: [
        { ...assignments[0]!, actionId: 11 },
        { ...assignments[1]!, actionId: 12 },
      ],
      settings: mergeSettings({ rollupMode: 'weighted' }),
    });
    assert.equal(dashboard(perAction, '2015-10-15').measures[0]!.progress, 15); // 0.25·60 + 0.75·0
  });
});

describe('baseline comparison (R-S12)', () => {
  it('shows changed progress 40→60 between 2015-09-01 and 2015-10-01', () => {
    const { rows, counts } = comparePlan(input(), '2015-09-01', '2015-10-01');
    assert.deepEqual(counts, { added: 0, removed: 0, changed: 2, unchanged: 1 });
    const a = rows.find((r) => r.id === 'P-M01-A')!;
    assert.equal(a.status, 'changed');
    assert.deepEqual(
      a.changes.find((c) => c.field === 'progress'),
      { field: 'progress', old: 40, new: 60 },
    );
    assert.equal(a.summary, 'changed progress 40→60; lastReportOn 2015-08-27→2015-09-29');
    assert.deepEqual([a.assignmentId, a.unitName, a.measureExternalId, a.title], [1, '甲局', 'P-M01', '措施一']);
    const done = rows.find((r) => r.id === 'P-M02-A')!;
    assert.equal(done.summary, 'changed state in_progress→completed; light ON_TRACK→DONE');
  });

  it('filters changed rows and rows entering or leaving red', () => {
    assert.deepEqual(
      comparePlan(input(), '2015-09-01', '2015-10-01', 'changed').rows.map((r) => r.id),
      ['P-M01-A', 'P-M02-A'],
    );
    const later = comparePlan(input(), '2015-10-01', '2016-01-02', 'enteredRed');
    assert.deepEqual(
      later.rows.map((r) => [r.id, r.status]),
      [
        ['P-M01-A', 'changed'],
        ['P-M01-B', 'changed'],
        ['P-M02-B', 'added'],
      ],
    );
    assert.equal(later.counts.added, 1);
    const back = comparePlan(input(), '2016-01-02', '2015-10-01', 'leftRed');
    assert.deepEqual(
      back.rows.map((r) => [r.id, r.status]),
      [
        ['P-M01-A', 'changed'],
        ['P-M01-B', 'changed'],
        ['P-M02-B', 'removed'],
      ],
    );
  });
});
