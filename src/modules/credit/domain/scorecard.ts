/**
 * Quality-credit scorecard (credit.md §6.1): score, grade, risk class, list overrides, decay by age, and a
 * line-by-line explanation. Pure and allocation-light: the full recompute calls it ~2 million times.
 * Scores are integer hundredths of a point (stack.md §2.3); parameters are whole points and basis points.
 */
import { addMonths } from '../../../core/working-days.js';
import type { RuleParams } from './rule-sets.js';

export type Grade = 'AAA' | 'AA' | 'A' | 'B' | 'C';
export type RiskClass = 'A' | 'B' | 'C' | 'D';

/** The record fields the scorecard reads (a projection of `credit_records`). */
export interface ScoredRecord {
  id: number;
  type: string;
  severity: string | null;
  status: string;
  visibility: string;
  decidedOn: string | null;
  publishedOn: string | null;
  publicEndsOn: string | null;
}

/** A list entry in force on the as-of day (states LISTED/PUBLISHED, not expired). */
export interface ListInForce {
  listCode: string;
  /** The ABNORMAL_OPERATIONS record the listing wrote, if any (that record does not decay while listed). */
  recordId: number | null;
}

export interface ScoreLine {
  component: 'base' | 'positive' | 'positive-cap' | 'negative' | 'override';
  recordId: number | null;
  type: string | null;
  severity: string | null;
  /** Signed hundredths added to the score by this line (0 for overrides). */
  points: number;
  /** Decay factor applied, basis points (10000 = ×1.0); negatives only. */
  decayBp: number | null;
  note: string | null;
}

export interface ScoreResult {
  score: number;
  scoreGrade: Grade;
  scoreClass: RiskClass;
  grade: Grade;
  riskClass: RiskClass;
  lines: ScoreLine[];
}

/** Scorecard parameters, resolved once per run from the QUALITY_SCORECARD version. */
export interface ScorecardParams {
  base: number;
  positiveCap: number;
  certification: number;
  certificationMax: number;
  awardCity: number;
  awardProvincial: number;
  awardNational: number;
  standardLeader: number;
  declaration: number;
  penaltyMinor: number;
  penaltyGeneral: number;
  penaltyHeavier: number;
  spotCheckFail: number;
  spotCheckFailSafety: number;
  recallOrdered: number;
  recallVoluntary: number;
  declarationNonconformity: number;
  declarationOverdue: number;
  tourismBadInfo: number;
  abnormalOperations: number;
  decayStepMonths: number;
  decay1Bp: number;
  decay2Bp: number;
  decay3Bp: number;
  gradeAAA: number;
  gradeAA: number;
  gradeA: number;
  gradeB: number;
  classA: number;
  classB: number;
  classC: number;
  seriousGrade: Grade;
  seriousClass: RiskClass;
  abnormalGradeCap: Grade;
  abnormalClassFloor: RiskClass;
}

/** Record type of a current standard self-declaration (declarations module); +2 once when any exists. */
export const DECLARATION_TYPE = 'DECLARATION';
/** Lists whose presence overrides the score (credit.md §6.1). */
export const SERIOUS_LIST_CODE = 'SERIOUS';
export const ABNORMAL_LIST_CODE = 'ABNORMAL';

const NUMERIC_KEYS: (keyof ScorecardParams)[] = [
  'base',
  'positiveCap',
  'certification',
  'certificationMax',
  'awardCity',
  'awardProvincial',
  'awardNational',
  'standardLeader',
  'declaration',
  'penaltyMinor',
  'penaltyGeneral',
  'penaltyHeavier',
  'spotCheckFail',
  'spotCheckFailSafety',
  'recallOrdered',
  'recallVoluntary',
  'declarationNonconformity',
  'declarationOverdue',
  'tourismBadInfo',
  'abnormalOperations',
  'decayStepMonths',
  'decay1Bp',
  'decay2Bp',
  'decay3Bp',
  'gradeAAA',
  'gradeAA',
  'gradeA',
  'gradeB',
  'classA',
  'classB',
  'classC',
];

/** Typed scorecard parameters from a rule-set params object; throws on a missing value (incomplete version). */
export function scorecardParams(params: RuleParams): ScorecardParams {
  const out: Record<string, unknown> = {};
  for (const key of NUMERIC_KEYS) {
    const v = params[key];
    if (typeof v !== 'number') throw new Error(`QUALITY_SCORECARD: ${key} is not set`);
    out[key] = v;
  }
  for (const key of ['seriousGrade', 'seriousClass', 'abnormalGradeCap', 'abnormalClassFloor'] as const) {
    const v = params[key];
    if (typeof v !== 'string') throw new Error(`QUALITY_SCORECARD: ${key} is not set`);
    out[key] = v;
  }
  return out as unknown as ScorecardParams;
}

