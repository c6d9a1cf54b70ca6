import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { authorize, can } from '../../core/auth/access.js';
import type { RequestContext } from '../../core/context.js';
import { fromJson, paging, toBool, toFlag } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import type { FileService } from '../../core/files/files.service.js';
import {
  type AssignmentRef,
  type AssignmentService,
  invalidTransition,
  REPORTABLE_STATES,
  type SystemOption,
} from './assignment.service.js';
import { type AssignmentState, isTransitionError, type ReportState, reportTransition } from './domain/lifecycle.js';
import { isLate, type Period, periodFromKey } from './domain/periods.js';
import { toHundredths } from './domain/rollup.js';
import type { PlanSettings } from './domain/settings.js';
import * as repo from './report.repository.js';
import type {
  CreateReportBodyT,
  EvidenceInputT,
  REPORT_ACTIONS,
  ReportDetailT,
  ReportListQueryT,
  ReviewBodyT,
  UpdateReportBodyT,
} from './report.schema.js';
import {
  type Content,
  checkContent,
  evidenceInput,
  evidenceKey,
  listItem,
  pick,
  snapshot,
  toDetail,
  trimEvidence,
  trimmed,
} from './report.view.js';

type Row = Awaited<ReturnType<AssignmentService['findRow']>>;

/** An evidence item to stream (a stored file) or to follow (a link). */
export type EvidenceDownload =
  | { kind: 'file'; name: string; mime: string; size: number; stream: Readable }
  | { kind: 'link'; name: string; url: string };

/** Progress reports (R-S4) and their review (R-S5); only accepted reports move an assignment's progress. */
export class ReportService {
  constructor(
    private readonly core: CoreDeps,
    private readonly assignments: AssignmentService,
    private readonly files: FileService,
  ) {}

  private async mustFind(id: number, db: Kysely<DB> = this.core.db): Promise<repo.ReportRow> {
    const report = await repo.findReport(db, id);
    if (!report) throw new QcError('QC_ERR_REPORT_NOT_FOUND', [id]);
    return report;
  }

  /** The report period named by `key` if it has opened by today for this assignment, else 400. */
  private checkPeriod(row: Row, settings: PlanSettings, key: string): Period {
    const today = this.assignments.today();
    if (row.cadence === 'adhoc') {
      const p = periodFromKey(key, settings.reportDueDay);
      if (p?.cadence === 'adhoc' && key >= row.dispatched_on && key <= today) return p;
    } else {
      const p = this.assignments.schedule(row, settings, today).find((s) => s.key === key);
      if (p) return p;
    }
    throw new QcError('QC_ERR_REPORT_PERIOD', [key]);
  }

  private async checkFiles(evidence: readonly EvidenceInputT[]): Promise<void> {
    const ids = evidence.flatMap((e) => ('fileId' in e ? [e.fileId] : []));
    const found = await repo.existingFileIds(this.core.db, ids);
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new QcError('QC_ERR_FILE_NOT_FOUND', [missing]);
  }

  /** The assignment state a submitted completion request leads to (signed work starts on the way), or 409. */
  private requestState(ctx: RequestContext, row: Row): AssignmentState {
    const started = row.state === 'signed' ? this.assignments.nextState(ctx, row, 'start') : row.state;
    return this.assignments.nextState(ctx, { ...row, state: started }, 'request_completion');
  }

  private async validate(ctx: RequestContext, row: Row, c: Content, submit: boolean) {
    const settings = this.assignments.settings(row.plan_settings_json);
    const period = this.checkPeriod(row, settings, c.period);
    checkContent(c, Number(row.progress), settings);
    await this.checkFiles(c.evidence);
    if (submit && c.requestClose) this.requestState(ctx, row);
    return period;
  }

  /**
   * Files a report on an assignment of the caller's own unit, as a draft or submitted at once (R-S4).
   * Nothing is written unless every check passes.
   */
  async create(
    ctx: RequestContext,
    ref: AssignmentRef,
    body: CreateReportBodyT,
    options: SystemOption = {},
  ): Promise<ReportDetailT> {
    return this.detail(ctx, (await this.file(ctx, ref, body, options)).id);
  }

