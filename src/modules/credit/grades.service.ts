import type { Kysely } from 'kysely';
import { authorize } from '../../core/auth/access.js';
import { businessToday, isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { ruleSetInForce } from './domain/rule-sets.js';
import { createScorer, scorecardParams } from './domain/scorecard.js';
import {
  changesOf,
  GRADED_TYPES,
  type GradeOutcome,
  gradeOutcome,
  type RunScorecard,
  toScored,
  UNCOUNTED_STATUSES,
} from './grades.outcome.js';
import * as repo from './grades.repository.js';
import { writeGrades } from './grades.writer.js';
import { type GradeRunDto, GradeRunner, type RunOptions, toRunDto } from './grades-run.service.js';
import { toRuleSet } from './rulesets.service.js';

export type { GradeOutcome } from './grades.outcome.js';
export type { GradeRunDto } from './grades-run.service.js';

export interface RecomputeOptions {
  asOf?: string;
  /** Enterprises per transaction (default 20,000). */
  chunkSize?: number;
  onProgress?: (run: GradeRunDto) => void;
  /** Read ahead in a worker thread (SQLite files; default from 100,000 enterprises left); false never does. */
  readAhead?: boolean;
  /** The scheduler and the CLI act as the system (no signed-in actor); their context is still audited. */
  system?: boolean;
}

/** Name of the nightly full recompute in the daily-job ledger. */
export const GRADE_JOB = 'credit.regrade';

function runOptions(options: RecomputeOptions): RunOptions {
  return {
    chunkSize: Math.max(1, options.chunkSize ?? 20_000),
    readAhead: options.readAhead,
    onProgress: options.onProgress,
  };
}

/**
 * Quality-credit grades and risk classes (credit.md §6.1): the full set-based recompute (id-ordered chunks,
 * one transaction per chunk, resumable from the run's checkpoint) and the one-enterprise recompute the records
 * service calls after every write.
 */
export class GradeService {
  private readonly runner: GradeRunner;

  constructor(private readonly core: CoreDeps) {
    this.runner = new GradeRunner(core);
  }

  /** The business day grades are computed for (QCITY_AS_OF pins it in demo mode). */
  today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  /** The QUALITY_SCORECARD version in force on `asOf` with its scorer, or null when none is. */
  private async scorecard(db: Kysely<DB>, asOf: string): Promise<RunScorecard | null> {
    const sets = (await repo.activeScorecards(db)).map(toRuleSet);
    const set = ruleSetInForce('QUALITY_SCORECARD', asOf, sets);
    if (!set) return null;
    const params = scorecardParams(set.params);
    return { version: set.version, params, scorer: createScorer(params, asOf) };
  }

  /** One enterprise graded from its rows read with `db` (explanation always built). */
  private async gradeOne(db: Kysely<DB>, enterpriseId: number, asOf: string, sc: RunScorecard) {
    const e = await repo.enterpriseGradeRow(db, enterpriseId);
    if (!e) return null;
    const [records, entries] = await Promise.all([
      repo.scoredRecordsBetween(this.core.handle, db, enterpriseId, enterpriseId, GRADED_TYPES, UNCOUNTED_STATUSES),
      repo.listEntriesBetween(db, enterpriseId, enterpriseId),
    ]);
    const stored: repo.EnterpriseGradeTuple = [
      Number(e.id),
      e.score === null ? null : Number(e.score),
      e.grade,
      e.risk_class,
      e.scorecard_version,
      e.list_flags,
    ];
    return { e, outcome: gradeOutcome(stored, records.map(toScored), entries, asOf, sc, true) };
  }

  /**
   * Recomputes one enterprise's grade on `asOf` (default today) with `db` — the caller's transaction when it
   * has just written a record, so grade and record commit together. Null when the enterprise does not exist
   * or no scorecard version is in force (the record write must not fail for want of a scorecard).
   */
  async recomputeEnterprise(db: Kysely<DB>, enterpriseId: number, asOf?: string): Promise<GradeOutcome | null> {
    const day = asOf ?? this.today();
    const sc = await this.scorecard(db, day);
    const graded = sc && (await this.gradeOne(db, enterpriseId, day, sc));
    if (!graded) return null;
    await writeGrades(this.core.handle, db, changesOf([graded.outcome]), day, sc.version, isoNow(this.core.clock));
    return graded.outcome;
  }

  /** One enterprise's score explained line by line, without writing (government users). */
  async explain(ctx: RequestContext, enterpriseId: number, asOf?: string) {
    authorize(ctx, 'enterprises.read');
    const day = asOf ?? this.today();
    if (!isCalendarDate(day)) throw new QcError('QC_ERR_VALIDATION', [day]);
    const sc = await this.scorecard(this.core.db, day);
    if (!sc) throw new QcError('QC_ERR_RULESET_NOT_IN_FORCE', ['QUALITY_SCORECARD', day]);
    const [graded, history] = await Promise.all([
      this.gradeOne(this.core.db, enterpriseId, day, sc),
      repo.gradeHistory(this.core.db, enterpriseId, 20),
    ]);
    if (!graded) throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [enterpriseId]);
    const { e, outcome: o } = graded;
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
    const run = await this.runner.start(ctx, asOf, sc.version);
    return this.runner.continue(ctx, run, sc, runOptions(options));
  }

  /** Starts a run and continues it in the background (the web button); progress via `latestRun`. */
  async startInBackground(ctx: RequestContext, options: RecomputeOptions = {}): Promise<GradeRunDto> {
    authorize(ctx, 'enterprises.manage');
    const asOf = options.asOf ?? this.today();
    if (!isCalendarDate(asOf)) throw new QcError('QC_ERR_VALIDATION', [asOf]);
    const sc = await this.scorecard(this.core.db, asOf);
    if (!sc) throw new QcError('QC_ERR_RULESET_NOT_IN_FORCE', ['QUALITY_SCORECARD', asOf]);
    const run = await this.runner.start(ctx, asOf, sc.version);
    // Failures are recorded on the run row by the runner; nothing awaits this promise.
    this.runner.continue(ctx, run, sc, runOptions(options)).catch(() => undefined);
    return run;
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
