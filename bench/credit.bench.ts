import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp, createServices } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { systemContext } from '../src/core/context.js';
import type { DatabaseHandle } from '../src/core/db/connect.js';
import { generatedEnterprise, generateRegistry } from '../src/modules/credit/gen/generate.js';
import { BRAND_A, BRAND_B } from '../src/modules/credit/gen/words.js';

/** Scenario figures: `value` in `unit`, with a target and (where one exists) the ratio to a bare limit. */
export interface CreditFigure {
  name: string;
  value: number;
  unit: string;
  target: string | null;
  ok: boolean | null;
  ratio?: number;
  note?: string;
}

function services(handle: DatabaseHandle) {
  const config = loadConfig({
    QCITY_LOG_LEVEL: 'silent',
    QCITY_DEMO: 'false',
    QCITY_DATABASE_URL: handle.url,
    QCITY_PUBLIC_RATE_LIMIT: '0',
  });
  return createServices(config, handle);
}

const HEADER = '统一社会信用代码,企业名称,法定代表人,住所,登记状态,成立日期,注册资本(元)\n';

/** Writes a register CSV of `rows` generated enterprises (the import's input). */
function writeCsv(file: string, rows: number, seed: number): void {
  const fd = fs.openSync(file, 'w');
  let buf = HEADER;
  const now = '2015-10-15T00:00:00.000Z';
  const status: Record<string, string> = { active: '存续', revoked: '吊销', deregistered: '注销', moved_out: '迁出' };
  for (let i = 0; i < rows; i++) {
    const e = generatedEnterprise(i, seed, now);
    const cap =
      e.registered_capital === null || e.registered_capital === undefined
        ? ''
        : String(Number(e.registered_capital) / 100);
    buf += `${e.uscc},${e.name},${e.legal_rep},${e.address},${status[e.status]},${e.established_on},${cap}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/**
 * credit-import (SQLite): `qcity enterprises import` of `rows` generated enterprises into an empty registry,
 * search index included; the limit is a bare better-sqlite3 prepared insert loop of the same rows (no
 * validation, no index) in the same run.
 */
export async function creditImportBench(handle: DatabaseHandle, rows: number): Promise<CreditFigure[]> {
  const s = services(handle);
  const file = path.join(os.tmpdir(), `qc-bench-register-${rows}.csv`);
  if (!fs.existsSync(file)) writeCsv(file, rows, 77);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const job = await s.registryImport.run(systemContext('cli', 'bench'), file, { system: true });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU seconds of this process: on a shared machine the wall-clock rate also measures the neighbours.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (Number(job.inserted) !== rows) throw new Error(`import inserted ${job.inserted} of ${rows}`);
  const rate = rows / seconds;
  const figures: CreditFigure[] = [
    {
      name: 'import enterprises/s (validate, upsert, search index)',
      value: rate,
      unit: 'rows/s',
      target: '≥ 100000',
      ok: rate >= 100_000,
      note: `${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU`,
    },
    { name: 'import enterprises per CPU second', value: rows / cpuSeconds, unit: 'rows/s', target: null, ok: null },
  ];
  const sqlite = handle.sqlite;
  if (sqlite) {
    const cols = ['uscc', 'name', 'legal_rep', 'address', 'status', 'established_on', 'registered_capital'];
    sqlite.exec(
      `drop table if exists bench_raw; create table bench_raw (id integer primary key, ${cols.join(' text, ')} text)`,
    );
    const insert = sqlite.prepare(
      `insert into bench_raw (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`,
    );
    const now = '2015-10-15T00:00:00.000Z';
    const data = Array.from({ length: Math.min(rows, 200_000) }, (_, i) => {
      const e = generatedEnterprise(i, 78, now);
      return [e.uscc, e.name, e.legal_rep, e.address, e.status, e.established_on, e.registered_capital];
    });
    const r0 = performance.now();
    let done = 0;
    while (done < rows) {
      const n = Math.min(50_000, rows - done);
      sqlite.transaction(() => {
        for (let i = 0; i < n; i++) insert.run(data[(done + i) % data.length]!);
      })();
      done += n;
    }
    const raw = rows / ((performance.now() - r0) / 1000);
    sqlite.exec('drop table bench_raw');
    figures.push({ name: 'raw better-sqlite3 insert loop', value: raw, unit: 'rows/s', target: null, ok: null });
    figures[0]!.ratio = rate / raw;
  }
  return figures;
}

/**
 * RSS split as Linux counts it: SQLite maps the database file (connect.ts, mmap_size), and pages of that
 * mapping the search touched count as RssFile: page cache shared with the OS, not memory the process owns.
 */
function rssParts(): string | undefined {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const mib = (key: string) => `${Math.round(kib(key) / 1024)} MiB`;
    return `anonymous ${mib('RssAnon')}, file-backed (mapped database) ${mib('RssFile')}`;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * credit-search: public search through HTTP (a real listening server, keep-alive fetch) on `rows` generated
 * enterprises; 2-character brand queries as the public types them. Server RSS after the run.
 */
export async function creditSearchBench(handle: DatabaseHandle, rows: number, queries = 300): Promise<CreditFigure[]> {
  const s = services(handle);
  const t0 = performance.now();
  await generateRegistry(s.core, { seed: 2015, count: rows });
  const loadSeconds = (performance.now() - t0) / 1000;
  const app = await buildApp(s);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}/api/public/enterprises?q=`;
  const words: string[] = [];
  for (let i = 0; i < queries; i++)
    words.push(BRAND_A[(i * 7) % BRAND_A.length]! + BRAND_B[(i * 13) % BRAND_B.length]!);
  const times: number[] = [];
  let hits = 0;
  try {
    for (let i = 0; i < 20; i++) await (await fetch(base + encodeURIComponent(words[i]!))).json();
    for (const w of words) {
      const q0 = performance.now();
      const res = await fetch(base + encodeURIComponent(w));
      const body = (await res.json()) as { total: number };
      times.push(performance.now() - q0);
      if (res.status !== 200) throw new Error(`search ${w}: ${res.status}`);
      hits += body.total;
    }
  } finally {
    await app.close();
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 0.5);
  const p99 = percentile(times, 0.99);
  const rss = process.memoryUsage().rss / 1048576;
  return [
    {
      name: `search 2-char median (${rows.toLocaleString()} rows, mean ${Math.round(hits / words.length)} hits)`,
      value: p50,
      unit: 'ms',
      target: '≤ 5',
      ok: p50 <= 5,
    },
    { name: 'search 2-char p99', value: p99, unit: 'ms', target: '≤ 20', ok: p99 <= 20 },
    { name: 'server RSS (same process)', value: rss, unit: 'MiB', target: null, ok: null, note: rssParts() },
    {
      name: 'registry generated',
      value: rows / loadSeconds,
      unit: 'rows/s',
      target: null,
      ok: null,
      note: `${loadSeconds.toFixed(1)} s`,
    },
  ];
}
