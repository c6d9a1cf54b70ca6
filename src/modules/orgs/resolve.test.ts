import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import {
  checkDivisionCode,
  districtsValidOn,
  expandGroup,
  isValidOn,
  normalizeOrgName,
  type Registry,
  type Resolution,
  resolveName,
} from './resolve.js';

interface SeedUnit {
  code: string;
  name: string;
  fullName?: string;
  shortName?: string;
  kind: string;
  parentCode?: string;
  divisionCode?: string;
  validFrom?: string;
  validTo?: string;
  successorCode?: string;
  assessed: boolean;
  aliases: string[];
}

interface Seed {
  units: SeedUnit[];
  groups: {
    code: string;
    name: string;
    rule: string;
    aliases: string[];
    members: { unitCode: string; from?: string; to?: string }[];
  }[];
}

// The seed file is the registry under test: these tests pin both the data and the rules.
const seed = JSON.parse(fs.readFileSync(new URL('../../../data/orgs.json', import.meta.url), 'utf8')) as Seed;
const registry: Registry = { units: seed.units, groups: seed.groups };

const PLAN_DATE = '2015-07-21';

/** The 21 municipal units of plans.md §1.1, as written in the seed, in order of first appearance. */
const SEED_UNITS: [string, string][] = [
  ['市教育局', 'EDU'],
  ['市人力资源社会保障局', 'HRSS'],
  ['市质监局', 'QTS'],
  ['市经济信息化委', 'EIC'],
  ['市发展改革委', 'DRC'],
  ['市科技局', 'STB'],
  ['市旅游局', 'TOUR'],
  ['市商务局', 'COM'],
  ['市工商局', 'AIC'],
  ['市城乡建设委', 'UCC'],
  ['市水利局', 'WRB'],
  ['市卫生计生委', 'HFPC'],
  ['市食品药品监管局', 'FDA'],
  ['市农委', 'AGRI'],
  ['市林业局', 'FOR'],
  ['青岛出入境检验检疫局', 'CIQQD'],
  ['黄岛出入境检验检疫局', 'CIQHD'],
  ['市公安局', 'PSB'],
  ['市交通运输委', 'TRC'],
  ['市文广新局', 'CPP'],
  ['市环保局', 'EPB'],
];

const DISTRICTS_2015 = [
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
];

function unit(r: Resolution): Extract<Resolution, { kind: 'unit' }> {
  assert.equal(r.kind, 'unit', `expected a unit for ${r.input}, got ${JSON.stringify(r)}`);
  return r as Extract<Resolution, { kind: 'unit' }>;
}

function group(r: Resolution): Extract<Resolution, { kind: 'group' }> {
  assert.equal(r.kind, 'group', `expected a group for ${r.input}, got ${JSON.stringify(r)}`);
  return r as Extract<Resolution, { kind: 'group' }>;
}

