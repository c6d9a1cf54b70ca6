import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionFlags, splitSentences, splitTitle } from './actions.js';
import { codes, measures, parse, planOf, roles } from './test-helpers.js';

const sentences = (s: string, semicolon = false) =>
  splitSentences(s, { semicolon }).map((p) => s.slice(p.start, p.end));

describe('R-P5 title vs body', () => {
  it('takes the text up to the first 。 as the title and the rest as the body', () => {
    assert.deepEqual(splitTitle('提高劳动者技能。实施卓越工程师计划。', 40), { titleEnd: 7, bodyStart: 8 });
  });

  it('takes a line without 。 whole, less a trailing :, and the body from the paragraphs up to the next heading', () => {
    assert.deepEqual(splitTitle('加强质量监管:', 40), { titleEnd: 6, bodyStart: null });
    const r = parse(
      planOf(
        '(一)加强质量监管:',
        '开展监督抽查。开展专项整治。',
        '(市质监局负责)',
        '(二)下一项。开展工作。(市工商局负责)',
      ),
    );
    const m = measures(r)[0]!;
    assert.equal(m.title.text, '加强质量监管');
    assert.deepEqual(
      m.actions.map((a) => a.text),
      ['开展监督抽查', '开展专项整治'],
    );
    assert.deepEqual(roles(m), ['lead:QTS']);
    assert.deepEqual(codes(r), []);
  });

  it('keeps a longer first sentence, or one with brackets, as the title with TITLE_LONG', () => {
    const long = '深入推进质量强市示范城市创建工作并在全市范围内广泛开展各类质量提升活动以进一步提高全市质量总体水平';
    assert.equal(splitTitle(`${long}。开展工作。`, 40).problem, 'long');
    assert.equal(splitTitle('开展QC小组(质量管理小组)活动。开展工作。', 40).problem, 'brackets');
    const r = parse(planOf(`(一)${long}。开展工作。(市质监局负责)`));
    assert.equal(measures(r)[0]!.title.text, long);
    assert.deepEqual(codes(r), ['TITLE_LONG']);
    assert.equal(r.warnings[0]!.severity, 'warning');
    assert.deepEqual(codes(parse(planOf(`(一)${long}。开展工作。(市质监局负责)`), { titleMaxLength: 60 })), []);
  });

  it('makes a measure that is only a title its own single action, so it can still be assigned', () => {
    const r = parse(planOf('(一)开展质量月活动。(市质监局负责)'));
    const m = measures(r)[0]!;
    assert.equal(m.title.text, '开展质量月活动');
    assert.deepEqual(
      m.actions.map((a) => [a.level, a.text]),
      [['title', '开展质量月活动']],
    );
    assert.deepEqual(codes(r), []);
  });

  it('reports EMPTY_TITLE', () => {
    const r = parse(planOf('(一)。开展工作。(市质监局负责)'));
    assert.ok(codes(r).includes('EMPTY_TITLE'));
  });
});

describe('R-P6 actions', () => {
  it('splits on 。!? but never inside 《》“”()【】, trims, drops empty pieces and leaves 。 out', () => {
    assert.deepEqual(sentences(' 开展甲。 。开展乙!开展丙?'), ['开展甲', '开展乙', '开展丙']);
    assert.deepEqual(sentences('学习《纲要。解读》。宣传“质量。月”。开展(试点。)。注【一。二】'), [
      '学习《纲要。解读》',
      '宣传“质量。月”',
      '开展(试点。)',
      '注【一。二】',
    ]);
  });

  it('splits on ; only when asked', () => {
    assert.deepEqual(sentences('开展甲;开展乙。'), ['开展甲;开展乙']);
    assert.deepEqual(sentences('开展甲;开展乙。', true), ['开展甲', '开展乙']);
    const r = parse(planOf('(一)测试。开展甲;开展乙。(市质监局负责)'), { splitOnSemicolon: true });
    assert.equal(measures(r)[0]!.actions.length, 2);
    assert.deepEqual(codes(r), []);
  });

  it('splits the body minus its trailing responsibility group into {ord, text, span, deadline, flags}', () => {
    const text = planOf('(一)测试。开展甲。开展乙。(市质监局负责)');
    const a = measures(parse(text))[0]!.actions;
    assert.deepEqual(
      a.map((x) => [x.ord, x.text, x.externalId]),
      [
        [1, '开展甲', 'PLAN2015-M01-A01'],
        [2, '开展乙', 'PLAN2015-M01-A02'],
      ],
    );
    assert.equal(text.slice(...a[1]!.span), '开展乙');
  });

  it('flags mentionsDistricts for 区、市 / 区市 and links 考核 → assessment, 中期评估 → midterm', () => {
    assert.deepEqual(actionFlags('指导区、市政府开展质量考核工作'), { mentionsDistricts: true, links: ['assessment'] });
    assert.deepEqual(actionFlags('督促各区市落实'), { mentionsDistricts: true, links: [] });
    assert.deepEqual(actionFlags('做好《质量发展纲要(2011-2020年)》贯彻落实情况中期评估'), {
      mentionsDistricts: false,
      links: ['midterm'],
    });
    assert.deepEqual(actionFlags('推动重点区域、重点行业清洁生产'), { mentionsDistricts: false, links: [] });
  });
});
