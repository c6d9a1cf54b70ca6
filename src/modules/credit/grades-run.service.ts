import type { Insertable, Kysely } from 'kysely';
import { isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { readAheadUrl, writeWatch } from '../../core/db/read-ahead.js';
import type { DB } from '../../core/db/schema.js';
import type { GradeRunTable } from '../../core/db/schema-credit.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import {
  GRADED_TYPES,
  type GradeChanges,
  gradeChunk,
  type RunScorecard,
  UNCOUNTED_STATUSES,
} from './grades.outcome.js';
import * as repo from './grades.repository.js';
import { writeGrades } from './grades.writer.js';
import { GradeFeed } from './grades-run.feed.js';

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

/** A running run not checkpointed for this long is taken as dead (killed process) and may be resumed. */
const STALE_RUN_MS = 120_000;

export function toRunDto(r: Awaited<ReturnType<typeof repo.insertRun>>): GradeRunDto {
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

/** Below this many enterprises a worker thread costs more to start than it saves. */
const READ_AHEAD_MIN = 100_000;

export interface RunOptions {
  chunkSize: number;
  /** Read ahead in a worker thread (SQLite files only); default when at least READ_AHEAD_MIN are left. */
  readAhead?: boolean;
  onProgress?: (run: GradeRunDto) => void;
}

/** A graded chunk: the enterprises after the previous checkpoint up to `hi`. */
interface ChunkResult {
  hi: number;
  count: number;
  changes: GradeChanges;
}

/**
 * The full recompute (credit.md §6.1, §8): id-ordered chunks, each read, scored and written (changed rows only,
 * history on grade/class change, checkpoint in `grade_runs`) in one transaction, so a killed run resumes after
 * its last committed chunk. Reads go through arrays (core/db/raw-rows) and skip records that cannot score.
 */
export class GradeRunner {
  constructor(private readonly core: CoreDeps) {}

  /** Starts a full recompute, or resumes the unfinished one for the same day (a killed CLI run). */
  async start(ctx: RequestContext, asOf: string, version: string): Promise<GradeRunDto> {
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
   * Grades chunk after chunk from the run's checkpoint; the run row records failure or completion. On a SQLite
   * file with enough enterprises left, a worker thread reads and grades ahead on its own connection while this
   * thread writes; a chunk whose snapshot may be stale (someone else committed meanwhile) is graded again here.
   */
  async continue(ctx: RequestContext, start: GradeRunDto, sc: RunScorecard, options: RunOptions): Promise<GradeRunDto> {
    const run = { ...start };
    const watch = writeWatch(this.core.handle);
    const url = readAheadUrl(this.core.handle);
    const ahead = watch && url && (options.readAhead ?? run.total - run.processed >= READ_AHEAD_MIN);
    let feed: GradeFeed | null = null;
    try {
      if (ahead) {
        watch.mark();
        const init = { url, asOf: run.asOf, version: sc.version, params: sc.params };
        feed = new GradeFeed({ ...init, afterId: run.lastId, chunkSize: options.chunkSize });
      }
      for (;;) {
        const reply = feed ? await feed.next() : null;
        let restart = false;
        const done = await this.core.db.transaction().execute(async (trx) => {
          let chunk: ChunkResult | null;
          if (reply && !watch!.foreignWrites()) chunk = reply.done ? null : reply;
          else {
            restart = feed !== null;
            chunk = await this.readAndGrade(trx, run.lastId, options.chunkSize, run.asOf, sc);
          }
          if (!chunk) return true;
          const [changed, gradeChanges] = await writeGrades(
            this.core.handle,
            trx,
            chunk.changes,
            run.asOf,
            sc.version,
            isoNow(this.core.clock),
          );
          run.lastId = chunk.hi;
          run.processed += chunk.count;
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
          watch?.mark();
          return false;
        });
        if (done) break;
        if (restart) feed!.restart(run.lastId);
        else feed?.ack();
        options.onProgress?.({ ...run });
      }
      await feed?.close();
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
      await feed?.close();
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

  /** Reads and grades the chunk after `afterId` in the caller's transaction; null when none is left. */
  private async readAndGrade(
    trx: Kysely<DB>,
    afterId: number,
    chunkSize: number,
    asOf: string,
    sc: RunScorecard,
  ): Promise<ChunkResult | null> {
    const handle = this.core.handle;
    const ents = await repo.enterpriseChunk(handle, trx, afterId, chunkSize);
    if (ents.length === 0) return null;
    const lo = Number(ents[0]![0]);
    const hi = Number(ents[ents.length - 1]![0]);
    const [records, entries] = await Promise.all([
      repo.scoredRecordsBetween(handle, trx, lo, hi, GRADED_TYPES, UNCOUNTED_STATUSES),
      repo.listEntriesBetween(trx, lo, hi),
    ]);
    return { hi, count: ents.length, changes: gradeChunk(ents, records, entries, asOf, sc) };
  }
}
