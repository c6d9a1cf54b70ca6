import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DashAssignment, DashboardInput, DashReport } from './as-of.js';
import {
  type BulletinContent,
  BulletinTransitionError,
  buildBulletinContent,
  bulletinEvents,
  bulletinNumber,
  bulletinTransition,
  type EscalationNotice,
  excerpt,
  monthEnd,
} from './bulletin.js';
import { bulletinDocument, defaultNextSteps, periodText, reasonText } from './bulletin-document.js';
import { cellText } from './official-document.js';
import { mergeSettings } from './settings.js';

// Two measures, three units. A on M1 reports monthly (September one day late); B on M1 never signs; C on M1
// was due 2015-09-10, is overdue and its September report was returned; A on M2 completed on 2015-09-20;
// C on M2 is cancelled; B on M2 is dispatched only in November.
const base = {
  actionId: null,
  role: 'shared',
  deadlineType: 'default',
  due: '2015-12-31',
  cadence: 'monthly',
  dispatchedOn: '2015-07-21',
  signedAt: '2015-07-22T02:00:00.000Z',
  completedAt: null,
};
const assignments: DashAssignment[] = [
  { ...base, id: 1, externalId: 'P-M01-A', measureId: 1, unitCode: 'A', state: 'in_progress' },
  { ...base, id: 2, externalId: 'P-M01-B', measureId: 1, unitCode: 'B', state: 'dispatched', signedAt: null },
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
  { ...base, id: 6, externalId: 'P-M01-C', measureId: 1, unitCode: 'C', state: 'in_progress', due: '2015-09-10' },
];
assignments[2]!.completedAt = '2015-09-20T03:00:00.000Z';

let nextId = 1;
const report = (
  assignmentId: number,
  period: string,
  progress: number,
  submitted: string,
  reviewed: string,
  status = 'accepted',
): DashReport => ({
  id: nextId++,
  assignmentId,
  period,
  status,
  progress,
  submittedAt: `${submitted}T02:00:00.000Z`,
  reviewedAt: `${reviewed}T02:00:00.000Z`,
});
const reports: DashReport[] = [
  report(1, '2015-07', 20, '2015-07-27', '2015-07-28'),
  report(1, '2015-08', 40, '2015-08-27', '2015-08-30'),
  report(1, '2015-09', 60, '2015-09-29', '2015-09-30'),
  report(3, '2015-07', 50, '2015-07-25', '2015-07-26'),
  report(3, '2015-08', 100, '2015-08-20', '2015-08-21'),
  report(6, '2015-07', 30, '2015-07-27', '2015-07-28'),
  report(6, '2015-08', 50, '2015-08-26', '2015-08-27'),
  report(6, '2015-09', 70, '2015-09-05', '2015-09-08', 'returned'),
];

const dash = (over: Partial<DashboardInput> = {}): DashboardInput => ({
  measures: [
    { id: 1, externalId: 'P-M01', ord: 1, number: 1, title: '提高劳动者技能', sectionNumber: 1, weight: null },
    { id: 2, externalId: 'P-M02', ord: 2, number: 2, title: '强化企业质量主体作用', sectionNumber: 1, weight: null },
  ],
  actions: [],
  assignments,
  reports,
  // Display order C, B, A: the bulletin still orders units by code.
  units: [
    { code: 'C', name: '丙局', kind: 'muni_dept', order: 1 },
    { code: 'B', name: '乙局', kind: 'muni_dept', order: 2 },
    { code: 'A', name: '甲局', kind: 'muni_dept', order: 3 },
  ],
  settings: mergeSettings(),
  ...over,
});

const notices: EscalationNotice[] = [
  { assignmentId: 6, level: 'E1', no: '督办〔2015〕1号', runDay: '2015-09-11' },
  { assignmentId: 6, level: 'E2', no: '督办〔2015〕2号', runDay: '2015-09-17' },
];
const exemplary = [
  {
    reportId: 2,
    assignmentId: 1,
    period: '2015-08',
    narrative: '建立职业技能竞赛  长效机制。\n组织开展全市技能大赛。',
  },
];

function august(): BulletinContent {
  return buildBulletinContent({
    planTitle: '测试行动计划',
    period: '2015-08',
    asOf: '2015-08-31',
    dash: dash(),
    previous: null,
    exemplary: [],
    notices,
  });
}

function september(input: Partial<DashboardInput> = {}): BulletinContent {
  return buildBulletinContent({
    planTitle: '测试行动计划',
    period: '2015-09',
    asOf: '2015-09-30',
    dash: dash(input),
    previous: { no: '2015年第1期', period: '2015-08', asOf: '2015-08-31', content: august() },
    exemplary,
    notices,
  });
}

