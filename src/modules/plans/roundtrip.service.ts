import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { authorize } from '../../core/auth/access.js';
import type { RequestContext } from '../../core/context.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { type ErrorCode, QcError } from '../../core/errors.js';
import { listAssignments } from './assignment.repository.js';
import type { AssignmentService } from './assignment.service.js';
import type { ExportFile } from './dashboard.service.js';
import { type Cadence, periodOf } from './domain/periods.js';
import { HeaderError, SHEET_NAMES, type SheetName } from './domain/roundtrip.js';
import { planImport } from './domain/roundtrip-diff.js';
import { findingMessage } from './domain/roundtrip-messages.js';
import { type CurrentPlan, exportRows, type ImportPlan, type PlannedRow } from './domain/roundtrip-model.js';
import { insertReport } from './report.repository.js';
import { errorCsv, errorWorkbook, readUpload, writeCsv, writeWorkbook } from './roundtrip.files.js';
import * as repo from './roundtrip.repository.js';
import type { ExportQueryT, ImportQueryT, ImportResultT } from './roundtrip.schema.js';
import { type AssignmentRow, assignmentValues, entityOf, num, side, text, toCurrentPlan } from './roundtrip.view.js';

/** An uploaded file as the routes hand it over. */
export interface RoundTripUpload {
  fileName: string;
  bytes: Uint8Array;
}

/** A file to send, with its MIME type. */
export type RoundTripFile = ExportFile & { mime: string };

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIME = 'text/csv; charset=utf-8';
const CADENCES: readonly string[] = ['monthly', 'quarterly', 'adhoc'];

/** Rows and findings beyond this are counted but not listed in the answer (the error file lists all). */
const LISTED = 2_000;

interface Loaded {
  head: NonNullable<Awaited<ReturnType<typeof repo.planHead>>>;
  plan: CurrentPlan;
  sectionIds: Map<number, number>;
  measureIds: Map<string, number>;
  actionIds: Map<string, number>;
  rows: Map<number, AssignmentRow>;
}

/**
 * The plan's CSV/Excel round trip (R-S13): export measures, actions and assignments; import the same
 * columns as a dry run (counts, per-row diffs and findings) or a commit (all or nothing, every write audited
 * with source `import`). Assignment state and progress changes follow the lifecycle rules in
 * domain/roundtrip-diff.ts and are written through AssignmentService.writeChange, like the office's own
 * transitions.
 */
export class RoundTripService {
  constructor(
    private readonly core: CoreDeps,
    private readonly assignments: AssignmentService,
  ) {}

  /** Import and export are the office's (plans.manage); routes call this before reading an upload. */
  authorize(ctx: RequestContext): void {
    authorize(ctx, 'plans.manage');
  }

  private async load(planId: number, db: Kysely<DB> = this.core.db): Promise<Loaded> {
    const head = await repo.planHead(db, planId);
    if (!head) throw new QcError('QC_ERR_PLAN_NOT_FOUND', [planId]);
    // A draft's structure lives in its parse result until publishing writes the rows.
    if (head.status === 'draft') throw new QcError('QC_ERR_IMPORT_PLAN_STATUS');
    const asOf = this.assignments.defaultAsOf();
    const [sections, measures, actions, rows, submissions, units, items] = await Promise.all([
      repo.sectionsOf(db, planId),
      repo.measuresOf(db, planId),
      repo.actionsOf(db, planId),
      listAssignments(db, { planId }),
      repo.lastSubmissions(db, planId),
      repo.assignableUnits(db),
      this.assignments.items({ planId }, asOf),
    ]);
    const plan = toCurrentPlan(
      head,
      { sections, measures, actions, rows, submissions, units, items },
      (json) => this.assignments.settings(json).cadence,
    );
    return {
      head,
      plan,
      sectionIds: new Map(sections.map((s) => [Number(s.number), Number(s.id)])),
      measureIds: new Map(measures.map((m) => [m.external_id, Number(m.id)])),
      actionIds: new Map(actions.map((a) => [a.external_id, Number(a.id)])),
      rows: new Map(rows.map((r) => [Number(r.id), r])),
    };
  }

