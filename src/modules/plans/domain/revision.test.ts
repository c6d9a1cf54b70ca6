import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffRevision, type ShapeMeasure } from './revision.js';

const m = (number: number, title: string, over: Partial<ShapeMeasure> = {}): ShapeMeasure => ({
  externalId: `QD2015-M${String(number).padStart(2, '0')}`,
  number,
  title,
  responsibilityRaw: '市质监局',
  actions: [{ externalId: `A${number}`, text: `${title}的工作`, deadlineType: 'default', dueDate: '2015-12-31' }],
  units: { QTS: 'lead' },
  ...over,
});

describe('revision diff of a published plan', () => {
  const stored = [m(1, '提高劳动者技能'), m(2, '加强质量安全监管'), m(3, '深化质量强市示范城市创建')];

  it('the same plan changes nothing', () => {
    const d = diffRevision(stored, stored);
    assert.deepEqual(d.summary.measures, { added: 0, removed: 0, changed: 0, unchanged: 3 });
    assert.deepEqual(d.summary.assignments, { added: 0, removed: 0, roleChanged: 0 });
  });

  it('a measure inserted in the middle is one addition; later ones are renumbered, not rewritten', () => {
    const revised = [
      m(1, '提高劳动者技能'),
      m(2, '新增质量基础设施建设'),
      m(3, '加强质量安全监管'),
      m(4, '深化质量强市示范城市创建'),
    ];
    const d = diffRevision(stored, revised);
    assert.deepEqual(
      d.measures.map((x) => [x.status, x.new?.title]),
      [
        ['unchanged', '提高劳动者技能'],
        ['added', '新增质量基础设施建设'],
        ['changed', '加强质量安全监管'],
        ['changed', '深化质量强市示范城市创建'],
      ],
    );
    assert.deepEqual(d.measures[2]!.changes, [{ field: 'number', old: 2, new: 3 }]);
    assert.equal(d.summary.assignments.added, 1);
  });

  it('a retitled measure pairs by number and shows old → new; a dropped one is removed in place', () => {
    const revised = [m(1, '全面提高劳动者技能'), m(2, '深化质量强市示范城市创建')];
    const d = diffRevision(stored, revised);
    assert.deepEqual(
      d.measures.map((x) => [x.status, x.old?.title ?? null, x.new?.title ?? null]),
      [
        ['changed', '提高劳动者技能', '全面提高劳动者技能'],
        ['removed', '加强质量安全监管', null],
        ['changed', '深化质量强市示范城市创建', '深化质量强市示范城市创建'],
      ],
    );
    assert.deepEqual(d.summary.measures, { added: 0, removed: 1, changed: 2, unchanged: 0 });
    assert.equal(d.summary.assignments.removed, 1);
  });

  it('actions, deadlines and units: edits, additions and role changes', () => {
    const base = stored[0]!;
    const revised = {
      ...base,
      actions: [
        { ...base.actions[0]!, dueDate: '2015-09-30', deadlineType: 'absolute' },
        { externalId: 'A1b', text: '开展技能竞赛', deadlineType: 'ongoing', dueDate: null },
      ],
      units: { QTS: 'co' as const, EDU: 'lead' as const },
    };
    const [d] = diffRevision([base], [revised]).measures;
    assert.equal(d!.status, 'changed');
    assert.deepEqual(
      d!.actions.map((a) => [a.status, a.changes.map((c) => c.field)]),
      [
        ['changed', ['deadlineType', 'dueDate']],
        ['added', []],
      ],
    );
    assert.deepEqual(d!.units, {
      added: [{ unitCode: 'EDU', role: 'lead' }],
      removed: [],
      roleChanged: [{ unitCode: 'QTS', old: 'lead', new: 'co' }],
    });
  });
});