const GRADE_ORDER: Grade[] = ['AAA', 'AA', 'A', 'B', 'C'];
const CLASS_ORDER: RiskClass[] = ['A', 'B', 'C', 'D'];

/** Grade of a score (hundredths) by the bands. */
export function gradeOf(score: number, p: ScorecardParams): Grade {
  if (score >= p.gradeAAA * 100) return 'AAA';
  if (score >= p.gradeAA * 100) return 'AA';
  if (score >= p.gradeA * 100) return 'A';
  if (score >= p.gradeB * 100) return 'B';
  return 'C';
}

/** Risk class of a score (hundredths): A low … D high. */
export function riskClassOf(score: number, p: ScorecardParams): RiskClass {
  if (score >= p.classA * 100) return 'A';
  if (score >= p.classB * 100) return 'B';
  if (score >= p.classC * 100) return 'C';
  return 'D';
}

/** Decay factor (bp) of a negative decided on `decidedOn`, seen on `asOf`: ×1 / ×0.5 / ×0.25 per step, then 0. */
export function decayBp(decidedOn: string | null, asOf: string, p: ScorecardParams): number {
  if (!decidedOn) return p.decay1Bp;
  const step = p.decayStepMonths;
  if (asOf < addMonths(decidedOn, step)) return p.decay1Bp;
  if (asOf < addMonths(decidedOn, step * 2)) return p.decay2Bp;
  if (asOf < addMonths(decidedOn, step * 3)) return p.decay3Bp;
  return 0;
}

/**
 * Record types that can move a score (recordPoints' cases and the declaration bonus). Every other type scores
 * 0 and writes no line, so the full recompute need not read those records at all.
 */
export const SCORED_RECORD_TYPES: readonly string[] = [
  'CERTIFICATION',
  'AWARD',
  'STANDARD_LEADER',
  'ADMIN_PENALTY',
  'SPOT_CHECK_FAIL',
  'RECALL',
  'DECLARATION_NONCONFORMITY',
  'TOURISM_BAD_INFO',
  'ABNORMAL_OPERATIONS',
  DECLARATION_TYPE,
];

/** Whole points a record adds (+) or deducts (−); 0 for types the scorecard does not list. */
function recordPoints(r: ScoredRecord, p: ScorecardParams): number {
  switch (r.type) {
    case 'CERTIFICATION':
      return p.certification;
    case 'AWARD':
      return r.severity === 'NATIONAL'
        ? p.awardNational
        : r.severity === 'PROVINCIAL'
          ? p.awardProvincial
          : p.awardCity;
    case 'STANDARD_LEADER':
      return p.standardLeader;
    case 'ADMIN_PENALTY':
      return -(r.severity === 'MINOR' ? p.penaltyMinor : r.severity === 'HEAVY' ? p.penaltyHeavier : p.penaltyGeneral);
    case 'SPOT_CHECK_FAIL':
      return -(r.severity === 'SAFETY' ? p.spotCheckFailSafety : p.spotCheckFail);
    case 'RECALL':
      return -(r.severity === 'VOLUNTARY' ? p.recallVoluntary : p.recallOrdered);
    case 'DECLARATION_NONCONFORMITY':
      // Overdue rectification replaces the −5 (credit.md §6.1), it does not add to it.
      return -(r.severity === 'OVERDUE' ? p.declarationOverdue : p.declarationNonconformity);
    case 'TOURISM_BAD_INFO':
      return -p.tourismBadInfo;
    case 'ABNORMAL_OPERATIONS':
      return -p.abnormalOperations;
    default:
      return 0;
  }
}

/**
 * True when a record counts on `asOf`: ACTIVE, decided/published by then, not past its public end, and not an
 * INTERNAL note (the grade is public, so credit-office-only material never moves it).
 */
export function recordCounts(r: ScoredRecord, asOf: string): boolean {
  if (r.status !== 'ACTIVE' || r.visibility === 'INTERNAL') return false;
  const from = r.decidedOn ?? r.publishedOn;
  if (from && from > asOf) return false;
  if (r.publicEndsOn && r.publicEndsOn < asOf) return false;
  return true;
}

function line(
  component: ScoreLine['component'],
  r: ScoredRecord | null,
  points: number,
  decay: number | null,
  note: string | null,
): ScoreLine {
  return {
    component,
    recordId: r?.id ?? null,
    type: r?.type ?? null,
    severity: r?.severity ?? null,
    points,
    decayBp: decay,
    note,
  };
}

/** Scores one enterprise on `asOf` from its records and the lists it is on that day. */
export function scoreEnterprise(
  records: readonly ScoredRecord[],
  lists: readonly ListInForce[],
  asOf: string,
  p: ScorecardParams,
): ScoreResult {
  return createScorer(p, asOf).score(records, lists, true);
}

