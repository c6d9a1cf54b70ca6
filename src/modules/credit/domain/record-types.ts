/**
 * Credit record types as reference data (credit.md §3.2). A new type is configuration: one entry here with
 * its default polarity, visibility and public term. Terms marked "default; configurable" in the spec are the
 * `years`/`months` given here; statutory ones (penalty publicity, lists) are computed from their rule sets.
 */

export const POLARITIES = ['+', '-', '0'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const VISIBILITIES = ['PUBLIC', 'SHARED', 'SUBJECT', 'INTERNAL'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const RECORD_STATUSES = ['ACTIVE', 'EXPIRED', 'REPAIRED', 'REVOKED', 'WITHDRAWN', 'SUPERSEDED'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * How a type's public term is computed:
 * - `years`/`months` from `from` (the publication, decision or start day);
 * - `penalty`: §5.4 (3 months for the minor class, else 3 years, longer restrictions prevail);
 * - `list`: the list entry's own expiry (`details.listExpiresOn`), set by the lists service;
 * - `supplied`: `details.validTo` as supplied by the source (court defaulters, certifications);
 * - `rectified`: N years from the finding, or until `details.rectifiedOn` when later;
 * - `indefinite`: no end (awards, standard leaders while they lead).
 */
export type TermRule =
  | { kind: 'fixed'; years?: number; months?: number; from: 'published' | 'decided' }
  | { kind: 'penalty' }
  | { kind: 'list' }
  | { kind: 'supplied' }
  | { kind: 'rectified'; years: number }
  | { kind: 'indefinite' };

export interface RecordTypeDef {
  code: string;
  zh: string;
  en: string;
  polarity: Polarity;
  /** The module that normally writes it (informational; any module may call recordEvent). */
  source: string;
  visibility: Visibility;
  term: TermRule;
  /**
   * Severity values the scorecard reads (A's QUALITY_SCORECARD): ADMIN_PENALTY MINOR | GENERAL | HEAVY,
   * SPOT_CHECK_FAIL GENERAL | SAFETY, RECALL ORDERED | VOLUNTARY, AWARD CITY | PROVINCIAL | NATIONAL,
   * DECLARATION_NONCONFORMITY GENERAL | OVERDUE.
   */
  severities?: readonly string[];
}

const T3: TermRule = { kind: 'fixed', years: 3, from: 'published' };

/** Every record type; order is the display order of the public page. */
export const RECORD_TYPES: readonly RecordTypeDef[] = [
  {
    code: 'ADMIN_PENALTY',
    zh: '行政处罚',
    en: 'Administrative penalty',
    polarity: '-',
    source: 'credit',
    visibility: 'PUBLIC',
    term: { kind: 'penalty' },
    severities: ['MINOR', 'GENERAL', 'HEAVY'],
  },
  {
    code: 'SPOT_CHECK_FAIL',
    zh: '抽查不合格',
    en: 'Spot check failed',
    polarity: '-',
    source: 'safety',
    visibility: 'PUBLIC',
    term: T3,
    severities: ['GENERAL', 'SAFETY'],
  },
  {
    code: 'RECALL',
    zh: '缺陷产品召回',
    en: 'Recall',
    polarity: '-',
    source: 'safety',
    visibility: 'PUBLIC',
    term: { kind: 'fixed', years: 3, from: 'decided' },
    severities: ['ORDERED', 'VOLUNTARY'],
  },
  {
    code: 'DECLARATION_NONCONFORMITY',
    zh: '自我声明不符合',
    en: 'Declaration nonconformity',
    polarity: '-',
    source: 'declarations',
    visibility: 'PUBLIC',
    term: { kind: 'rectified', years: 1 },
    severities: ['GENERAL', 'OVERDUE'],
  },
  {
    code: 'STANDARD_NUMBER_REVOKED',
    zh: '标准编号撤销',
    en: 'Standard number revoked',
    polarity: '-',
    source: 'declarations',
    visibility: 'PUBLIC',
    term: { kind: 'fixed', years: 3, from: 'decided' },
  },
  {
    code: 'ABNORMAL_OPERATIONS',
    zh: '经营异常名录',
    en: 'Abnormal operations list',
    polarity: '-',
    source: 'credit',
    visibility: 'PUBLIC',
    term: { kind: 'list' },
  },
  {
    code: 'SERIOUS_LIST',
    zh: '严重违法失信名单',
    en: 'Serious illegal and dishonest list',
    polarity: '-',
    source: 'credit',
    visibility: 'PUBLIC',
    term: { kind: 'list' },
  },
  {
    code: 'QUALITY_BLACKLIST',
    zh: '质量失信黑名单',
    en: 'Quality blacklist',
    polarity: '-',
    source: 'credit',
    visibility: 'PUBLIC',
    term: { kind: 'list' },
  },
  {
    code: 'TOURISM_BAD_INFO',
    zh: '旅游不良信息',
    en: 'Tourism bad information',
    polarity: '-',
    source: 'tourism',
    visibility: 'PUBLIC',
    term: T3,
  },
  {
    code: 'TOURISM_WATCH',
    zh: '旅游重点关注名单',
    en: 'Tourism watch list',
    polarity: '-',
    source: 'tourism',
    visibility: 'SHARED',
    term: { kind: 'list' },
  },
  {
    code: 'TOURISM_BLACKLIST',
    zh: '旅游市场黑名单',
    en: 'Tourism blacklist',
    polarity: '-',
    source: 'tourism',
    visibility: 'PUBLIC',
    term: { kind: 'list' },
  },
  {
    code: 'WATER_GRADE',
    zh: '水利建设市场主体信用等级',
    en: 'Water-construction credit grade',
    polarity: '+',
    source: 'water',
    visibility: 'PUBLIC',
    term: { kind: 'supplied' },
  },
  {
    code: 'WATER_WATCH',
    zh: '水利建设重点关注名单',
    en: 'Water-construction watch list',
    polarity: '-',
    source: 'water',
    visibility: 'SHARED',
    term: { kind: 'list' },
  },
  {
    code: 'WATER_BLACKLIST',
    zh: '水利建设市场黑名单',
    en: 'Water-construction blacklist',
    polarity: '-',
    source: 'water',
    visibility: 'PUBLIC',
    term: { kind: 'list' },
  },
  {
    code: 'COURT_DEFAULTER',
    zh: '失信被执行人',
    en: 'Court defaulter',
    polarity: '-',
    source: 'import',
    visibility: 'PUBLIC',
    term: { kind: 'supplied' },
  },
  {
    code: 'INSPECTION_RESULT',
    zh: '双随机抽查结果',
    en: 'Random inspection result',
    polarity: '0',
    source: 'credit',
    visibility: 'PUBLIC',
    term: T3,
  },
  {
    code: 'AWARD',
    zh: '质量奖励',
    en: 'Quality award',
    polarity: '+',
    source: 'awards',
    visibility: 'PUBLIC',
    term: { kind: 'indefinite' },
    severities: ['CITY', 'PROVINCIAL', 'NATIONAL'],
  },
  {
    code: 'CERTIFICATION',
    zh: '认证',
    en: 'Certification',
    polarity: '+',
    source: 'awards',
    visibility: 'PUBLIC',
    term: { kind: 'supplied' },
  },
  {
    code: 'STANDARD_LEADER',
    zh: '企业标准"领跑者"',
    en: 'Standard leader',
    polarity: '+',
    source: 'declarations',
    visibility: 'PUBLIC',
    term: { kind: 'indefinite' },
  },
];

const BY_CODE = new Map(RECORD_TYPES.map((t) => [t.code, t]));

/** The type's definition, or undefined for an unknown code. */
export function recordType(code: string): RecordTypeDef | undefined {
  return BY_CODE.get(code);
}

/** Record codes, for schemas. */
export const RECORD_TYPE_CODES = RECORD_TYPES.map((t) => t.code);