describe('data/orgs.json', () => {
  it('has unique unit codes and unique group codes', () => {
    const codes = seed.units.map((u) => u.code);
    assert.equal(new Set(codes).size, codes.length);
    const groupCodes = seed.groups.map((g) => g.code);
    assert.equal(new Set(groupCodes).size, groupCodes.length);
    for (const g of groupCodes) assert.ok(!codes.includes(g), `group code ${g} is also a unit code`);
  });

  it('lists parents and successors before the units that name them (foreign keys)', () => {
    const seen = new Set<string>();
    for (const u of seed.units) {
      if (u.parentCode) assert.ok(seen.has(u.parentCode), `${u.code}: parent ${u.parentCode} must come earlier`);
      if (u.successorCode) {
        assert.ok(seen.has(u.successorCode), `${u.code}: successor ${u.successorCode} must come earlier`);
      }
      seen.add(u.code);
    }
  });

  it('uses known kinds, calendar dates and ordered validity', () => {
    const kinds = new Set([
      'gov',
      'gov_office',
      'muni_dept',
      'central_resident',
      'district',
      'district_dept',
      'zone',
      'external',
      'hospital',
    ]);
    for (const u of seed.units) {
      assert.ok(kinds.has(u.kind), `${u.code}: kind ${u.kind}`);
      assert.equal(typeof u.assessed, 'boolean', `${u.code}: assessed`);
      assert.ok(Array.isArray(u.aliases), `${u.code}: aliases`);
      for (const d of [u.validFrom, u.validTo]) if (d) assert.match(d, /^\d{4}-\d{2}-\d{2}$/);
      if (u.validFrom && u.validTo) assert.ok(u.validFrom <= u.validTo, `${u.code}: validity`);
      if (u.divisionCode) assert.equal(checkDivisionCode(u.divisionCode, registry).valid, true);
    }
  });

  it('has no alias that repeats its own unit name or another alias of the same unit (unique per unit)', () => {
    for (const u of seed.units) {
      const norms = u.aliases.map(normalizeOrgName);
      assert.equal(new Set(norms).size, norms.length, `${u.code}: duplicate aliases`);
      assert.ok(!norms.includes(normalizeOrgName(u.name)), `${u.code}: alias equals name`);
    }
  });

  it('gives group aliases that are unique across all groups (org_group_aliases.alias_norm is unique)', () => {
    const all = seed.groups.flatMap((g) => g.aliases.map(normalizeOrgName));
    assert.equal(new Set(all).size, all.length);
  });

  it('holds the 21 municipal units with their codes in seed order, kinds and full names as aliases', () => {
    const muni = seed.units.filter((u) => SEED_UNITS.some(([, code]) => code === u.code));
    assert.deepEqual(
      muni.map((u) => [u.name, u.code]),
      SEED_UNITS,
    );
    for (const u of muni) {
      const central = u.code === 'CIQQD' || u.code === 'CIQHD';
      assert.equal(u.kind, central ? 'central_resident' : 'muni_dept', u.code);
      assert.ok(u.fullName, `${u.code}: fullName`);
      assert.ok(u.aliases.includes(u.fullName!), `${u.code}: fullName is an alias`);
    }
  });

  it('makes QTS, AIC and FDA succeeded by MSR without an end date', () => {
    for (const code of ['QTS', 'AIC', 'FDA']) {
      const u = seed.units.find((x) => x.code === code)!;
      assert.equal(u.successorCode, 'MSR');
      assert.equal(u.validTo, undefined);
    }
    assert.equal(seed.units.find((u) => u.code === 'MSR')?.name, '青岛市市场监督管理局');
  });

  it('holds the 13 district rows of §1.3', () => {
    const districts = seed.units.filter((u) => u.kind === 'district');
    assert.equal(districts.length, 13);
    for (const d of districts) {
      assert.equal(d.divisionCode, d.code);
      assert.equal(d.parentCode, 'GOV');
    }
    const byCode = new Map(districts.map((d) => [d.code, d]));
    assert.deepEqual(
      ['370282', '370215', '370205', '370284'].map((c) => {
        const d = byCode.get(c)!;
        return [c, d.validFrom, d.validTo, d.successorCode];
      }),
      [
        ['370282', undefined, '2017-10-29', '370215'],
        ['370215', '2017-10-30', undefined, undefined],
        ['370205', undefined, '2012-10-31', '370203'],
        ['370284', undefined, '2012-10-31', '370211'],
      ],
    );
    assert.equal(byCode.get('370205')!.assessed, false);
    assert.equal(byCode.get('370284')!.assessed, false);
    for (const c of DISTRICTS_2015) assert.equal(byCode.get(c)!.assessed, true, c);
    assert.equal(byCode.get('370215')!.assessed, true);
  });

  it('has the five groups of §1.2, G-LGM listing exactly the 21 units', () => {
    assert.deepEqual(
      seed.groups.map((g) => [g.code, g.rule]),
      [
        ['G-LGM', 'list'],
        ['G-DIST', 'districts_valid_on'],
        ['G-DEPT', 'muni_depts'],
        ['G-DIRECT', 'direct'],
        ['G-REL', 'chosen'],
      ],
    );
    const lgm = seed.groups.find((g) => g.code === 'G-LGM')!;
    assert.equal(lgm.members.length, 21);
    assert.deepEqual(
      lgm.members.map((m) => m.unitCode),
      SEED_UNITS.map(([, code]) => code),
    );
    const codes = new Set(seed.units.map((u) => u.code));
    for (const g of seed.groups) for (const m of g.members) assert.ok(codes.has(m.unitCode), m.unitCode);
  });

  it('holds the issuers, external bodies and demo hospitals', () => {
    const byCode = new Map(seed.units.map((u) => [u.code, u]));
    assert.equal(byCode.get('GOV')?.divisionCode, '370200');
    assert.equal(byCode.get('GOVGO')?.kind, 'gov_office');
    assert.equal(byCode.get('GOV-CN-GO')?.kind, 'external');
    assert.equal(byCode.get('SD-GO')?.kind, 'external');
    assert.deepEqual(
      seed.units.filter((u) => u.kind === 'hospital').map((u) => [u.code, u.name]),
      [
        ['H-QDUH', '青岛大学附属医院'],
        ['H-QDMH', '青岛市市立医院'],
        ['H-QDWCH', '青岛市妇女儿童医院'],
      ],
    );
  });
});

