import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { districtsValidOn } from '../../orgs/resolve.js';
import { toCliJson } from './cli-json.js';
import { assignmentId } from './ids.js';
import { measures, parse, registry, SEED_TEXT } from './test-helpers.js';
import { checkCoverage, coverageNodes } from './validate.js';

// plans.md §3: parsing the seed with defaults must produce exactly this.
const r = parse(SEED_TEXT);
const ms = measures(r);
const codesOf = (i: number) => (ms[i]!.responsibility?.parties ?? []).map((p) => p.code);

const SECTIONS: [string, number, number][] = [
  ['充分发挥企业的质量主体作用', 5, 18],
  ['突出重点,提高质量安全监管的针对性和有效性', 6, 44],
  ['推动社会共治,形成质量提升合力', 3, 12],
  ['加强质量基础工作,为质量升级提供支撑', 4, 12],
];

const MEASURES: [string, number, string][] = [
  ['提高劳动者技能', 4, 'EDU HRSS QTS'],
  ['推动企业质量技术创新', 2, 'EIC DRC STB QTS'],
  ['鼓励企业采用先进管理制度和先进标准', 5, 'QTS EIC TOUR'],
  ['坚持以质量提升推动品牌建设', 4, 'QTS DRC EIC STB COM AIC'],
  ['推动落实企业质量安全主体责任', 3, 'QTS UCC WRB COM HFPC FDA AIC'],
  ['加强质量安全风险研判和防范', 8, 'QTS EDU AGRI FOR HFPC FDA AIC CIQQD CIQHD'],
  ['强化重点领域质量安全监管', 5, 'QTS AGRI WRB HFPC FDA AIC'],
  ['依法严厉打击质量安全违法行为', 12, 'QTS EIC PSB UCC TRC AGRI COM CPP TOUR FDA AIC CIQQD CIQHD'],
  ['加快质量诚信体系建设', 6, 'QTS DRC EIC AGRI WRB COM TOUR FDA AIC'],
  ['促进大气环境质量改善', 6, 'DRC EPB EIC STB QTS'],
  ['深入开展质量提升专项行动', 7, 'QTS DRC EIC COM HFPC TOUR'],
  ['加快构建质量社会共治机制', 5, 'G-LGM'],
  ['加强质量工作考核', 3, 'G-LGM'],
  ['发挥新闻媒体舆论监督作用', 4, 'QTS AIC CPP'],
  ['深入推进质量强市示范城市创建工作', 2, 'QTS G-LGM'],
  ['充分发挥质量基础作用', 4, 'QTS AGRI HFPC CIQQD CIQHD'],
  ['加强质量教育和文化建设', 3, 'QTS EDU CPP CIQQD CIQHD'],
  ['加强质量地方法规体系和质量工作机制建设', 3, 'QTS DRC TRC AGRI EPB TOUR'],
];

