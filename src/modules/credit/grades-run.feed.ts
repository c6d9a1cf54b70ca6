import { Worker } from 'node:worker_threads';
import type { ScorecardParams } from './domain/scorecard.js';
import type { GradeChanges } from './grades.outcome.js';

/** What the read-ahead worker starts from. */
export interface FeedInit {
  url: string;
  asOf: string;
  version: string;
  params: ScorecardParams;
  afterId: number;
  chunkSize: number;
  /** Chunks the worker may read beyond those the writer has acknowledged. */
  ahead: number;
  gen: number;
}

export type FeedRequest = { type: 'ack' } | { type: 'restart'; gen: number; afterId: number } | { type: 'stop' };

/** One graded chunk (the enterprises after the previous chunk up to `hi`), or the end of the table. */
export type FeedReply =
  | { gen: number; done: false; hi: number; count: number; changes: GradeChanges }
  | { gen: number; done: true };

/** Chunks read ahead: the worker keeps this many in flight, so reading one overlaps writing the previous. */
const AHEAD = 2;

/**
 * The writer's side of the read-ahead worker (grades-run.worker.ts): chunk results in order, acknowledgements,
 * and restarts after someone else wrote (results of an older generation are dropped).
 */
export class GradeFeed {
  private readonly worker: Worker;
  private readonly queue: FeedReply[] = [];
  private waiting: { resolve: (r: FeedReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private closed = false;
  private gen = 0;

  constructor(init: Omit<FeedInit, 'ahead' | 'gen'>) {
    const here = import.meta.url;
    const workerData = { ...init, ahead: AHEAD, gen: 0 } satisfies FeedInit;
    if (here.endsWith('.ts')) {
      // From the sources (tsx): a worker's entry module loads before `--import tsx` hooks apply
      // (privatenumber/tsx#354), so a small bootstrap registers tsx first, then imports the .ts worker.
      const entry = new URL('./grades-run.worker.ts', here).href;
      // Resolved here, since the bootstrap's own imports resolve against the working directory.
      const tsx = import.meta.resolve('tsx/esm/api');
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
      this.worker = new Worker(boot, { eval: true, workerData });
    } else this.worker = new Worker(new URL('./grades-run.worker.js', here), { workerData });
    this.worker.on('message', (m: FeedReply) => {
      if (m.gen !== this.gen) return;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve(m);
      } else this.queue.push(m);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`grade read-ahead worker exited (${code})`));
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.reject(err);
    }
  }

  /** The next chunk of the current generation. */
  next(): Promise<FeedReply> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** The previous chunk is written: the worker may read one more. */
  ack(): void {
    this.worker.postMessage({ type: 'ack' } satisfies FeedRequest);
  }

  /** Drops everything read so far and reads again after `afterId` (a fresh snapshot). */
  restart(afterId: number): void {
    this.gen += 1;
    this.queue.length = 0;
    this.worker.postMessage({ type: 'restart', gen: this.gen, afterId } satisfies FeedRequest);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }
}
