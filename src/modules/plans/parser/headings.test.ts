import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNumbering, matchHeading, toNumber } from './headings.js';
import { codes, measures, parse, roles } from './test-helpers.js';

const lvl = (line: string) => {
  const h = matchHeading(line);
  return h ? [h.level, h.number, line.slice(0, h.markerEnd), line.slice(h.textStart)] : null;
};

describe('R-P4 headings', () => {
  it('recognises L1 一、, L2 (一), L3 1. / 1、, L4 (1) / ①, and legal 第X章/条', () => {
    assert.deepEqual(lvl('一、充分发挥企业的质量主体作用'), ['L1', 1, '一、', '充分发挥企业的质量主体作用']);
    assert.deepEqual(lvl('(十八)加强质量地方法规体系'), ['L2', 18, '(十八)', '加强质量地方法规体系']);
    assert.deepEqual(lvl('12.提高劳动者技能'), ['L3', 12, '12.', '提高劳动者技能']);
    assert.deepEqual(lvl('3、推进服务业质量提升'), ['L3', 3, '3、', '推进服务业质量提升']);
    assert.deepEqual(lvl('1. 提高劳动者技能'), ['L3', 1, '1.', '提高劳动者技能']);
    assert.deepEqual(lvl('(2)开展专项整治'), ['L4', 2, '(2)', '开展专项整治']);
    assert.deepEqual(lvl('③开展专项整治'), ['L4', 3, '③', '开展专项整治']);
    assert.deepEqual(lvl('第十二条 各部门应当'), ['article', 12, '第十二条', '各部门应当']);
    assert.deepEqual(lvl('第三章 保障措施'), ['chapter', 3, '第三章', '保障措施']);
  });

  it('does not take decimals, years, prose or responsibility groups for headings', () => {
    assert.equal(lvl('1.5万家企业通过认证'), null);
    assert.equal(lvl('2015年全市质量工作'), null);
    assert.equal(lvl('第二届中国质量奖'), null);
    assert.equal(lvl('(市质监局负责)'), null);
    assert.equal(lvl('各区、市政府要加强'), null);
  });

  it('converts Chinese numerals 1–99 with nzh', () => {
    assert.deepEqual(
      ['一', '十', '十一', '十八', '二十', '二十三', '九十九', '百'].map(toNumber),
      [1, 10, 11, 18, 20, 23, 99, 100],
    );
    assert.equal(toNumber('甲'), null);
  });

  it('decides continuous vs restart numbering and reports gaps and duplicates', () => {
    const at = (groups: number[][]) =>
      groups.flatMap((ns, g) => ns.map((number, i) => ({ number, group: g, offset: g * 100 + i })));
    assert.deepEqual(checkNumbering(at([[1, 2], [3, 4], [5]])), { mode: 'continuous', problems: [] });
    assert.deepEqual(checkNumbering(at([[1, 2], [1, 2, 3], [1]])), { mode: 'restart', problems: [] });
    assert.deepEqual(checkNumbering(at([[1, 3], [4]])).problems, [
      { code: 'NUMBERING_GAP', offset: 1, expected: 2, found: 3 },
    ]);
    assert.deepEqual(checkNumbering(at([[1, 2, 2], [3]])).problems, [
      { code: 'NUMBERING_DUP', offset: 2, expected: 3, found: 2 },
    ]);
  });

  it('parses a plan whose (一) numbers restart in each section', () => {
    const r = parse(
      [
        '测试2015年行动计划',
        '一、甲',
        '(一)A。做A。(市质监局负责)',
        '(二)B。做B。(市质监局负责)',
        '二、乙',
        '(一)C。做C。(市工商局负责)',
      ].join('\n'),
    );
    assert.equal(r.plan.numbering, 'restart');
    assert.deepEqual(
      measures(r).map((m) => [m.number, m.externalId]),
      [
        [1, 'PLAN2015-M01'],
        [2, 'PLAN2015-M02'],
        [1, 'PLAN2015-M03'],
      ],
    );
    assert.deepEqual(codes(r), []);
  });

  it('warns NUMBERING_GAP and NUMBERING_DUP with the offset of the measure', () => {
    const text = [
      '测试2015年行动计划',
      '一、甲',
      '(一)A。做。(市质监局负责)',
      '(三)B。做。(市质监局负责)',
      '二、乙',
      '(三)C。做。(市质监局负责)',
    ].join('\n');
    const r = parse(text);
    assert.deepEqual(
      r.warnings.map((w) => [w.code, text.slice(w.offset, w.offset + 3)]),
      [
        ['NUMBERING_GAP', '(三)'],
        ['NUMBERING_DUP', '(三)'],
      ],
    );
    assert.equal(r.warnings[0]!.severity, 'warning');
  });

  it('reads 1. items as measures when there is no (一) level, numbered on across sections', () => {
    const r = parse(
      [
        '测试2015年行动计划',
        '一、甲',
        '1.提高技能。开展培训。(市教育局牵头,市人力资源社会保障局参与)',
        '二、乙',
        '2.推动创新。支持企业。(市科技局负责)',
      ].join('\n'),
    );
    assert.equal(r.plan.measureLevel, 'L3');
    assert.equal(r.plan.numbering, 'continuous');
    assert.deepEqual(
      r.sections.map((s) => [s.title?.text, s.measures.map((m) => [m.number, m.title.text, roles(m).join(' ')])]),
      [
        ['甲', [[1, '提高技能', 'lead:EDU co:HRSS']]],
        ['乙', [[2, '推动创新', 'lead:STB']]],
      ],
    );
  });

  it('reads 1. and (1) items under a (一) measure as its actions', () => {
    const r = parse(
      [
        '测试2015年行动计划',
        '一、甲',
        '(一)加强监管:',
        '1.开展抽查。',
        '2.开展整治。',
        '(市质监局负责)',
        '(二)推进创建。',
        '(1)开展示范创建。(市质监局负责)',
        '(2)开展宣传。(市文广新局负责)',
      ].join('\n'),
    );
    const [m1, m2] = measures(r);
    assert.equal(m1!.title.text, '加强监管');
    assert.deepEqual(
      m1!.actions.map((a) => [a.level, a.number, a.marker?.text, a.text]),
      [
        ['item', 1, '1.', '开展抽查'],
        ['item', 2, '2.', '开展整治'],
      ],
    );
    assert.deepEqual(roles(m1!), ['lead:QTS']);
    assert.ok(m1!.actions.every((a) => !a.responsibility));
    assert.deepEqual(
      m2!.actions.map((a) => [a.text, a.responsibility?.parties.map((p) => p.code)]),
      [
        ['开展示范创建', ['QTS']],
        ['开展宣传', ['CPP']],
      ],
    );
    assert.deepEqual(roles(m2!), ['lead:QTS', 'lead:CPP']);
    assert.deepEqual(codes(r), []);
  });

  it('does not take a line that is only a responsibility group for a heading; it attaches to the item before it', () => {
    const r = parse(
      ['测试2015年行动计划', '一、甲', '(一)A', '1.开展甲。', '(市质监局负责)', '2.开展乙。', '(市工商局负责)'].join(
        '\n',
      ),
    );
    const m = measures(r)[0]!;
    assert.deepEqual(
      m.actions.map((a) => a.responsibility?.parties.map((p) => p.code)),
      [['QTS'], ['AIC']],
    );
    assert.deepEqual(roles(m), ['lead:QTS', 'lead:AIC']);
  });

  it('reads the Qingdao 2013 layout: 一、 items carrying responsibilities are the measures of one implicit section', () => {
    const r = parse(
      [
        '青岛市贯彻实施质量发展纲要2013年行动计划',
        '为贯彻落实《质量发展纲要(2011-2020年)》,制定本计划。',
        '一、加强质量安全监管。开展监督抽查。开展专项整治。(市质监局、市工商局按职责分工负责)',
        '二、推进品牌建设。开展名牌培育。(市质监局牵头,市商务局参与)',
        '三、加强质量考核。开展对区、市政府质量工作考核。(市质量工作领导小组成员单位按职责分工负责)',
      ].join('\n'),
    );
    assert.equal(r.plan.measureLevel, 'L1');
    assert.equal(r.sections.length, 1);
    assert.equal(r.sections[0]!.implicit, true);
    assert.equal(r.sections[0]!.title, null);
    assert.deepEqual(
      measures(r).map((m) => [m.number, m.title.text, m.actions.length, roles(m).join(' ')]),
      [
        [1, '加强质量安全监管', 2, 'shared:QTS shared:AIC'],
        [2, '推进品牌建设', 1, 'lead:QTS co:COM'],
        [3, '加强质量考核', 1, 'shared:G-LGM'],
      ],
    );
    assert.equal(r.plan.code, 'QD2013');
    assert.deepEqual(codes(r), []);
  });

  it('reads 办法-style 第X章 / 第X条 as sections and measures', () => {
    const r = parse(
      [
        '测试2015年实施方案',
        '第一章 总则',
        '第一条 开展质量提升。组织开展活动。(市质监局负责)',
        '第二条 加强监管。开展抽查。(市工商局负责)',
      ].join('\n'),
    );
    assert.equal(r.plan.measureLevel, 'article');
    assert.deepEqual(
      measures(r).map((m) => [m.number, m.title.text, roles(m).join(' ')]),
      [
        [1, '开展质量提升', 'lead:QTS'],
        [2, '加强监管', 'lead:AIC'],
      ],
    );
  });
});
