// Scenario `credit-grades`: the full set-based grade recompute (credit.md §6.1, §8) on generated data.
// Target on SQLite: ≤ 30 s for the city preset (2,000,000 enterprises). Standalone:
//   BENCH_ENTERPRISES=2000000 DIALECTS=sqlite node --import tsx bench/credit-grades.bench.ts
// On SQLite the generated database is kept as bench/out/grades-<count>-<seed>-<digest>.db and copied for later
// runs (the city preset takes ~5 minutes to generate); BENCH_REUSE=0 regenerates it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../src/core/config.js';
import { systemContext } from '../src/core/context.js';
import { connect, type DatabaseHandle } from '../src/core/db/connect.js';
import { createCore } from '../src/core/deps.js';
import { MIGRATIONS } from '../src/migrations/index.js';
import { generateCreditData } from '../src/modules/credit/gen/credit-data.js';
import { generateRegistry } from '../src/modules/credit/gen/generate.js';
import { GradeService } from '../src/modules/credit/grades.service.js';
import { readHolidaySeed, seedCreditRules } from '../src/modules/credit/rulesets.seed.js';
import { dataFile, PROJECT_ROOT } from '../src/paths.js';
import { createTestDatabase, type TestDatabase } from '../test/support/db.js';
import { DIALECTS } from '../test/support/dialects.js';
import type { CreditFigure } from './credit.bench.js';

export interface CreditGradesResult {
  enterprises: number;
  records: number;
  loadSeconds: number;
  /** First full recompute: every enterprise gets its first grade (all rows and history written). */
  fullSeconds: number;
  /** Second run on the same day: nothing changes, only reads and scoring. */
  unchangedSeconds: number;
  /** One enterprise regraded in a transaction, median of 50. */
  oneMs: number;
  target: number;
  rssMiB: number;
}

const SEED = 2015;

/**
 * Generating the city preset takes minutes, so the generated (not yet graded) SQLite file is kept under
 * bench/out/, keyed by size, seed and a digest of the migrations and generator sources: a changed schema or
 * generator never reuses a stale file. BENCH_REUSE=0 regenerates.
 */
function cacheFile(count: number): string {
  const digest = crypto.createHash('sha256');
  for (const m of MIGRATIONS) digest.update(`${m.name}\n${m.up.toString()}\n`);
  for (const f of ['gen/generate.ts', 'gen/credit-data.ts', 'rulesets.seed.ts'])
    digest.update(fs.readFileSync(path.join(PROJECT_ROOT, 'src/modules/credit', f)));
  return path.join(PROJECT_ROOT, 'bench/out', `grades-${count}-${SEED}-${digest.digest('hex').slice(0, 10)}.db`);
}

