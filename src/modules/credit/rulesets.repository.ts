import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { HolidayTable, RuleSetTable } from '../../core/db/schema-credit.js';

/** Kysely queries for rule-set versions and the holiday calendar. */

export type RuleSetRow = Selectable<RuleSetTable>;
export type HolidayRow = Selectable<HolidayTable>;

export function listRuleSets(db: Kysely<DB>, code?: string) {
  let q = db.selectFrom('rule_sets').selectAll();
  if (code) q = q.where('code', '=', code);
  return q.orderBy('code').orderBy('effective_from').orderBy('id').execute();
}

export function ruleSetById(db: Kysely<DB>, id: number) {
  return db.selectFrom('rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export function ruleSetByKey(db: Kysely<DB>, code: string, version: string) {
  return db
    .selectFrom('rule_sets')
    .selectAll()
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function insertRuleSet(db: Kysely<DB>, row: Insertable<RuleSetTable>) {
  return db.insertInto('rule_sets').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates a version if `version_no` still matches (optimistic concurrency); undefined when it changed. */
export function updateRuleSet(db: Kysely<DB>, id: number, versionNo: number, set: Updateable<RuleSetTable>) {
  return db
    .updateTable('rule_sets')
    .set({ ...set, version_no: versionNo + 1 })
    .where('id', '=', id)
    .where('version_no', '=', versionNo)
    .returningAll()
    .executeTakeFirst();
}

/** Every code/version already stored (the seeder inserts only the missing ones). */
export function ruleSetKeys(db: Kysely<DB>) {
  return db.selectFrom('rule_sets').select(['code', 'version']).execute();
}

export function holidaysOfYear(db: Kysely<DB>, year: number) {
  return db.selectFrom('holidays').selectAll().where('year', '=', year).orderBy('day').execute();
}

export function allHolidays(db: Kysely<DB>) {
  return db.selectFrom('holidays').selectAll().orderBy('day').execute();
}

/** Per year: how many holiday and make-up working-day rows. */
export function holidayYearCounts(db: Kysely<DB>) {
  return db
    .selectFrom('holidays')
    .select((eb) => ['year', 'kind', eb.fn.countAll().as('n')])
    .groupBy(['year', 'kind'])
    .orderBy('year')
    .orderBy('kind')
    .execute();
}

export function holidayDays(db: Kysely<DB>) {
  return db.selectFrom('holidays').select('day').execute();
}

export function deleteHolidayYear(db: Kysely<DB>, year: number) {
  return db.deleteFrom('holidays').where('year', '=', year).execute();
}

export function insertHolidays(db: Kysely<DB>, rows: Insertable<HolidayTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('holidays').values(rows).execute();
}
