/**
 * The rule sets and holiday calendar one credit operation works with, mapped onto the parameters the pure
 * domain functions take. Both tables are small (tens of versions, a few hundred holiday rows), so they are
 * read per operation: an edit by the office applies to the very next decision without cache invalidation.
 */
import type { Kysely } from 'kysely';
import { fromJson, toBool } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import { WorkingCalendar } from '../../core/working-days.js';
import { LIST_DEFAULTS, type ListCode, type ListRules } from './domain/list-lifecycle.js';
import {
  DEFAULT_PENALTY_PUBLICITY,
  DEFAULT_SD_CAP,
  type PenaltyPublicityParams,
  type ShandongCapParams,
} from './domain/publicity.js';
import { DEFAULT_REPAIR_PARAMS, type RepairParams } from './domain/repair.js';
import { type RuleParams, type RuleSet, ruleSetInForce, SEED_RULE_SETS, seedStatus } from './domain/rule-sets.js';

/** The rule-set code governing each list. */
const LIST_RULE_SET: Record<ListCode, string> = {
  SERIOUS: 'SERIOUS_LIST',
  ABNORMAL: 'ABNORMAL_LIST',
  QUALITY_BLACKLIST: 'QUALITY_BLACKLIST',
  TOURISM_WATCH: 'TOURISM',
  TOURISM_BLACKLIST: 'TOURISM',
  WATER_WATCH: 'WATER_GRADE',
  WATER_BLACKLIST: 'WATER_GRADE',
};

/** The version pinned on a listing, with the document it rests on (shown with every computed date). */
export interface PinnedRules {
  rules: ListRules;
  ruleSetCode: string;
  version: string;
  basis: string;
}

