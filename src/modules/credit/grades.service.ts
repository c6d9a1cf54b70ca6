import type { Insertable, Kysely } from 'kysely';
import { authorize } from '../../core/auth/access.js';
import { businessToday, isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { bulkInserter } from '../../core/db/bulk.js';
import { bulkUpdater } from '../../core/db/bulk-update.js';
import type { DB } from '../../core/db/schema.js';
import type { EnterpriseGradeTable, GradeRunTable } from '../../core/db/schema-credit.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { ruleSetInForce } from './domain/rule-sets.js';
import {
  type ListInForce,
  type ScorecardParams,
  type ScoredRecord,
  type ScoreLine,
  scorecardParams,
  scoreEnterprise,
} from './domain/scorecard.js';
import * as repo from './grades.repository.js';
import { toRuleSet } from './rulesets.service.js';

/** One enterprise's grade as computed. */
export interface GradeOutcome {
  enterpriseId: number;
  asOf: string;
  score: number;
  grade: string;
  riskClass: string;
  scorecardVersion: string;
  /** The stored score, grade, class or version changed. */
  changed: boolean;
  /** The grade or risk class changed: a history row was written. */
  gradeChanged: boolean;
  lines: ScoreLine[];
}

export interface GradeRunDto {
  id: number;
  asOf: string;
  scorecardVersion: string;
  status: string;
  source: string;
  total: number;
  processed: number;
  changed: number;
  gradeChanges: number;
  lastId: number;
  error: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface RecomputeOptions {
  asOf?: string;
  /** Enterprises per transaction (default 20,000). */
  chunkSize?: number;
  onProgress?: (run: GradeRunDto) => void;
  /** The scheduler and the CLI act as the system (no signed-in actor); their context is still audited. */
  system?: boolean;
}

/** Name of the nightly full recompute in the daily-job ledger. */
export const GRADE_JOB = 'credit.regrade';

type EnterpriseRow = Awaited<ReturnType<typeof repo.enterpriseChunk>>[number];
type RecordRow = Awaited<ReturnType<typeof repo.activeRecordsBetween>>[number];
type EntryRow = Awaited<ReturnType<typeof repo.listEntriesBetween>>[number];

/** A running run not checkpointed for this long is taken as dead (killed process) and may be resumed. */
const STALE_RUN_MS = 120_000;
const GRADE_COLUMNS = [
  { name: 'score', pgType: 'integer' },
  { name: 'grade', pgType: 'text' },
  { name: 'risk_class', pgType: 'text' },
  { name: 'scorecard_version', pgType: 'text' },
  { name: 'graded_at', pgType: 'timestamptz' },
] as const;
const HISTORY_COLUMNS = [
  'enterprise_id',
  'as_of',
  'score',
  'grade',
  'risk_class',
  'scorecard_version',
  'explanation_json',
  'at',
];

function toRunDto(r: Awaited<ReturnType<typeof repo.insertRun>>): GradeRunDto {
  return {
    id: Number(r.id),
    asOf: r.as_of,
    scorecardVersion: r.scorecard_version,
    status: r.status,
    source: r.source,
    total: Number(r.total),
    processed: Number(r.processed),
    changed: Number(r.changed),
    gradeChanges: Number(r.grade_changes),
    lastId: Number(r.last_id),
    error: r.error,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

function toScored(r: RecordRow): ScoredRecord {
  return {
    id: Number(r.id),
    type: r.type,
    severity: r.severity,
    status: r.status,
    visibility: r.visibility,
    decidedOn: r.decided_on,
    publishedOn: r.published_on,
    publicEndsOn: r.public_ends_on,
  };
}

/**
 * Lists in force on `asOf`: entries LISTED/PUBLISHED, listed by then and not expired; plus `list_flags` codes
 * for which the enterprise has no entry at all (flags loaded by an import without their entries).
 */
function listsInForce(entries: readonly EntryRow[], flags: string, asOf: string): ListInForce[] {
  const out: ListInForce[] = [];
  const known = new Set<string>();
  for (const e of entries) {
    known.add(e.list_code);
    if (e.state !== 'LISTED' && e.state !== 'PUBLISHED') continue;
    if (e.listed_on && e.listed_on > asOf) continue;
    if (e.expires_on && e.expires_on < asOf) continue;
    out.push({ listCode: e.list_code, recordId: e.record_id === null ? null : Number(e.record_id) });
  }
  if (flags)
    for (const code of flags.split(',')) if (code && !known.has(code)) out.push({ listCode: code, recordId: null });
  return out;
}

/** Compact explanation stored with a grade change: [component, recordId, type, severity, points, decayBp]. */
function explanationJson(lines: readonly ScoreLine[]): string {
  return JSON.stringify(lines.map((l) => [l.component, l.recordId, l.type, l.severity, l.points, l.decayBp]));
}

/**
 * Quality-credit grades and risk classes (credit.md §6.1): the full set-based recompute (id-ordered chunks,
 * one transaction per chunk, resumable from the run's checkpoint) and the one-enterprise recompute the records
 * service calls after every write.
 */
export class GradeService {
  constructor(private readonly core: CoreDeps) {}

  /** The business day grades are computed for (QCITY_AS_OF pins it in demo mode). */
  today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  /** The QUALITY_SCORECARD version in force on `asOf`, or null when none is. */
  private async scorecard(db: Kysely<DB>, asOf: string): Promise<{ version: string; params: ScorecardParams } | null> {
    const sets = (await repo.activeScorecards(db)).map(toRuleSet);
    const set = ruleSetInForce('QUALITY_SCORECARD', asOf, sets);
    return set ? { version: set.version, params: scorecardParams(set.params) } : null;
  }

  private grade(
    e: EnterpriseRow,
    records: readonly RecordRow[],
    entries: readonly EntryRow[],
    asOf: string,
    sc: { version: string; params: ScorecardParams },
  ): GradeOutcome {
    const r = scoreEnterprise(records.map(toScored), listsInForce(entries, e.list_flags, asOf), asOf, sc.params);
    const gradeChanged = e.grade !== r.grade || e.risk_class !== r.riskClass;
    const changed =
      gradeChanged || (e.score === null ? true : Number(e.score) !== r.score) || e.scorecard_version !== sc.version;
    return {
      enterpriseId: Number(e.id),
      asOf,
      score: r.score,
      grade: r.grade,
      riskClass: r.riskClass,
      scorecardVersion: sc.version,
      changed,
      gradeChanged,
      lines: r.lines,
    };
  }

  /** Writes changed grades and history rows for grade/class changes; returns [changed, gradeChanges]. */
  private async write(trx: Kysely<DB>, outcomes: readonly GradeOutcome[]): Promise<[number, number]> {
    const at = isoNow(this.core.clock);
    const updates: unknown[][] = [];
    const history: Insertable<EnterpriseGradeTable>[] = [];
    for (const o of outcomes) {
      if (!o.changed) continue;
      updates.push([o.enterpriseId, o.score, o.grade, o.riskClass, o.scorecardVersion, at]);
      if (o.gradeChanged) {
        history.push({
          enterprise_id: o.enterpriseId,
          as_of: o.asOf,
          score: o.score,
          grade: o.grade,
          risk_class: o.riskClass,
          scorecard_version: o.scorecardVersion,
          explanation_json: explanationJson(o.lines),
          at,
        });
      }
    }
    await bulkUpdater(this.core.handle, 'enterprises', GRADE_COLUMNS).update(trx, updates);
    await bulkInserter(this.core.handle, 'enterprise_grades', HISTORY_COLUMNS).insert(trx, history);
    return [updates.length, history.length];
  }

  /**
   * Recomputes one enterprise's grade on `asOf` (default today) with `db` — the caller's transaction when it
   * has just written a record, so grade and record commit together. Null when the enterprise does not exist
   * or no scorecard version is in force (the record write must not fail for want of a scorecard).
   */
  async recomputeEnterprise(db: Kysely<DB>, enterpriseId: number, asOf?: string): Promise<GradeOutcome | null> {
    const day = asOf ?? this.today();
    const sc = await this.scorecard(db, day);
    const e = await repo.enterpriseGradeRow(db, enterpriseId);
    if (!sc || !e) return null;
    const [records, entries] = await Promise.all([
      repo.activeRecordsBetween(db, enterpriseId, enterpriseId),
      repo.listEntriesBetween(db, enterpriseId, enterpriseId),
    ]);
    const outcome = this.grade(e, records, entries, day, sc);
    await this.write(db, [outcome]);
    return outcome;
  }

  /** One enterprise's score explained line by line, without writing (government users). */
  async explain(ctx: RequestContext, enterpriseId: number, asOf?: string) {
    authorize(ctx, 'enterprises.read');
    const day = asOf ?? this.today();
    if (!isCalendarDate(day)) throw new QcError('QC_ERR_VALIDATION', [day]);
    const sc = await this.scorecard(this.core.db, day);
    if (!sc) throw new QcError('QC_ERR_RULESET_NOT_IN_FORCE', ['QUALITY_SCORECARD', day]);
    const e = await repo.enterpriseGradeRow(this.core.db, enterpriseId);
    if (!e) throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [enterpriseId]);
    const [records, entries, history] = await Promise.all([
      repo.activeRecordsBetween(this.core.db, enterpriseId, enterpriseId),
      repo.listEntriesBetween(this.core.db, enterpriseId, enterpriseId),
      repo.gradeHistory(this.core.db, enterpriseId, 20),
    ]);
    const o = this.grade(e, records, entries, day, sc);
    return {
      enterpriseId,
      asOf: day,
      score: o.score,
      grade: o.grade,
      riskClass: o.riskClass,
      scorecardVersion: o.scorecardVersion,
      stored: { score: e.score === null ? null : Number(e.score), grade: e.grade, riskClass: e.risk_class },
      lines: o.lines,
      history: history.map((h) => ({
        asOf: h.as_of,
        score: Number(h.score),
        grade: h.grade,
        riskClass: h.risk_class,
        at: h.at,
      })),
    };
  }

  /** Starts a full recompute, or resumes the unfinished one for the same day (a killed CLI run). */
  private async startRun(ctx: RequestContext, asOf: string, version: string): Promise<GradeRunDto> {
    return this.core.db.transaction().execute(async (trx) => {
      const open = await repo.latestRun(trx, 'running');
      const now = isoNow(this.core.clock);
      if (open) {
        const age = this.core.clock.now().getTime() - new Date(open.updated_at).getTime();
        if (age < STALE_RUN_MS) throw new QcError('QC_ERR_GRADE_RUN_BUSY', [Number(open.id)]);
        if (open.as_of === asOf && open.scorecard_version === version) {
          await repo.updateRun(trx, Number(open.id), { updated_at: now });
          return toRunDto({ ...open, updated_at: now });
        }
        await repo.updateRun(trx, Number(open.id), {
          status: 'failed',
          error: 'abandoned',
          updated_at: now,
          finished_at: now,
        });
      }
      const row: Insertable<GradeRunTable> = {
        as_of: asOf,
        scorecard_version: version,
        status: 'running',
        source: ctx.source,
        total: await repo.countEnterprises(trx),
        processed: 0,
        changed: 0,
        grade_changes: 0,
        last_id: 0,
        error: null,
        started_at: now,
        updated_at: now,
        finished_at: null,
      };
      const run = await repo.insertRun(trx, row);
      await this.core.audit.append(trx, ctx, {
        action: 'grades.recompute_start',
        entityType: 'grade_run',
        entityId: String(run.id),
        after: { asOf, scorecardVersion: version, total: row.total },
      });
      return toRunDto(run);
    });
  }

  /**
   * Recomputes every enterprise on `asOf`: id-ordered chunks, each read, scored and written (changed rows
   * only, history on grade/class change, checkpoint) in one transaction. Resumes an interrupted run.
   */
  async recomputeAll(ctx: RequestContext, options: RecomputeOptions = {}): Promise<GradeRunDto> {
    if (!options.system) authorize(ctx, 'enterprises.manage');
    const asOf = options.asOf ?? this.today();
    if (!isCalendarDate(asOf)) throw new QcError('QC_ERR_VALIDATION', [asOf]);
    const sc = await this.scorecard(this.core.db, asOf);
    if (!sc) throw new QcError('QC_ERR_RULESET_NOT_IN_FORCE', ['QUALITY_SCORECARD', asOf]);
    return this.continueRun(ctx, await this.startRun(ctx, asOf, sc.version), sc, options);
  }

  /** Starts a run and continues it in the background (the web button); progress via `latestRun`. */
  async startInBackground(ctx: RequestContext, options: RecomputeOptions = {}): Promise<GradeRunDto> {
    authorize(ctx, 'enterprises.manage');
    const asOf = options.asOf ?? this.today();
    if (!isCalendarDate(asOf)) throw new QcError('QC_ERR_VALIDATION', [asOf]);
    const sc = await this.scorecard(this.core.db, asOf);
    if (!sc) throw new QcError('QC_ERR_RULESET_NOT_IN_FORCE', ['QUALITY_SCORECARD', asOf]);
    const run = await this.startRun(ctx, asOf, sc.version);
    // Failures are recorded on the run row by continueRun; nothing awaits this promise.
    this.continueRun(ctx, run, sc, options).catch(() => undefined);
    return run;
  }

  private async continueRun(
    ctx: RequestContext,
    start: GradeRunDto,
    sc: { version: string; params: ScorecardParams },
    options: RecomputeOptions,
  ): Promise<GradeRunDto> {
    const chunk = Math.max(1, options.chunkSize ?? 20_000);
    const run = { ...start };
    try {
      for (;;) {
        const done = await this.core.db.transaction().execute(async (trx) => {
          const ents = await repo.enterpriseChunk(trx, run.lastId, chunk);
          if (ents.length === 0) return true;
          const lo = Number(ents[0]!.id);
          const hi = Number(ents[ents.length - 1]!.id);
          const [records, entries] = await Promise.all([
            repo.activeRecordsBetween(trx, lo, hi),
            repo.listEntriesBetween(trx, lo, hi),
          ]);
          const recordsOf = new Map<number, RecordRow[]>();
          for (const r of records) {
            const k = Number(r.enterprise_id);
            const list = recordsOf.get(k);
            if (list) list.push(r);
            else recordsOf.set(k, [r]);
          }
          const entriesOf = new Map<number, EntryRow[]>();
          for (const e of entries) {
            const k = Number(e.enterprise_id);
            const list = entriesOf.get(k);
            if (list) list.push(e);
            else entriesOf.set(k, [e]);
          }
          const outcomes = ents.map((e) =>
            this.grade(e, recordsOf.get(Number(e.id)) ?? [], entriesOf.get(Number(e.id)) ?? [], run.asOf, sc),
          );
          const [changed, gradeChanges] = await this.write(trx, outcomes);
          run.lastId = hi;
          run.processed += ents.length;
          run.changed += changed;
          run.gradeChanges += gradeChanges;
          run.updatedAt = isoNow(this.core.clock);
          await repo.updateRun(trx, run.id, {
            last_id: run.lastId,
            processed: run.processed,
            changed: run.changed,
            grade_changes: run.gradeChanges,
            updated_at: run.updatedAt,
          });
          return false;
        });
        if (done) break;
        options.onProgress?.({ ...run });
      }
      await this.core.db.transaction().execute(async (trx) => {
        const now = isoNow(this.core.clock);
        run.status = 'completed';
        run.finishedAt = now;
        run.updatedAt = now;
        await repo.updateRun(trx, run.id, { status: 'completed', finished_at: now, updated_at: now });
        await this.core.audit.append(trx, ctx, {
          action: 'grades.recompute_finish',
          entityType: 'grade_run',
          entityId: String(run.id),
          after: { processed: run.processed, changed: run.changed, gradeChanges: run.gradeChanges },
        });
      });
      return run;
    } catch (err) {
      const now = isoNow(this.core.clock);
      await repo.updateRun(this.core.db, run.id, {
        status: 'failed',
        error: err instanceof Error ? err.message.slice(0, 500) : String(err),
        updated_at: now,
        finished_at: now,
      });
      throw err;
    }
  }

  /** The newest run (progress polling). */
  async latestRun(ctx: RequestContext): Promise<GradeRunDto | null> {
    authorize(ctx, 'enterprises.read');
    const r = await repo.latestRun(this.core.db);
    return r ? toRunDto(r) : null;
  }

  /** How many enterprises hold each grade and class now. */
  async distribution(ctx: RequestContext) {
    authorize(ctx, 'enterprises.read');
    const rows = await repo.gradeDistribution(this.core.db);
    return rows.map((r) => ({ grade: r.grade, riskClass: r.risk_class, count: Number(r.n) }));
  }
}
