import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { qingdaoDistrict } from './qingdao.js';
import {
  entityTypeName,
  orgCodeCheckChar,
  type UsccReference,
  usccCheckChar,
  validateOrgCode,
  validateRegistrationNo,
  validateUSCC,
} from './uscc.js';

// The shipped reference data, read here so the validator itself stays pure.
const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data');
const divisions = JSON.parse(fs.readFileSync(path.join(dataDir, 'gbt2260.json'), 'utf8'));
const legacy = new Set(JSON.parse(fs.readFileSync(path.join(dataDir, 'uscc-legacy-pilot-codes.json'), 'utf8')).codes);
const REF: UsccReference = {
  regionName: (c) => divisions.current[c] ?? divisions.historical[c]?.name,
  isLegacyPilotCode: (c) => legacy.has(c),
};
const check = (code: string) => validateUSCC(code, REF);
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe('validateUSCC: credit.md §1.5 valid vectors', () => {
  const valid = [
    '91350100M000100Y43',
    '91110000600037341L',
    '9144030071526726XG',
    '914403001922038216',
    '91370200163562681G',
    '91310115MA1K3BTP2B',
    '911522010783762860',
    '91620105L015101280',
    '121200004013590816',
    '91370205MA3C000035',
    '91370282MA3C0002X8',
    'N2370211MA3C12346Y',
    'A1110000600037341K',
  ];
  for (const code of valid) {
    it(`${code} is valid without warnings`, () => {
      const r = check(code);
      assert.equal(r.ok, true, JSON.stringify(r.errors));
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.warnings, [], JSON.stringify(r.warnings));
      assert.equal(r.normalized, code);
      assert.equal(r.parts.expectedCheckChar, code[17]);
    });
  }

  it('the worked example: S = 1640 → 3; MA1K3BTP org check 2 and USCC check B', () => {
    assert.equal(usccCheckChar('91350100M000100Y4'), '3');
    assert.equal(orgCodeCheckChar('MA1K3BTP'), '2');
    assert.equal(usccCheckChar('91310115MA1K3BTP2'), 'B');
    assert.equal(orgCodeCheckChar('71526726'), 'X');
  });

  for (const [input, normalized] of [
    [' 91 110000 600037341L', '91110000600037341L'],
    ['91370200-16356268-1G', '91370200163562681G'],
    ['91370200163562681g', '91370200163562681G'],
    ['９１３７０２００１６３５６２６８１Ｇ', '91370200163562681G'],
  ] as const) {
    it(`normalises ${JSON.stringify(input)}`, () => {
      const r = check(input);
      assert.equal(r.ok, true);
      assert.equal(r.normalized, normalized);
      assert.equal(r.input, input);
      assert.deepEqual(r.warnings, []);
    });
  }

  it('parts: department, type, region and Qingdao district, historical codes mapped', () => {
    const r = check('91370205MA3C000035');
    assert.deepEqual(r.parts, {
      department: '9',
      departmentName: '工商/市场监管',
      type: '1',
      typeName: '企业',
      regionCode: '370205',
      regionName: '青岛市四方区',
      districtCode: '370203',
      districtName: '市北区',
      orgCode: 'MA3C00003',
      checkChar: '5',
      expectedCheckChar: '5',
    });
    assert.equal(check('91370282MA3C0002X8').parts.districtName, '即墨区');
    assert.equal(check('91370200163562681G').parts.districtCode, null, 'the city registrar has no district');
    assert.equal(check('121200004013590816').parts.typeName, '事业单位');
  });

  for (const [code, warning] of [
    ['91990000163562681N', 'USCC_REGION_UNKNOWN'],
    ['91370200163562682K', 'USCC_ORGCODE_CHECK'],
    ['943702001635626817', 'USCC_DEPT_TYPE_UNKNOWN'],
    ['Y2370200MA3C00038N', 'USCC_DEPT_TYPE_UNKNOWN'],
    ['91350100M0001TGQXM', 'USCC_LEGACY_PILOT_CODE'],
    ['91350211M0000XUF46', 'USCC_LEGACY_PILOT_CODE'],
    ['91350203M0001FUE2P', 'USCC_LEGACY_PILOT_CODE'],
  ] as const) {
    it(`${code} is valid with warning ${warning}`, () => {
      const r = check(code);
      assert.equal(r.ok, true, JSON.stringify(r.errors));
      assert.deepEqual(codes(r.warnings), [warning]);
    });
  }

  it('legacy pilot codes name the computed check character', () => {
    assert.equal(check('91350100M0001TGQXM').parts.expectedCheckChar, '1');
    assert.equal(check('91350211M0000XUF46').parts.expectedCheckChar, 'R');
    assert.equal(check('91350203M0001FUE2P').parts.expectedCheckChar, 'J');
  });
});