function num(p: RuleParams, key: string): number | undefined {
  const v = p[key];
  return typeof v === 'number' ? v : undefined;
}
function bool(p: RuleParams, key: string): boolean | undefined {
  const v = p[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** List parameters from a rule set version; keys the version lacks keep the list's defaults. */
export function listRulesFrom(code: ListCode, set: RuleSet | null): ListRules {
  const d = LIST_DEFAULTS[code];
  if (!set) return d;
  const p = set.params;
  if (set.code === 'SERIOUS_LIST' && set.version === 'v2014') {
    // Art. 17: escalated from the abnormal list, removed after 5 years without recurrence; no repair.
    return {
      ...d,
      statementWorkingDays: 0,
      termYears: num(p, 'removalYearsWithoutRecurrence') ?? 5,
      repairAfterYears: null,
    };
  }
  return {
    ...d,
    statementWorkingDays: num(p, 'statementWorkingDays') ?? d.statementWorkingDays,
    publicityWorkingDays: num(p, 'publicityWorkingDays') ?? num(p, 'listingWorkingDays') ?? d.publicityWorkingDays,
    termYears:
      num(p, 'listingYears') ??
      (code === 'TOURISM_BLACKLIST' ? (num(p, 'termYears') ?? num(p, 'seriousTermYears')) : undefined) ??
      d.termYears,
    repairAfterYears: num(p, 'repairAfterYears') ?? d.repairAfterYears,
    requiresHigherApproval: bool(p, 'requiresHigherApproval') ?? d.requiresHigherApproval,
    escalationYears: num(p, 'escalationYears') ?? d.escalationYears,
    escalationWarningDays: num(p, 'warningDaysBefore') ?? d.escalationWarningDays,
    showAfterRemoval: bool(p, 'showAfterRemoval') ?? d.showAfterRemoval,
  };
}

/** Rule sets + calendar for one operation. */
export class CreditRules {
  constructor(
    readonly calendar: WorkingCalendar,
    readonly sets: readonly RuleSet[],
  ) {}

  private inForce(code: string, day: string): RuleSet | null {
    return ruleSetInForce(code, day, this.sets);
  }

  /** The list's rules in force on the trigger day, pinned on the entry. */
  list(code: ListCode, triggerDay: string): PinnedRules {
    const set = this.inForce(LIST_RULE_SET[code], triggerDay);
    return {
      rules: listRulesFrom(code, set),
      ruleSetCode: LIST_RULE_SET[code],
      version: set?.version ?? 'default',
      basis: set?.basis ?? '',
    };
  }

  /** The rules of the version an entry pinned (a later version with appliesToExisting is A's concern). */
  pinned(code: ListCode, version: string): ListRules {
    return listRulesFrom(code, this.sets.find((s) => s.code === LIST_RULE_SET[code] && s.version === version) ?? null);
  }

  /** PENALTY_PUBLICITY in force on the decision day; before Order 45 the same figures apply by default. */
  penalty(day: string): PenaltyPublicityParams & { version: string } {
    const s = this.inForce('PENALTY_PUBLICITY', day);
    return {
      minorMonths: (s && num(s.params, 'shortTermMonths')) ?? DEFAULT_PENALTY_PUBLICITY.minorMonths,
      generalYears: (s && num(s.params, 'longTermYears')) ?? DEFAULT_PENALTY_PUBLICITY.generalYears,
      version: s?.version ?? 'default',
    };
  }

  /** The Shandong cap governs what is public now, so the version in force today applies to every record. */
  sdCredit(
    today: string,
  ): ShandongCapParams & { objectionDays: number; objectionExternalDays: number; showObjectionPending: boolean } {
    const s = this.inForce('SD_CREDIT', today);
    const p = s?.params ?? {};
    return {
      negativeCapYears: num(p, 'negativeCapYears') ?? DEFAULT_SD_CAP.negativeCapYears,
      objectionDays: num(p, 'objectionWorkingDays') ?? 3,
      objectionExternalDays: num(p, 'objectionExternalWorkingDays') ?? 7,
      showObjectionPending: bool(p, 'showObjectionPending') ?? true,
    };
  }

  /** CREDIT_REPAIR and the penalty early-stop waits in force on the application day. */
  repair(day: string): RepairParams {
    const r = this.inForce('CREDIT_REPAIR', day)?.params ?? {};
    const pen = this.inForce('PENALTY_PUBLICITY', day)?.params ?? {};
    const abn = this.inForce('ABNORMAL_LIST', day)?.params ?? {};
    const d = DEFAULT_REPAIR_PARAMS;
    return {
      acceptWorkingDays: num(r, 'acceptWorkingDays') ?? d.acceptWorkingDays,
      decideWorkingDays: num(r, 'decideWorkingDays') ?? d.decideWorkingDays,
      depublishWorkingDays: num(r, 'depublishWorkingDays') ?? d.depublishWorkingDays,
      cureDecideDays: num(abn, 'removalDecisionDays') ?? d.cureDecideDays,
      penaltyStopMonths: num(pen, 'earlyStopAfterMonths') ?? d.penaltyStopMonths,
      penaltyStopMonthsLongWait: num(pen, 'earlyStopAfterMonthsSpecial') ?? d.penaltyStopMonthsLongWait,
    };
  }
}

/** The seeded versions as rule sets, used until the office's `rule_sets` table holds any. */
function seededSets(): RuleSet[] {
  return SEED_RULE_SETS.map((s) => ({
    code: s.code,
    version: s.version,
    effectiveFrom: s.effectiveFrom,
    effectiveTo: s.effectiveTo,
    basis: s.basis,
    params: s.params,
    appliesToExisting: s.appliesToExisting,
    status: seedStatus(s),
  }));
}

/** Reads rule sets and holidays (with `db` or the caller's transaction). */
export async function loadCreditRules(db: Kysely<DB>): Promise<CreditRules> {
  const [sets, holidays] = await Promise.all([
    db.selectFrom('rule_sets').selectAll().orderBy('id').execute(),
    db.selectFrom('holidays').select(['day', 'kind', 'year']).orderBy('day').execute(),
  ]);
  const ruleSets: RuleSet[] = sets.length
    ? sets.map((r) => ({
        code: r.code,
        version: r.version,
        effectiveFrom: r.effective_from,
        effectiveTo: r.effective_to,
        basis: r.basis,
        params: fromJson<RuleParams>(r.params_json),
        appliesToExisting: toBool(r.applies_to_existing),
        status: r.status as RuleSet['status'],
      }))
    : seededSets();
  const calendar = new WorkingCalendar(holidays.map((h) => ({ day: h.day, kind: h.kind as 'holiday' | 'workday' })));
  return new CreditRules(calendar, ruleSets);
}