describe('bulletin numbering and lifecycle', () => {
  it('numbers per year and finds the month end', () => {
    assert.equal(bulletinNumber(2015, 1), '2015年第1期');
    assert.equal(bulletinNumber(2015, 12), '2015年第12期');
    assert.throws(() => bulletinNumber(2015, 0), RangeError);
    assert.equal(monthEnd('2015-09'), '2015-09-30');
    assert.equal(monthEnd('2016-02'), '2016-02-29');
  });

  it('goes draft → approved → issued, approved may go back, issued accepts nothing', () => {
    assert.equal(bulletinTransition('draft', 'approve'), 'approved');
    assert.equal(bulletinTransition('approved', 'revoke'), 'draft');
    assert.equal(bulletinTransition('approved', 'issue'), 'issued');
    assert.throws(() => bulletinTransition('draft', 'issue'), BulletinTransitionError);
    assert.throws(() => bulletinTransition('issued', 'revoke'), BulletinTransitionError);
    assert.deepEqual(bulletinEvents('draft'), ['approve']);
    assert.deepEqual(bulletinEvents('approved'), ['revoke', 'issue']);
    assert.deepEqual(bulletinEvents('issued'), []);
  });
});

describe('bulletin content', () => {
  it('is identical for the same snapshot, whatever order the rows arrive in', () => {
    const a = september();
    assert.deepEqual(september(), a);
    const shuffled = september({
      assignments: [...assignments].reverse(),
      reports: [...reports].reverse(),
      units: [...dash().units].reverse(),
    });
    assert.deepEqual(shuffled, a);
    assert.equal(JSON.stringify(shuffled), JSON.stringify(a));
  });

  it('section 1 counts by light and state and compares with the last issue', () => {
    const c = september();
    assert.deepEqual([c.summary.assignments, c.summary.measures, c.summary.units], [4, 2, 3]);
    const lights = Object.fromEntries(c.summary.lights.map((l) => [l.light, [l.count, l.previous]]));
    assert.deepEqual(lights.DONE, [1, 0], 'A on M2 completed in September');
    assert.deepEqual(lights.OVERDUE, [1, 0], 'C on M1 passed its due day in September');
    assert.deepEqual(lights.BEHIND, [1, 2]);
    const states = Object.fromEntries(c.summary.states.map((s) => [s.state, [s.count, s.previous]]));
    assert.deepEqual(states.completed, [1, 0]);
    assert.deepEqual(states.dispatched, [1, 1]);
    assert.equal(c.summary.states.find((s) => s.state === 'completed')?.label, '办结');
    assert.ok(c.summary.progress! > c.summary.previousProgress!);
    assert.deepEqual(c.previous, { no: '2015年第1期', period: '2015-08', asOf: '2015-08-31' });
    // The first issue has nothing to compare with.
    assert.equal(august().summary.lights[0]!.previous, null);
  });

  it('section 2 has one row per measure in plan order with the change since the last issue', () => {
    const c = september();
    assert.deepEqual(
      c.measures.map((m) => [m.externalId, m.assignments, m.units, m.behind, m.overdue, m.done, m.worst]),
      [
        ['P-M01', 3, 3, 1, 1, 0, 'OVERDUE'],
        ['P-M02', 1, 1, 0, 0, 1, 'DONE'],
      ],
    );
    assert.equal(c.measures[1]!.progress, 100);
    assert.equal(c.measures[1]!.previousProgress, 100);
  });

  it('section 3 lists OVERDUE and BEHIND items by measure then unit code, with escalation and notices', () => {
    const c = september();
    assert.deepEqual(
      c.problems.map((p) => [p.assignmentExternalId, p.light]),
      [
        ['P-M01-B', 'BEHIND'],
        ['P-M01-C', 'OVERDUE'],
      ],
    );
    const overdue = c.problems[1]!;
    assert.deepEqual(
      [overdue.due, overdue.daysOverdue, overdue.level, overdue.noticeNo],
      ['2015-09-10', 20, 'E2', '督办〔2015〕2号'],
    );
    assert.ok(overdue.reasons.includes('DUE_PASSED:20'));
    assert.ok(c.problems[0]!.reasons.some((r) => r.startsWith('UNSIGNED')));
    assert.ok(c.problems[0]!.reasons.includes('REPORT_MISSING:2015-08'));
    // Without any recorded notice the level still follows the days overdue (R-S8 offsets).
    const computed = buildBulletinContent({
      planTitle: 'x',
      period: '2015-09',
      asOf: '2015-09-14',
      dash: dash(),
      previous: null,
      exemplary: [],
      notices: [],
    });
    const c6 = computed.problems.find((p) => p.assignmentExternalId === 'P-M01-C')!;
    assert.deepEqual([c6.daysOverdue, c6.level, c6.noticeNo], [4, 'E1', null]);
  });

  it('lists the 督办单 sent since the last issue (R-S8) and none before they were sent', () => {
    assert.deepEqual(
      september().escalations.map((e) => [e.no, e.unitName, e.measureNumber]),
      [['督办〔2015〕2号', '丙局', 1]],
    );
    assert.deepEqual(august().escalations, []);
  });

  it('takes notice levels from the issue’s own window, so an old 催办单 does not follow an item forever', () => {
    const old: EscalationNotice = { assignmentId: 2, level: 'E1', no: '催办〔2015〕3号', runDay: '2015-08-29' };
    const first = (period: string, asOf: string) =>
      buildBulletinContent({
        planTitle: 'x',
        period,
        asOf,
        dash: dash(),
        previous: null,
        exemplary: [],
        notices: [old],
      });
    const inAugust = first('2015-08', '2015-08-31').problems.find((p) => p.assignmentExternalId === 'P-M01-B');
    assert.deepEqual([inAugust?.level, inAugust?.noticeNo], ['E1', '催办〔2015〕3号']);
    const inSeptember = first('2015-09', '2015-09-30').problems.find((p) => p.assignmentExternalId === 'P-M01-B');
    assert.deepEqual([inSeptember?.level, inSeptember?.noticeNo], [null, null]);
  });

  it('section 4 names the units with late, returned or missing reports for the month', () => {
    const r = september().reporting;
    assert.deepEqual([r.owed, r.onTime, r.late, r.returned, r.missing, r.unitsOwing], [3, 0, 1, 1, 1, 3]);
    assert.deepEqual(
      r.units.map((u) => [u.unitCode, u.items.map((i) => [i.status, i.daysLate])]),
      [
        ['A', [['late', 1]]],
        ['B', [['missing', null]]],
        ['C', [['returned', null]]],
      ],
    );
    const aug = august().reporting;
    assert.deepEqual([aug.owed, aug.onTime, aug.missing, aug.onTimeRate], [4, 3, 1, 75]);
  });

  it('section 5 quotes flagged reports, shortened at a full stop', () => {
    const c = september();
    assert.deepEqual(c.experiences, [
      {
        reportId: 2,
        assignmentExternalId: 'P-M01-A',
        measureNumber: 1,
        measureTitle: '提高劳动者技能',
        unitCode: 'A',
        unitName: '甲局',
        period: '2015-08',
        excerpt: '建立职业技能竞赛 长效机制。 组织开展全市技能大赛。',
      },
    ]);
    const long = `${'甲'.repeat(150)}。${'乙'.repeat(150)}`;
    assert.equal(excerpt(long), `${'甲'.repeat(150)}。`);
    assert.equal(excerpt('丙'.repeat(300)), `${'丙'.repeat(220)}……`);
  });
});