describe('validateUSCC: credit.md §1.5 invalid vectors', () => {
  for (const [code, error, expected, warnings] of [
    ['91350100M000100Y44', 'USCC_CHECKSUM', '3', []],
    ['91110000600037341N', 'USCC_CHECKSUM', 'L', []],
    ['A1110000600037341L', 'USCC_CHECKSUM', 'K', []],
    ['91110000100001234X', 'USCC_CHECKSUM', 'U', ['USCC_ORGCODE_CHECK']],
  ] as const) {
    it(`${code}: ${error} (expected ${expected})`, () => {
      const r = check(code);
      assert.equal(r.ok, false);
      assert.deepEqual(codes(r.errors), [error]);
      assert.match(r.errors[0]!.message, new RegExp(`expected ${expected}`));
      assert.equal(r.parts.expectedCheckChar, expected);
      assert.deepEqual(codes(r.warnings), warnings);
    });
  }

  it('91350100M000100Y4Z: Z is excluded by the standard', () => {
    const r = check('91350100M000100Y4Z');
    assert.equal(r.ok, false);
    assert.deepEqual(codes(r.errors), ['USCC_CHARSET']);
    assert.equal(r.errors[0]!.position, 18);
    assert.match(r.errors[0]!.message, /excluded/);
  });

  for (const code of ['9111000060003IOZSV', '9137020016356268IG']) {
    it(`${code}: USCC_CHARSET naming each position`, () => {
      const r = check(code);
      assert.equal(r.ok, false);
      assert.ok(r.errors.length >= 1);
      assert.ok(r.errors.every((e) => e.code === 'USCC_CHARSET' && typeof e.position === 'number'));
    });
  }

  it('9137020016356268: USCC_LENGTH', () => {
    const r = check('9137020016356268');
    assert.deepEqual(codes(r.errors), ['USCC_LENGTH']);
    assert.equal(r.ok, false);
  });

  it('a letter in the region digits is a charset error', () => {
    const r = check('91A70200163562681G');
    assert.deepEqual(codes(r.errors), ['USCC_CHARSET']);
    assert.equal(r.errors[0]!.position, 3);
  });
});

describe('organization codes and registration numbers', () => {
  it('standalone org codes, hyphen optional', () => {
    assert.equal(validateOrgCode('16356268-1').ok, true);
    assert.equal(validateOrgCode('71526726-X').ok, true);
    assert.equal(validateOrgCode('715267260').ok, false);
    const bad = validateOrgCode('16356268-2');
    assert.equal(bad.ok, false);
    assert.equal(bad.expectedCheckChar, '1');
    assert.equal(validateOrgCode('1635626').ok, false);
  });

  it('15-digit registration numbers: format only', () => {
    assert.equal(validateRegistrationNo('370200018012345').ok, true);
    assert.equal(validateRegistrationNo('37020001801234').ok, false);
    assert.equal(validateRegistrationNo('37020001801234A').ok, false);
  });

  it('Qingdao districts: historical codes map to today', () => {
    assert.equal(qingdaoDistrict('370205'), '370203');
    assert.equal(qingdaoDistrict('370284'), '370211');
    assert.equal(qingdaoDistrict('370282'), '370215');
    assert.equal(qingdaoDistrict('370200'), null);
    assert.equal(qingdaoDistrict('110000'), null);
  });
});

describe('entity types from USCC positions 1–2', () => {
  it('names the types of the registration-department table, null for unknown ones', () => {
    assert.equal(entityTypeName('91'), '企业');
    assert.equal(entityTypeName('92'), '个体工商户');
    assert.equal(entityTypeName('52'), '民办非企业单位');
    assert.equal(entityTypeName('12'), '事业单位');
    assert.equal(entityTypeName('94'), null);
    assert.equal(entityTypeName(null), null);
    assert.equal(entityTypeName('9'), null);
  });
});
