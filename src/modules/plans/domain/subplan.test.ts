import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coverage, lateDays, subPlanFindings, subPlanTransition } from './subplan.js';

const task = (
  measureId: number,
  over: Partial<{ deptName: string | null; responsiblePerson: string | null; dueDate: string | null }> = {},
) => ({
  measureId,
  title: '细化任务',
  deptName: '市南区市场监管局',
  responsiblePerson: '张三',
  dueDate: '2015-11-30',
  ...over,
});

describe('sub-plan findings (R-S10)', () => {
  it('needs a department, a person and an in-year deadline per task', () => {
    const findings = subPlanFindings(
      [
        task(1),
        task(2, { deptName: ' ' }),
        task(2, { responsiblePerson: null, dueDate: null }),
        task(3, { dueDate: '2016-01-10' }),
      ],
      [],
      [1, 2, 3],
      2015,
    );
    assert.deepEqual(findings, [
      { code: 'TASK_NO_UNIT', task: 2 },
      { code: 'TASK_NO_PERSON', task: 3 },
      { code: 'TASK_NO_DEADLINE', task: 3 },
      { code: 'TASK_NO_DEADLINE', task: 4 },
    ]);
  });

  it('needs every city measure covered or marked not applicable', () => {
    assert.deepEqual(subPlanFindings([task(1)], [3], [1, 2, 3], 2015), [{ code: 'UNCOVERED_MEASURE', measureId: 2 }]);
    assert.deepEqual(subPlanFindings([task(1), task(2)], [3], [1, 2, 3], 2015), []);
    assert.deepEqual(subPlanFindings([task(9)], [1], [1], 2015), [{ code: 'TASK_OUTSIDE_PLAN', task: 1 }]);
  });

  it('measures coverage over the applicable measures', () => {
    assert.equal(coverage([{ measureId: 1 }, { measureId: 1 }], [], [1, 2, 3]), 33.3);
    assert.equal(coverage([{ measureId: 1 }, { measureId: 2 }], [3], [1, 2, 3]), 100);
    assert.equal(coverage([], [1], [1]), 100);
  });
});

describe('sub-plan filing lifecycle', () => {
  it('draft → filed → returned → filed → accepted; nothing else', () => {
    assert.equal(subPlanTransition('not_started', 'save'), 'draft');
    assert.equal(subPlanTransition('draft', 'file'), 'filed');
    assert.equal(subPlanTransition('filed', 'return'), 'returned');
    assert.equal(subPlanTransition('returned', 'file'), 'filed');
    assert.equal(subPlanTransition('filed', 'accept'), 'accepted');
    assert.equal(subPlanTransition('not_started', 'file'), null);
    assert.equal(subPlanTransition('accepted', 'save'), null);
    assert.equal(subPlanTransition('filed', 'save'), null);
  });

  it('counts days late from the due day (the seed: due 2015-08-20)', () => {
    assert.equal(lateDays('2015-08-20', '2015-08-20'), 0);
    assert.equal(lateDays('2015-08-20', '2015-08-25'), 5);
    assert.equal(lateDays('2015-08-20', '2015-08-01'), 0);
  });
});