/** The database to grade: a copy of the cached generated file (SQLite), else `handle` filled by the generator. */
async function loadedDatabase(
  handle: DatabaseHandle,
  count: number,
): Promise<{ handle: DatabaseHandle; records: number; loadSeconds: number; cleanup: () => Promise<void> }> {
  const t0 = performance.now();
  const cache = handle.dialect === 'sqlite' && process.env.BENCH_REUSE !== '0' ? cacheFile(count) : null;
  if (cache && fs.existsSync(cache)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-grades-'));
    fs.copyFileSync(cache, path.join(dir, 'bench.db'));
    const copy = connect(`sqlite:${path.join(dir, 'bench.db')}`);
    const n = await sql<{ n: number }>`select count(*) as n from credit_records`.execute(copy.db);
    return {
      handle: copy,
      records: Number(n.rows[0]!.n),
      loadSeconds: (performance.now() - t0) / 1000,
      async cleanup() {
        await copy.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const config = loadConfig({ QCITY_DATABASE_URL: 'sqlite::memory:', QCITY_LOG_LEVEL: 'silent', QCITY_DEMO: 'false' });
  const core = createCore(config, handle);
  await seedCreditRules(core, systemContext('cli', 'bench'), readHolidaySeed(dataFile('holidays.json')));
  await generateRegistry(core, { seed: SEED, count });
  const { records } = await generateCreditData(core, { seed: SEED, perEnterprise: 3 });
  if (cache) {
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    // VACUUM INTO writes a complete standalone file (no -wal), safe to copy later; a partial one never lands.
    await sql`vacuum into ${`${cache}.part`}`.execute(handle.db);
    fs.renameSync(`${cache}.part`, cache);
  }
  return { handle, records, loadSeconds: (performance.now() - t0) / 1000, cleanup: async () => {} };
}

/** Loads `count` generated enterprises with ~3 records each (or the cached file), then times the recomputes. */
export async function creditGradesBench(given: DatabaseHandle, count: number): Promise<CreditGradesResult> {
  const { handle, records, loadSeconds, cleanup } = await loadedDatabase(given, count);
  try {
    return await timeRecomputes(handle, count, records, loadSeconds);
  } finally {
    await cleanup();
  }
}

async function timeRecomputes(
  handle: DatabaseHandle,
  count: number,
  records: number,
  loadSeconds: number,
): Promise<CreditGradesResult> {
  const config = loadConfig({ QCITY_DATABASE_URL: 'sqlite::memory:', QCITY_LOG_LEVEL: 'silent', QCITY_DEMO: 'false' });
  const core = createCore(config, handle);
  const ctx = systemContext('cli', 'bench');
  const grades = new GradeService(core);
  const asOf = '2016-06-30';
  let t = performance.now();
  await grades.recomputeAll(ctx, { system: true, asOf });
  const fullSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const second = await grades.recomputeAll(ctx, { system: true, asOf });
  // A second run on the same day must find nothing to write: a check that the first run wrote what it computed.
  if (second.changed !== 0) throw new Error(`second run on the same day changed ${second.changed} grades`);
  const unchangedSeconds = (performance.now() - t) / 1000;
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = 1 + Math.floor((i * count) / 50);
    const s = performance.now();
    await core.db.transaction().execute((trx) => grades.recomputeEnterprise(trx, id, asOf));
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return {
    enterprises: count,
    records,
    loadSeconds,
    fullSeconds,
    unchangedSeconds,
    oneMs: times[25]!,
    target: 30,
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

/** Prints one result line. */
export function printCreditGrades(dialect: string, r: CreditGradesResult): boolean {
  const ok = dialect !== 'sqlite' || r.fullSeconds <= r.target;
  console.log(
    `\nGrade recompute, ${dialect}: ${r.enterprises.toLocaleString()} enterprises, ${r.records.toLocaleString()} records (loaded in ${r.loadSeconds.toFixed(1)} s)`,
  );
  console.log(
    `full ${r.fullSeconds.toFixed(1)} s (${ok ? '≤' : 'OVER '}${r.target} s on SQLite) · unchanged ${r.unchangedSeconds.toFixed(1)} s · one enterprise ${r.oneMs.toFixed(1)} ms · RSS ${r.rssMiB} MiB`,
  );
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
  for (const dialect of DIALECTS) {
    const handle: TestDatabase = await createTestDatabase(dialect);
    try {
      printCreditGrades(dialect, await creditGradesBench(handle, count));
    } finally {
      await handle.drop();
    }
  }
}

/** The scenario as figures for bench/run.ts (CREDIT_SCENARIOS['credit-grades']). */
export async function creditGradesFigures(handle: DatabaseHandle, count: number): Promise<CreditFigure[]> {
  const r = await creditGradesBench(handle, count);
  return [
    {
      name: 'full grade recompute (first grading)',
      value: r.fullSeconds,
      unit: 's',
      target: `≤ ${r.target} s`,
      ok: r.fullSeconds <= r.target,
    },
    { name: 'full grade recompute (nothing changed)', value: r.unchangedSeconds, unit: 's', target: null, ok: null },
    { name: 'recompute one enterprise (median)', value: r.oneMs, unit: 'ms', target: '≤ 2000 ms', ok: r.oneMs <= 2000 },
    { name: 'server RSS after the scenario', value: r.rssMiB, unit: 'MiB', target: null, ok: null },
  ];
}
