/**
 * One registry import row → a typed enterprise record with per-field findings (credit.md §2). Pure: the
 * service streams the file, this decides what a row means. Errors reject the row, warnings are stored.
 */
import { isCalendarDate } from '../../../core/dates.js';
import type { EnterpriseTable } from '../../../core/db/schema-credit.js';
import { normalizeText } from '../../../core/search/tokenize.js';
import { QINGDAO_DIVISIONS, qingdaoDistrict } from './qingdao.js';
import { normalizeCode, type UsccReference, validateOrgCode, validateRegistrationNo, validateUSCC } from './uscc.js';

/** Fields an import file may carry, each with the header names accepted for it (Chinese and English). */
export const REGISTRY_COLUMNS = {
  uscc: ['统一社会信用代码', '信用代码', 'uscc'],
  registrationNo: ['注册号', 'registration_no', 'registrationno'],
  orgCode: ['组织机构代码', 'org_code', 'orgcode'],
  name: ['企业名称', '名称', '市场主体名称', 'name'],
  formerNames: ['曾用名', 'former_names', 'formernames'],
  entityType: ['主体类型', '企业类型', 'entity_type'],
  legalRep: ['法定代表人', '法定代表人(负责人)', '负责人', 'legal_rep', 'legalrepresentative'],
  legalRepId: ['法定代表人证件号码', '证件号码', 'legal_rep_id'],
  registeredCapital: ['注册资本(元)', '注册资本', 'registered_capital'],
  currency: ['币种', 'currency'],
  establishedOn: ['成立日期', 'established_on', 'establishedon'],
  operatingTermTo: ['营业期限至', 'operating_term_to'],
  registrationAuthority: ['登记机关', 'registration_authority'],
  districtCode: ['所属区市代码', '区市代码', 'district_code'],
  address: ['住所', '地址', '经营场所', 'address'],
  businessScope: ['经营范围', 'business_scope'],
  industryCode: ['行业代码', '国民经济行业代码', 'industry_code'],
  status: ['登记状态', '经营状态', 'status'],
  statusDate: ['状态日期', '注销日期', 'status_date'],
  sourceRecordId: ['源记录号', 'source_record_id'],
} as const;

export type RegistryField = keyof typeof REGISTRY_COLUMNS;

/** The record a valid row becomes: the `enterprises` columns an import sets, plus the ID number in clear. */
export type EnterpriseRecord = Pick<
  EnterpriseTable,
  | 'uscc'
  | 'registration_no'
  | 'org_code'
  | 'name'
  | 'former_names'
  | 'entity_type'
  | 'legal_rep'
  | 'registered_capital'
  | 'currency'
  | 'established_on'
  | 'operating_term_to'
  | 'registration_authority'
  | 'registration_region_code'
  | 'district_code'
  | 'address'
  | 'business_scope'
  | 'industry_code'
  | 'status'
  | 'status_date'
  | 'code_warnings'
  | 'source_record_id'
> & {
  /** The ID number itself, hashed by the service before storage; never stored in clear. */
  legal_rep_id: string | null;
};

