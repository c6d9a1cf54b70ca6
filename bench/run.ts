// `npm run bench`: the benchmark suite. Speed and memory targets live here, never in timed tests.
// BENCH_ROWS (default 200000) sets the synthetic table size; DIALECTS narrows the databases;
// BENCH_SCENARIOS (default search,plans) picks the scenarios.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../test/support/db.js';
import { DIALECTS } from '../test/support/dialects.js';
import { plansBench } from './plans.bench.js';
import { searchBench } from './search.bench.js';

const rows = Number(process.env.BENCH_ROWS ?? 200_000);
const scenarios = (process.env.BENCH_SCENARIOS ?? 'search,plans').split(',').map((s) => s.trim());
let failures = 0;
const report: unknown[] = [];

for (const dialect of DIALECTS) {
  if (!scenarios.includes('search')) break;
  const handle = await createTestDatabase(dialect);
  try {
    const result = await searchBench(handle, rows);
    console.log(
      `\nChinese search, ${dialect}, ${rows.toLocaleString()} names (loaded in ${result.loadSeconds.toFixed(1)} s)`,
    );
    console.log(
      'query'.padEnd(20),
      'hits'.padStart(6),
      'p50 ms'.padStart(8),
      'p95 ms'.padStart(8),
      'target'.padStart(8),
    );
    for (const f of result.figures) {
      const ok = f.p95 <= f.target;
      if (!ok) failures += 1;
      const hits = f.hits > 1000 ? '1000+' : String(f.hits);
      console.log(
        f.query.padEnd(20),
        hits.padStart(6),
        f.p50.toFixed(2).padStart(8),
        f.p95.toFixed(2).padStart(8),
        `${ok ? '≤' : 'OVER '}${f.target}`.padStart(8),
      );
    }
    report.push({ scenario: 'search', dialect, ...result });
  } finally {
    await handle.drop();
  }
}

for (const dialect of DIALECTS) {
  if (!scenarios.includes('plans')) break;
  const handle = await createTestDatabase(dialect);
  try {
    const result = await plansBench(handle);
    console.log(
      `\nPlan dashboards, ${dialect}: ${result.units} units, ${result.assignments} assignments, ${result.reports.toLocaleString()} reports (loaded in ${result.loadSeconds.toFixed(1)} s); target on the median`,
    );
    console.log(
      'endpoint'.padEnd(20),
      'KiB'.padStart(6),
      'p50 ms'.padStart(8),
      'p95 ms'.padStart(8),
      'cpu ms'.padStart(8),
      'target'.padStart(8),
    );
    for (const f of result.figures) {
      const ok = f.target === null || f.p50 <= f.target;
      if (!ok) failures += 1;
      console.log(
        f.endpoint.padEnd(20),
        (f.bytes / 1024).toFixed(0).padStart(6),
        f.p50.toFixed(2).padStart(8),
        f.p95.toFixed(2).padStart(8),
        f.cpu.toFixed(2).padStart(8),
        (f.target === null ? '—' : `${ok ? '≤' : 'OVER '}${f.target}`).padStart(8),
      );
    }
    report.push({ scenario: 'plans', dialect, ...result });
  } finally {
    await handle.drop();
  }
}

const out = path.resolve('bench/out');
fs.mkdirSync(out, { recursive: true });
const file = path.join(out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(
  file,
  JSON.stringify({ host: os.hostname(), cpus: os.cpus().length, node: process.version, report }, null, 2),
);
console.log(
  `\n${failures ? `${failures} figure(s) over target` : 'all figures within target'}; details in ${path.relative(process.cwd(), file)}`,
);
process.exit(failures ? 1 : 0);
