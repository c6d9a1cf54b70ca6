import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Converter } from 'opencc-js';
import { toCliJson } from './cli-json.js';
import { looksTraditional, normalizeText, sourceSpan, splitLines } from './normalize.js';
import { codes, measures, parse, planOf, roles, SEED_TEXT, withoutSource } from './test-helpers.js';

const toTraditional = Converter({ from: 'cn', to: 'tw' });
const fullWidth = (s: string) => s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，').replace(/:/g, '：');

describe('R-P1 normalisation', () => {
  it('maps full-width forms to ASCII and keeps 、。《》〔〕“”【】 as written', () => {
    const n = normalizeText('（一）提高，技能：１２３；ＡＢ！《纲要》〔2015〕“五小”【注】、。');
    assert.equal(n.text, '(一)提高,技能:123;AB!《纲要》〔2015〕“五小”【注】、。');
  });

  it('cleans spaces: U+3000, NBSP and tabs, trims, collapses, and drops them next to CJK punctuation and bullets', () => {
    const n = normalizeText(
      '\u3000\u3000  • 发文单位\t\u00a0青岛市人民政府办公厅  \n  一、 充分发挥 。\n· 市教育局 , 市质监局',
    );
    assert.deepEqual(
      splitLines(n).map((l) => l.text),
      ['发文单位 青岛市人民政府办公厅', '一、充分发挥。', '市教育局,市质监局'],
    );
  });

  it('unifies document-number brackets to 〔〕', () => {
    assert.equal(normalizeText('鲁政办发[2015]27号').text, '鲁政办发〔2015〕27号');
    assert.equal(normalizeText('鲁政办发（2015）27号').text, '鲁政办发〔2015〕27号');
    assert.equal(normalizeText('鲁政办发【2015】27号').text, '鲁政办发〔2015〕27号');
    // A year range in a title is no document number.
    assert.equal(normalizeText('《纲要(2011-2020年)》').text, '《纲要(2011-2020年)》');
  });

  it('maps every normalised offset back to the source character it came from', () => {
    const source = '  • 各区、市人民政府，市直各单位：\n\n\u3000（一）标题。';
    const n = normalizeText(source);
    assert.equal(n.map.length, n.text.length + 1);
    for (let i = 0; i < n.text.length; i++) {
      const c = n.text[i]!;
      const s = source[n.map[i]!]!;
      if (c === '\n') assert.equal(s, '\n');
      else assert.ok(c === s || c === String.fromCharCode(s.charCodeAt(0) - 0xfee0), `${c} ← ${s}`);
    }
    const at = n.text.indexOf('市直各单位');
    assert.equal(source.slice(...sourceSpan(n, at, at + 5)), '市直各单位');
  });

  it('joins wrapped PDF lines unless the next line is a heading', () => {
    const joined = normalizeText(
      [
        '关于印发测试2015年行动计划的通知',
        '测试2015年行动计划',
        '为加强质量工作,制定',
        '本行动计划。',
        '一、总体',
        '(一)提高技能。开展',
        '培训。',
      ].join('\n'),
      { joinLines: true },
    );
    assert.deepEqual(
      splitLines(joined).map((l) => l.text),
      [
        '关于印发测试2015年行动计划的通知',
        '测试2015年行动计划',
        '为加强质量工作,制定本行动计划。',
        '一、总体',
        '(一)提高技能。开展培训。',
      ],
    );
    const pdf = planOf(
      '(一)提高劳动者技能。实施卓越工程师计划、企业质量管',
      '理人才素质提升工程。组织开展职业技能竞赛。(市教育局、市人力',
      '资源社会保障局按职责分工负责)',
      '(二)第二项。开展工作。(市质监局负责)',
    );
    const r = parse(pdf, { joinLines: true });
    const [m1, m2] = measures(r);
    assert.deepEqual(
      m1!.actions.map((a) => a.text),
      ['实施卓越工程师计划、企业质量管理人才素质提升工程', '组织开展职业技能竞赛'],
    );
    assert.equal(m1!.actions[0]!.raw, '实施卓越工程师计划、企业质量管\n理人才素质提升工程');
    assert.deepEqual(roles(m1!), ['shared:EDU', 'shared:HRSS']);
    assert.deepEqual(roles(m2!), ['lead:QTS']);
    assert.deepEqual(codes(r), []);
  });

  it('parse(seed) equals parse(seed with ( ) , : made full-width), apart from raw and span', () => {
    const variant = fullWidth(SEED_TEXT);
    assert.notEqual(variant, SEED_TEXT);
    assert.deepEqual(withoutSource(parse(variant)), withoutSource(parse(SEED_TEXT)));
  });

  it('detects Traditional text, matches it as Simplified and keeps the original in raw', () => {
    const tw = toTraditional(SEED_TEXT);
    assert.ok(looksTraditional(tw));
    assert.ok(!looksTraditional(SEED_TEXT));
    const a = parse(SEED_TEXT);
    const b = parse(tw);
    assert.equal(b.traditional, true);
    // Same structure, titles, actions and unit codes; names come back Simplified.
    assert.deepEqual(withoutSource({ ...b, traditional: false }), withoutSource(a));
    assert.deepEqual(toCliJson(b), toCliJson(a));
    const m1 = measures(b)[0]!;
    assert.equal(m1.actions[0]!.raw, '實施卓越工程師計劃、企業質量管理人才素質提升工程');
    assert.equal(m1.actions[0]!.text, '实施卓越工程师计划、企业质量管理人才素质提升工程');
    assert.equal(m1.responsibility!.parties[2]!.raw, '市質監局');
    assert.equal(m1.responsibility!.parties[2]!.name, '市质监局');
  });

  it('converts line by line in auto mode; off leaves Traditional text unmatched; on converts regardless', () => {
    // A Simplified plan with one Traditional line.
    const text = planOf('(一)測試。開展工作。(市質監局負責)');
    const auto = parse(text);
    assert.equal(auto.traditional, true);
    assert.deepEqual(roles(measures(auto)[0]!), ['lead:QTS']);
    const off = parse(text, { traditional: 'off' });
    assert.equal(off.traditional, false);
    assert.deepEqual(codes(off), ['NO_RESPONSIBILITY']);
    assert.equal(parse(planOf('(一)测试。开展工作。(市质监局负责)')).traditional, false);
    assert.equal(parse(planOf('(一)测试。开展工作。(市质监局负责)'), { traditional: 'on' }).traditional, true);
  });
});
