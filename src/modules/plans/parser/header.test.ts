import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIsoDate } from './header.js';
import { codes, measures, parse, roles, SEED_TEXT } from './test-helpers.js';

const BODY = ['一、测试', '(一)测试措施。开展工作。(市质监局负责)'];

describe('R-P2 header', () => {
  it('reads YYYY年M月D日, YYYY-MM-DD and Chinese-numeral dates as ISO', () => {
    assert.equal(toIsoDate('2015年7月21日'), '2015-07-21');
    assert.equal(toIsoDate('2015-07-21'), '2015-07-21');
    assert.equal(toIsoDate('二〇一五年七月二十一日'), '2015-07-21');
    assert.equal(toIsoDate('2015年13月1日'), null);
    assert.equal(toIsoDate('第二届'), null);
  });

  it('reads the document number alone on a line or after 发文字号, with any bracket style', () => {
    const alone = parse(
      ['关于印发测试2015年行动计划的通知', '鲁政办发[2015]27号', '测试2015年行动计划', ...BODY].join('\n'),
    );
    assert.equal(alone.header.docNumber?.value, '鲁政办发〔2015〕27号');
    assert.equal(alone.header.docNumber?.raw, '鲁政办发[2015]27号');
    const labelled = parse(['发文字号:青政办发〔2015〕15号', '测试2015年行动计划', ...BODY].join('\n'));
    assert.equal(labelled.header.docNumber?.value, '青政办发〔2015〕15号');
  });

  it('maps the labels 发文单位, 成文日期, 发布日期, 年度期数, 总期刊数', () => {
    const r = parse(SEED_TEXT);
    assert.equal(r.header.issuer?.code, 'GOVGO');
    assert.deepEqual(
      [
        r.header.writtenOn?.value,
        r.header.publishedOn?.value,
        r.header.gazetteIssue?.value,
        r.header.gazetteSerial?.value,
      ],
      ['2015-07-21', '2015-07-21', '2015年第16期', '总第326期'],
    );
    assert.equal(SEED_TEXT.slice(...r.header.writtenOn!.span), '2015-07-21');
  });

  it('reads the notice title with its date, the addressees split on , only, and the wrapper', () => {
    const r = parse(SEED_TEXT);
    assert.equal(r.notice.title?.value, '关于印发青岛市贯彻实施质量发展纲要2015年行动计划的通知');
    assert.equal(r.notice.date?.value, '2015-07-21');
    assert.equal(r.notice.planTitle, '青岛市贯彻实施质量发展纲要2015年行动计划');
    // R-P8: the seed addressee line is 3 entries; 各区、市人民政府 is never split.
    assert.deepEqual(
      r.notice.addressees.map((a) => [a.name, a.kind]),
      [
        ['各区、市人民政府', 'group'],
        ['市政府各部门', 'group'],
        ['市直各单位', 'group'],
      ],
    );
    assert.equal(r.notice.body?.value.startsWith('《青岛市贯彻实施质量发展纲要2015年行动计划》已经市政府同意'), true);
  });

  it('takes the issuer from the notice title prefix or a signature line, and the date from a date line', () => {
    const r = parse(
      [
        '国务院办公厅关于印发测试2016年行动计划的通知',
        '各省、自治区、直辖市人民政府:',
        '《测试2016年行动计划》已经国务院同意,现印发给你们。',
        '国务院办公厅',
        '2016年4月6日',
        '测试2016年行动计划',
        ...BODY,
      ].join('\n'),
    );
    assert.equal(r.header.issuer?.code, 'GOV-CN-GO');
    assert.equal(r.header.writtenOn?.value, '2016-04-06');
    assert.equal(r.plan.year, 2016);
    assert.deepEqual(
      r.notice.addressees.map((a) => [a.name, a.kind]),
      [['各省、自治区、直辖市人民政府', 'unknown']],
    );
    // A plain signature line is kept among the notice's other lines, not dropped.
    assert.deepEqual(
      r.notice.other.map((o) => o.text),
      ['国务院办公厅'],
    );
  });

  it('finds the plan title: the line equal to X, else one ending like a plan; the year from the title, else 成文日期', () => {
    assert.equal(parse(SEED_TEXT).plan.title?.text, '青岛市贯彻实施质量发展纲要2015年行动计划');
    const noWrapper = parse(['成文日期 2017-03-01', '某市质量提升实施方案', ...BODY].join('\n'));
    assert.equal(noWrapper.plan.title?.text, '某市质量提升实施方案');
    assert.equal(noWrapper.plan.year, 2017);
    assert.equal(measures(noWrapper)[0]!.actions[0]!.deadline.due, '2017-12-31');
    const points = parse(['某市2018年质量工作要点', ...BODY].join('\n'));
    assert.equal(points.plan.title?.text, '某市2018年质量工作要点');
    assert.equal(points.plan.year, 2018);
  });

  it('drops page chrome (字体大小…, …打印, 扫一扫…, 如果您对该文件有疑问…) into plan.chrome', () => {
    const r = parse(SEED_TEXT);
    assert.equal(r.plan.chrome.length, 3);
    assert.ok(r.plan.closing.every((c) => !/扫一扫|如果您/.test(c.text)));
    const custom = parse(['测试2015年行动计划', '第1页', ...BODY].join('\n'), { chrome: [/^第\d+页$/] });
    assert.deepEqual(
      custom.plan.chrome.map((c) => c.text),
      ['第1页'],
    );
    assert.equal(custom.plan.preamble, null);
  });
});

