import { authorize, can } from '../../core/auth/access.js';
import { businessNow, businessToday, shanghaiDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import { fromJson } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import * as repo from './bulletin.repository.js';
import type {
  BULLETIN_ACTIONS,
  BulletinDetailT,
  BulletinSummaryT,
  BulletinTransitionBodyT,
  CreateBulletinBodyT,
  UpdateBulletinBodyT,
} from './bulletin.schema.js';
import type { DashboardService, ExportFile } from './dashboard.service.js';
import {
  type BulletinContent,
  type BulletinEvent,
  type BulletinStatus,
  BulletinTransitionError,
  buildBulletinContent,
  bulletinEvents,
  bulletinNumber,
  bulletinTransition,
  monthEnd,
  type PreviousIssue,
} from './domain/bulletin.js';
import { bulletinDocument, DEFAULT_BULLETIN_ISSUER, defaultNextSteps } from './domain/bulletin-document.js';
import { type TaskTablePlan, taskTableDocument } from './domain/task-table.js';
import { renderOfficialDocx } from './official-docx.js';
import { nextCounter } from './plan.repository.js';
import type { PlanService } from './plan.service.js';

type Action = (typeof BULLETIN_ACTIONS)[number];
type PlanInput = Awaited<ReturnType<DashboardService['asOfInput']>>;

const STATUS_LABELS: Record<BulletinStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  approved: { zh: '已审定', en: 'approved' },
  issued: { zh: '已印发', en: 'issued' },
};
const EVENT_LABELS: Record<BulletinEvent, { zh: string; en: string }> = {
  approve: { zh: '审定', en: 'approve' },
  revoke: { zh: '退回修改', en: 'send back to draft' },
  issue: { zh: '印发', en: 'issue' },
};

// The first instant after a Shanghai calendar day: reviews up to the end of the snapshot day count.
const dayEnd = (day: string) => `${day}T16:00:00.000Z`;

/**
 * Monthly bulletins 质量工作督查情况通报 (R-S14): drafted by the office from the plan as of the month end,
 * approved, issued, then frozen; read as JSON, a printable document model, or DOCX. Also the plan's 任务分解表.
 */
export class BulletinService {
  constructor(
    private readonly core: CoreDeps,
    private readonly plans: PlanService,
    private readonly dashboards: DashboardService,
  ) {}

  private now(): string {
    return businessNow(this.core.clock, this.core.config.asOf);
  }

  private today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  /** 'all' for the office and leaders; every other official (plans.read) sees issued bulletins only. */
  private readScope(ctx: RequestContext): 'all' | 'issued' {
    if (ctx.actor && can(ctx.actor, 'bulletins.read')) return 'all';
    authorize(ctx, 'plans.read');
    return 'issued';
  }

