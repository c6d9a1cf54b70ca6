import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejoinDistricts, splitNameList } from './names.js';
import { codes, measures, parse, planOf, roles, SEED_TEXT } from './test-helpers.js';
import type { ParseResult } from './types.js';

/** The parties of the only measure of a one-measure plan whose body ends in `group`. */
function group(g: string, options = {}): { r: ParseResult; roles: string[] } {
  const r = parse(planOf(`(一)测试措施。开展工作。${g}`), options);
  return { r, roles: roles(measures(r)[0]!) };
}

const names = (s: string) => splitNameList(s).map((p) => s.slice(p.start, p.end));

describe('§2 examples', () => {
  it('(一)提高劳动者技能…(…按职责分工负责) → measure 1, title, 4 actions, shared EDU HRSS QTS', () => {
    const line = SEED_TEXT.split('\n').find((l) => l.includes('(一)提高劳动者技能'))!;
    const r = parse(planOf(line));
    const m = measures(r)[0]!;
    assert.equal(m.number, 1);
    assert.equal(m.title.text, '提高劳动者技能');
    assert.deepEqual(
      m.actions.map((a) => a.text),
      [
        '实施卓越工程师计划、企业质量管理人才素质提升工程',
        '组织开展农民工职业技能提升三年行动计划',
        '加大高技能人才培养力度,促进技能人才队伍建设',
        '组织开展职业技能竞赛',
      ],
    );
    assert.deepEqual(roles(m), ['shared:EDU', 'shared:HRSS', 'shared:QTS']);
  });

  it('(市质监局牵头,市质量工作领导小组各成员单位参与) → lead QTS; co G-LGM', () => {
    const { roles: got, r } = group('(市质监局牵头,市质量工作领导小组各成员单位参与)');
    assert.deepEqual(got, ['lead:QTS', 'co:G-LGM']);
    assert.equal(measures(r)[0]!.responsibility!.parties[1]!.kind, 'group');
  });

  it('(教育部、工业和信息化部、人力资源社会保障部、质检总局等按职责分工负责) → 4 shared, nonExhaustive', () => {
    const { r, roles: got } = group('(教育部、工业和信息化部、人力资源社会保障部、质检总局等按职责分工负责)');
    assert.deepEqual(got, [
      'shared:教育部?',
      'shared:工业和信息化部?',
      'shared:人力资源社会保障部?',
      'shared:质检总局?',
    ]);
    const resp = measures(r)[0]!.responsibility!;
    assert.equal(resp.nonExhaustive, true);
    assert.equal(resp.clauses[0]!.nonExhaustive, true);
    // Unknown units are kept verbatim, each with an UNRESOLVED_UNIT carrying the closest registry entry.
    assert.deepEqual(codes(r), ['UNRESOLVED_UNIT', 'UNRESOLVED_UNIT', 'UNRESOLVED_UNIT', 'UNRESOLVED_UNIT']);
    assert.equal(resp.parties[0]!.closest?.code, 'EDU');
    assert.match(r.warnings[0]!.message, /教育部.*closest: 市教育局 \(EDU\)/);
  });

  it('省经信厅、工业和信息化厅按职责分工负责,各地级以上市人民政府结合实际落实 → 2 shared; cascade group', () => {
    const { r, roles: got } = group('(省经信厅、工业和信息化厅按职责分工负责,各地级以上市人民政府结合实际落实)');
    assert.deepEqual(got, ['shared:省经信厅?', 'shared:工业和信息化厅?', 'cascade:各地级以上市人民政府?']);
    assert.equal(measures(r)[0]!.responsibility!.parties[2]!.kind, 'group');
  });

  it('开展对区、市政府质量工作考核 → 1 action, mentionsDistricts, link assessment', () => {
    const r = parse(planOf('(一)加强考核。开展对区、市政府质量工作考核。(市质监局负责)'));
    const a = measures(r)[0]!.actions;
    assert.equal(a.length, 1);
    assert.equal(a[0]!.text, '开展对区、市政府质量工作考核');
    assert.deepEqual(a[0]!.flags, { mentionsDistricts: true, links: ['assessment'] });
  });
});

