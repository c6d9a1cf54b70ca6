import { authorize } from '../../core/auth/access.js';
import type { RequestContext } from '../../core/context.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { WorkingCalendar } from '../../core/working-days.js';
import { checkYearRows } from './domain/holiday-calendar.js';
import * as repo from './rulesets.repository.js';
import type { PutHolidayYearInput } from './rulesets.schema.js';

/** The working-day calendar (credit.md §4.2): State Council holidays and make-up days, editable per year. */
export class HolidayService {
  constructor(private readonly core: CoreDeps) {}

  /** Years with calendar data and their row counts. */
  async years(ctx: RequestContext) {
    authorize(ctx, 'credit.rules');
    const counts = await repo.holidayYearCounts(this.core.db);
    const byYear = new Map<number, { year: number; holidays: number; workdays: number }>();
    for (const c of counts) {
      const y = Number(c.year);
      const entry = byYear.get(y) ?? { year: y, holidays: 0, workdays: 0 };
      if (c.kind === 'holiday') entry.holidays = Number(c.n);
      else entry.workdays = Number(c.n);
      byYear.set(y, entry);
    }
    return [...byYear.values()];
  }

  /** One year's rows. */
  async year(ctx: RequestContext, year: number) {
    authorize(ctx, 'credit.rules');
    const rows = await repo.holidaysOfYear(this.core.db, year);
    return { year, days: rows.map((r) => ({ day: r.day, kind: r.kind as 'holiday' | 'workday', name: r.name })) };
  }

  /** Replaces a year's rows (the office's correction of a notice); checked first, audited with before/after. */
  async putYear(ctx: RequestContext, year: number, input: PutHolidayYearInput) {
    authorize(ctx, 'credit.rules');
    const issues = checkYearRows(year, input.days);
    if (issues.length) {
      throw new QcError('QC_ERR_HOLIDAY_INVALID', [issues.map((i) => `${i.day} ${i.problem}`).join(', ')], issues);
    }
    await this.core.db.transaction().execute(async (trx) => {
      const before = await repo.holidaysOfYear(trx, year);
      await repo.deleteHolidayYear(trx, year);
      await repo.insertHolidays(
        trx,
        input.days.map((d) => ({ day: d.day, kind: d.kind, name: d.name?.trim() || null, year })),
      );
      await this.core.audit.append(trx, ctx, {
        action: 'holidays.replace_year',
        entityType: 'holiday_year',
        entityId: String(year),
        before: before.map((r) => [r.day, r.kind, r.name]),
        after: input.days.map((d) => [d.day, d.kind, d.name ?? null]),
      });
    });
    return this.year(ctx, year);
  }

  /** The calendar as the day arithmetic needs it (no access check: every credit service uses it). */
  async calendar(db: CoreDeps['db'] = this.core.db): Promise<WorkingCalendar> {
    const rows = await repo.allHolidays(db);
    return new WorkingCalendar(rows.map((r) => ({ day: r.day, kind: r.kind as 'holiday' | 'workday' })));
  }
}
