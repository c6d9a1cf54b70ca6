import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCliJson } from './cli-json.js';
import { fixture, measures, parse, roles } from './test-helpers.js';

/** Warnings as `code:text at offset` so each one shows what it points at. */
function pointed(text: string, r: ReturnType<typeof parse>, width = 4): string[] {
  return r.warnings.map((w) => `${w.code}:${text.slice(w.offset, w.offset + width)}`);
}

describe('fixture: national-style plan with 1. numbering, 牵头/参与, 等, 负责落实', () => {
  const text = fixture('national-2016-1-numbering.txt');
  const r = parse(text);
  const ms = measures(r);

  it('reads header, notice and title from a 国务院办公厅 notice', () => {
    assert.deepEqual(toCliJson(r).header, {
      docNumber: '国办发〔2016〕18号',
      issuer: { name: '国务院办公厅', code: 'GOV-CN-GO' },
      date: '2016-04-06',
      title: '贯彻实施质量发展纲要2016年行动计划',
    });
    assert.deepEqual(
      r.notice.addressees.map((a) => a.name),
      ['各省、自治区、直辖市人民政府', '国务院各部委、各直属机构'],
    );
    assert.equal(r.plan.year, 2016);
    assert.equal(r.plan.code, 'CN2016');
    assert.deepEqual(
      r.plan.basis.map((b) => [b.title, b.docNumber]),
      [
        ['质量发展纲要(2011—2020年)', null],
        ['国务院关于积极发挥新消费引领作用加快培育形成新供给新动力的指导意见', '国发〔2015〕66号'],
      ],
    );
  });

  it('makes the 1. items measures under 一、 sections, numbered on across sections', () => {
    assert.equal(r.plan.measureLevel, 'L3');
    assert.equal(r.plan.numbering, 'continuous');
    assert.deepEqual(
      r.sections.map((s) => [s.number, s.title?.text, s.measures.map((m) => m.number)]),
      [
        [1, '深入实施质量提升工程', [1, 2, 3]],
        [2, '加强质量安全监管', [4, 5, 6]],
        [3, '夯实质量发展基础', [7, 8]],
      ],
    );
    assert.deepEqual(
      ms.map((m) => [m.title.text, m.actions.length]),
      [
        ['实施消费品质量提升工程', 2],
        ['提高装备制造业质量水平', 2],
        ['推进服务业质量提升', 1],
        ['强化产品质量监督抽查', 1],
        ['加强食品安全监管', 2],
        ['加强质量安全风险监测', 1],
        ['加强标准化工作', 1],
        ['推进检验检测认证机构整合', 1],
      ],
    );
  });

  it('reads lead/co/shared/cascade roles and 等; national units come back unresolved with the closest match, none dropped', () => {
    assert.deepEqual(
      ms.map((m) => roles(m).join(' ')),
      [
        'lead:质检总局? lead:工业和信息化部? co:商务部? co:工商总局?',
        'lead:工业和信息化部?',
        'shared:质检总局? shared:商务部? shared:旅游局?',
        'lead:质检总局? co:工商总局?',
        'shared:食品药品监管总局? shared:农业部?',
        'lead:质检总局?',
        'lead:国家标准委? co:各有关部门?',
        'shared:中央编办? shared:质检总局? lead:各省级人民政府?',
      ],
    );
    assert.equal(ms[2]!.responsibility!.nonExhaustive, true);
    assert.ok(ms.filter((_, i) => i !== 2).every((m) => !m.responsibility!.nonExhaustive));
    const edu = ms[0]!.responsibility!.parties.find((p) => p.name === '商务部')!;
    assert.deepEqual([edu.resolved, edu.closest?.code], [false, 'COM']);
    assert.equal(ms[6]!.responsibility!.parties[1]!.kind, 'group');
    const unresolved = r.warnings.filter((w) => w.code === 'UNRESOLVED_UNIT');
    assert.equal(unresolved.length, 18);
    assert.ok(unresolved.every((w) => w.severity === 'error' && /closest: /.test(w.message)));
  });

  it('reads deadlines in the action text: 2016年底前, 2016年9月底前, 每季度, 持续推进, 适时', () => {
    const dl = ms.flatMap((m) =>
      m.actions.map((a) => [a.externalId, a.deadline.type, a.deadline.due ?? a.deadline.rule?.freq ?? null]),
    );
    assert.deepEqual(
      dl.filter((d) => d[1] !== 'default'),
      [
        ['CN2016-M02-A02', 'absolute', '2016-12-31'],
        ['CN2016-M03-A01', 'periodic', 'quarterly'],
        ['CN2016-M04-A01', 'absolute', '2016-09-30'],
        ['CN2016-M06-A01', 'unscheduled', null],
        ['CN2016-M08-A01', 'ongoing', null],
      ],
    );
    assert.ok(dl.filter((d) => d[1] === 'default').every((d) => d[2] === '2016-12-31'));
    assert.ok(pointed(text, r).includes('DEADLINE_UNSET:适时发布'));
  });

  it('keeps the closing out of the last measure; a non-district closing creates no obligations; no text is lost', () => {
    assert.deepEqual(
      r.plan.closing.map((c) => c.text),
      ['各地区、各有关部门要加强组织领导,结合实际制定具体实施方案,确保各项任务落到实处。'],
    );
    assert.deepEqual(r.plan.obligations, []);
    assert.ok(!r.warnings.some((w) => w.code === 'TEXT_LOSS' || w.code === 'NO_RESPONSIBILITY'));
  });
});

