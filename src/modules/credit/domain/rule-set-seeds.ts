/**
 * The seeded rule-set versions of credit.md §4.1 with their parameter schemas. Values are the spec's;
 * "default; configurable" ones carry `configurable: true`. Required values the spec does not give (v2016,
 * the province's lower-amount threshold, the v2022 minor-list term, the v2025 start date) stay empty, so
 * those versions start as drafts until the office fills them in.
 *
 * Effective dates marked "confirm" below are the best available and should be checked by the office
 * against the published document before relying on them for old records.
 */
import type { ParamSpec, ParamValue, RuleSetSeed } from './rule-sets.js';

type Spec = Omit<ParamSpec, 'key' | 'zh' | 'en'> & { zh: string; en: string };

function p(
  type: ParamSpec['type'],
  unit: string | undefined,
  zh: string,
  en: string,
  opts: { configurable?: boolean; required?: boolean; min?: number; max?: number } = {},
): Spec {
  return {
    type,
    unit,
    zh,
    en,
    required: opts.required ?? true,
    configurable: opts.configurable ?? false,
    min: opts.min ?? (type === 'integer' ? 0 : undefined),
    max: opts.max,
  };
}

/** Builds schema and params from one table of `key → [spec, value]`. */
function build(table: Record<string, [Spec, ParamValue]>): Pick<RuleSetSeed, 'schema' | 'params'> {
  const schema: ParamSpec[] = [];
  const params: Record<string, ParamValue> = {};
  for (const [key, [spec, value]] of Object.entries(table)) {
    schema.push({ key, ...spec });
    params[key] = value;
  }
  return { schema, params };
}

const CONF = { configurable: true };
const wd = (zh: string, en: string, o = {}) => p('integer', 'workingDays', zh, en, o);
const days = (zh: string, en: string, o = {}) => p('integer', 'days', zh, en, o);
const months = (zh: string, en: string, o = {}) => p('integer', 'months', zh, en, o);
const years = (zh: string, en: string, o = {}) => p('integer', 'years', zh, en, o);
const pts = (zh: string, en: string) => p('integer', 'points', zh, en, { ...CONF, max: 100 });
const bool = (zh: string, en: string, o = {}) => p('boolean', undefined, zh, en, o);
const startDay = bool('起算日计入', 'Start day counted', CONF);

const serious2021 = build({
  statementWorkingDays: [wd('陈述申辩期限', 'Statement window', CONF), 5],
  publicityWorkingDays: [wd('公示期限(决定后)', 'Publicity after decision', CONF), 20],
  listingYears: [years('自动移出年限', 'Automatic removal after', CONF), 3],
  repairAfterYears: [years('可申请提前移出(列入后)', 'Early removal from', CONF), 1],
  requiresHigherApproval: [
    bool('县级、设区的市级须报上一级批准', 'County/prefecture need higher approval', CONF),
    true,
  ],
  startDayCounted: [startDay, false],
});

const serious2016 = build({
  statementWorkingDays: [wd('陈述申辩期限', 'Statement window'), null],
  publicityWorkingDays: [wd('公示期限(决定后)', 'Publicity after decision'), null],
  listingYears: [years('移出年限', 'Removal after'), null],
  startDayCounted: [startDay, false],
});

const serious2014 = build({
  abnormalYearsToSerious: [
    years('列入异常名录满N年未移出转入严重违法', 'Years on abnormal list before serious list'),
    3,
  ],
  barYears: [years('法定代表人任职限制年限', 'Legal representative barred for'), 3],
  removalYearsWithoutRecurrence: [years('无再犯移出年限', 'Removal after years without recurrence'), 5],
  startDayCounted: [startDay, false],
});

const abnormalCommon = {
  annualReportDue: [p('monthDay', undefined, '年报截止日(月-日)', 'Annual report due (MM-DD)'), '06-30'],
  listingWorkingDays: [wd('列入期限(触发后)', 'Listing after trigger', CONF), 10],
  instantInfoWorkingDays: [wd('即时信息公示期限', 'Instant information publication', CONF), 20],
  removalDecisionDays: [days('移出决定期限(完整申请后)', 'Removal decision after complete application', CONF), 7],
  escalationYears: [years('转严重违法名单年限', 'Escalation to serious list after'), 3],
  warningDaysBefore: [days('到期前预警天数', 'Warning days before escalation', CONF), 60],
  startDayCounted: [startDay, false],
} satisfies Record<string, [Spec, ParamValue]>;