  /** The plan as an .xlsx workbook (three sheets) or one sheet as CSV. */
  async exportFile(ctx: RequestContext, planId: number, query: ExportQueryT): Promise<RoundTripFile> {
    this.authorize(ctx);
    const { head, plan } = await this.load(planId);
    const rows = exportRows(plan);
    const day = this.assignments.today();
    if (query.format === 'csv') {
      const sheet = query.sheet ?? 'assignments';
      const name = `${head.code}-${sheet}-${day}.csv`;
      return { fileName: name, asciiName: name, bytes: writeCsv(sheet, rows[sheet]), mime: CSV_MIME };
    }
    return {
      fileName: `${head.code}-任务表-${day}.xlsx`,
      asciiName: `${head.code}-roundtrip-${day}.xlsx`,
      bytes: await writeWorkbook(rows, `${head.title} 导入导出`),
      mime: XLSX_MIME,
    };
  }

  // Reads the upload and compares it with the plan; file work happens before any transaction.
  private async compare(planId: number, upload: RoundTripUpload, sheet: SheetName | undefined) {
    const file = await readUpload(Buffer.from(upload.bytes), upload.fileName, sheet);
    const loaded = await this.load(planId);
    let plan: ImportPlan;
    try {
      plan = planImport(loaded.plan, file.sheets);
    } catch (err) {
      if (err instanceof HeaderError) {
        throw new QcError(`QC_ERR_IMPORT_${err.code}` as ErrorCode, [err.sheet, err.column], {
          sheet: err.sheet,
          column: err.column,
        });
      }
      throw err;
    }
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ planId, rows: plan.rows, findings: plan.findings }))
      .digest('hex');
    return { file, loaded, plan, fingerprint };
  }

  /**
   * A dry run (default) or a commit of an uploaded file. The commit refuses the whole file while any row
   * has an error, or when the outcome differs from the dry run's `fingerprint`.
   */
  async importFile(
    ctx: RequestContext,
    planId: number,
    upload: RoundTripUpload,
    query: ImportQueryT,
  ): Promise<ImportResultT> {
    this.authorize(ctx);
    const { file, loaded, plan, fingerprint } = await this.compare(planId, upload, query.sheet);
    const mode = query.mode ?? 'dryRun';
    if (mode === 'commit') {
      if (loaded.head.status !== 'published') throw new QcError('QC_ERR_IMPORT_PLAN_STATUS');
      if (plan.totals.errors > 0) {
        throw new QcError('QC_ERR_IMPORT_ROW_ERRORS', [plan.totals.errors], {
          totals: plan.totals,
          findings: plan.findings.slice(0, 100).map((f) => ({ ...f, message: findingMessage(f, ctx.lang) })),
        });
      }
      if (query.fingerprint && query.fingerprint !== fingerprint) throw new QcError('QC_ERR_IMPORT_STALE');
      // An unchanged file commits nothing: no transaction, no audit row.
      if (plan.rows.length) await this.commit(loaded, plan, ctx, upload.fileName);
    }
    return {
      mode,
      committed: mode === 'commit',
      format: file.format,
      sheets: plan.sheets,
      fingerprint,
      counts: plan.counts,
      totals: plan.totals,
      rows: plan.rows.slice(0, LISTED).map((r) => ({
        sheet: r.sheet,
        row: r.row,
        op: r.op,
        externalId: r.externalId,
        event: r.event,
        changes: r.changes,
      })),
      findings: plan.findings.slice(0, LISTED).map((f) => ({
        sheet: f.sheet,
        row: f.row,
        column: f.column,
        externalId: f.externalId,
        code: f.code,
        severity: f.severity,
        value: f.value,
        message: findingMessage(f, ctx.lang),
      })),
      truncated: plan.rows.length > LISTED || plan.findings.length > LISTED,
    };
  }

  private async commit(loaded: Loaded, plan: ImportPlan, ctx: RequestContext, fileName: string) {
    try {
      await this.core.db.transaction().execute((trx) => this.write(trx, ctx, loaded, plan, fileName));
    } catch (err) {
      // Someone created the same ID between our read and the write: the whole import is refused.
      if (isUniqueViolation(err)) throw new QcError('QC_ERR_CONFLICT');
      throw err;
    }
  }

  /** The upload with its row findings marked (xlsx), or the findings as CSV (CSV upload). */
  async errorFile(
    ctx: RequestContext,
    planId: number,
    upload: RoundTripUpload,
    sheet: SheetName | undefined,
  ): Promise<RoundTripFile> {
    this.authorize(ctx);
    const { file, loaded, plan } = await this.compare(planId, upload, sheet);
    const base = `${loaded.head.code}-导入错误清单-${this.assignments.today()}`;
    const ascii = `${loaded.head.code}-import-errors-${this.assignments.today()}`;
    if (file.format === 'csv') {
      const bytes = errorCsv(plan.findings, ctx.lang);
      return { fileName: `${base}.csv`, asciiName: `${ascii}.csv`, bytes, mime: CSV_MIME };
    }
    const bytes = await errorWorkbook(Buffer.from(upload.bytes), plan.findings, ctx.lang);
    return { fileName: `${base}.xlsx`, asciiName: `${ascii}.xlsx`, bytes, mime: XLSX_MIME };
  }

  private async write(trx: Kysely<DB>, ctx: RequestContext, l: Loaded, plan: ImportPlan, fileName: string) {
    const ictx: RequestContext = { ...ctx, source: 'import' };
    const now = this.assignments.now();
    const today = this.assignments.today();
    const planId = Number(l.head.id);
    // Sheet order: a new action may name a measure, a new assignment an action, that already existed.
    for (const sheet of SHEET_NAMES) {
      for (const r of plan.rows.filter((p) => p.sheet === sheet)) {
        const where = { importRow: `${r.sheet}!${r.row}` };
        if (sheet === 'assignments' && r.op !== 'create') {
          const row = l.rows.get(r.id!)!;
          const values = assignmentValues(r, row, today);
          const action = r.event
            ? `assignment.${r.event}`
            : 'progress' in r.set
              ? 'assignment.progress'
              : 'assignment.update';
          await this.assignments.writeChange(trx, ictx, row, values, action, {
            ...where,
            ...(r.reason ? { reason: r.reason } : {}),
          });
          if (values.progress !== undefined && values.progress !== null) {
            await this.recordProgress(trx, ctx, row, Number(values.progress), r.reason ?? null, fileName, now, today);
          }
          continue;
        }
        if (r.op === 'create') await this.create(trx, l, r, planId, now, today);
        else await this.update(trx, l, r);
        await this.core.audit.append(trx, ictx, {
          action: `${entityOf(sheet)}.${r.op}`,
          entityType: entityOf(sheet),
          entityId: r.externalId,
          ...(r.op === 'update' ? { before: side(r, 'old') } : {}),
          after: { ...side(r, 'new'), ...where },
        });
      }
    }
    await this.core.audit.append(trx, ictx, {
      action: 'plan.import_rows',
      entityType: 'plan',
      entityId: String(planId),
      after: { fileName, sheets: plan.sheets, totals: plan.totals },
    });
  }

  /**
   * Progress set by import is also an accepted report of origin `import` for the current period: dashboards,
   * lights and bulletins take progress from accepted reports at each as-of day, so this is how the figure
   * reaches them; its origin keeps it from counting as the unit's own report for the period.
   */
  private async recordProgress(
    trx: Kysely<DB>,
    ctx: RequestContext,
    row: AssignmentRow,
    progress: number,
    reason: string | null,
    fileName: string,
    now: string,
    today: string,
  ) {
    const settings = this.assignments.settings(row.plan_settings_json);
    const cadence = CADENCES.includes(row.cadence as Cadence) ? (row.cadence as Cadence) : settings.cadence;
    await insertReport(trx, {
      assignment_id: Number(row.id),
      period: periodOf(today, cadence, settings.reportDueDay).key,
      status: 'accepted',
      progress,
      narrative: `质量办通过 Excel 导入调整进度(${fileName})`,
      issues: null,
      next_steps: null,
      key_results: '[]',
      request_close: 0,
      regress_reason: progress < Number(row.progress) ? reason : null,
      late: 0,
      supersedes_id: null,
      submitted_at: now,
      reviewed_at: now,
      reviewed_by: ctx.actor?.userId ?? null,
      return_reason: null,
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
      origin: 'import',
    });
  }

  private async create(trx: Kysely<DB>, l: Loaded, r: PlannedRow, planId: number, now: string, today: string) {
    const s = r.set;
    if (r.sheet === 'measures') {
      const id = await repo.insertMeasure(trx, {
        plan_id: planId,
        section_id: l.sectionIds.get(Number(s.section_no))!,
        external_id: r.externalId,
        ord: Number(s.ord),
        number: Number(s.number),
        title: String(s.title),
        responsibility_raw: text(s.responsibility_raw),
        non_exhaustive: 0,
        weight_bp: num(s.weight_bp),
      });
      l.measureIds.set(r.externalId, id);
    } else if (r.sheet === 'actions') {
      const id = await repo.insertAction(trx, {
        plan_id: planId,
        measure_id: l.measureIds.get(String(s.measure_external_id))!,
        external_id: r.externalId,
        ord: Number(s.ord),
        text: String(s.text),
        deadline_type: String(s.deadline_type),
        due_date: text(s.due_date),
        deadline_rule: null,
        deadline_raw: null,
        mentions_districts: 0,
        links: '',
        weight_bp: num(s.weight_bp),
      });
      l.actionIds.set(r.externalId, id);
    } else {
      await repo.insertAssignment(trx, {
        plan_id: planId,
        measure_id: l.measureIds.get(String(s.measure_external_id))!,
        action_id: s.action_external_id === null ? null : l.actionIds.get(String(s.action_external_id))!,
        external_id: r.externalId,
        unit_code: String(s.unit_code),
        role: String(s.role),
        kind: 'task',
        deadline_type: String(s.deadline_type),
        due_date: text(s.due_date),
        cadence: String(s.cadence),
        state: String(s.state),
        progress: 0,
        dispatched_on: today,
        signed_at: null,
        completed_at: null,
        state_reason: text(s.state_reason),
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
  }

  private async update(trx: Kysely<DB>, l: Loaded, r: PlannedRow) {
    const s = r.set;
    const has = (k: string) => k in s;
    if (r.sheet === 'measures') {
      await repo.updateMeasure(trx, r.id!, {
        ...(has('section_no') ? { section_id: l.sectionIds.get(Number(s.section_no))! } : {}),
        ...(has('number') ? { number: Number(s.number) } : {}),
        ...(has('title') ? { title: String(s.title) } : {}),
        ...(has('weight_bp') ? { weight_bp: num(s.weight_bp) } : {}),
        ...(has('responsibility_raw') ? { responsibility_raw: text(s.responsibility_raw) } : {}),
      });
    } else {
      await repo.updateAction(trx, r.id!, {
        ...(has('ord') ? { ord: Number(s.ord) } : {}),
        ...(has('text') ? { text: String(s.text) } : {}),
        ...(has('deadline_type') ? { deadline_type: String(s.deadline_type) } : {}),
        ...(has('due_date') ? { due_date: text(s.due_date) } : {}),
        ...(has('weight_bp') ? { weight_bp: num(s.weight_bp) } : {}),
      });
    }
  }
}
