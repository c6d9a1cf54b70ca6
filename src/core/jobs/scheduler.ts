import type { Clock } from '../clock.js';
import { dueToday, nextFiring } from './schedule.js';

/** A job that runs once a day at a local time; `run` must be idempotent for a day. */
export interface DailyJob {
  name: string;
  /** Minutes after local (Asia/Shanghai) midnight. */
  at: number;
  run(): Promise<unknown>;
}

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Fires daily jobs in this process. One timer per job, re-armed after each run; a job still running when
 * its next time comes is not started twice. Several server processes may each run the scheduler: the jobs'
 * own once-per-day ledger (runs.ts) makes the extra firings no-ops.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private stopped = false;

  constructor(
    private readonly jobs: readonly DailyJob[],
    private readonly clock: Clock,
    private readonly log: SchedulerLog,
  ) {}

  /** Arms every job; those whose time has passed today run at once (catch-up after a restart). */
  start(): void {
    for (const job of this.jobs) {
      if (dueToday(this.clock.now(), job.at)) void this.fire(job);
      this.arm(job);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(job: DailyJob): void {
    if (this.stopped) return;
    const now = this.clock.now();
    // setTimeout holds at most ~24.8 days; a day is well inside, and the timer re-arms after each firing.
    const delay = Math.max(0, nextFiring(now, job.at).getTime() - now.getTime());
    const timer = setTimeout(() => {
      void this.fire(job).finally(() => this.arm(job));
    }, delay);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private async fire(job: DailyJob): Promise<void> {
    if (this.running.has(job.name) || this.stopped) return;
    this.running.add(job.name);
    try {
      const result = await job.run();
      this.log.info({ job: job.name, result }, 'scheduled job finished');
    } catch (err) {
      // The next firing (tomorrow, or the next restart) retries: a failed run leaves no ledger row.
      this.log.error({ job: job.name, err }, 'scheduled job failed');
    } finally {
      this.running.delete(job.name);
    }
  }
}