describe('normalizeOrgName', () => {
  it('applies NFKC, drops all whitespace and turns full-width brackets into ASCII', () => {
    assert.equal(normalizeOrgName(' 市质监局（市标准化研究院） '), '市质监局(市标准化研究院)');
    assert.equal(normalizeOrgName('市 教育\u3000局\n'), '市教育局');
    assert.equal(normalizeOrgName('ＡＢＣ１２３'), 'ABC123');
  });
});

describe('isValidOn', () => {
  it('includes both ends and treats missing ends as open', () => {
    const u = { validFrom: '2017-10-30', validTo: '2020-12-31' };
    assert.equal(isValidOn(u, '2017-10-29'), false);
    assert.equal(isValidOn(u, '2017-10-30'), true);
    assert.equal(isValidOn(u, '2020-12-31'), true);
    assert.equal(isValidOn(u, '2021-01-01'), false);
    assert.equal(isValidOn({}, '1900-01-01'), true);
    assert.equal(isValidOn({ validFrom: null, validTo: '2017-10-29' }, '2017-10-29'), true);
  });
});

describe('R-ORG-4 validity by date', () => {
  it('districtsValidOn(2015-07-21) is the 10 区、市 of 2015 in code order', () => {
    assert.deepEqual(
      districtsValidOn(PLAN_DATE, registry).map((u) => u.code),
      DISTRICTS_2015,
    );
  });

  it('districtsValidOn(2018-01-01) has 即墨区 instead of 即墨市', () => {
    assert.deepEqual(
      districtsValidOn('2018-01-01', registry).map((u) => u.code),
      ['370202', '370203', '370211', '370212', '370213', '370214', '370215', '370281', '370283', '370285'],
    );
  });

  it('switches on the boundary days and includes 四方区 and 胶南市 before their merger', () => {
    assert.ok(districtsValidOn('2017-10-29', registry).some((u) => u.code === '370282'));
    assert.ok(!districtsValidOn('2017-10-29', registry).some((u) => u.code === '370215'));
    assert.ok(districtsValidOn('2017-10-30', registry).some((u) => u.code === '370215'));
    assert.deepEqual(
      districtsValidOn('2012-10-31', registry).map((u) => u.code),
      [
        '370202',
        '370203',
        '370205',
        '370211',
        '370212',
        '370213',
        '370214',
        '370281',
        '370282',
        '370283',
        '370284',
        '370285',
      ],
    );
  });

  it('follows display order when the registry sets one, falling back to code order', () => {
    const reordered: Registry = {
      units: registry.units.map((u) => ({ ...u, displayOrder: u.code === '370285' ? 1 : 100 })),
      groups: registry.groups,
    };
    assert.deepEqual(
      districtsValidOn(PLAN_DATE, reordered).map((u) => u.code),
      ['370285', ...DISTRICTS_2015.filter((c) => c !== '370285')],
    );
  });

  it('resolve("即墨", 2018-01-01) is 即墨区 370215', () => {
    const r = unit(resolveName('即墨', '2018-01-01', registry));
    assert.equal(r.code, '370215');
    assert.equal(r.via, 'alias');
    assert.deepEqual(r.warnings, []);
  });

  it('resolve("即墨", 2015-07-21) is 即墨市 370282', () => {
    assert.equal(unit(resolveName('即墨', PLAN_DATE, registry)).code, '370282');
  });

  it('resolve("即墨市", 2018-01-01) is 370282 with SUPERSEDED and its successor', () => {
    assert.deepEqual(resolveName('即墨市', '2018-01-01', registry), {
      kind: 'unit',
      input: '即墨市',
      code: '370282',
      name: '即墨市',
      via: 'name',
      warnings: ['SUPERSEDED'],
      successorCode: '370215',
    });
  });

  it('resolves a merged district in later data with SUPERSEDED', () => {
    const r = unit(resolveName('四方区', PLAN_DATE, registry));
    assert.equal(r.code, '370205');
    assert.deepEqual(r.warnings, ['SUPERSEDED']);
    assert.equal(r.successorCode, '370203');
    assert.deepEqual(unit(resolveName('胶南', '2010-01-01', registry)).warnings, []);
  });
});

