import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { BRAND_A, BRAND_B } from '../src/modules/credit/gen/words.js';
const s = new Database('/tmp/qc2m/db.sqlite');
s.pragma('cache_size = -65536');
if (process.env.MMAP) s.pragma('mmap_size = ' + process.env.MMAP);
const words: string[] = [];
for (let i = 0; i < 120; i++) words.push(BRAND_A[(i * 7) % BRAND_A.length]! + BRAND_B[(i * 13) % BRAND_B.length]!);
const variants: Record<string, string> = {
  ftsonly: "select rowid from enterprises_fts where enterprises_fts match @m and @l is not null",
  sel6like: "select e.id, e.name, e.district_code, e.status, e.grade, e.list_flags from enterprises e where e.id in (select rowid from enterprises_fts where enterprises_fts match @m) and e.search_text like @l",
  sel6: "select e.id, e.name, e.district_code, e.status, e.grade, e.list_flags from enterprises e where e.id in (select rowid from enterprises_fts where enterprises_fts match @m) and @l is not null",
  district: "select e.district_code from enterprises e where e.id in (select rowid from enterprises_fts where enterprises_fts match @m) and @l is not null",
};
for (let round = 0; round < 2; round++) for (const [k, q] of Object.entries(variants)) {
  const st = s.prepare(q); const times: number[] = [];
  for (const w of words) { const t = performance.now(); st.all({ m: `"${w}"`, l: `%${w}%` }); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(round, k, 'p50', times[60]!.toFixed(2), 'p99', times[118]!.toFixed(2));
}