const abnormal2014 = build({
  ...abnormalCommon,
  showAfterRemoval: [bool('移出后仍公示', 'Shown after removal'), true],
});

const abnormal2025 = build({
  ...abnormalCommon,
  groundNameChange: [bool('责令变更名称而未变更(第5项事由)', 'Ground 5: ordered name change not made'), true],
  unclaimedLetterMinDays: [days('两次挂号信最短间隔', 'Unclaimed letters: minimum gap'), 15],
  unclaimedLetterMaxDays: [days('两次挂号信最长间隔', 'Unclaimed letters: maximum gap'), 30],
  showAfterRemoval: [bool('移出后仍公示', 'Shown after removal'), false],
});

const penalty2021 = build({
  publicityWorkingDays: [wd('公示期限(决定后)', 'Publication after decision'), 20],
  crossProvincePushWorkingDays: [wd('跨省推送期限', 'Cross-province push'), 10],
  crossProvincePublishWorkingDays: [wd('跨省接收后公示期限', 'Cross-province publication after receipt'), 10],
  withdrawWorkingDays: [wd('变更/撤销后撤下期限', 'Withdrawal after change or revocation'), 3],
  shortTermMonths: [months('通报批评、较低数额罚款公示期', 'Term for 通报批评 / lower-amount fine'), 3],
  longTermYears: [years('其他处罚公示期', 'Term for other penalties'), 3],
  lowerAmountThresholdFen: [
    p('integer', 'fen', '较低数额罚款标准(省定,分)', 'Lower-amount fine threshold (province, fen)'),
    null,
  ],
  earlyStopAfterMonths: [months('提前停止公示最短公示期', 'Early stop after', CONF), 6],
  earlyStopAfterMonthsSpecial: [
    months('食品药品特种设备提前停止最短公示期', 'Early stop after (food, drugs, special equipment)', CONF),
    12,
  ],
  startDayCounted: [startDay, false],
});

const sdCredit2020 = build({
  negativeCapYears: [
    years('失信信息公开最长年限(行为终止起)', 'Negative information public at most (from end of conduct)'),
    5,
  ],
  objectionWorkingDays: [wd('异议处理期限', 'Objection decision'), 3],
  objectionExternalWorkingDays: [wd('异议需核实的处理期限', 'Objection decision with external verification'), 7],
  correctionWorkingDays: [wd('更正并重新推送期限', 'Correction and re-push'), 3],
  revokeWorkingDays: [wd('撤销后撤下期限', 'Removal after underlying revocation'), 3],
  showObjectionPending: [bool('公示"异议处理中"', 'Show "objection pending"', CONF), true],
  startDayCounted: [startDay, false],
});

const repair2021 = build({
  acceptWorkingDays: [wd('受理期限', 'Acceptance', CONF), 2],
  decideWorkingDays: [wd('决定期限', 'Decision', CONF), 15],
  depublishWorkingDays: [wd('停止公示期限', 'De-publication', CONF), 3],
  startDayCounted: [startDay, false],
});

const tourismGrounds = build({
  termYears: [years('失信名单期限', 'List term', CONF), 3],
  startDayCounted: [startDay, false],
});

const tourism2018 = build({
  termYears: [years('黑名单期限', 'Blacklist term', CONF), 3],
  watchRepeatMonths: [months('重点关注名单两次间隔(自动提名)', 'Two watch-list entries within', CONF), 12],
  noticeNaturalPersons: [bool('自然人事先告知', 'Prior notice to natural persons'), true],
  startDayCounted: [startDay, false],
});

const tourism2022 = build({
  seriousTermYears: [years('严重失信主体名单期限', 'Serious list term', CONF), 3],
  minorTermYears: [years('轻微失信主体名单期限', 'Minor list term'), null],
  startDayCounted: [startDay, false],
});

