import type { Kysely } from 'kysely';
import { authorize, can } from '../../core/auth/access.js';
import { businessNow, shanghaiDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { addDays } from './domain/periods.js';
import {
  coverage,
  lateDays,
  type SubPlanEvent,
  type SubPlanState,
  subPlanFindings,
  subPlanTransition,
} from './domain/subplan.js';
import * as planRepo from './plan.repository.js';
import * as repo from './subplan.repository.js';

/** What a district files: tasks derived from city measures, and measures it marks not applicable. */
export interface SubPlanContent {
  title?: string | null;
  tasks: {
    measureExternalId: string;
    actionExternalId?: string | null;
    title: string;
    deptName?: string | null;
    responsiblePerson?: string | null;
    dueDate?: string | null;
  }[];
  exclusions: { measureExternalId: string; reason: string }[];
}

type SubPlanRow = NonNullable<Awaited<ReturnType<typeof repo.findSubPlan>>>;

/** District implementation plans (R-S10): created at publishing, filed by districts, reviewed by the office. */
export class SubPlanService {
  constructor(private readonly core: CoreDeps) {}

  /**
   * Creates one not-started sub-plan per obligation inside the publishing transaction; each is due
   * `dueDays` after dispatch (the seed: 10 districts, due 2015-08-20).
   */
  async createForPublication(
    trx: Kysely<DB>,
    ctx: RequestContext,
    input: { planId: number; districtCodes: string[]; dispatchDate: string; dueDays: number },
  ): Promise<void> {
    const at = this.core.clock.now().toISOString();
    const due = addDays(input.dispatchDate, input.dueDays);
    await repo.insertSubPlans(
      trx,
      input.districtCodes.map((code) => ({
        plan_id: input.planId,
        district_code: code,
        status: 'not_started',
        due_date: due,
        title: null,
        filed_at: null,
        late_days: null,
        decided_at: null,
        return_reason: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    );
    for (const code of input.districtCodes) {
      await this.core.audit.append(trx, ctx, {
        action: 'subplan.oblige',
        entityType: 'sub_plan',
        entityId: `${input.planId}-${code}`,
        after: { districtCode: code, dueDate: due, status: 'not_started' },
      });
    }
  }

  private async mustFind(ctx: RequestContext, id: number): Promise<SubPlanRow> {
    const row = await repo.findSubPlan(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_NOT_FOUND');
    // Scope check before revealing anything about another district's filing.
    authorize(ctx, 'subplans.read', { unitCode: row.district_code });
    return row;
  }

  private async content(subPlanIds: number[]) {
    const [tasks, exclusions] = await Promise.all([
      repo.tasksOf(this.core.db, subPlanIds),
      repo.exclusionsOf(this.core.db, subPlanIds),
    ]);
    return { tasks, exclusions };
  }

  /** The districts' filings for a plan: status, due day, days late and coverage (a district sees its own). */
  async list(ctx: RequestContext, planId: number) {
    // Without a target only an 'all' rule allows: the office, leaders and assessors see every district;
    // unit staff see the filings of their own unit (a district government's), if any.
    const seesAll = can(ctx.actor, 'subplans.read');
    const own = (ctx.actor?.roles ?? [])
      .map((r) => r.scope)
      .filter((scope): scope is string => scope !== null && can(ctx.actor, 'subplans.read', { unitCode: scope }));
    if (!seesAll && own.length === 0) authorize(ctx, 'subplans.read');
    const rows = (await repo.subPlansOfPlan(this.core.db, planId)).filter(
      (r) => seesAll || own.includes(r.district_code),
    );
    const measures = await planRepo.measuresOf(this.core.db, planId);
    const { tasks, exclusions } = await this.content(rows.map((r) => Number(r.id)));
    const measureIds = measures.map((m) => Number(m.id));
    return rows.map((r) => {
      const mine = tasks
        .filter((t) => Number(t.sub_plan_id) === Number(r.id))
        .map((t) => ({ measureId: Number(t.measure_id) }));
      const excluded = exclusions
        .filter((e) => Number(e.sub_plan_id) === Number(r.id))
        .map((e) => Number(e.measure_id));
      return {
        id: Number(r.id),
        districtCode: r.district_code,
        districtName: r.district_name,
        status: r.status,
        dueDate: r.due_date,
        filedAt: r.filed_at,
        lateDays: r.late_days === null ? null : Number(r.late_days),
        overdue: r.status === 'not_started' || r.status === 'draft' ? this.today() > r.due_date : false,
        tasks: mine.length,
        coverage: coverage(mine, excluded, measureIds),
        version: Number(r.version),
      };
    });
  }

  private today(): string {
    return this.core.config.asOf ?? shanghaiDate(this.core.clock.now());
  }

  /** One filing with its tasks, exclusions, the city measures to derive from, and what blocks filing. */
  async get(ctx: RequestContext, id: number) {
    const row = await this.mustFind(ctx, id);
    const planId = Number(row.plan_id);
    const [plan, measures, actions] = await Promise.all([
      planRepo.findPlan(this.core.db, planId),
      planRepo.measuresOf(this.core.db, planId),
      planRepo.actionsOf(this.core.db, planId),
    ]);
    const { tasks, exclusions } = await this.content([id]);
    const byMeasureId = new Map(measures.map((m) => [Number(m.id), m]));
    const taskInputs = tasks.map((t) => ({
      measureId: Number(t.measure_id),
      title: t.title,
      deptName: t.dept_name,
      responsiblePerson: t.responsible_person,
      dueDate: t.due_date,
    }));
    const measureIds = measures.map((m) => Number(m.id));
    const excluded = exclusions.map((e) => Number(e.measure_id));
    return {
      id,
      planId,
      planCode: plan?.code ?? '',
      planTitle: plan?.title ?? '',
      districtCode: row.district_code,
      districtName: row.district_name,
      status: row.status,
      title: row.title,
      dueDate: row.due_date,
      filedAt: row.filed_at,
      lateDays: row.late_days === null ? null : Number(row.late_days),
      returnReason: row.return_reason,
      version: Number(row.version),
      coverage: coverage(taskInputs, excluded, measureIds),
      findings: subPlanFindings(taskInputs, excluded, measureIds, Number(plan?.year ?? 0)).map((f) => ({
        ...f,
        measureExternalId: f.measureId ? (byMeasureId.get(f.measureId)?.external_id ?? null) : null,
      })),
      tasks: tasks.map((t) => ({
        measureExternalId: byMeasureId.get(Number(t.measure_id))?.external_id ?? '',
        actionExternalId: actions.find((a) => Number(a.id) === Number(t.action_id))?.external_id ?? null,
        title: t.title,
        deptName: t.dept_name,
        responsiblePerson: t.responsible_person,
        dueDate: t.due_date,
      })),
      exclusions: exclusions.map((e) => ({
        measureExternalId: byMeasureId.get(Number(e.measure_id))?.external_id ?? '',
        reason: e.reason,
      })),
      measures: measures.map((m) => ({
        externalId: m.external_id,
        number: Number(m.number),
        title: m.title,
        actions: actions
          .filter((a) => Number(a.measure_id) === Number(m.id))
          .map((a) => ({ externalId: a.external_id, text: a.text, mentionsDistricts: Boolean(a.mentions_districts) })),
      })),
    };
  }

  private async change(
    ctx: RequestContext,
    row: SubPlanRow,
    version: number,
    event: SubPlanEvent,
    values: Partial<Parameters<typeof repo.updateSubPlan>[3]>,
    work?: (trx: Kysely<DB>) => Promise<void>,
  ) {
    const next = subPlanTransition(row.status as SubPlanState, event);
    if (!next) throw new QcError('QC_ERR_INVALID_TRANSITION', [row.status, event]);
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      if (work) await work(trx);
      const ok = await repo.updateSubPlan(trx, Number(row.id), version, { ...values, status: next, updated_at: at });
      if (!ok) throw new QcError('QC_ERR_CONFLICT');
      await this.core.audit.append(trx, ctx, {
        action: `subplan.${event}`,
        entityType: 'sub_plan',
        entityId: `${row.plan_id}-${row.district_code}`,
        before: { status: row.status },
        after: { status: next, ...values },
      });
    });
  }

  /** Saves a district's draft: its tasks and not-applicable measures (replacing the previous ones). */
  async save(ctx: RequestContext, id: number, input: SubPlanContent & { version: number }) {
    const row = await this.mustFind(ctx, id);
    authorize(ctx, 'subplans.file', { unitCode: row.district_code });
    const planId = Number(row.plan_id);
    const [measures, actions] = await Promise.all([
      planRepo.measuresOf(this.core.db, planId),
      planRepo.actionsOf(this.core.db, planId),
    ]);
    const measureId = (ext: string) => {
      const m = measures.find((x) => x.external_id === ext);
      if (!m) throw new QcError('QC_ERR_VALIDATION', [`measureExternalId=${ext}`]);
      return Number(m.id);
    };
    const tasks = input.tasks.map((t) => {
      const mId = measureId(t.measureExternalId);
      const action = t.actionExternalId ? actions.find((a) => a.external_id === t.actionExternalId) : undefined;
      if (t.actionExternalId && (!action || Number(action.measure_id) !== mId)) {
        throw new QcError('QC_ERR_VALIDATION', [`actionExternalId=${t.actionExternalId}`]);
      }
      return {
        measure_id: mId,
        action_id: action ? Number(action.id) : null,
        title: t.title.trim(),
        dept_name: t.deptName?.trim() || null,
        responsible_person: t.responsiblePerson?.trim() || null,
        due_date: t.dueDate || null,
      };
    });
    const exclusions = input.exclusions.map((e) => ({
      measure_id: measureId(e.measureExternalId),
      reason: e.reason.trim(),
    }));
    if (exclusions.some((e) => !e.reason)) throw new QcError('QC_ERR_REASON_REQUIRED');
    await this.change(ctx, row, input.version, 'save', { title: input.title?.trim() || null }, (trx) =>
      repo.replaceContent(trx, id, tasks, exclusions),
    );
    return this.get(ctx, id);
  }

  /** Files (备案) a draft; refused while findings remain. Late filings record the days late. */
  async file(ctx: RequestContext, id: number, version: number) {
    const row = await this.mustFind(ctx, id);
    authorize(ctx, 'subplans.file', { unitCode: row.district_code });
    const current = await this.get(ctx, id);
    if (current.findings.length) {
      throw new QcError('QC_ERR_SUBPLAN_INCOMPLETE', [current.findings.length], current.findings);
    }
    // Dated like every supervision write: on the pinned as-of day in demo mode.
    const filedAt = businessNow(this.core.clock, this.core.config.asOf);
    await this.change(ctx, row, version, 'file', {
      filed_at: filedAt,
      late_days: lateDays(row.due_date, shanghaiDate(new Date(filedAt))),
      return_reason: null,
    });
    return this.get(ctx, id);
  }

  /** The office accepts a filing, or returns it with a reason. */
  async review(
    ctx: RequestContext,
    id: number,
    input: { version: number; decision: 'accept' | 'return'; reason?: string },
  ) {
    const row = await this.mustFind(ctx, id);
    authorize(ctx, 'subplans.review');
    const reason = input.reason?.trim();
    if (input.decision === 'return' && !reason) throw new QcError('QC_ERR_REASON_REQUIRED');
    await this.change(ctx, row, input.version, input.decision, {
      decided_at: businessNow(this.core.clock, this.core.config.asOf),
      return_reason: input.decision === 'return' ? (reason ?? null) : null,
    });
    return this.get(ctx, id);
  }
}