/** Scores many enterprises on one day with one parameter set (the full recompute). */
export interface Scorer {
  /** As scoreEnterprise; with `explain` false `lines` stays empty (the caller only compares the outcome). */
  score(records: readonly ScoredRecord[], lists: readonly ListInForce[], explain: boolean): ScoreResult;
}

/**
 * A scorer for `asOf` and `p`. Decay factors are memoised per decision day: 2 million enterprises share a
 * few thousand distinct days, and three month additions per negative record were a third of the run's CPU.
 */
export function createScorer(p: ScorecardParams, asOf: string): Scorer {
  const decays = new Map<string, number>();
  const decayOf = (from: string | null): number => {
    if (from === null) return decayBp(null, asOf, p);
    let d = decays.get(from);
    if (d === undefined) {
      d = decayBp(from, asOf, p);
      decays.set(from, d);
    }
    return d;
  };
  return { score: (records, lists, explain) => scoreWith(records, lists, asOf, p, decayOf, explain) };
}

function scoreWith(
  records: readonly ScoredRecord[],
  lists: readonly ListInForce[],
  asOf: string,
  p: ScorecardParams,
  decayOf: (from: string | null) => number,
  explain: boolean,
): ScoreResult {
  const lines: ScoreLine[] = explain ? [line('base', null, p.base * 100, null, null)] : [];
  let positives = 0;
  let certifications = 0;
  let declared = false;
  let negatives = 0;
  let abnormalRecordIds: Set<number> | null = null;
  let abnormal = false;
  let serious = false;
  for (const l of lists) {
    if (l.listCode === SERIOUS_LIST_CODE) serious = true;
    if (l.listCode === ABNORMAL_LIST_CODE) {
      abnormal = true;
      if (l.recordId !== null) {
        abnormalRecordIds ??= new Set<number>();
        abnormalRecordIds.add(l.recordId);
      }
    }
  }
  let abnormalLineWritten = false;

  for (const r of records) {
    if (!recordCounts(r, asOf)) continue;
    if (r.type === DECLARATION_TYPE) {
      if (!declared) {
        declared = true;
        positives += p.declaration * 100;
        if (explain) lines.push(line('positive', r, p.declaration * 100, null, 'at least one current declaration'));
      }
      continue;
    }
    const pts = recordPoints(r, p);
    if (pts > 0) {
      let add = pts * 100;
      if (r.type === 'CERTIFICATION') {
        add = Math.max(0, Math.min(add, p.certificationMax * 100 - certifications));
        certifications += add;
      }
      positives += add;
      if (explain) lines.push(line('positive', r, add, null, add < pts * 100 ? 'certification cap' : null));
    } else if (pts < 0) {
      // While the abnormal listing is in force its record keeps full weight (no decay).
      const listedNow =
        r.type === 'ABNORMAL_OPERATIONS' && (abnormalRecordIds !== null ? abnormalRecordIds.has(r.id) : abnormal);
      if (listedNow) abnormalLineWritten = true;
      const decay = listedNow ? 10000 : decayOf(r.decidedOn ?? r.publishedOn);
      const deduct = -Math.round((-pts * 100 * decay) / 10000);
      negatives -= deduct;
      if (explain) lines.push(line('negative', r, deduct, decay, listedNow ? 'listed: no decay' : null));
    }
  }
  // A listing without its record (e.g. flags from an import) still costs the abnormal points.
  if (abnormal && !abnormalLineWritten) {
    negatives += p.abnormalOperations * 100;
    if (explain) lines.push(line('negative', null, -p.abnormalOperations * 100, 10000, 'abnormal operations list'));
  }

  const capped = Math.min(positives, p.positiveCap * 100);
  if (explain && capped < positives)
    lines.push(line('positive-cap', null, capped - positives, null, `cap ${p.positiveCap}`));
  const score = Math.min(10000, Math.max(0, p.base * 100 + capped - negatives));
  const scoreGrade = gradeOf(score, p);
  const scoreClass = riskClassOf(score, p);
  let grade = scoreGrade;
  let riskClass = scoreClass;
  if (serious) {
    grade = p.seriousGrade;
    riskClass = p.seriousClass;
    if (explain) lines.push(line('override', null, 0, null, `serious list: grade ${grade}, class ${riskClass}`));
  } else if (abnormal) {
    if (GRADE_ORDER.indexOf(grade) < GRADE_ORDER.indexOf(p.abnormalGradeCap)) grade = p.abnormalGradeCap;
    if (CLASS_ORDER.indexOf(riskClass) < CLASS_ORDER.indexOf(p.abnormalClassFloor)) riskClass = p.abnormalClassFloor;
    if (explain)
      lines.push(
        line(
          'override',
          null,
          0,
          null,
          `abnormal list: grade ≤ ${p.abnormalGradeCap}, class ≥ ${p.abnormalClassFloor}`,
        ),
      );
  }
  return { score, scoreGrade, scoreClass, grade, riskClass, lines };
}