const water = build({
  bandAAA: [p('integer', 'hundredths', 'AAA 下限(百分之一分)', 'AAA from (hundredths)', { ...CONF, max: 10000 }), 9000],
  bandAA: [p('integer', 'hundredths', 'AA 下限(百分之一分)', 'AA from (hundredths)', { ...CONF, max: 10000 }), 8000],
  bandA: [p('integer', 'hundredths', 'A 下限(百分之一分)', 'A from (hundredths)', { ...CONF, max: 10000 }), 7000],
  bandB: [p('integer', 'hundredths', 'B 下限(百分之一分)', 'B from (hundredths)', { ...CONF, max: 10000 }), 6000],
  publicDisplayWorkingDays: [wd('公示期', 'Public display', CONF), 7],
  upgradeAfterYears: [years('升级申请须持有年限', 'Upgrade application after holding', CONF), 1],
  startDayCounted: [startDay, false],
});

const scorecard = build({
  base: [pts('基础分', 'Base score'), 75],
  positiveCap: [pts('加分上限', 'Positive points cap'), 20],
  certification: [pts('认证(每项)', 'Certification (each)'), 3],
  certificationMax: [pts('认证加分上限', 'Certification cap'), 9],
  awardCity: [pts('市级奖励', 'City award'), 10],
  awardProvincial: [pts('省级奖励', 'Provincial award'), 12],
  awardNational: [pts('国家级奖励', 'National award'), 15],
  standardLeader: [pts('标准"领跑者"', 'Standard leader'), 5],
  declaration: [pts('有效标准自我声明', 'Current standard declaration'), 2],
  penaltyMinor: [pts('行政处罚(较轻,扣分)', 'Penalty, minor (deducted)'), 5],
  penaltyGeneral: [pts('行政处罚(一般,扣分)', 'Penalty, general (deducted)'), 10],
  penaltyHeavier: [pts('行政处罚(从重,扣分)', 'Penalty, heavier (deducted)'), 20],
  spotCheckFail: [pts('抽查不合格(扣分)', 'Spot-check failure (deducted)'), 8],
  spotCheckFailSafety: [pts('抽查不合格涉及安全(扣分)', 'Safety spot-check failure (deducted)'), 15],
  recallOrdered: [pts('责令召回(扣分)', 'Ordered recall (deducted)'), 10],
  recallVoluntary: [pts('主动召回(扣分)', 'Voluntary recall (deducted)'), 2],
  declarationNonconformity: [pts('自我声明不符合(扣分)', 'Declaration nonconformity (deducted)'), 5],
  declarationOverdue: [pts('自我声明逾期未整改(扣分)', 'Declaration rectification overdue (deducted)'), 10],
  tourismBadInfo: [pts('旅游不良信息(扣分)', 'Tourism bad information (deducted)'), 10],
  abnormalOperations: [
    pts('经营异常(扣分,列入期间不衰减)', 'Abnormal operations (deducted, no decay while listed)'),
    10,
  ],
  decayStepMonths: [months('衰减步长', 'Decay step', CONF), 12],
  decay1Bp: [p('integer', 'bp', '第1步系数(万分比)', 'Factor, step 1 (bp)', { ...CONF, max: 10000 }), 10000],
  decay2Bp: [p('integer', 'bp', '第2步系数(万分比)', 'Factor, step 2 (bp)', { ...CONF, max: 10000 }), 5000],
  decay3Bp: [p('integer', 'bp', '第3步系数(万分比)', 'Factor, step 3 (bp)', { ...CONF, max: 10000 }), 2500],
  gradeAAA: [pts('AAA 下限', 'AAA from'), 90],
  gradeAA: [pts('AA 下限', 'AA from'), 80],
  gradeA: [pts('A 下限', 'A from'), 70],
  gradeB: [pts('B 下限', 'B from'), 60],
  classA: [pts('风险 A 类下限', 'Risk class A from'), 85],
  classB: [pts('风险 B 类下限', 'Risk class B from'), 70],
  classC: [pts('风险 C 类下限', 'Risk class C from'), 55],
  gradePublic: [bool('等级向社会公开', 'Grade is public', CONF), true],
  seriousGrade: [p('grade', undefined, '严重违法失信:等级', 'Serious list: grade', CONF), 'C'],
  seriousClass: [p('riskClass', undefined, '严重违法失信:风险类别', 'Serious list: risk class', CONF), 'D'],
  abnormalGradeCap: [p('grade', undefined, '经营异常:等级上限', 'Abnormal list: grade at most', CONF), 'B'],
  abnormalClassFloor: [p('riskClass', undefined, '经营异常:风险类别下限', 'Abnormal list: class at least', CONF), 'C'],
});