describe('R-P8 never split 区、市', () => {
  it('市北区、市南区 → 2 units', () => {
    assert.deepEqual(names('市北区、市南区'), ['市北区', '市南区']);
    assert.deepEqual(group('(市北区、市南区按职责分工负责)').roles, ['shared:370203', 'shared:370202']);
  });

  it('市北区、市政府办公厅 → 2 names', () => {
    assert.deepEqual(names('市北区、市政府办公厅'), ['市北区', '市政府办公厅']);
    assert.deepEqual(group('(市北区、市政府办公厅按职责分工负责)').roles, ['shared:370203', 'shared:GOVGO']);
  });

  it('各区、市政府 → 1 group', () => {
    assert.deepEqual(names('各区、市政府'), ['各区、市政府']);
    assert.deepEqual(names('区、市人民政府、市质监局'), ['区、市人民政府', '市质监局']);
    assert.deepEqual(names('对区、市党委'), ['对区、市党委']);
    assert.deepEqual(group('(各区、市政府负责)').roles, ['lead:G-DIST']);
  });

  it('the seed addressee line → 3 entries', () => {
    assert.equal(parse(SEED_TEXT).notice.addressees.length, 3);
    assert.deepEqual(
      rejoinDistricts('各区、市', [
        { start: 0, end: 2 },
        { start: 3, end: 4 },
      ]),
      [{ start: 0, end: 4 }],
    );
  });
});

