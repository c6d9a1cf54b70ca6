import type { Kysely, Selectable } from 'kysely';
import { isoNow } from '../clock.js';
import type { Source } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB } from '../db/schema.js';
import type { JobRunTable } from '../db/schema-plans.js';
import type { CoreDeps } from '../deps.js';

/** One row of the job ledger as the API shows it. */
export interface JobRun {
  id: number;
  job: string;
  runKey: string;
  status: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  result: unknown;
}

/** What runOnce reports: the work's result when it ran now, the recorded one when it had run before. */
export interface RunOutcome<R> {
  ran: boolean;
  run: JobRun;
  result: R;
}

function toRun(row: Selectable<JobRunTable>): JobRun {
  return {
    id: Number(row.id),
    job: row.job,
    runKey: row.run_key,
    status: row.status,
    source: row.source,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result_json === null ? null : JSON.parse(row.result_json),
  };
}

/**
 * Runs `work` at most once per (job, runKey), e.g. once per day. The ledger row is inserted first inside the
 * work's transaction, so a second runner (another process, a click during the scheduled run) blocks on the
 * unique key until the first commits and then finds the run done; if the work fails, the transaction rolls
 * back the ledger row with everything else and a later attempt runs it again.
 */
export async function runOnce<R>(
  core: CoreDeps,
  job: string,
  runKey: string,
  source: Source,
  work: (trx: Kysely<DB>) => Promise<R>,
): Promise<RunOutcome<R>> {
  try {
    return await core.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('job_runs')
        .values({ job, run_key: runKey, status: 'running', source, started_at: isoNow(core.clock) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const result = await work(trx);
      const row = await trx
        .updateTable('job_runs')
        .set({ status: 'succeeded', finished_at: isoNow(core.clock), result_json: JSON.stringify(result) })
        .where('id', '=', inserted.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ran: true, run: toRun(row), result };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const row = await core.db
      .selectFrom('job_runs')
      .selectAll()
      .where('job', '=', job)
      .where('run_key', '=', runKey)
      .executeTakeFirst();
    // The unique key fired, so the row exists unless it was a different constraint inside the work itself.
    if (!row) throw err;
    const run = toRun(row);
    return { ran: false, run, result: run.result as R };
  }
}

/** The most recent runs of a job, newest first. */
export async function recentRuns(db: Kysely<DB>, job: string, limit: number): Promise<JobRun[]> {
  const rows = await db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .orderBy('run_key', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}