describe('bulletin document', () => {
  const header = {
    no: '2015年第2期',
    status: 'draft' as const,
    issuer: '青岛市质量发展工作领导小组办公室',
    date: '2015-10-08',
  };

  it('has the masthead and sections 一 to 六 in order', () => {
    const doc = bulletinDocument(header, september(), '一是加强督办。\n\n二是严格报送。');
    assert.deepEqual(doc.masthead, {
      title: '质量工作督查情况通报',
      number: '2015年第2期',
      mark: '(草稿)',
      issuer: '青岛市质量发展工作领导小组办公室',
      date: '2015年10月8日',
    });
    assert.deepEqual(
      doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text),
      ['一、总体情况', '二、分项进展', '三、存在问题', '四、报送情况', '五、典型经验', '六、下步工作'],
    );
    assert.deepEqual(doc.blocks.slice(-2), [
      { kind: 'paragraph', text: '一是加强督办。' },
      { kind: 'paragraph', text: '二是严格报送。' },
    ]);
    const texts = doc.blocks.map((b) => (b.kind === 'table' ? b.rows.flat().map(cellText).join('|') : b.text));
    assert.ok(texts.some((t) => t.includes('较上期(2015年第1期,截至2015年8月31日)提高')));
    assert.ok(texts.some((t) => t.includes('督办〔2015〕2号')));
    assert.ok(texts.some((t) => t.includes('以下3个单位存在逾期报送')));
    assert.equal(bulletinDocument({ ...header, status: 'issued' }, september(), '').masthead?.mark, null);
  });

  it('words reasons and periods the way the office writes them', () => {
    assert.equal(reasonText('REPORT_MISSING:2015-09'), '2015年9月进展未报送');
    assert.equal(reasonText('REPORT_RETURNED:2015-Q3'), '2015年第三季度进展退回未重报');
    assert.equal(reasonText('UNSIGNED:2015-07-24'), '未按时签收');
    assert.equal(periodText('2015-10'), '2015年10月');
  });

  it('drafts 下步工作 from the figures', () => {
    const text = defaultNextSteps(september());
    assert.match(text, /逾期未完成的1项任务和进度滞后的1项任务/);
    assert.match(text, /未报送进展报告的3个单位/);
    assert.equal(text.split('\n').length, 3);
  });
});
