import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellText } from './official-document.js';
import { deadlineText, type TaskTablePlan, taskTableDocument } from './task-table.js';

const action = (n: number, text: string, due: string | null = '2015-12-31', deadlineRaw = '') => ({
  externalId: `P-M01-A0${n}`,
  ord: n,
  text,
  deadlineType: due ? 'absolute' : 'ongoing',
  due,
  deadlineRaw,
});

const plan: TaskTablePlan = {
  code: 'P',
  title: '测试行动计划',
  docNumber: '青政办字〔2015〕7号',
  sections: [
    {
      number: 1,
      title: '提升质量水平',
      measures: [
        {
          externalId: 'P-M01',
          number: 1,
          title: '提高劳动者技能',
          // Listed out of order on purpose: the table follows `ord`.
          actions: [action(2, '开展技能竞赛', null), action(1, '建立培训体系', '2015-09-30', '9月底前')],
          parties: [
            { ord: 2, name: '市教育局', unitName: '市教育局', role: 'co', actionExternalId: null },
            {
              ord: 1,
              name: '市人力资源社会保障局',
              unitName: '市人力资源社会保障局',
              role: 'lead',
              actionExternalId: null,
            },
            { ord: 3, name: '市总工会', unitName: null, role: 'lead', actionExternalId: 'P-M01-A02' },
          ],
        },
      ],
    },
    {
      number: 2,
      title: '夯实质量基础',
      measures: [
        {
          externalId: 'P-M02',
          number: 2,
          title: '加强计量能力建设',
          actions: [
            { ...action(1, '建设社会公用计量标准'), externalId: 'P-M02-A01' },
            { ...action(2, '开展计量比对'), externalId: 'P-M02-A02' },
          ],
          parties: [{ ord: 1, name: '市质监局', unitName: '市质监局', role: 'shared', actionExternalId: null }],
        },
      ],
    },
    { number: 3, title: '空的部分', measures: [] },
  ],
};

describe('task table', () => {
  it('lists measures → actions → lead and co units → deadlines, one table per section', () => {
    const doc = taskTableDocument(plan);
    assert.equal(doc.orientation, 'landscape');
    assert.equal(doc.subtitle, '《测试行动计划》(青政办字〔2015〕7号)');
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['heading', 'table', 'heading', 'table', 'note'],
    );
    const table = doc.blocks[1]!;
    assert.ok(table.kind === 'table');
    assert.deepEqual(
      table.columns.map((c) => c.title),
      ['重点任务', '序号', '工作措施', '牵头单位', '配合单位', '完成时限'],
    );
    assert.deepEqual(
      table.rows.map((r) => r.map(cellText)),
      [
        ['(一)提高劳动者技能', '1', '建立培训体系', '市人力资源社会保障局', '市教育局', '9月底前\n(2015年9月30日)'],
        // An action naming its own units uses only those.
        ['', '2', '开展技能竞赛', '市总工会', '—', '长期坚持'],
      ],
    );
    assert.deepEqual(table.rows[0]![0], { text: '(一)提高劳动者技能', rowSpan: 2 });
    assert.equal(table.rows[1]![0], null);
    // Units and deadlines shared by every action of a measure are written once.
    const second = doc.blocks[3]!;
    assert.ok(second.kind === 'table');
    assert.deepEqual(second.rows, [
      [
        { text: '(二)加强计量能力建设', rowSpan: 2 },
        '1',
        '建设社会公用计量标准',
        { text: '市质监局', rowSpan: 2 },
        { text: '—', rowSpan: 2 },
        { text: '2015年12月31日', rowSpan: 2 },
      ],
      [null, '2', '开展计量比对', null, null, null],
    ]);
    const note = doc.blocks[4]!;
    assert.match(note.kind === 'note' ? note.text : '', /共2项重点任务、4项工作措施/);
  });

  it('prints the deadline as the source says it, with the date it was read as', () => {
    assert.equal(deadlineText({ deadlineType: 'absolute', due: '2015-12-31', deadlineRaw: '' }), '2015年12月31日');
    assert.equal(
      deadlineText({ deadlineType: 'absolute', due: '2015-12-31', deadlineRaw: '2015年12月31日' }),
      '2015年12月31日',
    );
    assert.equal(deadlineText({ deadlineType: 'unscheduled', due: null, deadlineRaw: '' }), '未明确');
  });
});
