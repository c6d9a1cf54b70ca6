/**
 * Versioned rule sets (credit.md §4.1): the law's numbers as data. A record pins the version in force on its
 * trigger date; a later version reaches it only with `appliesToExisting`. Pure: no I/O; the service loads
 * rows from `rule_sets` and hands them in.
 */
import { SEED_RULE_SETS } from './rule-set-seeds.js';

export { SEED_RULE_SETS };

export type RuleSetStatus = 'draft' | 'active' | 'retired';
export type ParamValue = number | string | boolean | null;
export type RuleParams = Record<string, ParamValue>;

/** How one parameter is checked and shown. */
export interface ParamSpec {
  key: string;
  type: 'integer' | 'boolean' | 'date' | 'text' | 'monthDay' | 'grade' | 'riskClass';
  /** Activation needs a value (`RULESET_INCOMPLETE` otherwise). */
  required: boolean;
  /** "default; configurable" in the spec; false = statutory (changed only by a new version). */
  configurable: boolean;
  min?: number;
  max?: number;
  /** days, workingDays, months, years, points, hundredths, bp, fen … (display only) */
  unit?: string;
  zh: string;
  en: string;
}

/** A rule set version as the domain sees it. */
export interface RuleSet {
  code: string;
  version: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  /** Document name and number, shown with every date computed from this version. */
  basis: string;
  params: RuleParams;
  appliesToExisting: boolean;
  status: RuleSetStatus;
}

/** A seeded version: the rule set plus its parameter schema. */
export interface RuleSetSeed extends Omit<RuleSet, 'status'> {
  schema: ParamSpec[];
}

/** One problem found by `checkRuleSet`. */
export interface ParamIssue {
  key: string;
  /** REQUIRED (empty required value), TYPE, RANGE, UNKNOWN (key not in the schema) */
  problem: 'REQUIRED' | 'TYPE' | 'RANGE' | 'UNKNOWN';
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const GRADES = ['AAA', 'AA', 'A', 'B', 'C'];
const CLASSES = ['A', 'B', 'C', 'D'];

function isValidDate(v: string): boolean {
  if (!DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The rule-set codes the system knows (new versions only for these codes). */
export const RULE_SET_CODES = [...new Set(SEED_RULE_SETS.map((s) => s.code))];

/**
 * The parameter schema of a version: the seeded version's own, else (a version the office created) that of
 * the code's latest seeded version, since a new version normally follows the latest law's shape.
 */
export function paramSchema(code: string, version: string): ParamSpec[] | null {
  const own = SEED_RULE_SETS.find((s) => s.code === code && s.version === version);
  if (own) return own.schema;
  const ofCode = SEED_RULE_SETS.filter((s) => s.code === code);
  if (ofCode.length === 0) return null;
  return ofCode.reduce((a, b) => ((a.effectiveFrom ?? '') >= (b.effectiveFrom ?? '') ? a : b)).schema;
}

/** Type and range problems of a parameter set, ignoring emptiness (editing a draft may leave blanks). */
export function checkParamTypes(schema: readonly ParamSpec[], params: RuleParams): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const known = new Set(schema.map((s) => s.key));
  for (const key of Object.keys(params)) if (!known.has(key)) issues.push({ key, problem: 'UNKNOWN' });
  for (const spec of schema) {
    const v = params[spec.key];
    if (v === null || v === undefined || v === '') continue;
    const typeOk =
      spec.type === 'integer'
        ? typeof v === 'number' && Number.isSafeInteger(v)
        : spec.type === 'boolean'
          ? typeof v === 'boolean'
          : spec.type === 'date'
            ? typeof v === 'string' && isValidDate(v)
            : spec.type === 'monthDay'
              ? typeof v === 'string' && MONTH_DAY_RE.test(v)
              : spec.type === 'grade'
                ? typeof v === 'string' && GRADES.includes(v)
                : spec.type === 'riskClass'
                  ? typeof v === 'string' && CLASSES.includes(v)
                  : typeof v === 'string';
    if (!typeOk) {
      issues.push({ key: spec.key, problem: 'TYPE' });
      continue;
    }
    if (
      typeof v === 'number' &&
      ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))
    ) {
      issues.push({ key: spec.key, problem: 'RANGE' });
    }
  }
  return issues;
}