describe('seed acceptance oracle (plans.md §3)', () => {
  it('reads the header and the notice', () => {
    assert.equal(r.header.docNumber?.value, '青政办发〔2015〕15号');
    assert.equal(r.header.issuer?.name, '青岛市人民政府办公厅');
    assert.equal(r.header.issuer?.code, 'GOVGO');
    assert.equal(r.header.writtenOn?.value, '2015-07-21');
    assert.equal(r.header.publishedOn?.value, '2015-07-21');
    assert.equal(r.header.gazetteIssue?.value, '2015年第16期');
    assert.equal(r.header.gazetteSerial?.value, '总第326期');
    assert.equal(r.notice.title?.value, '关于印发青岛市贯彻实施质量发展纲要2015年行动计划的通知');
    assert.equal(r.notice.date?.value, '2015-07-21');
    assert.deepEqual(
      r.notice.addressees.map((a) => [a.name, a.code]),
      [
        ['各区、市人民政府', 'G-DIST'],
        ['市政府各部门', 'G-DEPT'],
        ['市直各单位', 'G-DIRECT'],
      ],
    );
    assert.match(r.notice.body!.value, /^《青岛市贯彻实施质量发展纲要2015年行动计划》已经市政府同意,现印发给你们/);
    assert.deepEqual(r.notice.other, []);
  });

  it('reads the plan: title, year, numbering, basis documents', () => {
    assert.equal(r.plan.title?.text, '青岛市贯彻实施质量发展纲要2015年行动计划');
    assert.equal(r.plan.year, 2015);
    assert.equal(r.plan.numbering, 'continuous');
    assert.deepEqual(
      ms.map((m) => m.number),
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      ms.map((m) => m.marker.text),
      [
        '一',
        '二',
        '三',
        '四',
        '五',
        '六',
        '七',
        '八',
        '九',
        '十',
        '十一',
        '十二',
        '十三',
        '十四',
        '十五',
        '十六',
        '十七',
        '十八',
      ].map((n) => `(${n})`),
    );
    assert.deepEqual(
      r.plan.basis.map((b) => [b.title, b.docNumber, b.issuer?.code ?? null]),
      [
        ['质量发展纲要(2011-2020年)', null, null],
        ['关于印发贯彻实施质量发展纲要2015年行动计划的通知', '国办发〔2015〕19号', 'GOV-CN-GO'],
        ['关于印发山东省贯彻实施质量发展纲要2015年行动计划的通知', '鲁政办发〔2015〕27号', 'SD-GO'],
      ],
    );
    assert.equal(r.plan.basis[1]!.issuer?.name, '国务院办公厅');
    assert.equal(r.plan.basis[2]!.issuer?.name, '省政府办公厅');
    assert.match(r.plan.preamble!.text, /^为贯彻落实《质量发展纲要/);
    assert.match(r.plan.preamble!.text, /制定本行动计划。$/);
  });

  it('sends the closing paragraph to plan.closing with 10 sub-plan obligations, and drops page chrome', () => {
    assert.equal(r.plan.closing.length, 1);
    assert.match(r.plan.closing[0]!.text, /^各区、市政府要加强对质量工作的组织领导/);
    const districts = districtsValidOn('2015-07-21', registry).map((u) => u.code);
    assert.equal(districts.length, 10);
    assert.deepEqual(
      r.plan.obligations.map((o) => o.districtCode),
      districts,
    );
    assert.ok(r.plan.obligations.every((o) => o.validOn === '2015-07-21'));
    assert.deepEqual(r.plan.footer, []);
    assert.deepEqual(
      r.plan.chrome.map((c) => c.text),
      ['字体大小:打印', '扫一扫在手机打开当前页', '如果您对该文件有疑问,可以通过 网上咨询 方式咨询相关单位。'],
    );
  });

  it('has the totals: 4 sections, 18 measures, 86 actions, 21 units, 91 unit and 3 group references', () => {
    assert.deepEqual(r.counts, { sections: 4, measures: 18, actions: 86, units: 21, unitRefs: 91, groupRefs: 3 });
  });

  it('matches the per-section table', () => {
    assert.deepEqual(
      r.sections.map((s) => [s.title?.text, s.measures.length, s.measures.reduce((n, m) => n + m.actions.length, 0)]),
      SECTIONS,
    );
    assert.deepEqual(
      r.sections.map((s) => s.measures.map((m) => m.number)),
      [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10, 11],
        [12, 13, 14],
        [15, 16, 17, 18],
      ],
    );
  });

  it('matches the per-measure table: titles, action counts, units in seed order and roles', () => {
    assert.deepEqual(
      ms.map((m, i) => [m.title.text, m.actions.length, codesOf(i).join(' ')]),
      MEASURES,
    );
    ms.forEach((m, i) => {
      const parties = m.responsibility!.parties;
      if (i === 14) {
        assert.deepEqual(
          parties.map((p) => [p.code, p.role, p.kind, p.name]),
          [
            ['QTS', 'lead', 'unit', '市质监局'],
            ['G-LGM', 'co', 'group', '市质量工作领导小组各成员单位'],
          ],
        );
      } else
        assert.ok(
          parties.every((p) => p.role === 'shared'),
          `measure ${m.number} is all shared`,
        );
    });
    assert.equal(ms[11]!.responsibility!.parties[0]!.name, '市质量工作领导小组成员单位');
    assert.equal(ms[11]!.responsibility!.parties[0]!.kind, 'group');
    assert.ok(ms.every((m) => !m.responsibility!.nonExhaustive));
  });

  it('passes the spot checks', () => {
    assert.equal(
      ms[2]!.actions[1]!.text,
      '引导企业广泛开展QC小组(质量管理小组)、“五小”(小建议、小革新、小攻关、小发明、小创造)、岗位练兵、技能竞赛等群众性质量活动',
    );
    assert.equal(ms[7]!.actions[7]!.text, '打击严重扰乱旅游市场秩序的“黑社”“黑导”“黑网站”“黑车”');
    assert.match(ms[11]!.actions[1]!.text, /出口国\(地区\)/);
    const m13 = ms[12]!.actions;
    assert.match(m13[0]!.text, /开展对区、市政府质量工作考核/);
    assert.ok(m13[0]!.flags.mentionsDistricts);
    assert.deepEqual(
      m13.map((a) => a.flags.links),
      [['assessment'], ['assessment'], ['midterm']],
    );
    const m18 = ms[17]!;
    assert.equal(m18.actions.length, 3);
    assert.ok(m18.actions.every((a) => !a.text.includes('各区、市政府要加强')));
    const all = ms.flatMap((m) => m.actions);
    const longest = all.reduce((a, b) => ([...b.text].length > [...a.text].length ? b : a));
    assert.equal(longest, m18.actions[2]);
    assert.equal([...longest.text].length, 127);
  });

  it('has QTS in 16 measures (all but 十二, 十三) and HRSS, FOR, PSB in one each', () => {
    const inMeasures = (code: string) => ms.filter((_, i) => codesOf(i).includes(code)).map((m) => m.number);
    assert.deepEqual(inMeasures('QTS'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18]);
    for (const code of ['HRSS', 'FOR', 'PSB']) assert.equal(inMeasures(code).length, 1, code);
    const distinct = new Set(ms.flatMap((_, i) => codesOf(i)).filter((c) => !c?.startsWith('G-')));
    assert.equal(distinct.size, 21);
  });

  it('accounts for all 108 。: 18 titles and 86 actions end in one, plus wrapper, preamble, closing and footer', () => {
    const count = (s: string) => [...s].filter((c) => c === '。').length;
    assert.equal(count(SEED_TEXT), 108);
    const ended = ms
      .flatMap((m) => [m.title, ...m.actions])
      .filter((n) => SEED_TEXT.slice(n.span[1]).trimStart().startsWith('。'));
    assert.equal(ended.length, 104);
    assert.equal(count(r.notice.body!.raw), 1);
    assert.equal(count(r.plan.preamble!.raw), 1);
    assert.equal(count(r.plan.closing[0]!.raw), 1);
    assert.equal(count(r.plan.chrome[2]!.raw), 1);
  });

  it('has no warnings, and every action falls due on the plan-year end by default', () => {
    assert.deepEqual(r.warnings, []);
    const actions = ms.flatMap((m) => m.actions);
    assert.equal(actions.length, 86);
    assert.ok(actions.every((a) => a.deadline.type === 'default' && a.deadline.due === '2015-12-31'));
    assert.ok(actions.every((a) => a.level === 'sentence' && !a.responsibility));
  });

  it('passes the TEXT_LOSS check: every character from title to closing belongs to exactly one node', () => {
    const nodes = coverageNodes(r.plan, r.sections).map((n) => n.span);
    const start = r.plan.title!.span[0];
    const end = r.plan.closing[0]!.span[1];
    assert.deepEqual(checkCoverage(SEED_TEXT, nodes, [start, end]), []);
  });

  it('keeps raw text and spans into the source', () => {
    for (const m of ms) {
      assert.equal(SEED_TEXT.slice(...m.span), m.raw);
      assert.equal(SEED_TEXT.slice(...m.title.span), m.title.raw);
      for (const a of m.actions) assert.equal(SEED_TEXT.slice(...a.span), a.raw);
      for (const p of m.responsibility!.parties) assert.equal(SEED_TEXT.slice(...p.span), p.name);
    }
  });

  it('gives external ids QD2015, QD2015-M08, QD2015-M08-A08', () => {
    assert.equal(r.plan.code, 'QD2015');
    assert.equal(ms[7]!.externalId, 'QD2015-M08');
    assert.equal(ms[7]!.actions[7]!.externalId, 'QD2015-M08-A08');
    assert.ok(ms[7]!.responsibility!.parties.some((p) => p.code === 'PSB'));
    assert.equal(assignmentId(ms[7]!.actions[7]!.externalId, 'PSB'), 'QD2015-M08-A08-PSB');
  });

  it('projects onto the CLI contract', () => {
    const j = toCliJson(r);
    assert.deepEqual(j.header, {
      docNumber: '青政办发〔2015〕15号',
      issuer: { name: '青岛市人民政府办公厅', code: 'GOVGO' },
      date: '2015-07-21',
      title: '青岛市贯彻实施质量发展纲要2015年行动计划',
    });
    assert.deepEqual(
      j.sections.map((s) => s.number),
      [1, 2, 3, 4],
    );
    const m15 = j.sections[3]!.measures[0]!;
    assert.equal(m15.number, 15);
    assert.deepEqual(m15.responsibility, {
      lead: [{ name: '市质监局', code: 'QTS' }],
      co: [],
      shared: [],
      groups: [{ name: '市质量工作领导小组各成员单位', code: 'G-LGM', role: 'co' }],
      nonExhaustive: false,
    });
    assert.deepEqual(j.sections[0]!.measures[0]!.actions[3], { text: '组织开展职业技能竞赛', deadline: '2015-12-31' });
    assert.deepEqual(j.warnings, []);
  });
});