describe('R-ORG-5 division codes', () => {
  it('warns UNKNOWN_DIVISION for an unknown 6-digit code and never rejects it', () => {
    assert.deepEqual(checkDivisionCode('370271', registry), { valid: true, warning: 'UNKNOWN_DIVISION' });
  });

  it('accepts known codes, including the city and historical districts', () => {
    assert.deepEqual(checkDivisionCode('370202', registry), { valid: true });
    assert.deepEqual(checkDivisionCode('370200', registry), { valid: true });
    assert.deepEqual(checkDivisionCode('370205', registry), { valid: true });
  });

  it('rejects anything that is not 6 digits', () => {
    for (const code of ['37027', '3702711', '37020a', '', ' 370202', '３７０２０２']) {
      assert.deepEqual(checkDivisionCode(code, registry), { valid: false }, JSON.stringify(code));
    }
  });
});

describe('R-ORG-1 resolving names', () => {
  for (const [name, code] of SEED_UNITS) {
    it(`resolves ${name} to ${code} on ${PLAN_DATE}`, () => {
      const r = unit(resolveName(name, PLAN_DATE, registry));
      assert.equal(r.code, code);
      assert.equal(r.via, 'name');
      assert.deepEqual(r.warnings, []);
    });
  }

  it('resolves 市政府 to GOV and 省政府办公厅 to SD-GO by alias', () => {
    assert.deepEqual(
      [resolveName('市政府', PLAN_DATE, registry), resolveName('省政府办公厅', PLAN_DATE, registry)].map((r) => [
        r.kind,
        unit(r).code,
        unit(r).via,
      ]),
      [
        ['unit', 'GOV', 'alias'],
        ['unit', 'SD-GO', 'alias'],
      ],
    );
  });

  it('resolves the issuer and the basis-document issuers by name', () => {
    assert.equal(unit(resolveName('青岛市人民政府办公厅', PLAN_DATE, registry)).code, 'GOVGO');
    assert.equal(unit(resolveName('国务院办公厅', PLAN_DATE, registry)).code, 'GOV-CN-GO');
  });

  it('resolves 市质量工作领导小组各成员单位 to the group G-LGM', () => {
    const r = group(resolveName('市质量工作领导小组各成员单位', PLAN_DATE, registry));
    assert.deepEqual(r, {
      kind: 'group',
      input: '市质量工作领导小组各成员单位',
      code: 'G-LGM',
      name: '市质量工作领导小组成员单位',
      via: 'alias',
    });
  });

  it('resolves 各区、市人民政府 and its aliases to G-DIST', () => {
    assert.equal(group(resolveName('各区、市人民政府', PLAN_DATE, registry)).via, 'name');
    for (const name of ['各区、市政府', '区、市政府', '各区市政府', '各区市']) {
      const r = group(resolveName(name, PLAN_DATE, registry));
      assert.equal(r.code, 'G-DIST', name);
      assert.equal(r.via, 'alias', name);
    }
  });

  it('resolves the other groups by name and alias', () => {
    const cases: [string, string][] = [
      ['市政府各部门', 'G-DEPT'],
      ['市政府有关部门', 'G-DEPT'],
      ['市直各单位', 'G-DIRECT'],
      ['市直有关单位', 'G-DIRECT'],
      ['市有关部门', 'G-REL'],
      ['市级各有关部门', 'G-REL'],
      ['有关部门', 'G-REL'],
      ['领导小组成员单位', 'G-LGM'],
    ];
    for (const [name, code] of cases) assert.equal(group(resolveName(name, PLAN_DATE, registry)).code, code, name);
  });

  it('resolves 青岛市教育局 (the full name) to EDU', () => {
    const r = unit(resolveName('青岛市教育局', PLAN_DATE, registry));
    assert.equal(r.code, 'EDU');
    assert.equal(r.via, 'alias');
  });

  it('resolves 青岛西海岸新区 to 黄岛区 as an overlay alias, not an 11th unit', () => {
    const r = unit(resolveName('青岛西海岸新区', PLAN_DATE, registry));
    assert.equal(r.code, '370211');
    assert.equal(r.name, '黄岛区');
    assert.equal(unit(resolveName('西海岸新区', PLAN_DATE, registry)).code, '370211');
  });

  it('resolves the variant 青岛市X ⇄ 市X both ways', () => {
    const a = unit(resolveName('青岛市质监局', PLAN_DATE, registry));
    assert.deepEqual([a.code, a.via], ['QTS', 'variant']);
    const b = unit(resolveName('市质量技术监督局', PLAN_DATE, registry));
    assert.deepEqual([b.code, b.via], ['QTS', 'variant']);
    assert.equal(unit(resolveName('青岛市政府', PLAN_DATE, registry)).code, 'GOV');
    assert.equal(unit(resolveName('市市场监督管理局', '2020-01-01', registry)).code, 'MSR');
  });

  it('resolves the variant 各成员单位 ⇄ 成员单位 both ways', () => {
    const a = group(resolveName('领导小组各成员单位', PLAN_DATE, registry));
    assert.deepEqual([a.code, a.via], ['G-LGM', 'variant']);
    const b = group(resolveName('青岛市质量工作领导小组各成员单位', PLAN_DATE, registry));
    assert.deepEqual([b.code, b.via], ['G-LGM', 'variant']);
  });

  it('resolves the variant A(B) → A, with full-width brackets and stray whitespace', () => {
    const a = unit(resolveName('市质监局（市标准化研究院）', PLAN_DATE, registry));
    assert.deepEqual([a.code, a.via, a.input], ['QTS', 'variant', '市质监局（市标准化研究院）']);
    assert.equal(unit(resolveName('市质监局(市标准化研究院)', PLAN_DATE, registry)).code, 'QTS');
    assert.equal(unit(resolveName('青岛市质监局（市标准化(研究)院）', PLAN_DATE, registry)).code, 'QTS');
    const b = unit(resolveName(' 市 教育局 ', PLAN_DATE, registry));
    assert.deepEqual([b.code, b.via], ['EDU', 'name']);
  });

  it('resolves QTS without a warning after MSR exists, since its end date is unset', () => {
    const r = unit(resolveName('市质监局', '2020-01-01', registry));
    assert.equal(r.code, 'QTS');
    assert.deepEqual(r.warnings, []);
  });

  it('warns SUPERSEDED once an admin enters an end date, naming the successor', () => {
    const edited: Registry = {
      units: registry.units.map((u) => (u.code === 'QTS' ? { ...u, validTo: '2019-01-01' } : u)),
      groups: registry.groups,
    };
    const r = unit(resolveName('市质监局', '2020-01-01', edited));
    assert.deepEqual([r.code, r.warnings, r.successorCode], ['QTS', ['SUPERSEDED'], 'MSR']);
    assert.deepEqual(unit(resolveName('市质监局', PLAN_DATE, edited)).warnings, []);
  });

  it('prefers an exact name over an alias of another unit', () => {
    const reg: Registry = {
      units: [
        { code: 'A', name: '甲局', kind: 'muni_dept', aliases: ['乙局'] },
        { code: 'B', name: '乙局', kind: 'muni_dept', aliases: [] },
      ],
      groups: [],
    };
    assert.equal(unit(resolveName('乙局', PLAN_DATE, reg)).code, 'B');
  });

  it('among several units of one name, picks the one valid on the date, else the nearest in time', () => {
    const reg: Registry = {
      units: [
        { code: 'OLD', name: '丙局', kind: 'muni_dept', aliases: [], validTo: '2010-12-31', successorCode: 'MID' },
        { code: 'MID', name: '丙局', kind: 'muni_dept', aliases: [], validFrom: '2011-01-01', validTo: '2015-12-31' },
        { code: 'NEW', name: '丙局', kind: 'muni_dept', aliases: [], validFrom: '2016-01-01' },
      ],
      groups: [],
    };
    assert.equal(unit(resolveName('丙局', '2005-01-01', reg)).code, 'OLD');
    assert.equal(unit(resolveName('丙局', '2013-01-01', reg)).code, 'MID');
    assert.equal(unit(resolveName('丙局', '2020-01-01', reg)).code, 'NEW');
    const gap: Registry = { units: reg.units.filter((u) => u.code !== 'MID'), groups: [] };
    const r = unit(resolveName('丙局', '2011-02-01', gap));
    assert.deepEqual([r.code, r.warnings, r.successorCode], ['OLD', ['SUPERSEDED'], 'MID']);
  });
});