/** Required values still empty; a version with any cannot be activated (RULESET_INCOMPLETE). */
export function missingRequired(schema: readonly ParamSpec[], params: RuleParams): string[] {
  return schema
    .filter((s) => s.required && (params[s.key] === null || params[s.key] === undefined || params[s.key] === ''))
    .map((s) => s.key);
}

/**
 * Everything that blocks activation: type/range problems, empty required params, and a missing
 * `effectiveFrom` (a version must say from when it applies). Empty list = may be activated.
 */
export function activationIssues(
  ruleSet: Pick<RuleSet, 'code' | 'version' | 'params' | 'effectiveFrom' | 'effectiveTo'>,
): ParamIssue[] {
  const schema = paramSchema(ruleSet.code, ruleSet.version) ?? [];
  const issues = [
    ...checkParamTypes(schema, ruleSet.params),
    ...missingRequired(schema, ruleSet.params).map((key): ParamIssue => ({ key, problem: 'REQUIRED' })),
  ];
  if (!ruleSet.effectiveFrom) issues.push({ key: 'effectiveFrom', problem: 'REQUIRED' });
  if (ruleSet.effectiveFrom && ruleSet.effectiveTo && ruleSet.effectiveTo < ruleSet.effectiveFrom) {
    issues.push({ key: 'effectiveTo', problem: 'RANGE' });
  }
  return issues;
}

/** The seed with status: complete versions start active, incomplete ones as drafts for the office to fill. */
export function seedStatus(seed: RuleSetSeed): RuleSetStatus {
  return activationIssues(seed).length === 0 ? 'active' : 'draft';
}

type InForceCandidate = Pick<RuleSet, 'code' | 'version' | 'effectiveFrom' | 'effectiveTo' | 'status'>;

/**
 * The version of `code` in force on `triggerDay`: active, effectiveFrom ≤ day ≤ effectiveTo (open end when
 * null); when several overlap, the latest effectiveFrom wins (a newer law supersedes). Null when none.
 */
export function ruleSetInForce<T extends InForceCandidate>(
  code: string,
  triggerDay: string,
  sets: readonly T[],
): T | null {
  let best: T | null = null;
  for (const s of sets) {
    if (s.code !== code || s.status !== 'active' || !s.effectiveFrom) continue;
    if (s.effectiveFrom > triggerDay) continue;
    if (s.effectiveTo && s.effectiveTo < triggerDay) continue;
    if (!best || (best.effectiveFrom ?? '') < s.effectiveFrom) best = s;
  }
  return best;
}

/**
 * The version that governs an existing record pinned to `pinnedVersion` on `asOfDay`: the pinned one, unless
 * a later version already in force on `asOfDay` declares `appliesToExisting` (then the latest such).
 */
export function ruleSetForExisting<T extends InForceCandidate & Pick<RuleSet, 'appliesToExisting'>>(
  code: string,
  pinnedVersion: string,
  asOfDay: string,
  sets: readonly T[],
): T | null {
  const pinned = sets.find((s) => s.code === code && s.version === pinnedVersion) ?? null;
  const current = ruleSetInForce(code, asOfDay, sets);
  if (
    current &&
    current.appliesToExisting &&
    current.version !== pinnedVersion &&
    (current.effectiveFrom ?? '') > (pinned?.effectiveFrom ?? '')
  ) {
    return current;
  }
  return pinned;
}

/** Integer parameter or a programming error: callers read params of an activated (complete) version. */
export function intParam(ruleSet: Pick<RuleSet, 'code' | 'version' | 'params'>, key: string): number {
  const v = ruleSet.params[key];
  if (typeof v !== 'number') throw new Error(`rule set ${ruleSet.code} ${ruleSet.version}: ${key} is not set`);
  return v;
}

/** Boolean parameter (see `intParam`). */
export function boolParam(ruleSet: Pick<RuleSet, 'code' | 'version' | 'params'>, key: string): boolean {
  const v = ruleSet.params[key];
  if (typeof v !== 'boolean') throw new Error(`rule set ${ruleSet.code} ${ruleSet.version}: ${key} is not set`);
  return v;
}

/** Text parameter (see `intParam`). */
export function textParam(ruleSet: Pick<RuleSet, 'code' | 'version' | 'params'>, key: string): string {
  const v = ruleSet.params[key];
  if (typeof v !== 'string') throw new Error(`rule set ${ruleSet.code} ${ruleSet.version}: ${key} is not set`);
  return v;
}