export interface RowFinding {
  field: RegistryField | null;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Status words of registers and their stored values (存续/在业, 吊销, 注销, 迁出). */
const STATUSES: Record<string, string> = {
  存续: 'active',
  在业: 'active',
  '存续(在营、开业、在册)': 'active',
  开业: 'active',
  active: 'active',
  吊销: 'revoked',
  '吊销,未注销': 'revoked',
  revoked: 'revoked',
  注销: 'deregistered',
  deregistered: 'deregistered',
  迁出: 'moved_out',
  moved_out: 'moved_out',
};

export const ENTERPRISE_STATUSES = ['active', 'revoked', 'deregistered', 'moved_out'] as const;

/** Maps a file's header row to fields; unknown headers are ignored, duplicates and gaps reported. */
export function mapHeader(header: string[]): {
  index: Partial<Record<RegistryField, number>>;
  duplicate: string | null;
  missing: string[];
} {
  const lookup = new Map<string, RegistryField>();
  for (const [field, names] of Object.entries(REGISTRY_COLUMNS) as [RegistryField, readonly string[]][]) {
    for (const n of names) lookup.set(headerKey(n), field);
  }
  const index: Partial<Record<RegistryField, number>> = {};
  let duplicate: string | null = null;
  header.forEach((h, i) => {
    const field = lookup.get(headerKey(h));
    if (!field) return;
    if (index[field] !== undefined) duplicate ??= h;
    else index[field] = i;
  });
  const missing: string[] = [];
  if (index.name === undefined) missing.push(REGISTRY_COLUMNS.name[0]);
  if (index.uscc === undefined && index.registrationNo === undefined) {
    missing.push(`${REGISTRY_COLUMNS.uscc[0]} / ${REGISTRY_COLUMNS.registrationNo[0]}`);
  }
  return { index, duplicate, missing };
}

function headerKey(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

function cell(values: string[], index: Partial<Record<RegistryField, number>>, field: RegistryField): string | null {
  const i = index[field];
  if (i === undefined) return null;
  // Names keep their full-width brackets as registered; codes, dates and amounts normalise where parsed.
  const v = values[i]?.trim();
  return v ? v : null;
}

/** Dates as registers write them: 2015-07-01, 2015/7/1, 2015年7月1日, 20150701. */
export function parseDate(input: string): string | null {
  const raw = input.normalize('NFKC');
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(raw.replace(/\s/g, ''));
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(d) ? d : null;
}

/** Yuan with up to two decimals (thousands separators allowed) → integer fen; null when not a number. */
export function parseYuan(raw: string): number | null {
  const t = raw.normalize('NFKC').replace(/[,\s]/g, '').replace(/元$/, '');
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** The Qingdao district an address names (today's or a historical one); null when it names none. */
export function districtFromAddress(address: string | null): string | null {
  if (!address) return null;
  for (const [name, district] of districtNames()) if (address.includes(name)) return district;
  return null;
}

// Built once: the import calls districtFromAddress for every row.
let districtNameList: [string, string][] | null = null;
function districtNames(): [string, string][] {
  districtNameList ??= Object.values(QINGDAO_DIVISIONS).flatMap((d) =>
    d.district ? [[d.name, d.district] as [string, string]] : [],
  );
  return districtNameList;
}

/** Former names as `name[@until];name…` → the stored JSON array of {name, until}. */
export function parseFormerNames(raw: string | null): { name: string; until: string | null }[] {
  if (!raw) return [];
  return raw
    .split(/[;；|]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, until] = s.split('@').map((x) => x.trim());
      return { name: name!, until: until && parseDate(until) ? parseDate(until) : null };
    });
}

/** Validates one data row; `record` is null when any finding is an error. */
export function parseRegistryRow(
  values: string[],
  index: Partial<Record<RegistryField, number>>,
  ref: UsccReference,
): { record: EnterpriseRecord | null; findings: RowFinding[] } {
  const findings: RowFinding[] = [];
  const err = (field: RegistryField | null, code: string, message: string) =>
    findings.push({ field, code, message, severity: 'error' });
  const warn = (field: RegistryField | null, code: string, message: string) =>
    findings.push({ field, code, message, severity: 'warning' });
  const warnings: string[] = [];

  const name = cell(values, index, 'name');
  if (!name) err('name', 'ROW_NAME_MISSING', 'the enterprise name is empty');
  else if (name.length > 200) err('name', 'ROW_NAME_TOO_LONG', 'the enterprise name is longer than 200 characters');

  let uscc: string | null = null;
  let regionCode: string | null = null;
  let entityType = cell(values, index, 'entityType');
  const rawUscc = cell(values, index, 'uscc');
  if (rawUscc) {
    const r = validateUSCC(rawUscc, ref);
    for (const e of r.errors) err('uscc', e.code, e.message);
    for (const w of r.warnings) {
      warn('uscc', w.code, w.message);
      warnings.push(w.code);
    }
    if (r.ok) {
      uscc = r.normalized;
      regionCode = r.parts.regionCode;
      entityType ??= `${r.parts.department}${r.parts.type}`;
    }
  }
  let registrationNo: string | null = null;
  const rawReg = cell(values, index, 'registrationNo');
  if (rawReg) {
    const r = validateRegistrationNo(rawReg);
    if (r.ok) registrationNo = r.normalized;
    else err('registrationNo', 'REGNO_FORMAT', 'a registration number is 15 digits');
  }
  if (!rawUscc && !rawReg) err(null, 'ROW_KEY_MISSING', 'neither a credit code nor a registration number');

  let orgCode: string | null = null;
  const rawOrg = cell(values, index, 'orgCode');
  if (rawOrg) {
    const r = validateOrgCode(rawOrg);
    orgCode = r.normalized;
    if (!r.ok) {
      warn('orgCode', 'ORGCODE_CHECK', r.errors[0]!.message);
      warnings.push('ORGCODE_CHECK');
    }
  } else if (uscc) {
    orgCode = uscc.slice(8, 17);
  }

  const date = (field: RegistryField): string | null => {
    const raw = cell(values, index, field);
    if (!raw) return null;
    const d = parseDate(raw);
    if (!d) err(field, 'ROW_DATE', `"${raw}" is not a date (YYYY-MM-DD)`);
    return d;
  };
  const establishedOn = date('establishedOn');
  const operatingTermTo = date('operatingTermTo');
  const statusDate = date('statusDate');

  let capital: number | null = null;
  const rawCapital = cell(values, index, 'registeredCapital');
  if (rawCapital) {
    capital = parseYuan(rawCapital);
    if (capital === null) err('registeredCapital', 'ROW_CAPITAL', `"${rawCapital}" is not an amount in yuan`);
  }

  const rawStatus = cell(values, index, 'status');
  let status = 'active';
  if (rawStatus) {
    const s = STATUSES[rawStatus] ?? STATUSES[rawStatus.normalize('NFKC').toLowerCase()];
    if (s) status = s;
    else err('status', 'ROW_STATUS', `unknown status "${rawStatus}" (存续/在业, 吊销, 注销, 迁出)`);
  }

  const address = cell(values, index, 'address');
  let district = cell(values, index, 'districtCode');
  if (district) {
    const mapped = qingdaoDistrict(district);
    if (!mapped) err('districtCode', 'ROW_DISTRICT', `${district} is not a Qingdao district code`);
    district = mapped;
  } else {
    // The district follows the address (§1.4); the registrar's code is only a fallback.
    district = districtFromAddress(address) ?? qingdaoDistrict(regionCode);
  }

  if (findings.some((f) => f.severity === 'error')) return { record: null, findings };
  const formerNames = parseFormerNames(cell(values, index, 'formerNames'));
  return {
    record: {
      uscc,
      registration_no: registrationNo,
      org_code: orgCode,
      name: name!,
      former_names: JSON.stringify(formerNames),
      entity_type: entityType,
      legal_rep: cell(values, index, 'legalRep'),
      legal_rep_id: cell(values, index, 'legalRepId'),
      registered_capital: capital,
      currency: cell(values, index, 'currency') ?? (capital !== null ? 'CNY' : null),
      established_on: establishedOn,
      operating_term_to: operatingTermTo,
      registration_authority: cell(values, index, 'registrationAuthority'),
      registration_region_code: regionCode,
      district_code: district,
      address,
      business_scope: cell(values, index, 'businessScope'),
      industry_code: cell(values, index, 'industryCode'),
      status,
      status_date: statusDate,
      code_warnings: warnings.join(','),
      source_record_id: cell(values, index, 'sourceRecordId'),
    },
    findings,
  };
}

/** The key an import matches existing rows by: the credit code, else the registration number. */
export function rowKey(r: { uscc: string | null; registration_no: string | null }): string {
  return r.uscc ? `U:${r.uscc}` : `R:${r.registration_no}`;
}

/** Searchable text of an enterprise: its name and former names (legal representatives match exactly). */
export function enterpriseSearchFields(name: string, formerNamesJson: string): string[] {
  const former = JSON.parse(formerNamesJson) as { name: string }[];
  return [name, ...former.map((f) => f.name)];
}

/** A search box input that is a code: 18 characters → exact, 6–17 → prefix on credit code and reg. number. */
export function classifyQuery(q: string): { kind: 'uscc'; code: string } | { kind: 'prefix'; code: string } | null {
  const code = normalizeCode(q);
  if (!/^[0-9A-Z]+$/.test(code) || !/\d/.test(code)) return null;
  if (code.length === 18) return { kind: 'uscc', code };
  if (code.length >= 6 && code.length <= 17) return { kind: 'prefix', code };
  return null;
}

/** Lower-cased, NFKC name for exact and prefix ranking. */
export function rankName(name: string): string {
  return normalizeText(name);
}
