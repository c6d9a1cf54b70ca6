import type { Kysely } from 'kysely';
import { authorize, can } from '../../core/auth/access.js';
import { businessToday, isoNow } from '../../core/clock.js';
import type { Actor, RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { paging } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { recentRuns, runOnce } from '../../core/jobs/runs.js';
import * as dashRepo from './dashboard.repository.js';
import { type DashboardInput, prepare } from './domain/as-of.js';
import { noticeSeries, noticesForDay } from './domain/notice-run.js';
import { addDays } from './domain/periods.js';
import { NOTICE_TITLES, type NoticeLevel } from './domain/reminders.js';
import * as repo from './notice.repository.js';
import type {
  InboxPageT,
  InboxQueryT,
  NoticeItemT,
  NoticeRegisterQueryT,
  ReminderRunResultT,
} from './notice.schema.js';
import { nextCounter } from './plan.repository.js';
import type { PlanService } from './plan.service.js';

export const REMINDER_JOB = 'reminders';

interface DayResult {
  day: string;
  plans: number;
  created: number;
  byLevel: Record<string, number>;
}

/**
 * Reminders and escalations (R-S8): the daily job that issues 提醒 / 催办单 / 督办单 as numbered notices, each
 * official's inbox of the notices addressed to them, and the office's register of all of them.
 */
export class NoticeService {
  constructor(
    private readonly core: CoreDeps,
    private readonly plans: PlanService,
  ) {}

  /** The day the job runs for now: the business day (the pinned as-of day in demo mode). */
  today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  /**
   * Issues the day's notices for every published plan, once per day: a second run for the same day (another
   * process, a second click) sends nothing new and reports the first run. A past day may be run to replay a
   * day the job missed; a future day is refused.
   */
  async runReminders(
    ctx: RequestContext,
    day: string | undefined,
    options: { system?: boolean } = {},
  ): Promise<ReminderRunResultT> {
    if (!options.system) authorize(ctx, 'notices.manage');
    const today = this.today();
    const runDay = day ?? today;
    if (!isCalendarDate(runDay)) throw new QcError('QC_ERR_VALIDATION', [`day=${runDay}`]);
    if (runDay > today) throw new QcError('QC_ERR_NOTICE_DAY_FUTURE', [runDay, today]);
    const outcome = await runOnce(this.core, REMINDER_JOB, runDay, ctx.source, (trx) =>
      this.issueDay(trx, ctx, runDay),
    );
    const result = outcome.result as DayResult;
    return {
      ...result,
      ran: outcome.ran,
      startedAt: outcome.run.startedAt,
      finishedAt: outcome.run.finishedAt,
      source: outcome.run.source,
    };
  }

  /**
   * Runs every day from `from` to `to` in order (days already run are skipped): demo data replays the plan
   * year up to its as-of day so inboxes hold what the job would have sent; also used to replay missed days.
   */
  async replay(ctx: RequestContext, from: string, to: string, options: { system?: boolean } = {}) {
    if (!options.system) authorize(ctx, 'notices.manage');
    let created = 0;
    for (let day = from; day <= to; day = addDays(day, 1)) {
      created += (await this.runReminders(ctx, day, { system: true })).created;
    }
    return { from, to, created };
  }

  private async issueDay(trx: Kysely<DB>, ctx: RequestContext, day: string): Promise<DayResult> {
    const sentAt = isoNow(this.core.clock);
    const year = Number(day.slice(0, 4));
    const byLevel: Record<string, number> = {};
    let created = 0;
    const plans = await repo.publishedPlans(trx);
    for (const plan of plans) {
      const planId = Number(plan.id);
      const [measures, assignments, reports, recorded] = await Promise.all([
        dashRepo.measureRows(trx, planId),
        dashRepo.assignmentRows(trx, planId),
        dashRepo.reportRows(trx, planId),
        repo.recordedKeys(trx, planId, day),
      ]);
      const settings = this.plans.settingsOf(plan);
      const input: DashboardInput = { measures, actions: [], assignments, reports, units: [], settings };
      const order = new Map(measures.map((m) => [m.id, m.ord]));
      const planned = noticesForDay(prepare(input), order, day, settings).filter(
        (p) => !recorded.has(`${p.assignmentId}|${p.notice.key}`),
      );
      const rows: repo.NewNotice[] = [];
      for (const p of planned) {
        const series = noticeSeries(p.notice.level, year);
        const seq = await nextCounter(trx, series.counterKey);
        rows.push({
          plan_id: planId,
          assignment_id: p.assignmentId,
          unit_code: p.unitCode,
          level: p.notice.level,
          notice_key: p.notice.key,
          reason: p.notice.reason,
          run_day: day,
          due_date: p.dueDate,
          recipients: p.notice.recipients.join(','),
          no: series.format(seq),
          year,
          seq,
          sent_at: sentAt,
        });
        byLevel[p.notice.level] = (byLevel[p.notice.level] ?? 0) + 1;
      }
      await repo.insertNotices(trx, rows);
      created += rows.length;
    }
    const result: DayResult = { day, plans: plans.length, created, byLevel };
    await this.core.audit.append(trx, ctx, {
      action: 'reminders.run',
      entityType: 'job',
      entityId: `${REMINDER_JOB}:${day}`,
      after: result,
    });
    return result;
  }

  /** The last runs of the reminder job (office). */
  async runs(ctx: RequestContext, limit = 30) {
    authorize(ctx, 'notices.manage');
    return recentRuns(this.core.db, REMINDER_JOB, limit);
  }

  /**
   * Who an inbox is for: a unit's staff get every notice of their unit (handler and unit head alike, as
   * accounts do not yet tell the two apart); the office and leaders get the escalations addressed to a leader
   * (督办单), the last rung of 经办人 → 单位负责人 → 质量办.
   */
  private audience(actor: Actor): repo.Audience {
    const unitCodes = actor.roles.flatMap((g) =>
      g.role === 'unit' && g.scope !== null && can(actor, 'notices.read', { unitCode: g.scope }) ? [g.scope] : [],
    );
    const escalations = actor.roles.some(
      (g) => (g.role === 'admin' || g.role === 'leader') && can(actor, 'notices.read'),
    );
    return { userId: actor.userId, unitCodes, escalations };
  }

  /** The caller's inbox: notices addressed to them, newest first, with their own read and acknowledge marks. */
  async inbox(ctx: RequestContext, query: InboxQueryT): Promise<InboxPageT> {
    const actor = authorize(ctx, 'notices.read', this.anyOwnUnit(ctx));
    const audience = this.audience(actor);
    const { page, pageSize, offset } = paging(query.page, query.pageSize);
    const [list, unread] = await Promise.all([
      repo.listNotices(
        this.core.db,
        actor.userId,
        audience,
        { level: query.level, status: query.status ?? 'all' },
        { offset, limit: pageSize },
      ),
      repo.unreadCount(this.core.db, audience),
    ]);
    return { items: list.rows.map(toItem), total: list.total, page, pageSize, unread };
  }

  /** Every notice with filters (office): the 督办 register. */
  async register(ctx: RequestContext, query: NoticeRegisterQueryT) {
    const actor = authorize(ctx, 'notices.manage');
    for (const [name, value] of [
      ['from', query.from],
      ['to', query.to],
    ] as const) {
      if (value !== undefined && !isCalendarDate(value)) throw new QcError('QC_ERR_VALIDATION', [`${name}=${value}`]);
    }
    const { page, pageSize, offset } = paging(query.page, query.pageSize);
    const list = await repo.listNotices(
      this.core.db,
      actor.userId,
      null,
      {
        planId: query.planId,
        unitCode: query.unitCode,
        level: query.level,
        from: query.from,
        to: query.to,
        q: query.q?.trim() || undefined,
      },
      { offset, limit: pageSize },
    );
    return { items: list.rows.map(toItem), total: list.total, page, pageSize };
  }

  /** Marks a notice read, or read and acknowledged (已知悉), for the caller; repeating keeps the first instants. */
  async mark(ctx: RequestContext, id: number, ack: boolean): Promise<NoticeItemT> {
    const row = await repo.noticeById(this.core.db, id);
    const actor = authorize(ctx, 'notices.read', row ? { unitCode: row.unit_code } : this.anyOwnUnit(ctx));
    if (!row || !this.addressedTo(actor, row)) throw new QcError('QC_ERR_NOTICE_NOT_FOUND', [id]);
    await repo.markNotice(this.core.db, id, actor.userId, isoNow(this.core.clock), ack);
    const item = await this.itemFor(actor.userId, id);
    if (!item) throw new QcError('QC_ERR_NOTICE_NOT_FOUND', [id]);
    return toItem(item);
  }

  /** Marks every notice in the caller's inbox read. */
  async markAllRead(ctx: RequestContext): Promise<{ marked: number }> {
    const actor = authorize(ctx, 'notices.read', this.anyOwnUnit(ctx));
    const marked = await repo.markAllRead(this.core.db, this.audience(actor), isoNow(this.core.clock));
    return { marked };
  }

  private async itemFor(userId: number, id: number) {
    const { rows } = await repo.listNotices(this.core.db, userId, null, { noticeId: id }, { offset: 0, limit: 1 });
    return rows[0];
  }

  private addressedTo(actor: Actor, row: { unit_code: string; recipients: string }): boolean {
    const audience = this.audience(actor);
    return audience.unitCodes.includes(row.unit_code) || (audience.escalations && row.recipients.includes('leader'));
  }

  // Unit staff hold notices.read only on their own unit: the check names one of their units.
  private anyOwnUnit(ctx: RequestContext): { unitCode: string } | undefined {
    const unit = ctx.actor?.roles.find((g) => g.role === 'unit' && g.scope !== null)?.scope;
    return unit ? { unitCode: unit } : undefined;
  }
}

function toItem(r: repo.NoticeListRow): NoticeItemT {
  const level = r.level as NoticeLevel;
  return {
    id: Number(r.id),
    no: r.no,
    level,
    title: NOTICE_TITLES[level] ?? r.level,
    reason: r.reason,
    recipients: r.recipients.split(','),
    runDay: r.run_day,
    dueDate: r.due_date,
    sentAt: r.sent_at,
    planId: Number(r.plan_id),
    assignmentId: Number(r.assignment_id),
    assignmentExternalId: r.assignment_external_id,
    measureNumber: Number(r.measure_number),
    measureTitle: r.measure_title,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    readAt: r.read_at,
    ackAt: r.ack_at,
  };
}