describe('R-P3 preamble, closing, cascade', () => {
  it('lists basis documents with their number and an issuer only where one resolves', () => {
    const r = parse(SEED_TEXT);
    assert.deepEqual(
      r.plan.basis.map((b) => [b.raw, b.issuer?.code ?? null]),
      [
        ['《质量发展纲要(2011-2020年)》', null],
        ['《关于印发贯彻实施质量发展纲要2015年行动计划的通知》(国办发〔2015〕19号)', 'GOV-CN-GO'],
        ['《关于印发山东省贯彻实施质量发展纲要2015年行动计划的通知》(鲁政办发〔2015〕27号)', 'SD-GO'],
      ],
    );
  });

  it('puts an unnumbered paragraph after the last measure into plan.closing, never into the measure', () => {
    const r = parse(
      [
        '测试2015年行动计划',
        ...BODY,
        '(二)最后一项。开展工作。(市工商局负责)',
        '各区、市政府要加强组织领导。',
        '某某办公室',
        '2015年8月1日',
      ].join('\n'),
    );
    const last = measures(r)[1]!;
    assert.deepEqual(
      last.actions.map((a) => a.text),
      ['开展工作'],
    );
    assert.deepEqual(
      r.plan.closing.map((c) => c.text),
      ['各区、市政府要加强组织领导。'],
    );
    assert.deepEqual(
      r.plan.footer.map((c) => c.text),
      ['某某办公室', '2015年8月1日'],
    );
    // Not a cascade sentence: no 制定…方案, 细化任务 or 逐级落实责任.
    assert.deepEqual(r.plan.obligations, []);
    assert.deepEqual(codes(r), []);
  });

  it('moves attachments (附件…) and everything after them to the footer, so their numbered lines stay out of the plan', () => {
    const r = parse(
      [
        '测试2015年行动计划',
        ...BODY,
        '二、保障措施',
        '加强组织领导。',
        '附件:1.重点任务分解表',
        '(一)开展抽查',
        '1.市质监局',
      ].join('\n'),
    );
    assert.equal(measures(r).length, 1);
    assert.deepEqual(
      r.sections[1]!.intro.map((n) => n.text),
      ['加强组织领导。'],
    );
    assert.deepEqual(
      r.plan.footer.map((n) => n.text),
      ['附件:1.重点任务分解表', '(一)开展抽查', '1.市质监局'],
    );
    assert.deepEqual(codes(r), []);
  });

  it('keeps the body paragraphs of a title-only last measure up to its responsibility line', () => {
    const r = parse(
      [
        '测试2015年行动计划',
        '一、测试',
        '(一)加强考核',
        '开展考核。',
        '推进整改。',
        '(市质监局负责)',
        '各区市要细化任务。',
      ].join('\n'),
    );
    const m = measures(r)[0]!;
    assert.equal(m.title.text, '加强考核');
    assert.deepEqual(
      m.actions.map((a) => a.text),
      ['开展考核', '推进整改'],
    );
    assert.deepEqual(roles(m), ['lead:QTS']);
    assert.deepEqual(
      r.plan.closing.map((c) => c.text),
      ['各区市要细化任务。'],
    );
    assert.equal(r.plan.obligations.length, 10);
  });

  it('creates one sub-plan obligation per district valid on the written-on date', () => {
    const on = (date: string) =>
      parse(
        [`成文日期 ${date}`, '测试行动计划', ...BODY, '各区、市政府要结合实际制定具体工作方案。'].join('\n'),
      ).plan.obligations.map((o) => o.districtCode);
    assert.deepEqual(on('2015-07-21'), [
      '370202',
      '370203',
      '370211',
      '370212',
      '370213',
      '370214',
      '370281',
      '370282',
      '370283',
      '370285',
    ]);
    assert.deepEqual(on('2018-01-01'), [
      '370202',
      '370203',
      '370211',
      '370212',
      '370213',
      '370214',
      '370215',
      '370281',
      '370283',
      '370285',
    ]);
  });
});