const bp = (zh: string, en: string) => p('integer', 'bp', zh, en, { ...CONF, max: 10000 });
const sampling = build({
  ratioABp: [bp('A 类抽查比例(万分比)', 'Class A ratio (bp)'), 200],
  ratioBBp: [bp('B 类抽查比例(万分比)', 'Class B ratio (bp)'), 500],
  ratioCBp: [bp('C 类抽查比例(万分比)', 'Class C ratio (bp)'), 10000],
  ratioDBp: [bp('D 类抽查比例(万分比)', 'Class D ratio (bp)'), 10000],
  perEnterprise: [
    p('integer', undefined, '每户检查人员数', 'Inspectors per enterprise', { ...CONF, min: 1, max: 10 }),
    2,
  ],
});

function seed(
  code: string,
  version: string,
  effectiveFrom: string | null,
  effectiveTo: string | null,
  basis: string,
  built: Pick<RuleSetSeed, 'schema' | 'params'>,
  appliesToExisting = false,
): RuleSetSeed {
  return { code, version, effectiveFrom, effectiveTo, basis, appliesToExisting, ...built };
}

/** Every seeded version, in the order of credit.md §4.1. */
export const SEED_RULE_SETS: RuleSetSeed[] = [
  seed('SERIOUS_LIST', 'v2014', '2014-10-01', null, '企业信息公示暂行条例(国务院令第654号)第十七条', serious2014),
  seed(
    'SERIOUS_LIST',
    'v2016',
    '2016-04-01',
    '2021-08-31',
    '严重违法失信企业名单管理暂行办法(国家工商行政管理总局令第83号)',
    serious2016,
  ),
  seed(
    'SERIOUS_LIST',
    'v2021',
    '2021-09-01',
    null,
    '市场监督管理严重违法失信名单管理办法(国家市场监督管理总局令第44号)',
    serious2021,
  ),
  seed(
    'ABNORMAL_LIST',
    'v2014',
    '2014-10-01',
    null,
    '企业经营异常名录管理暂行办法(国家工商行政管理总局令第68号)',
    abnormal2014,
  ),
  // The v2025 start date is entered by the office (credit.md §5.3).
  seed('ABNORMAL_LIST', 'v2025', null, null, '经营异常名录管理(2025年修订)', abnormal2025),
  seed(
    'PENALTY_PUBLICITY',
    'v2021',
    '2021-09-01',
    null,
    '市场监督管理行政处罚信息公示规定(国家市场监督管理总局令第45号)',
    penalty2021,
  ),
  seed('SD_CREDIT', 'v2020', '2020-10-01', null, '山东省社会信用条例(2020年)', sdCredit2020),
  // confirm: effective date of 国市监信规〔2021〕3号.
  seed('CREDIT_REPAIR', 'v2021', '2021-07-30', null, '市场监督管理信用修复管理办法(国市监信规〔2021〕3号)', repair2021),
  // confirm: the three tourism effective dates.
  seed('TOURISM', 'v2015', '2015-01-01', '2018-12-31', '旅游经营服务不良信息管理办法(试行)', tourismGrounds),
  seed('TOURISM', 'v2018', '2019-01-01', '2021-12-31', '旅游市场黑名单管理办法(试行)', tourism2018),
  seed('TOURISM', 'v2022', '2022-01-01', null, '文化和旅游市场信用管理规定(文化和旅游部令第7号)', tourism2022),
  seed('WATER_GRADE', 'v2015', '2015-01-01', null, '水利建设市场主体信用评价管理暂行办法(水建管〔2015〕377号)', water),
  // confirm: v2019 document and date; seeded with the v2015 values (credit.md §5.8).
  seed('WATER_GRADE', 'v2019', '2019-01-01', null, '水利建设市场主体信用评价管理办法(2019年)', water),
  seed('QUALITY_SCORECARD', 'v1', '2015-01-01', null, '青岛市质量信用评分卡(质量强市办公室)', scorecard, true),
  seed('SAMPLING', 'v1', '2015-01-01', null, '"双随机、一公开"抽查比例(质量强市办公室)', sampling, true),
];
