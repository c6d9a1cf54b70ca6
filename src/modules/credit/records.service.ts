import type { Kysely } from 'kysely';
import { authorize, can } from '../../core/auth/access.js';
import { businessToday, isoNow } from '../../core/clock.js';
import type { Actor, RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import { fromJson, paging } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { type CreditRules, loadCreditRules } from './credit-rules.js';
import { computePublicTerm, defaultVisibility, isPublicOn, type TermDetails } from './domain/publicity.js';
import { type Polarity, recordType, type Visibility } from './domain/record-types.js';
import { penaltyStopEarliest } from './domain/repair.js';
import * as repo from './records.repository.js';
import type { CreditRecordT, EnterRecordBodyT, RecordQueryT } from './records.schema.js';

/**
 * What another module hands CreditService.recordEvent. Idempotent on (sourceModule, sourceRecordId, type):
 * the same content again changes nothing; changed content supersedes the live record with a new one.
 */
export interface RecordEventInput {
  /** The writing module: 'safety', 'declarations', 'awards', 'credit', 'import', … */
  sourceModule: string;
  /** The source's own stable id of the underlying decision, finding or award. */
  sourceRecordId: string;
  /** A code of domain/record-types.ts (credit.md §3.2). */
  type: string;
  enterpriseId: number;
  /** Defaults to the type's polarity. */
  polarity?: Polarity;
  /** See RecordTypeDef.severities (ADMIN_PENALTY: MINOR | GENERAL | HEAVY, …). */
  severity?: string | null;
  authority?: string | null;
  /** The deciding unit (org code); units may later revoke and decide objections on it. */
  unitCode?: string | null;
  documentNo?: string | null;
  legalBasis?: string | null;
  summary: string;
  /** End of the conduct; starts the Shandong 5-year cap (unknown → decision day, flagged CONDUCT_END_UNKNOWN). */
  conductEndedOn?: string | null;
  decidedOn?: string | null;
  /** Day the record went public; null = not yet published (never public). */
  publishedOn?: string | null;
  /** Defaults to the type's visibility (warning-only penalties: SUBJECT). */
  visibility?: Visibility;
  /** Redacted decision text as published (ID and phone numbers removed by the caller). */
  redactedText?: string | null;
  /** Type-specific facts: TermDetails (validTo, rectifiedOn, restrictionEndsOn, listExpiresOn) and opaque rest. */
  details?: Record<string, unknown>;
  /** Files already stored through core/files. */
  files?: { fileId: number; name: string }[];
  /** Demo data flag. */
  demo?: boolean;
}

export interface RecordEventResult {
  outcome: 'created' | 'unchanged' | 'superseded';
  record: CreditRecordT;
}

/** A's grade recompute, wired in app.ts: every record write recomputes that enterprise's grade (§3.3). */
export interface GradeRecompute {
  recomputeEnterprise(trx: Kysely<DB>, ctx: RequestContext, enterpriseId: number): Promise<unknown>;
}

const GOVERNMENT_VISIBILITIES = ['PUBLIC', 'SHARED', 'SUBJECT', 'INTERNAL'] as const;
const SUBJECT_VISIBILITIES = ['PUBLIC', 'SUBJECT'] as const;

/** The fields whose change makes a new version of a record (the rest is bookkeeping). */
function contentOf(
  r:
    | repo.RecordRow
    | Omit<repo.RecordRow, 'id' | 'created_at' | 'updated_at' | 'version' | 'status' | 'supersedes_id' | 'created_by'>,
) {
  return JSON.stringify([
    Number(r.enterprise_id),
    r.polarity,
    r.severity,
    r.authority,
    r.unit_code,
    r.document_no,
    r.legal_basis,
    r.summary,
    r.conduct_ended_on,
    r.decided_on,
    r.published_on,
    r.visibility,
    r.redacted_text,
    r.details_json,
  ]);
}

/**
 * Credit records (credit.md §3): the write port other modules use (recordEvent / revokeEvent), manual entry
 * with evidence by units, and reads scoped by role.
 */
export class CreditService {
  private grades: GradeRecompute | null = null;

  constructor(private readonly core: CoreDeps) {}

  /** Wires the grade recompute (A's GradeService) after both services exist. */
  setGradeRecompute(grades: GradeRecompute): void {
    this.grades = grades;
  }

  /** The business day (the pinned as-of day in demo mode). */
  today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  /** The single call site of the grade recompute after a record or list write. */
  async afterWrite(trx: Kysely<DB>, ctx: RequestContext, enterpriseId: number): Promise<void> {
    if (this.grades) await this.grades.recomputeEnterprise(trx, ctx, enterpriseId);
  }

  /**
   * Records a credit event for another module (credit.md §3.3). No access check here: the calling module
   * authorised its own use case. Pass `trx` to write inside the caller's transaction (no nested transaction).
   */
  async recordEvent(ctx: RequestContext, input: RecordEventInput, trx?: Kysely<DB>): Promise<RecordEventResult> {
    const run = (t: Kysely<DB>) => this.writeEvent(t, ctx, input);
    if (trx) return run(trx);
    try {
      return await this.core.db.transaction().execute(run);
    } catch (err) {
      // Two writers of the same new key: the loser re-reads and finds it recorded (or supersedes it).
      if (!isUniqueViolation(err)) throw err;
      return this.core.db.transaction().execute(run);
    }
  }

  private async writeEvent(trx: Kysely<DB>, ctx: RequestContext, input: RecordEventInput): Promise<RecordEventResult> {
    const def = recordType(input.type);
    if (!def) throw new QcError('QC_ERR_CREDIT_RECORD_TYPE', [input.type]);
    checkDates(input);
    if (!(await repo.enterpriseBasics(trx, input.enterpriseId))) {
      throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [input.enterpriseId]);
    }
    const rules = await loadCreditRules(trx);
    const row = this.buildRow(input, def.polarity, rules);
    const now = isoNow(this.core.clock);
    const live = await repo.liveBySource(trx, input.sourceModule, input.sourceRecordId, input.type);
    if (live && contentOf(live) === contentOf(row)) return { outcome: 'unchanged', record: await this.view(trx, live) };
    if (live) {
      const old = await repo.updateRecord(trx, Number(live.id), live.version, {
        status: 'SUPERSEDED',
        updated_at: now,
      });
      if (!old) throw new QcError('QC_ERR_CONFLICT');
    }
    const created = await repo.insertRecord(trx, {
      ...row,
      status: 'ACTIVE',
      supersedes_id: live ? Number(live.id) : null,
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const id = Number(created.id);
    if (input.files?.length) {
      const found = await repo.existingFileIds(
        trx,
        input.files.map((f) => f.fileId),
      );
      const missing = input.files.find((f) => !found.has(f.fileId));
      if (missing) throw new QcError('QC_ERR_FILE_NOT_FOUND', [missing.fileId]);
      await repo.insertRecordFiles(
        trx,
        input.files.map((f) => ({ record_id: id, file_id: f.fileId, name: f.name })),
      );
    }
    await this.core.audit.append(trx, ctx, {
      action: live ? 'credit.record.supersede' : 'credit.record.create',
      entityType: 'credit_record',
      entityId: String(id),
      before: live ? { id: Number(live.id), status: live.status } : undefined,
      after: { ...created, details_json: undefined, details: fromJson(created.details_json) },
    });
    await this.afterWrite(trx, ctx, input.enterpriseId);
    return { outcome: live ? 'superseded' : 'created', record: await this.view(trx, created) };
  }

  private buildRow(input: RecordEventInput, typePolarity: Polarity, rules: CreditRules) {
    const details = input.details ?? {};
    const polarity = input.polarity ?? typePolarity;
    const decidedOn = input.decidedOn ?? null;
    const penalty = rules.penalty(decidedOn ?? input.publishedOn ?? this.today());
    const term = computePublicTerm(
      {
        type: input.type,
        polarity,
        severity: input.severity ?? null,
        decidedOn,
        publishedOn: input.publishedOn ?? null,
        conductEndedOn: input.conductEndedOn ?? null,
        details: details as TermDetails,
      },
      penalty,
      rules.sdCredit(this.today()),
    );
    return {
      enterprise_id: input.enterpriseId,
      type: input.type,
      polarity,
      severity: input.severity ?? null,
      source_module: input.sourceModule,
      source_record_id: input.sourceRecordId,
      authority: input.authority ?? null,
      unit_code: input.unitCode ?? null,
      document_no: input.documentNo ?? null,
      legal_basis: input.legalBasis ?? null,
      summary: input.summary,
      conduct_ended_on: input.conductEndedOn ?? null,
      decided_on: decidedOn,
      published_on: input.publishedOn ?? null,
      public_ends_on: term.publicEndsOn,
      visibility: input.visibility ?? defaultVisibility(input.type, details as { warningOnly?: boolean }),
      rule_set_code: input.type === 'ADMIN_PENALTY' ? 'PENALTY_PUBLICITY' : null,
      rule_set_version: input.type === 'ADMIN_PENALTY' ? penalty.version : null,
      data_flags: term.flags.join(','),
      redacted_text: input.redactedText ?? null,
      details_json: JSON.stringify(details),
      demo: input.demo ? 1 : 0,
    };
  }

  /**
   * Revokes the live record of a source key (the underlying decision was revoked or changed; due within 3
   * working days of that, §5.4). Already revoked: unchanged. No access check (see recordEvent).
   */
  async revokeEvent(
    ctx: RequestContext,
    key: { sourceModule: string; sourceRecordId: string; type: string; reason: string },
    trx?: Kysely<DB>,
  ): Promise<RecordEventResult> {
    const run = async (t: Kysely<DB>) => {
      const live = await repo.liveBySource(t, key.sourceModule, key.sourceRecordId, key.type);
      if (!live) throw new QcError('QC_ERR_CREDIT_RECORD_NOT_FOUND', [`${key.sourceModule}/${key.sourceRecordId}`]);
      return this.setStatus(t, ctx, live, 'REVOKED', key.reason);
    };
    return trx ? run(trx) : this.core.db.transaction().execute(run);
  }

  /**
   * Moves a record to REVOKED, WITHDRAWN (objection upheld) or REPAIRED (early stop), audited with the
   * reason; the record leaves public view at once. Used by revokeEvent, objections and repair.
   */
  async setStatus(
    trx: Kysely<DB>,
    ctx: RequestContext,
    row: repo.RecordRow,
    status: 'REVOKED' | 'WITHDRAWN' | 'REPAIRED',
    reason: string,
  ): Promise<RecordEventResult> {
    if (row.status === status) return { outcome: 'unchanged', record: await this.view(trx, row) };
    if (row.status !== 'ACTIVE') throw new QcError('QC_ERR_CREDIT_RECORD_STATE', [row.status]);
    const updated = await repo.updateRecord(trx, Number(row.id), row.version, {
      status,
      updated_at: isoNow(this.core.clock),
    });
    if (!updated) throw new QcError('QC_ERR_CONFLICT');
    await this.core.audit.append(trx, ctx, {
      action: `credit.record.${status.toLowerCase()}`,
      entityType: 'credit_record',
      entityId: String(row.id),
      before: { status: row.status },
      after: { status, reason },
    });
    await this.afterWrite(trx, ctx, Number(row.enterprise_id));
    return { outcome: 'superseded', record: await this.view(trx, updated) };
  }

  /** Manual entry with evidence by a unit (credit.record); a unit records only for its own unit. */
  async enter(ctx: RequestContext, body: EnterRecordBodyT): Promise<RecordEventResult> {
    const actor = authorize(ctx, 'credit.record');
    const unitCode = ownUnit(actor, body.unitCode ?? null);
    return this.recordEvent(ctx, {
      ...body,
      unitCode,
      sourceModule: 'credit',
      // Manual entries are keyed by the decision document: re-entering the same document supersedes.
      sourceRecordId: `${unitCode ?? 'office'}:${body.documentNo}`,
      details: body.details ?? {},
    });
  }

  /** Revocation by the deciding unit through the UI/API. */
  async revoke(ctx: RequestContext, id: number, reason: string): Promise<RecordEventResult> {
    const actor = authorize(ctx, 'credit.record');
    return this.core.db.transaction().execute(async (trx) => {
      const row = await repo.recordById(trx, id);
      if (!row || row.status === 'SUPERSEDED') throw new QcError('QC_ERR_CREDIT_RECORD_NOT_FOUND', [id]);
      ownUnit(actor, row.unit_code);
      return this.setStatus(trx, ctx, row, 'REVOKED', reason);
    });
  }

  /** Records visible to the caller: government users all (credit.read), an enterprise its own PUBLIC/SUBJECT. */
  async list(ctx: RequestContext, q: RecordQueryT) {
    const { page, pageSize, offset } = paging(q.page, q.pageSize);
    const scope = await this.readScope(ctx, q.enterpriseId);
    const { items, total } = await repo.listRecords(this.core.db, {
      enterpriseId: scope.enterpriseId,
      unitCode: q.unitCode,
      type: q.type,
      status: q.status,
      visibilities: scope.visibilities,
      offset,
      limit: pageSize,
    });
    return { items: await this.views(this.core.db, items), total, page, pageSize };
  }

  /** One record (same scoping as list). */
  async get(ctx: RequestContext, id: number): Promise<CreditRecordT> {
    const row = await repo.recordById(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_CREDIT_RECORD_NOT_FOUND', [id]);
    const scope = await this.readScope(ctx, Number(row.enterprise_id));
    if (scope.enterpriseId !== undefined && scope.enterpriseId !== Number(row.enterprise_id)) {
      throw new QcError('QC_ERR_FORBIDDEN');
    }
    if (!(scope.visibilities as readonly string[]).includes(row.visibility)) {
      throw new QcError('QC_ERR_CREDIT_RECORD_NOT_FOUND', [id]);
    }
    return this.view(this.core.db, row);
  }

  /**
   * An enterprise user reads only its own enterprise (by USCC) and never SHARED/INTERNAL records;
   * government users read everything.
   */
  private async readScope(ctx: RequestContext, enterpriseId: number | undefined) {
    // Without a target only 'all' rules match: that is exactly the government readers.
    if (can(ctx.actor, 'credit.read')) {
      authorize(ctx, 'credit.read');
      return { enterpriseId, visibilities: GOVERNMENT_VISIBILITIES };
    }
    const own = await this.ownEnterpriseId(ctx);
    if (enterpriseId !== undefined && enterpriseId !== own) throw new QcError('QC_ERR_FORBIDDEN');
    return { enterpriseId: own, visibilities: SUBJECT_VISIBILITIES };
  }

  /** The enterprise an enterprise user acts for (its grant's USCC), authorised for credit.self. */
  async ownEnterpriseId(ctx: RequestContext): Promise<number> {
    const scope = ctx.actor?.roles.find((g) => g.role === 'enterprise')?.scope ?? null;
    authorize(ctx, 'credit.self', { enterpriseCode: scope });
    const row = scope ? await repo.enterpriseIdByUscc(this.core.db, scope) : undefined;
    if (!row) throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [scope ?? '']);
    return Number(row.id);
  }

  /** API view of one row. */
  async view(db: Kysely<DB>, row: repo.RecordRow): Promise<CreditRecordT> {
    return (await this.views(db, [row]))[0]!;
  }

  /** API views with files and the pending-objection mark, in one query each. */
  async views(db: Kysely<DB>, rows: repo.RecordRow[]): Promise<CreditRecordT[]> {
    const ids = rows.map((r) => Number(r.id));
    const [files, pending] = await Promise.all([repo.filesOf(db, ids), repo.pendingObjectionRecordIds(db, ids)]);
    const today = this.today();
    return rows.map((r) => {
      const details = fromJson<Record<string, unknown>>(r.details_json);
      const publishedOn = r.published_on;
      return {
        id: Number(r.id),
        enterpriseId: Number(r.enterprise_id),
        type: r.type,
        typeName: recordType(r.type)?.zh ?? r.type,
        polarity: r.polarity,
        severity: r.severity,
        sourceModule: r.source_module,
        sourceRecordId: r.source_record_id,
        authority: r.authority,
        unitCode: r.unit_code,
        documentNo: r.document_no,
        legalBasis: r.legal_basis,
        summary: r.summary,
        conductEndedOn: r.conduct_ended_on,
        decidedOn: r.decided_on,
        publishedOn,
        publicEndsOn: r.public_ends_on,
        repairableFrom:
          r.type === 'ADMIN_PENALTY' && r.status === 'ACTIVE'
            ? penaltyStopEarliest({
                type: r.type,
                status: r.status,
                publishedOn,
                penaltyKinds: (details.penaltyKinds as string[] | undefined) ?? [],
                sector: (details.sector as string | undefined) ?? null,
              })
            : null,
        visibility: r.visibility,
        status: r.status,
        ruleSetCode: r.rule_set_code,
        ruleSetVersion: r.rule_set_version,
        dataFlags: r.data_flags ? r.data_flags.split(',') : [],
        details,
        files: files
          .filter((f) => Number(f.record_id) === Number(r.id))
          .map((f) => ({ fileId: Number(f.file_id), name: f.name })),
        publicNow: isPublicOn(
          { visibility: r.visibility, status: r.status, publishedOn, publicEndsOn: r.public_ends_on },
          today,
        ),
        objectionPending: pending.has(Number(r.id)),
        supersedesId: r.supersedes_id === null ? null : Number(r.supersedes_id),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }
}

/** The unit a unit user acts for; a unit may only record and decide for itself (admins for any). */
export function ownUnit(actor: Actor, unitCode: string | null): string | null {
  const grant = actor.activeGrant ?? actor.roles[0];
  if (grant?.role === 'admin') return unitCode;
  const scope = grant?.scope ?? null;
  if (unitCode && unitCode !== scope) throw new QcError('QC_ERR_CREDIT_OTHER_UNIT', [unitCode]);
  return scope;
}

function checkDates(input: RecordEventInput): void {
  for (const [k, v] of Object.entries({
    conductEndedOn: input.conductEndedOn,
    decidedOn: input.decidedOn,
    publishedOn: input.publishedOn,
  })) {
    if (v != null && !isCalendarDate(v)) throw new QcError('QC_ERR_CREDIT_RECORD_DATES', [`${k}=${v}`]);
  }
  if (input.decidedOn && input.publishedOn && input.publishedOn < input.decidedOn) {
    throw new QcError('QC_ERR_CREDIT_RECORD_DATES', ['publishedOn < decidedOn']);
  }
  if (input.conductEndedOn && input.decidedOn && input.decidedOn < input.conductEndedOn) {
    throw new QcError('QC_ERR_CREDIT_RECORD_DATES', ['decidedOn < conductEndedOn']);
  }
  if (!input.summary.trim()) throw new QcError('QC_ERR_VALIDATION', ['summary']);
}
