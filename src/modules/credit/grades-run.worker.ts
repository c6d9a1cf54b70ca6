/**
 * Read-ahead worker of the full grade recompute (grades-run.feed.ts): on its own SQLite connection it reads
 * and grades chunk after chunk, each in one read transaction, and posts the changed grades, at most a few
 * chunks ahead of the writer's acknowledgements. The writer decides whether the result is still fresh.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../../core/db/connect.js';
import { createScorer, type ScorecardParams } from './domain/scorecard.js';
import { GRADED_TYPES, gradeChunk, UNCOUNTED_STATUSES } from './grades.outcome.js';
import * as repo from './grades.repository.js';
import type { FeedInit, FeedReply, FeedRequest } from './grades-run.feed.js';

const init = workerData as FeedInit;
const port = parentPort!;
const handle = connect(init.url);
const params = init.params as ScorecardParams;
const sc = { version: init.version, params, scorer: createScorer(params, init.asOf) };
let gen = init.gen;
let after = init.afterId;
let credits = init.ahead;
let finished = false;
let busy = false;

async function readChunk() {
  return handle.db.transaction().execute(async (trx) => {
    const ents = await repo.enterpriseChunk(handle, trx, after, init.chunkSize);
    if (ents.length === 0) return null;
    const lo = Number(ents[0]![0]);
    const hi = Number(ents[ents.length - 1]![0]);
    const [records, entries] = await Promise.all([
      repo.scoredRecordsBetween(handle, trx, lo, hi, GRADED_TYPES, UNCOUNTED_STATUSES),
      repo.listEntriesBetween(trx, lo, hi),
    ]);
    return { hi, count: ents.length, changes: gradeChunk(ents, records, entries, init.asOf, sc) };
  });
}

async function pump(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    while (credits > 0 && !finished) {
      const g = gen;
      const chunk = await readChunk();
      if (g !== gen) continue;
      credits -= 1;
      const reply: FeedReply = chunk ? { gen, done: false, ...chunk } : { gen, done: true };
      if (!chunk) finished = true;
      else after = chunk.hi;
      port.postMessage(reply);
      // Let acknowledgements and restarts in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    busy = false;
  }
}

port.on('message', (m: FeedRequest) => {
  if (m.type === 'ack') credits += 1;
  else if (m.type === 'restart') {
    gen = m.gen;
    after = m.afterId;
    credits = init.ahead;
    finished = false;
  } else {
    void handle.close().finally(() => port.close());
    return;
  }
  pump().catch((err) => {
    throw err;
  });
});
pump().catch((err) => {
  throw err;
});
