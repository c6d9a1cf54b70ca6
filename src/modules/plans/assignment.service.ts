import type { Kysely, Updateable } from 'kysely';
import { authorize, can, type Permission } from '../../core/auth/access.js';
import { businessNow, businessToday, shanghaiDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { paging, toBool } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { AssignmentTable } from '../../core/db/schema-plans.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import * as repo from './assignment.repository.js';
import type {
  AssignmentDetailT,
  AssignmentItemT,
  AssignmentListQueryT,
  TransitionBodyT,
  TransitionEvent,
} from './assignment.schema.js';
import { TRANSITION_EVENTS } from './assignment.schema.js';
import {
  dashReport,
  invalidTransition,
  periodStatuses,
  SORT_KEYS,
  type SortableItem,
  schedule,
  toItem,
} from './assignment.view.js';
import { groupReports } from './domain/as-of.js';
import {
  type AssignmentEvent,
  type AssignmentState,
  allowedEvents,
  isTransitionError,
  REASON_REQUIRED_EVENTS,
  transition,
} from './domain/lifecycle.js';
import type { Period } from './domain/periods.js';
import { fromHundredths } from './domain/rollup.js';
import { mergeSettings, type PlanSettings, type PlanSettingsPatch } from './domain/settings.js';
import * as reportRepo from './report.repository.js';

export { invalidTransition } from './assignment.view.js';

/** Work the system does on its own (demo data, scheduled jobs) skips the caller check; routes never set it. */
export type SystemOption = { system?: boolean };

/** An assignment as the API addresses it: numeric id, or external id such as QD2015-M08-PSB. */
export type AssignmentRef = number | string;

type Row = repo.AssignmentListRow;

/** States in which a unit may file progress reports (signed or later, not finished or cancelled). */
export const REPORTABLE_STATES: readonly AssignmentState[] = ['signed', 'in_progress', 'completion_requested'];

/** Who may send each API event: the unit itself (own unit only) or the quality office. */
const EVENT_PERMISSION: Record<TransitionEvent, Permission> = {
  sign: 'assignments.work',
  dispute: 'assignments.work',
  uphold: 'assignments.manage',
  cancel: 'assignments.manage',
  reopen: 'assignments.manage',
  close: 'assignments.review',
};

/** Assignments (督查督办 tasks): lists with lights, detail with periods, sign-off and office decisions. */
export class AssignmentService {
  private readonly settingsCache = new Map<string, PlanSettings>();

  constructor(private readonly core: CoreDeps) {}

  /**
   * The instant every write of this module records. While QCITY_AS_OF pins the system inside a past plan
   * year (demo mode) and the real clock has passed that day, writes are dated on the pinned day (at the
   * real time of day): the demo world stays at its as-of date, so a sign-off made today still counts in
   * every as-of view, dashboards included. The audit row keeps the real instant.
   */
  now(): string {
    return businessNow(this.core.clock, this.core.config.asOf);
  }

  /** The business day of `now()` in Shanghai: uphold restarts, lateness, which periods have opened. */
  today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  /** The day lights are seen at when a caller names none: QCITY_AS_OF, else today in Shanghai. */
  defaultAsOf(): string {
    return this.core.config.asOf ?? shanghaiDate(this.core.clock.now());
  }

  /** A plan's effective settings from its stored overrides, cached per distinct JSON text. */
  settings(json: string): PlanSettings {
    let s = this.settingsCache.get(json);
    if (!s) {
      s = mergeSettings(JSON.parse(json) as PlanSettingsPatch);
      this.settingsCache.set(json, s);
    }
    return s;
  }

  private asOfOr(asOf: string | undefined): string {
    if (asOf === undefined) return this.defaultAsOf();
    if (!isCalendarDate(asOf)) throw new QcError('QC_ERR_VALIDATION', [`asOf=${asOf}`]);
    return asOf;
  }

  /**
   * Unit scope of a read: `null` (all) for the office, leaders and assessors; the caller's own units for
   * unit staff. Naming another unit is refused with 403 rather than silently emptied.
   */
  scopeOf(ctx: RequestContext, unitCode: string | undefined): string[] | null {
    const permission: Permission = 'assignments.read';
    if (unitCode !== undefined) {
      authorize(ctx, permission, { unitCode });
      return [unitCode];
    }
    const actor = ctx.actor;
    if (actor && !can(actor, permission)) {
      const own = actor.roles.flatMap((g) =>
        g.scope !== null && can(actor, permission, { unitCode: g.scope }) ? [g.scope] : [],
      );
      if (own.length) return own;
    }
    // 401 without a caller, 403 when no grant reaches anything; otherwise the caller reads everything.
    authorize(ctx, permission);
    return null;
  }

  /** Items with lights for a filter, without an access check: for dashboards that checked access themselves. */
  async items(filter: repo.AssignmentFilter, asOf: string): Promise<SortableItem[]> {
    const db = this.core.db;
    const [rows, refs] = await Promise.all([repo.listAssignments(db, filter), repo.reportRefsOf(db, filter)]);
    const grouped = groupReports(refs.map(dashReport));
    return rows.map((row) => ({
      ...toItem(row, grouped.get(Number(row.id)) ?? [], asOf, this.settings(row.plan_settings_json)),
      unitOrder: Number(row.unit_order),
    }));
  }

  /**
   * A page of assignments with lights at `asOf`. The light filter, text search and sorting run in memory
   * after the lights are computed: a plan holds hundreds to a few thousand assignments, so one pass is cheap
   * and keeps the light a single pure function instead of a second SQL version of it.
   */
  async list(ctx: RequestContext, query: AssignmentListQueryT) {
    const unitCodes = this.scopeOf(ctx, query.unitCode);
    const asOf = this.asOfOr(query.asOf);
    let items = await this.items(
      { planId: query.planId, measureId: query.measureId, state: query.state, unitCodes },
      asOf,
    );
    if (query.light) items = items.filter((i) => i.light.code === query.light);
    const q = query.q?.trim().toLowerCase();
    if (q) {
      items = items.filter((i) =>
        [i.externalId, i.measureTitle, i.unitName, i.unitCode, i.measureExternalId].some((f) =>
          f.toLowerCase().includes(q),
        ),
      );
    }
    const sort = query.sort ?? 'measure';
    const dir = sort.startsWith('-') ? -1 : 1;
    const key = SORT_KEYS[sort.replace(/^-/, '')] ?? SORT_KEYS.measure!;
    const order = new Map(items.map((item, i) => [item.id, i]));
    items.sort((a, b) => dir * key(a, b) || order.get(a.id)! - order.get(b.id)!);
    const { page, pageSize, offset } = paging(query.page, query.pageSize);
    return {
      items: items.slice(offset, offset + pageSize).map(({ unitOrder: _, ...item }) => item),
      total: items.length,
      page,
      pageSize,
      asOf,
    };
  }

  /** The row behind a ref, or 404. */
  async findRow(ref: AssignmentRef, db: Kysely<DB> = this.core.db): Promise<Row> {
    const rows = await repo.listAssignments(db, refFilter(ref));
    const row = rows[0];
    if (!row) throw new QcError('QC_ERR_ASSIGNMENT_NOT_FOUND', [String(ref)]);
    return row;
  }

  /** One assignment with its measure, periods at `asOf`, reports and what this caller may do next. */
  async get(ctx: RequestContext, ref: AssignmentRef, asOfInput?: string): Promise<AssignmentDetailT> {
    const row = await this.findRow(ref);
    authorize(ctx, 'assignments.read', { unitCode: row.unit_code });
    const asOf = this.asOfOr(asOfInput);
    const db = this.core.db;
    const id = Number(row.id);
    const [actions, reports] = await Promise.all([
      repo.actionsForAssignment(db, Number(row.measure_id), row.action_id === null ? null : Number(row.action_id)),
      reportRepo.reportsOfAssignment(db, id),
    ]);
    const settings = this.settings(row.plan_settings_json);
    const item = toItem(row, groupReports([...reports].reverse().map(dashReport)).get(id) ?? [], asOf, settings);
    const target = { unitCode: row.unit_code };
    const state = row.state as AssignmentState;
    return {
      ...item,
      stateReason: row.state_reason,
      completedAt: row.completed_at,
      asOf,
      measure: {
        externalId: row.measure_external_id,
        number: Number(row.measure_number),
        title: row.measure_title,
        actions: actions.map((a) => ({
          externalId: a.external_id,
          text: a.text,
          dueDate: a.due_date,
          deadlineType: a.deadline_type,
        })),
      },
      plan: { id: Number(row.plan_id), code: row.plan_code, title: row.plan_title },
      periods: periodStatuses(row, reports, asOf, settings),
      allowedEvents: allowedEvents(state).filter(
        (e): e is TransitionEvent =>
          (TRANSITION_EVENTS as readonly string[]).includes(e) &&
          can(ctx.actor, EVENT_PERMISSION[e as TransitionEvent], target),
      ),
      canReport: REPORTABLE_STATES.includes(state) && can(ctx.actor, 'assignments.work', target),
      reports: reports.map((r) => ({
        id: Number(r.id),
        period: r.period,
        status: r.status,
        progress: fromHundredths(Number(r.progress)),
        late: toBool(r.late),
        requestClose: toBool(r.request_close),
        submittedAt: r.submitted_at,
        reviewedAt: r.reviewed_at,
        returnReason: r.return_reason,
        supersedesId: r.supersedes_id === null ? null : Number(r.supersedes_id),
        version: Number(r.version),
        origin: r.origin,
      })),
    };
  }

  /** Report periods of an assignment that have opened by `day` (ad hoc cadence: none are scheduled). */
  schedule(row: Pick<AssignmentTable, 'cadence' | 'dispatched_on'>, settings: PlanSettings, day: string): Period[] {
    return schedule(row, settings, day);
  }

  /** The state `event` leads to, or the localised 409. */
  nextState(ctx: RequestContext, row: Row, event: AssignmentEvent): AssignmentState {
    try {
      return transition(row.state as AssignmentState, event);
    } catch (err) {
      if (isTransitionError(err)) {
        throw invalidTransition(ctx.lang, row.state, event, this.settings(row.plan_settings_json));
      }
      throw err;
    }
  }

  /**
   * Writes a change to an assignment inside the caller's transaction, checking its version, and appends
   * the one audit row with the changed fields before and after.
   */
  async writeChange(
    trx: Kysely<DB>,
    ctx: RequestContext,
    row: Row,
    values: Omit<Updateable<AssignmentTable>, 'id' | 'version' | 'updated_at'>,
    action: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const at = this.now();
    if (!(await repo.updateAssignment(trx, Number(row.id), Number(row.version), { ...values, updated_at: at }))) {
      throw new QcError('QC_ERR_CONFLICT');
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(values)) {
      const field = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      const old = (row as Record<string, unknown>)[column];
      before[field] = column === 'progress' ? fromHundredths(Number(old)) : old;
      after[field] = column === 'progress' ? fromHundredths(Number(value)) : value;
    }
    await this.core.audit.append(trx, ctx, {
      action,
      entityType: 'assignment',
      entityId: row.external_id,
      before,
      after: { ...after, ...extra },
    });
  }

  /**
   * Sign-off and office decisions (R-S2, R-S6): sign, dispute (reason), uphold (the sign clock restarts
   * today), cancel (reason), reopen (reason), close (销号, from completed). One audit row per transition.
   */
  async transition(
    ctx: RequestContext,
    ref: AssignmentRef,
    body: TransitionBodyT,
    options: SystemOption = {},
  ): Promise<AssignmentItemT> {
    return this.itemOf((await this.applyTransition(ctx, ref, body, options)).id);
  }

  /** `transition` without reading the result back: the id and new version (bulk work such as demo data). */
  async applyTransition(
    ctx: RequestContext,
    ref: AssignmentRef,
    body: TransitionBodyT,
    options: SystemOption = {},
  ): Promise<{ id: number; version: number }> {
    const row = await this.findRow(ref);
    const event = body.event;
    if (!options.system) authorize(ctx, EVENT_PERMISSION[event], { unitCode: row.unit_code });
    const reason = body.reason?.trim() || null;
    if ((REASON_REQUIRED_EVENTS as readonly string[]).includes(event) && !reason) {
      throw new QcError('QC_ERR_REASON_REQUIRED');
    }
    if (Number(row.version) !== body.version) throw new QcError('QC_ERR_CONFLICT');
    const next = this.nextState(ctx, row, event);
    const now = this.now();
    const values: Omit<Updateable<AssignmentTable>, 'id' | 'version' | 'updated_at'> = { state: next };
    if (event === 'sign') values.signed_at = now;
    if (event === 'dispute' || event === 'cancel') values.state_reason = reason;
    if (event === 'uphold') Object.assign(values, { dispatched_on: this.today(), state_reason: reason });
    if (event === 'reopen') {
      Object.assign(values, { state_reason: reason, completed_at: null });
      // A cancelled assignment comes back dispatched: it must be signed again, on a fresh clock.
      if (next === 'dispatched') Object.assign(values, { dispatched_on: this.today(), signed_at: null });
    }
    await this.core.db.transaction().execute(async (trx) => {
      await this.writeChange(trx, ctx, row, values, `assignment.${event}`, reason ? { reason } : {});
    });
    return { id: Number(row.id), version: Number(row.version) + 1 };
  }

  /** The current list item of one assignment at the default as-of day. */
  async itemOf(id: number): Promise<AssignmentItemT> {
    const [item] = await this.items({ id }, this.defaultAsOf());
    if (!item) throw new QcError('QC_ERR_ASSIGNMENT_NOT_FOUND', [id]);
    const { unitOrder: _, ...rest } = item;
    return rest;
  }
}

function refFilter(ref: AssignmentRef): repo.AssignmentFilter {
  if (typeof ref === 'number') return { id: ref };
  return /^\d+$/.test(ref) ? { id: Number(ref) } : { externalId: ref };
}