describe('R-P7 responsibility groups', () => {
  it('keeps brackets inside a unit name whole: 省市场监管局(省知识产权局)', () => {
    const { r, roles: got } = group('(省市场监管局(省知识产权局)、市质监局按职责分工负责)');
    assert.deepEqual(got, ['shared:省市场监管局(省知识产权局)?', 'shared:QTS']);
    assert.equal(measures(r)[0]!.actions[0]!.text, '开展工作');
  });

  it('a bracket group that neither ends in a suffix nor names a unit is body text: …办法(试行)。 → NO_RESPONSIBILITY', () => {
    const r = parse(planOf('(一)完善制度。制定质量奖励管理办法(试行)。'));
    const m = measures(r)[0]!;
    assert.deepEqual(
      m.actions.map((a) => a.text),
      ['制定质量奖励管理办法(试行)'],
    );
    assert.equal(m.responsibility, null);
    assert.deepEqual(codes(r), ['NO_RESPONSIBILITY']);
    assert.equal(r.warnings[0]!.severity, 'error');
  });

  it('a group only of names counts, as shared with NO_VERB', () => {
    const { r, roles: got } = group('(市质监局、市工商局)');
    assert.deepEqual(got, ['shared:QTS', 'shared:AIC']);
    assert.deepEqual(codes(r), ['NO_VERB']);
    assert.equal(r.warnings[0]!.severity, 'warning');
  });

  it('matches the longest suffix: 牵头负责 lead, 负责 alone lead, 配合/协助/参加 co, 组织实施 cascade', () => {
    assert.deepEqual(group('(市质监局牵头负责,市工商局配合)').roles, ['lead:QTS', 'co:AIC']);
    assert.deepEqual(group('(市质监局负责落实)').roles, ['lead:QTS']);
    assert.deepEqual(group('(市质监局牵头,市工商局协助,市商务局参加)').roles, ['lead:QTS', 'co:AIC', 'co:COM']);
    assert.deepEqual(group('(市质监局按职责负责;各区、市政府组织实施)').roles, ['shared:QTS', 'cascade:G-DIST']);
    assert.deepEqual(group('(市质监局会同市工商局负责)').roles, ['lead:QTS', 'co:AIC']);
  });

  it('等 before the suffix sets nonExhaustive; an 等 in the body does not', () => {
    const { r } = group('(市质监局、市工商局等部门按职责分工负责)');
    assert.equal(measures(r)[0]!.responsibility!.nonExhaustive, true);
    assert.deepEqual(roles(measures(r)[0]!), ['shared:QTS', 'shared:AIC']);
    const body = parse(planOf('(一)测试。开展岗位练兵、技能竞赛等活动。(市质监局负责)'));
    assert.equal(measures(body)[0]!.responsibility!.nonExhaustive, false);
  });

  it('splits on 和/及/以及 only when both sides resolve (工业和信息化部 stays whole)', () => {
    assert.deepEqual(group('(市质监局和市工商局按职责分工负责)').roles, ['shared:QTS', 'shared:AIC']);
    assert.deepEqual(group('(市质监局、市商务局及市旅游局按职责分工负责)').roles, [
      'shared:QTS',
      'shared:COM',
      'shared:TOUR',
    ]);
    assert.deepEqual(group('(工业和信息化部负责)').roles, ['lead:工业和信息化部?']);
  });

  it('names of groups and 成员单位/有关部门 become groups; a unit keeps one role per measure, lead first', () => {
    assert.deepEqual(group('(市政府有关部门、市直各单位按职责分工负责)').roles, ['shared:G-DEPT', 'shared:G-DIRECT']);
    const { r, roles: got } = group('(市质监局牵头,市质监局、市工商局、省质量工作领导小组成员单位参与)');
    assert.deepEqual(got, ['lead:QTS', 'co:AIC', 'co:省质量工作领导小组成员单位?']);
    assert.equal(measures(r)[0]!.responsibility!.parties[2]!.kind, 'group');
  });

  it('firstListedIsLead makes the first unit of a shared clause the lead', () => {
    assert.deepEqual(group('(市教育局、市质监局按职责分工负责)', { firstListedIsLead: true }).roles, [
      'lead:EDU',
      'shared:QTS',
    ]);
  });

  it('actions inherit the measure group unless a sentence closes on its own group; the measure names them all', () => {
    const r = parse(planOf('(一)测试。开展甲(市教育局负责)。开展乙。(市质监局、市工商局按职责分工负责)'));
    const m = measures(r)[0]!;
    assert.deepEqual(
      m.actions.map((a) => [a.text, a.responsibility?.parties.map((p) => p.code) ?? 'inherit']),
      [
        ['开展甲', ['EDU']],
        ['开展乙', 'inherit'],
      ],
    );
    assert.deepEqual(roles(m), ['shared:QTS', 'shared:AIC', 'lead:EDU']);
    assert.deepEqual(codes(r), []);
  });

  it('reads one group per sentence when every sentence closes on its own', () => {
    const r = parse(planOf('(一)测试。开展甲(市教育局负责)。开展乙(市质监局牵头,市工商局配合)。'));
    const m = measures(r)[0]!;
    assert.deepEqual(
      m.actions.map((a) => [a.text, a.responsibility?.parties.map((p) => `${p.role}:${p.code}`)]),
      [
        ['开展甲', ['lead:EDU']],
        ['开展乙', ['lead:QTS', 'co:AIC']],
      ],
    );
    assert.deepEqual(roles(m), ['lead:EDU', 'lead:QTS', 'co:AIC']);
    assert.deepEqual(codes(r), []);
  });

  it('gives each paragraph its own group when several paragraphs of a measure close on one', () => {
    const r = parse(planOf('(一)测试', '开展甲。开展乙。(市教育局负责)', '开展丙。(市质监局负责)'));
    const m = measures(r)[0]!;
    assert.deepEqual(
      m.actions.map((a) => [a.text, a.responsibility?.parties.map((p) => p.code)]),
      [
        ['开展甲', ['EDU']],
        ['开展乙', ['EDU']],
        ['开展丙', ['QTS']],
      ],
    );
    assert.deepEqual(roles(m), ['lead:EDU', 'lead:QTS']);
  });

  it('warns SUPERSEDED for a unit no longer valid on the plan date, with its successor', () => {
    const { r, roles: got } = group('(即墨市负责)', { date: '2018-01-01' });
    assert.deepEqual(got, ['lead:370282']);
    assert.deepEqual(codes(r), ['SUPERSEDED']);
    assert.equal(r.warnings[0]!.data?.successorCode, '370215');
  });

  it('reports unresolved units as errors by default, as warnings when configured', () => {
    assert.equal(group('(市编办负责)').r.warnings[0]!.severity, 'error');
    assert.equal(group('(市编办负责)', { unresolvedIsError: false }).r.warnings[0]!.severity, 'warning');
  });
});

