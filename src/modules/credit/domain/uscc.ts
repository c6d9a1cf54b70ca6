/**
 * Unified social credit code (GB 32100-2015), organization code (GB 11714) and 15-digit registration
 * number checks, exactly as credit.md §1. Pure: reference data (division codes, legacy pilot codes) comes in
 * through `UsccReference`, so forms, import and search share one judgement.
 */
import { QINGDAO_DIVISIONS } from './qingdao.js';

/** The 31 characters a credit code may use; a character's value is its index (I, O, Z, S, V never occur). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const EXCLUDED = new Set(['I', 'O', 'Z', 'S', 'V']);

/** The name of a USCC entity type ('91' → 企业, '52' → 民办非企业单位), or null when the table lacks it. */
export function entityTypeName(code: string | null): string | null {
  if (!code || code.length !== 2) return null;
  return DEPARTMENTS[code[0]!]?.types[code[1]!] ?? null;
}

/** Registration departments and their entity types (§1.3 step 4); reference data, not a closed enum. */
export const DEPARTMENTS: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商/市场监管', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

export interface CodeFinding {
  code: string;
  message: string;
  /** 1-based character position the finding is about, when there is one. */
  position?: number;
}

export interface UsccParts {
  department: string | null;
  departmentName: string | null;
  type: string | null;
  typeName: string | null;
  regionCode: string | null;
  regionName: string | null;
  /** Today's Qingdao district the registrar belongs to (3702xx, historical codes mapped). */
  districtCode: string | null;
  districtName: string | null;
  orgCode: string | null;
  checkChar: string | null;
  expectedCheckChar: string | null;
}

export interface UsccResult {
  ok: boolean;
  input: string;
  normalized: string;
  errors: CodeFinding[];
  warnings: CodeFinding[];
  parts: UsccParts;
}

/** What the validator needs to know about the world; the module's reference.ts loads it from data/. */
export interface UsccReference {
  /** Name of a GB/T 2260 code, current or historical; undefined when unknown. */
  regionName(code: string): string | undefined;
  /** True for a code on the legacy pilot-code list (legally issued before the checksum was enforced). */
  isLegacyPilotCode(normalized: string): boolean;
}

/** NFKC (full-width → half-width), trim, drop spaces and hyphens, upper case (§1.3 step 1). */
export function normalizeCode(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―]/g, '')
    .toUpperCase();
}

function usccValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/** The check character (pos 18) of the first 17 characters; null if one is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccValue(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an 8-character body (A=10 … Z=35, the full alphabet); null if invalid. */
export function orgCodeCheckChar(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let t = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const v = ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    t += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (t % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

function emptyParts(): UsccParts {
  return {
    department: null,
    departmentName: null,
    type: null,
    typeName: null,
    regionCode: null,
    regionName: null,
    districtCode: null,
    districtName: null,
    orgCode: null,
    checkChar: null,
    expectedCheckChar: null,
  };
}

function charsetErrors(code: string): CodeFinding[] {
  const errors: CodeFinding[] = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    const pos = i + 1;
    const digitOnly = pos >= 2 && pos <= 8;
    const ok = digitOnly ? ch >= '0' && ch <= '9' : usccValue(ch) >= 0;
    if (ok) continue;
    const why = digitOnly
      ? 'must be a digit'
      : EXCLUDED.has(ch)
        ? `"${ch}" is excluded by GB 32100 (I, O, Z, S, V never occur)`
        : `"${ch}" is not in the code charset`;
    errors.push({
      code: 'USCC_CHARSET',
      position: pos,
      message: `position ${pos}: ${digitOnly ? `"${ch}" ` : ''}${why}`,
    });
  }
  return errors;
}

/** Validates a unified social credit code (credit.md §1.3): errors reject it, warnings accept and flag it. */
export function validateUSCC(input: string, ref: UsccReference): UsccResult {
  const normalized = normalizeCode(input);
  const parts = emptyParts();
  const result: UsccResult = { ok: false, input, normalized, errors: [], warnings: [], parts };
  if (normalized.length !== 18) {
    result.errors.push({ code: 'USCC_LENGTH', message: `18 characters expected, got ${normalized.length}` });
    return result;
  }
  result.errors.push(...charsetErrors(normalized));
  const dept = normalized[0]!;
  const type = normalized[1]!;
  parts.department = dept;
  parts.type = type;
  parts.regionCode = normalized.slice(2, 8);
  parts.orgCode = normalized.slice(8, 17);
  parts.checkChar = normalized[17]!;
  if (result.errors.length) return result;

  const department = DEPARTMENTS[dept];
  parts.departmentName = department?.name ?? null;
  parts.typeName = department?.types[type] ?? null;
  if (!department || !parts.typeName) {
    result.warnings.push({
      code: 'USCC_DEPT_TYPE_UNKNOWN',
      position: department ? 2 : 1,
      message: `department ${dept} / type ${type} is not in the registration-department table`,
    });
  }
  const region = ref.regionName(parts.regionCode);
  parts.regionName = region ?? null;
  if (region === undefined) {
    result.warnings.push({
      code: 'USCC_REGION_UNKNOWN',
      position: 3,
      message: `${parts.regionCode} is not a GB/T 2260 division code (current or historical)`,
    });
  }
  const qd = QINGDAO_DIVISIONS[parts.regionCode];
  if (qd?.district) {
    parts.districtCode = qd.district;
    parts.districtName = QINGDAO_DIVISIONS[qd.district]!.name;
  }
  const orgExpected = orgCodeCheckChar(parts.orgCode.slice(0, 8));
  if (orgExpected !== parts.orgCode[8]) {
    result.warnings.push({
      code: 'USCC_ORGCODE_CHECK',
      position: 17,
      message: `embedded organization code ${parts.orgCode}: check character ${orgExpected ?? '?'} expected`,
    });
  }
  const expected = usccCheckChar(normalized.slice(0, 17))!;
  parts.expectedCheckChar = expected;
  if (expected !== parts.checkChar) {
    if (ref.isLegacyPilotCode(normalized)) {
      result.warnings.push({
        code: 'USCC_LEGACY_PILOT_CODE',
        position: 18,
        message: `legacy pilot code issued before the checksum rule (computed check character ${expected})`,
      });
    } else {
      result.errors.push({
        code: 'USCC_CHECKSUM',
        position: 18,
        message: `check character ${parts.checkChar} is wrong; expected ${expected}`,
      });
    }
  }
  result.ok = result.errors.length === 0;
  return result;
}

export interface OrgCodeResult {
  ok: boolean;
  normalized: string;
  errors: CodeFinding[];
  expectedCheckChar: string | null;
}

/** A standalone 9-character organization code (pre-2015 data), hyphen optional: `16356268-1`. */
export function validateOrgCode(input: string): OrgCodeResult {
  const normalized = normalizeCode(input);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(normalized)) {
    return {
      ok: false,
      normalized,
      expectedCheckChar: null,
      errors: [
        { code: 'ORGCODE_FORMAT', message: 'an organization code is 8 digits or capitals and a check digit or X' },
      ],
    };
  }
  const expected = orgCodeCheckChar(normalized.slice(0, 8));
  const ok = expected === normalized[8];
  return {
    ok,
    normalized,
    expectedCheckChar: expected,
    errors: ok
      ? []
      : [{ code: 'ORGCODE_CHECK', message: `check character ${normalized[8]} is wrong; expected ${expected}` }],
  };
}

/** The 15-digit registration number (注册号) of older records: a format check only (§1.3). */
export function validateRegistrationNo(input: string): { ok: boolean; normalized: string; errors: CodeFinding[] } {
  const normalized = normalizeCode(input);
  const ok = /^\d{15}$/.test(normalized);
  return {
    ok,
    normalized,
    errors: ok ? [] : [{ code: 'REGNO_FORMAT', message: 'a registration number is 15 digits' }],
  };
}