describe('fixture: city plan with separate 责任单位/牵头单位/配合单位 and 完成时限 lines', () => {
  const text = fixture('city-2016-labelled-lines.txt');
  const r = parse(text);
  const ms = measures(r);

  it('reads the header: [] document-number brackets, the 现将《X》印发 wrapper, an unregistered issuer', () => {
    assert.deepEqual(toCliJson(r).header, {
      docNumber: '烟政办发〔2016〕21号',
      issuer: { name: '烟台市人民政府办公室' },
      date: '2016-05-10',
      title: '烟台市2016年质量提升行动实施方案',
    });
    assert.equal(r.header.docNumber?.raw, '烟政办发[2016]21号');
    assert.match(r.notice.body!.value, /^现将《烟台市2016年质量提升行动实施方案》印发给你们/);
    assert.equal(r.plan.code, 'YT2016');
  });

  it('takes title-only (一) lines as titles, the paragraphs below as actions, and restarts numbering per section', () => {
    assert.equal(r.plan.numbering, 'restart');
    assert.deepEqual(
      r.sections.map((s) => [
        s.title?.text,
        s.measures.map((m) => [m.number, m.title.text, m.actions.map((a) => a.text)]),
      ]),
      [
        [
          '提升产品质量',
          [
            [1, '开展重点产品质量攻关', ['组织重点企业开展质量攻关活动,推广先进质量管理方法', '培育一批质量标杆企业']],
            [2, '加强产品质量监督抽查', ['对重点工业产品开展监督抽查,抽查结果向社会公开']],
          ],
        ],
        [
          '提升服务质量',
          [
            [1, '开展旅游服务质量提升行动', ['开展旅游市场秩序专项整治', '建立旅游服务质量评价体系']],
            [2, '推进服务标准化建设', ['在商贸、物流等领域开展服务标准化试点']],
          ],
        ],
      ],
    );
  });

  it('reads the labelled roles and deadlines', () => {
    assert.deepEqual(
      ms.map((m) => roles(m).join(' ')),
      [
        'lead:QTS co:EIC co:STB',
        'shared:QTS shared:AIC',
        'shared:TOUR shared:PSB shared:市编办?',
        'lead:QTS shared:COM',
      ],
    );
    assert.deepEqual(
      ms.map((m) => [
        m.actions[0]!.deadline.type,
        m.actions[0]!.deadline.due ?? m.actions[0]!.deadline.rule?.freq ?? null,
        m.actions[0]!.deadline.source,
      ]),
      [
        ['absolute', '2016-09-30', 'field'],
        ['periodic', 'quarterly', 'field'],
        ['absolute', '2016-10-31', 'field'],
        ['ongoing', null, 'field'],
      ],
    );
  });

  it('reports only the unknown unit, kept verbatim with its closest match', () => {
    assert.deepEqual(pointed(text, r, 3), ['UNRESOLVED_UNIT:市编办']);
    const p = ms[2]!.responsibility!.parties[2]!;
    assert.deepEqual([p.name, p.resolved, typeof p.closest?.code], ['市编办', false, 'string']);
  });

  it('splits closing, cascade obligations and the signature footer', () => {
    assert.deepEqual(
      r.plan.closing.map((c) => c.text),
      ['各区市要结合实际,细化任务,明确责任,确保各项工作落到实处。'],
    );
    assert.equal(r.plan.obligations.length, 10);
    assert.deepEqual(
      r.plan.footer.map((c) => c.text),
      ['烟台市人民政府办公室', '2016年5月10日'],
    );
  });
});

describe('fixture: Traditional-character plan with full-width punctuation', () => {
  const text = fixture('qingdao-2016-traditional.txt');
  const r = parse(text);
  const ms = measures(r);

  it('detects Traditional, matches as Simplified and keeps the original in raw', () => {
    assert.equal(r.traditional, true);
    assert.equal(r.plan.title?.text, '青岛市2016年质量强市工作要点');
    assert.equal(r.plan.title?.raw, '青島市2016年質量強市工作要點');
    assert.equal(r.plan.code, 'QD2016');
    assert.deepEqual(
      r.notice.addressees.map((a) => [a.name, a.code]),
      [
        ['各区、市人民政府', 'G-DIST'],
        ['市质量工作领导小组各成员单位', 'G-LGM'],
      ],
    );
  });

  it('reads measures, roles and deadlines; unit names come back Simplified', () => {
    assert.deepEqual(
      ms.map((m) => [m.number, m.title.text, m.actions.length, roles(m).join(' ')]),
      [
        [1, '提升企业质量管理水平', 2, 'lead:QTS co:EIC co:COM'],
        [2, '加强品牌培育', 2, 'shared:QTS shared:COM'],
        [3, '强化重点产品监管', 2, 'shared:QTS shared:市城管局?'],
        [4, '开展质量提升行动', 2, 'shared:G-LGM'],
      ],
    );
    const qts = ms[0]!.responsibility!.parties[0]!;
    assert.deepEqual([qts.name, qts.raw], ['市质监局', '市質監局']);
    assert.deepEqual(
      [ms[0]!.actions[1]!.deadline.due, ms[3]!.actions[1]!.deadline.rule],
      ['2016-06-30', { freq: 'yearly', month: 9, day: 30 }],
    );
    assert.equal(ms[1]!.actions[0]!.text, '开展“青岛名牌”培育工作');
  });

  it('reports the unknown 市城管局 (kept, closest given) and creates the district obligations', () => {
    assert.deepEqual(pointed(text, r), ['UNRESOLVED_UNIT:市城管局']);
    assert.equal(r.plan.obligations.length, 10);
    assert.equal(r.plan.obligations[0]!.raw.slice(0, 6), '各區、市政府');
  });
});