describe('R-P9 other layouts', () => {
  it('reads separate 责任单位:/牵头单位:/配合单位:/完成时限: lines after an item', () => {
    const r = parse(
      planOf(
        '(一)开展质量攻关',
        '组织重点企业开展质量攻关。培育标杆企业。',
        '牵头单位:市质监局',
        '配合单位:市经济信息化委、市科技局',
        '完成时限:2015年9月底前',
        '(二)加强监督抽查。开展抽查。',
        '责任单位:市质监局、市工商局等',
        '完成时间:2015年11月15日前',
        '(三)推进标准化。开展试点。',
        '参与单位:市商务局',
        '协办单位:市旅游局',
        '时间节点:每季度',
      ),
    );
    const [m1, m2, m3] = measures(r);
    assert.equal(m1!.title.text, '开展质量攻关');
    assert.deepEqual(
      m1!.actions.map((a) => [a.text, a.deadline.due, a.deadline.source]),
      [
        ['组织重点企业开展质量攻关', '2015-09-30', 'field'],
        ['培育标杆企业', '2015-09-30', 'field'],
      ],
    );
    assert.deepEqual(roles(m1!), ['lead:QTS', 'co:EIC', 'co:STB']);
    assert.deepEqual(roles(m2!), ['shared:QTS', 'shared:AIC']);
    assert.equal(m2!.responsibility!.nonExhaustive, true);
    assert.equal(m2!.actions[0]!.deadline.due, '2015-11-15');
    assert.deepEqual(roles(m3!), ['co:COM', 'co:TOUR']);
    assert.deepEqual(m3!.actions[0]!.deadline.rule, { freq: 'quarterly' });
    assert.deepEqual(codes(r), []);
  });

  it('reads labels inside a bracket group and a labelled tail on the same line, and role notes', () => {
    const a = parse(planOf('(一)测试。开展工作。(牵头单位:市质监局;配合单位:市工商局)'));
    assert.deepEqual(roles(measures(a)[0]!), ['lead:QTS', 'co:AIC']);
    const b = parse(planOf('(一)测试。开展工作。责任单位:市质监局(牵头)、市商务局;完成时限:2015年6月底前'));
    const m = measures(b)[0]!;
    assert.deepEqual(roles(m), ['lead:QTS', 'shared:COM']);
    assert.deepEqual(
      m.actions.map((x) => [x.text, x.deadline.due]),
      [['开展工作', '2015-06-30']],
    );
    assert.deepEqual(codes(b), []);
  });

  it('accepts an unbracketed tail X牵头,Y配合 only when every name resolves', () => {
    const ok = parse(planOf('(一)测试。开展工作。市质监局牵头,市工商局配合。'));
    assert.deepEqual(roles(measures(ok)[0]!), ['lead:QTS', 'co:AIC']);
    assert.deepEqual(
      measures(ok)[0]!.actions.map((a) => a.text),
      ['开展工作'],
    );
    const no = parse(planOf('(一)测试。开展工作。教育部牵头,市工商局配合。'));
    assert.deepEqual(
      measures(no)[0]!.actions.map((a) => a.text),
      ['开展工作', '教育部牵头,市工商局配合'],
    );
    assert.deepEqual(codes(no), ['NO_RESPONSIBILITY']);
  });
});