  /** `create` without reading the result back: the new report's id and version (bulk work such as demo data). */
  async file(
    ctx: RequestContext,
    ref: AssignmentRef,
    body: CreateReportBodyT,
    options: SystemOption = {},
  ): Promise<{ id: number; version: number }> {
    const row = await this.assignments.findRow(ref);
    if (!options.system) authorize(ctx, 'assignments.work', { unitCode: row.unit_code });
    if (!REPORTABLE_STATES.includes(row.state as AssignmentState)) {
      throw invalidTransition(ctx.lang, row.state, 'report', this.assignments.settings(row.plan_settings_json));
    }
    const content: Content = {
      period: body.period,
      progress: toHundredths(body.progress),
      narrative: body.narrative.trim(),
      issues: trimmed(body.issues),
      nextSteps: trimmed(body.nextSteps),
      keyResults: body.keyResults ?? [],
      requestClose: body.requestClose ?? false,
      regressReason: trimmed(body.regressReason),
      evidence: trimEvidence(body.evidence ?? []),
    };
    const submit = body.submit ?? false;
    const period = await this.validate(ctx, row, content, submit);
    const now = this.assignments.now();
    const id = await this.core.db.transaction().execute(async (trx) => {
      const existing = await repo.reportsOfAssignment(trx, Number(row.id));
      const samePeriod = existing.filter((r) => r.period === content.period);
      if (samePeriod.some((r) => r.status === 'draft' || r.status === 'submitted')) {
        throw new QcError('QC_ERR_REPORT_OPEN');
      }
      const superseded = samePeriod.find((r) => r.status === 'accepted');
      const reportId = await repo.insertReport(trx, {
        assignment_id: Number(row.id),
        period: content.period,
        status: submit ? 'submitted' : 'draft',
        progress: content.progress,
        narrative: content.narrative,
        issues: content.issues,
        next_steps: content.nextSteps,
        key_results: JSON.stringify(content.keyResults),
        request_close: toFlag(content.requestClose),
        regress_reason: content.regressReason,
        late: toFlag(submit && isLate(period, this.assignments.today())),
        supersedes_id: superseded ? Number(superseded.id) : null,
        submitted_at: submit ? now : null,
        reviewed_at: null,
        reviewed_by: null,
        return_reason: null,
        created_by: ctx.actor?.userId ?? null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await repo.insertEvidence(trx, this.evidenceRows(reportId, content.evidence, now));
      await this.core.audit.append(trx, ctx, {
        action: 'report.create',
        entityType: 'report',
        entityId: String(reportId),
        after: { assignment: row.external_id, ...snapshot(content), status: submit ? 'submitted' : 'draft' },
      });
      if (submit && content.requestClose) await this.requestCompletion(trx, ctx, row);
      return reportId;
    });
    return { id, version: 1 };
  }

  private evidenceRows(reportId: number, evidence: readonly EvidenceInputT[], now: string) {
    return evidence.map((e) => ({
      report_id: reportId,
      file_id: 'fileId' in e ? e.fileId : null,
      url: 'url' in e ? e.url : null,
      name: e.name,
      created_at: now,
    }));
  }

  // The row read before the transaction is enough: writeChange's version check refuses a concurrent change.
  private async requestCompletion(trx: Kysely<DB>, ctx: RequestContext, row: Row) {
    await this.assignments.writeChange(
      trx,
      ctx,
      row,
      { state: this.requestState(ctx, row) },
      'assignment.request_completion',
    );
  }

  /**
   * Edits a draft or returned report (accepted and submitted ones are fixed), optionally submitting it;
   * `evidence`, when given, is the full new list. Submitting a completion request moves the assignment to
   * 办结申请.
   */
  async update(
    ctx: RequestContext,
    id: number,
    body: UpdateReportBodyT,
    options: SystemOption = {},
  ): Promise<ReportDetailT> {
    return this.detail(ctx, (await this.save(ctx, id, body, options)).id);
  }

  /** `update` without reading the result back: the id and new version. */
  async save(
    ctx: RequestContext,
    id: number,
    body: UpdateReportBodyT,
    options: SystemOption = {},
  ): Promise<{ id: number; version: number }> {
    const report = await this.mustFind(id);
    const row = await this.assignments.findRow(Number(report.assignment_id));
    if (!options.system) authorize(ctx, 'assignments.work', { unitCode: row.unit_code });
    const submit = body.submit ?? false;
    const status = report.status as ReportState;
    if (status !== 'draft' && status !== 'returned')
      throw invalidTransition(ctx.lang, status, submit ? 'submit' : 'edit');
    if (Number(report.version) !== body.version) throw new QcError('QC_ERR_CONFLICT');
    const oldEvidence = await repo.evidenceOf(this.core.db, [id]);
    const before: Content = {
      period: report.period,
      progress: Number(report.progress),
      narrative: report.narrative,
      issues: report.issues,
      nextSteps: report.next_steps,
      keyResults: fromJson(report.key_results),
      requestClose: toBool(report.request_close),
      regressReason: report.regress_reason,
      evidence: oldEvidence.map(evidenceInput),
    };
    const content: Content = {
      period: body.period ?? before.period,
      progress: body.progress === undefined ? before.progress : toHundredths(body.progress),
      narrative: body.narrative === undefined ? before.narrative : body.narrative.trim(),
      issues: body.issues === undefined ? before.issues : trimmed(body.issues),
      nextSteps: body.nextSteps === undefined ? before.nextSteps : trimmed(body.nextSteps),
      keyResults: body.keyResults ?? before.keyResults,
      requestClose: body.requestClose ?? before.requestClose,
      regressReason: body.regressReason === undefined ? before.regressReason : trimmed(body.regressReason),
      evidence: body.evidence ? trimEvidence(body.evidence) : before.evidence,
    };
    const next = submit ? this.reportNext(ctx, status, 'submit') : status;
    const period = await this.validate(ctx, row, content, submit);
    const now = this.assignments.now();
    await this.core.db.transaction().execute(async (trx) => {
      if (content.period !== before.period) {
        const others = await repo.reportsOfAssignment(trx, Number(row.id));
        if (others.some((r) => r.period === content.period && (r.status === 'draft' || r.status === 'submitted'))) {
          throw new QcError('QC_ERR_REPORT_OPEN');
        }
      }
      const values = {
        period: content.period,
        status: next,
        progress: content.progress,
        narrative: content.narrative,
        issues: content.issues,
        next_steps: content.nextSteps,
        key_results: JSON.stringify(content.keyResults),
        request_close: toFlag(content.requestClose),
        regress_reason: content.regressReason,
        updated_at: now,
        ...(submit ? { submitted_at: now, late: toFlag(isLate(period, this.assignments.today())) } : {}),
      };
      if (!(await repo.updateReport(trx, id, Number(report.version), values))) throw new QcError('QC_ERR_CONFLICT');
      // Evidence is never edited: unchanged items keep their rows, removed ones go, new ones are added.
      const wanted = new Set(content.evidence.map(evidenceKey));
      const kept = new Set(before.evidence.map(evidenceKey));
      await repo.deleteEvidence(
        trx,
        oldEvidence.filter((e) => !wanted.has(evidenceKey(evidenceInput(e)))).map((e) => Number(e.id)),
      );
      await repo.insertEvidence(
        trx,
        this.evidenceRows(
          id,
          content.evidence.filter((e) => !kept.has(evidenceKey(e))),
          now,
        ),
      );
      const [b, a] = [snapshot(before), snapshot(content)];
      const changed = Object.keys(a).filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
      await this.core.audit.append(trx, ctx, {
        action: submit ? 'report.submit' : 'report.update',
        entityType: 'report',
        entityId: String(id),
        before: { status, ...pick(b, changed) },
        after: { status: next, ...pick(a, changed) },
      });
      if (submit && content.requestClose) await this.requestCompletion(trx, ctx, row);
    });
    return { id, version: Number(report.version) + 1 };
  }

  /** Submits a draft or returned report as it stands (R-S5 draft→submitted, returned→submitted). */
  submit(ctx: RequestContext, id: number, body: { version: number }, options: SystemOption = {}) {
    return this.update(ctx, id, { version: body.version, submit: true }, options);
  }

  private reportNext(ctx: RequestContext, state: ReportState, event: 'submit' | 'accept' | 'return'): ReportState {
    try {
      return reportTransition(state, event);
    } catch (err) {
      if (isTransitionError(err)) throw invalidTransition(ctx.lang, state, event);
      throw err;
    }
  }

  /**
   * The office's review (R-S5): accept sets the assignment's progress to the report's (starting signed
   * work, completing a completion request); return needs a reason and sends a completion
   * request back to 承办.
   */
  async review(ctx: RequestContext, id: number, body: ReviewBodyT, options: SystemOption = {}): Promise<ReportDetailT> {
    return this.detail(ctx, (await this.decide(ctx, id, body, options)).id);
  }

  /** `review` without reading the result back: the id and new version. */
  async decide(
    ctx: RequestContext,
    id: number,
    body: ReviewBodyT,
    options: SystemOption = {},
  ): Promise<{ id: number; version: number }> {
    const report = await this.mustFind(id);
    const row = await this.assignments.findRow(Number(report.assignment_id));
    if (!options.system) authorize(ctx, 'assignments.review', { unitCode: row.unit_code });
    const reason = trimmed(body.reason);
    if (body.decision === 'return' && !reason) throw new QcError('QC_ERR_REASON_REQUIRED');
    // Only accepted reports are quoted as 典型经验, so the flag belongs to acceptance.
    const exemplary = body.decision === 'accept' && body.exemplary === true;
    if (body.decision === 'return' && body.exemplary) {
      throw new QcError('QC_ERR_VALIDATION', ['exemplary: only an accepted report can be flagged']);
    }
    if (Number(report.version) !== body.version) throw new QcError('QC_ERR_CONFLICT');
    const status = report.status as ReportState;
    const next = this.reportNext(ctx, status, body.decision);
    const now = this.assignments.now();
    await this.core.db.transaction().execute(async (trx) => {
      const values = {
        status: next,
        reviewed_at: now,
        reviewed_by: ctx.actor?.userId ?? null,
        return_reason: body.decision === 'return' ? reason : null,
        updated_at: now,
        ...(exemplary ? { exemplary: 1 } : {}),
      };
      if (!(await repo.updateReport(trx, id, Number(report.version), values))) throw new QcError('QC_ERR_CONFLICT');
      await this.core.audit.append(trx, ctx, {
        action: `report.${body.decision}`,
        entityType: 'report',
        entityId: String(id),
        before: { status },
        after: { status: next, ...(reason ? { reason } : {}), ...(exemplary ? { exemplary } : {}) },
      });
      const current = row;
      const state = current.state as AssignmentState;
      const closing = toBool(report.request_close) && state === 'completion_requested';
      if (body.decision === 'return') {
        if (closing) {
          const to = this.assignments.nextState(ctx, current, 'reject_completion');
          await this.assignments.writeChange(trx, ctx, current, { state: to }, 'assignment.reject_completion', {
            reason,
            report: id,
          });
        }
        return;
      }
      // The report accepted last sets the progress: the same rule the as-of views replay from reviewed_at.
      let progress = Number(report.progress);
      let action = 'assignment.progress';
      const change: { state?: AssignmentState; progress?: number; completed_at?: string } = {};
      if (closing) {
        change.state = this.assignments.nextState(ctx, current, 'complete');
        change.completed_at = now;
        progress = 10_000;
        action = 'assignment.complete';
      } else if (state === 'signed') {
        change.state = this.assignments.nextState(ctx, current, 'start');
        action = 'assignment.start';
      }
      if (progress !== Number(current.progress)) change.progress = progress;
      if (Object.keys(change).length) {
        await this.assignments.writeChange(trx, ctx, current, change, action, { report: id });
      }
    });
    return { id, version: Number(report.version) + 1 };
  }

  /** The review queue and report lists: the office and leaders see all, units their own. */
  async list(ctx: RequestContext, query: ReportListQueryT) {
    const unitCodes = this.assignments.scopeOf(ctx, query.unitCode);
    const { page, pageSize, offset } = paging(query.page, query.pageSize);
    const filter = { status: query.status, planId: query.planId, assignmentId: query.assignmentId, unitCodes };
    const [total, rows] = await Promise.all([
      repo.countReports(this.core.db, filter),
      repo.listReports(this.core.db, filter, offset, pageSize),
    ]);
    return { items: rows.map(listItem), total, page, pageSize };
  }

  /** One report with its evidence, if the caller may read its assignment. */
  async get(ctx: RequestContext, id: number): Promise<ReportDetailT> {
    const report = await this.mustFind(id);
    const row = await this.assignments.findRow(Number(report.assignment_id));
    authorize(ctx, 'assignments.read', { unitCode: row.unit_code });
    return this.detail(ctx, id);
  }

  private async detail(ctx: RequestContext, id: number): Promise<ReportDetailT> {
    const [row] = await repo.listReports(this.core.db, { reportId: id }, 0, 1);
    if (!row) throw new QcError('QC_ERR_REPORT_NOT_FOUND', [id]);
    const evidence = await repo.evidenceOf(this.core.db, [id]);
    const target = { unitCode: row.unit_code };
    const actions: (typeof REPORT_ACTIONS)[number][] = [];
    if ((row.status === 'draft' || row.status === 'returned') && can(ctx.actor, 'assignments.work', target)) {
      actions.push('edit', 'submit');
    }
    if (row.status === 'submitted' && can(ctx.actor, 'assignments.review', target)) actions.push('accept', 'return');
    return toDetail(row, evidence, actions);
  }

  /** Opens one evidence item after checking the caller may read the report's assignment. */
  async evidence(ctx: RequestContext, id: number, evidenceId: number): Promise<EvidenceDownload> {
    const report = await this.mustFind(id);
    const row = await this.assignments.findRow(Number(report.assignment_id));
    authorize(ctx, 'assignments.read', { unitCode: row.unit_code });
    const item = (await repo.evidenceOf(this.core.db, [id])).find((e) => Number(e.id) === evidenceId);
    if (!item) throw new QcError('QC_ERR_NOT_FOUND');
    if (item.url) return { kind: 'link', name: item.name, url: item.url };
    const file = await this.files.download(ctx, Number(item.file_id));
    return { kind: 'file', name: item.name, mime: file.mime, size: file.size, stream: file.stream };
  }
}