describe('R-ORG-2 unresolved names', () => {
  it('keeps the name verbatim with UNRESOLVED_UNIT and its closest entry', () => {
    const r = resolveName('市教育厅', PLAN_DATE, registry);
    assert.deepEqual(r, {
      kind: 'unresolved',
      input: '市教育厅',
      warnings: ['UNRESOLVED_UNIT'],
      closest: { code: 'EDU', name: '市教育局', distance: 1 },
    });
  });

  it('measures distance on characters against names and aliases, ties broken by code', () => {
    // 市北 and 市南 are both one substitution away from 市东: 370202 < 370203.
    const r = resolveName('市东', PLAN_DATE, registry);
    assert.equal(r.kind, 'unresolved');
    assert.deepEqual(r.kind === 'unresolved' && r.closest, { code: '370202', name: '市南区', distance: 1 });
  });

  it('never drops a name: basis-document issuers the registry lacks stay unresolved', () => {
    for (const name of ['省市场监管局(省知识产权局)', '教育部', '工业和信息化部']) {
      const r = resolveName(name, PLAN_DATE, registry);
      assert.equal(r.kind, 'unresolved', name);
      assert.equal(r.input, name);
    }
  });

  it('gives no closest entry for an empty name or an empty registry', () => {
    assert.deepEqual(resolveName('  ', PLAN_DATE, registry), {
      kind: 'unresolved',
      input: '  ',
      warnings: ['UNRESOLVED_UNIT'],
    });
    assert.deepEqual(resolveName('市教育局', PLAN_DATE, { units: [], groups: [] }), {
      kind: 'unresolved',
      input: '市教育局',
      warnings: ['UNRESOLVED_UNIT'],
    });
  });
});