  private async mustFind(id: number): Promise<repo.BulletinRow> {
    const row = await repo.findBulletin(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_BULLETIN_NOT_FOUND', [id]);
    return row;
  }

  /** A plan's bulletins, newest month first; readers of issued bulletins see only those. */
  async list(ctx: RequestContext, planId: number) {
    const scope = this.readScope(ctx);
    if (!(await repo.planExists(this.core.db, planId))) throw new QcError('QC_ERR_PLAN_NOT_FOUND', [planId]);
    const rows = await repo.listBulletins(this.core.db, planId, scope === 'issued');
    return {
      items: rows.map((r) => summary(r)),
      today: this.today(),
      canManage: !!ctx.actor && can(ctx.actor, 'bulletins.manage'),
    };
  }

  /** One bulletin with its content and document; a draft is "not found" for readers of issued ones only. */
  async get(ctx: RequestContext, id: number): Promise<BulletinDetailT> {
    const scope = this.readScope(ctx);
    const row = await this.mustFind(id);
    if (scope === 'issued' && row.status !== 'issued') throw new QcError('QC_ERR_BULLETIN_NOT_FOUND', [id]);
    return this.detail(ctx, row);
  }

  private detail(ctx: RequestContext, row: repo.BulletinRow): BulletinDetailT {
    const status = row.status as BulletinStatus;
    const content = fromJson<BulletinContent>(row.content_json);
    const actions: Action[] = [];
    if (ctx.actor && can(ctx.actor, 'bulletins.manage')) {
      if (status === 'draft') actions.push('edit', 'refresh');
      actions.push(...bulletinEvents(status));
    }
    const date = row.issued_at ? shanghaiDate(new Date(row.issued_at)) : this.today();
    return {
      ...summary(row),
      planCode: row.plan_code,
      planTitle: row.plan_title,
      nextSteps: row.next_steps,
      allowedActions: actions,
      content,
      document: bulletinDocument(
        { no: row.no, status, issuer: DEFAULT_BULLETIN_ISSUER, date },
        content,
        row.next_steps,
      ),
    };
  }

  /** Sections 1–5 for a plan as of a day, against the plan's previous bulletin before `period`. */
  private async build(planId: number, period: string, asOf: string, loaded?: PlanInput) {
    const { head, input } = loaded ?? (await this.dashboards.asOfInput(planId));
    const prev = await repo.latestBulletin(this.core.db, planId, period);
    const previous: PreviousIssue | null = prev
      ? { no: prev.no, period: prev.period, asOf: prev.as_of, content: fromJson<BulletinContent>(prev.content_json) }
      : null;
    const [exemplary, notices] = await Promise.all([
      // Flagged reports reviewed after the previous snapshot day, up to the end of this one.
      repo.exemplaryReports(this.core.db, planId, previous ? dayEnd(previous.asOf) : null, dayEnd(asOf)),
      repo.escalationNotices(this.core.db, planId, asOf),
    ]);
    const content = buildBulletinContent({
      planTitle: head.title,
      period,
      asOf,
      dash: input,
      previous,
      exemplary,
      notices,
    });
    return content;
  }

  /** Drafts the bulletin for a month (R-S14), numbered 第N期 in the period's year; the office only. */
  async create(ctx: RequestContext, planId: number, body: CreateBulletinBodyT): Promise<BulletinDetailT> {
    authorize(ctx, 'bulletins.manage');
    const { period } = body;
    const loaded = await this.dashboards.asOfInput(planId);
    const { head, input } = loaded;
    if (head.status === 'draft') throw new QcError('QC_ERR_BULLETIN_PLAN');
    const asOf = snapshotDay(period, body.asOf, input.settings.bulletinSnapshot);
    const today = this.today();
    if (asOf > today) throw new QcError('QC_ERR_BULLETIN_AS_OF', [asOf, today]);
    const latest = await repo.latestBulletin(this.core.db, planId, null);
    if (latest?.period === period) throw new QcError('QC_ERR_BULLETIN_EXISTS', [period]);
    // Later months only, so issue numbers follow the months and "since the last issue" is well defined.
    if (latest && latest.period > period) throw new QcError('QC_ERR_BULLETIN_ORDER', [latest.period]);

    const content = await this.build(planId, period, asOf, loaded);
    const year = Number(period.slice(0, 4));
    const now = this.now();
    let id: number;
    try {
      id = await this.core.db.transaction().execute(async (trx) => {
        const seq = await nextCounter(trx, `bulletin:${planId}:${year}`);
        const no = bulletinNumber(year, seq);
        const newId = await repo.insertBulletin(trx, {
          plan_id: planId,
          year,
          seq,
          no,
          period,
          as_of: asOf,
          status: 'draft',
          content_json: JSON.stringify(content),
          next_steps: defaultNextSteps(content),
          created_by: ctx.actor?.userId ?? null,
          approved_at: null,
          issued_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await this.core.audit.append(trx, ctx, {
          action: 'bulletin.create',
          entityType: 'bulletin',
          entityId: String(newId),
          after: { planId, no, period, asOf, status: 'draft' },
        });
        return newId;
      });
    } catch (err) {
      // Two offices drafting the same month at once: the unique (plan, period) key decides.
      if (isUniqueViolation(err)) throw new QcError('QC_ERR_BULLETIN_EXISTS', [period]);
      throw err;
    }
    return this.detail(ctx, await this.mustFind(id));
  }

  /** The row to change, which must be a draft at `version`. */
  private async draftFor(ctx: RequestContext, id: number, version: number): Promise<repo.BulletinRow> {
    authorize(ctx, 'bulletins.manage');
    const row = await this.mustFind(id);
    if (row.status === 'issued') throw new QcError('QC_ERR_BULLETIN_ISSUED');
    if (row.status !== 'draft') throw new QcError('QC_ERR_BULLETIN_NOT_DRAFT');
    if (Number(row.version) !== version) throw new QcError('QC_ERR_CONFLICT');
    return row;
  }

  /** Edits section 6 下步工作 of a draft. */
  async update(ctx: RequestContext, id: number, body: UpdateBulletinBodyT): Promise<BulletinDetailT> {
    const row = await this.draftFor(ctx, id, body.version);
    const nextSteps = body.nextSteps.replace(/\r\n?/g, '\n').trim();
    await this.write(ctx, row, { next_steps: nextSteps }, 'bulletin.update', {
      before: { nextSteps: row.next_steps },
      after: { nextSteps },
    });
    return this.detail(ctx, await this.mustFind(id));
  }

  /** Recomputes a draft's sections 1–5 at its snapshot day (late corrections, an earlier issue issued since). */
  async refresh(ctx: RequestContext, id: number, body: { version: number }): Promise<BulletinDetailT> {
    const row = await this.draftFor(ctx, id, body.version);
    const content = await this.build(Number(row.plan_id), row.period, row.as_of);
    await this.write(ctx, row, { content_json: JSON.stringify(content) }, 'bulletin.refresh', {
      after: { asOf: row.as_of, assignments: content.summary.assignments, problems: content.problems.length },
    });
    return this.detail(ctx, await this.mustFind(id));
  }

  /** draft → approved (审定), approved → draft (退回修改), approved → issued (印发); issued is final. */
  async transition(ctx: RequestContext, id: number, body: BulletinTransitionBodyT): Promise<BulletinDetailT> {
    authorize(ctx, 'bulletins.manage');
    const row = await this.mustFind(id);
    const from = row.status as BulletinStatus;
    if (from === 'issued') throw new QcError('QC_ERR_BULLETIN_ISSUED');
    if (Number(row.version) !== body.version) throw new QcError('QC_ERR_CONFLICT');
    let to: BulletinStatus;
    try {
      to = bulletinTransition(from, body.event);
    } catch (err) {
      if (!(err instanceof BulletinTransitionError)) throw err;
      const lang = ctx.lang;
      throw new QcError('QC_ERR_INVALID_TRANSITION', [STATUS_LABELS[from][lang], EVENT_LABELS[body.event][lang]], {
        state: from,
        event: body.event,
      });
    }
    if (body.event === 'approve' && !row.next_steps.trim()) throw new QcError('QC_ERR_BULLETIN_NEXT_STEPS');
    const now = this.now();
    const stamps =
      body.event === 'approve'
        ? { approved_at: now }
        : body.event === 'revoke'
          ? { approved_at: null }
          : { issued_at: now };
    await this.write(ctx, row, { status: to, ...stamps }, `bulletin.${body.event}`, {
      before: { status: from },
      after: { status: to, no: row.no },
    });
    return this.detail(ctx, await this.mustFind(id));
  }

  private async write(
    ctx: RequestContext,
    row: repo.BulletinRow,
    values: Parameters<typeof repo.updateBulletin>[3],
    action: string,
    audit: { before?: unknown; after?: unknown },
  ): Promise<void> {
    const id = Number(row.id);
    await this.core.db.transaction().execute(async (trx) => {
      const expected = { version: Number(row.version), status: row.status };
      const ok = await repo.updateBulletin(trx, id, expected, { ...values, updated_at: this.now() });
      if (!ok) throw new QcError('QC_ERR_CONFLICT');
      await this.core.audit.append(trx, ctx, { action, entityType: 'bulletin', entityId: String(id), ...audit });
    });
  }

  /** The bulletin as a .docx, drawn from the same document model as the printable page. */
  async docx(ctx: RequestContext, id: number): Promise<ExportFile> {
    const d = await this.get(ctx, id);
    const bytes = await renderOfficialDocx(d.document as ReturnType<typeof bulletinDocument>);
    return {
      fileName: `${d.planCode}-质量工作督查情况通报-${d.no}.docx`,
      asciiName: `${d.planCode}-bulletin-${d.year}-${String(d.seq).padStart(2, '0')}.docx`,
      bytes,
    };
  }

  /** The plan's 任务分解表 (measures → actions → lead and co units → deadlines) as a .docx; plans.read. */
  async taskTable(ctx: RequestContext, planId: number): Promise<ExportFile> {
    const plan = (await this.plans.get(ctx, planId)) as unknown as TaskTablePlan & {
      header: { docNumber: string | null };
    };
    const bytes = await renderOfficialDocx(taskTableDocument({ ...plan, docNumber: plan.header.docNumber }));
    return {
      fileName: `${plan.code}-任务分解表.docx`,
      asciiName: `${plan.code}-task-table.docx`,
      bytes,
    };
  }
}

/** The snapshot day of a month's bulletin: the month end, or (settings.bulletinSnapshot = asOf) a chosen day. */
function snapshotDay(period: string, asOf: string | undefined, mode: 'monthEnd' | 'asOf'): string {
  const end = monthEnd(period);
  if (asOf === undefined || asOf === end) return end;
  if (mode === 'monthEnd') {
    throw new QcError('QC_ERR_VALIDATION', [`asOf: this plan's bulletins use the month-end snapshot (${end})`]);
  }
  if (!isCalendarDate(asOf) || asOf < `${period}-01`) {
    throw new QcError('QC_ERR_VALIDATION', [`asOf=${asOf} must be a day in or after ${period}`]);
  }
  return asOf;
}

function summary(r: {
  id: number | string;
  plan_id: number | string;
  year: number;
  seq: number;
  no: string;
  period: string;
  as_of: string;
  status: string;
  approved_at: string | null;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}): BulletinSummaryT {
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    year: Number(r.year),
    seq: Number(r.seq),
    no: r.no,
    period: r.period,
    asOf: r.as_of,
    status: r.status as BulletinStatus,
    approvedAt: r.approved_at,
    issuedAt: r.issued_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}
