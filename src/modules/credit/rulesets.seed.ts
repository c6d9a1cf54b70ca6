import fs from 'node:fs';
import { isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { toFlag } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import { expandNotices, type HolidayNotices } from './domain/holiday-calendar.js';
import { SEED_RULE_SETS, seedStatus } from './domain/rule-sets.js';
import * as repo from './rulesets.repository.js';

/** Reads data/holidays.json. */
export function readHolidaySeed(file: string): HolidayNotices {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HolidayNotices;
}

/**
 * Seeds the rule sets of credit.md §4.1 and the holiday calendar, idempotently: a rule-set version is inserted
 * only when its code/version is missing (office edits stay), a holiday year only when the table has no row of
 * that year (so a year the office corrected is never overwritten or resurrected).
 */
export async function seedCreditRules(
  core: CoreDeps,
  ctx: RequestContext,
  holidays: HolidayNotices,
): Promise<{ ruleSets: string[]; holidayYears: number[] }> {
  return core.db.transaction().execute(async (trx) => {
    const have = new Set((await repo.ruleSetKeys(trx)).map((k) => `${k.code} ${k.version}`));
    const now = isoNow(core.clock);
    const inserted: string[] = [];
    for (const s of SEED_RULE_SETS) {
      const key = `${s.code} ${s.version}`;
      if (have.has(key)) continue;
      await repo.insertRuleSet(trx, {
        code: s.code,
        version: s.version,
        effective_from: s.effectiveFrom,
        effective_to: s.effectiveTo,
        basis: s.basis,
        params_json: JSON.stringify(s.params),
        applies_to_existing: toFlag(s.appliesToExisting),
        status: seedStatus(s),
        created_at: now,
        updated_at: now,
        version_no: 1,
      });
      inserted.push(key);
    }
    const existingYears = new Set((await repo.holidayDays(trx)).map((r) => Number(r.day.slice(0, 4))));
    const rows = expandNotices(holidays).filter((r) => !existingYears.has(r.year));
    await repo.insertHolidays(trx, rows);
    const years = [...new Set(rows.map((r) => r.year))];
    if (inserted.length || years.length) {
      await core.audit.append(trx, ctx, {
        action: 'credit_rules.seed',
        entityType: 'rule_set',
        entityId: 'seed',
        after: { ruleSets: inserted, holidayYears: years },
      });
    }
    return { ruleSets: inserted, holidayYears: years };
  });
}