describe('R-ORG-3 group expansion', () => {
  it('expands G-LGM to the 21 listed units on the plan date', () => {
    assert.deepEqual(
      expandGroup('G-LGM', PLAN_DATE, registry),
      SEED_UNITS.map(([, code]) => code),
    );
  });

  it('expands G-DIST to the districts valid on the date', () => {
    assert.deepEqual(expandGroup('G-DIST', PLAN_DATE, registry), DISTRICTS_2015);
    assert.ok(expandGroup('G-DIST', '2018-01-01', registry).includes('370215'));
  });

  it('expands G-DEPT to valid municipal departments and G-DIRECT to those plus central residents', () => {
    const depts = SEED_UNITS.map(([, c]) => c).filter((c) => c !== 'CIQQD' && c !== 'CIQHD');
    assert.deepEqual(expandGroup('G-DEPT', PLAN_DATE, registry), depts);
    assert.deepEqual(
      expandGroup('G-DIRECT', PLAN_DATE, registry),
      SEED_UNITS.map(([, c]) => c),
    );
    // MSR exists from 2019 and comes first in registry order.
    assert.deepEqual(expandGroup('G-DEPT', '2020-01-01', registry), ['MSR', ...depts]);
  });

  it('expands G-REL (chosen per item) to nothing', () => {
    assert.deepEqual(expandGroup('G-REL', PLAN_DATE, registry), []);
  });

  it('honours dated membership and drops units not valid on the date', () => {
    const reg: Registry = {
      units: [
        { code: 'A', name: '甲', kind: 'muni_dept', aliases: [] },
        { code: 'B', name: '乙', kind: 'muni_dept', aliases: [], validTo: '2016-12-31' },
        { code: 'C', name: '丙', kind: 'muni_dept', aliases: [] },
      ],
      groups: [
        {
          code: 'G',
          name: '组',
          rule: 'list',
          aliases: [],
          members: [{ unitCode: 'A', to: '2015-12-31' }, { unitCode: 'B' }, { unitCode: 'C', from: '2016-01-01' }],
        },
      ],
    };
    assert.deepEqual(expandGroup('G', '2015-06-01', reg), ['A', 'B']);
    assert.deepEqual(expandGroup('G', '2016-06-01', reg), ['B', 'C']);
    assert.deepEqual(expandGroup('G', '2017-06-01', reg), ['C']);
  });

  it('throws on an unknown group code', () => {
    assert.throws(() => expandGroup('G-NONE', PLAN_DATE, registry), { code: 'QC_ERR_ORG_GROUP_NOT_FOUND' });
  });
});
