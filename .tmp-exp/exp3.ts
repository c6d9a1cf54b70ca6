import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import os from 'node:os'; import fs from 'node:fs'; import path from 'node:path';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';
const N = 300000;
const now = '2015-10-15T00:00:00.000Z';
const cols = Object.keys(generatedEnterprise(0, 1, now));
const rows: unknown[][] = [];
for (let i = 0; i < N; i++) { const e = generatedEnterprise(i, 5, now) as any; rows.push(cols.map((c) => e[c] ?? null)); }
for (const v of (process.env.V ?? 'wal,off,memdb,wal-noterms,wal-ascii').split(',')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));
  const s = new Database(v === 'memdb' ? ':memory:' : path.join(dir, 'a.db'));
  s.pragma(v === 'off' ? 'journal_mode = OFF' : 'journal_mode = WAL'); s.pragma('synchronous = NORMAL'); s.pragma('cache_size = -65536');
  s.exec(`create table t (id integer primary key, ${cols.join(' , ')})`);
  let data = rows;
  if (v === 'wal-noterms') data = rows.map((r) => r.map((x, i) => (cols[i] === 'search_terms' || cols[i] === 'search_text' ? '' : x)));
  if (v === 'wal-ascii') data = rows.map((r) => r.map((x) => (typeof x === 'string' ? 'x'.repeat(Buffer.byteLength(x)) : x)));
  const ins = s.prepare(`insert into t (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  const t = performance.now();
  for (let i = 0; i < N; i += 50000) s.transaction(() => { for (let j = i; j < Math.min(N, i + 50000); j++) ins.run(data[j]!); })();
  const sec = (performance.now() - t) / 1000;
  const size = (s.prepare('select page_count*page_size s from pragma_page_count, pragma_page_size').get() as any).s;
  console.log(v, sec.toFixed(2), Math.round(N / sec), 'bytes/row', Math.round(size / N));
  s.close(); fs.rmSync(dir, { recursive: true });
}
