import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';
const N = 200000;
const now = '2015-10-15T00:00:00.000Z';
const cols = Object.keys(generatedEnterprise(0, 1, now));
const rows: unknown[][] = [];
for (let i = 0; i < N; i++) { const e = generatedEnterprise(i, 5, now) as any; rows.push(cols.map((c) => e[c] ?? null)); }
function run(label: string, data: unknown[][], sqlCols = cols, extra = '') {
  const s = new Database(':memory:');
  s.exec(`create table t (id integer primary key, ${cols.join(' , ')})`);
  const ins = s.prepare(`insert into t (${sqlCols.join(',')}) values (${sqlCols.map(() => '?').join(',')}) ${extra}`);
  const t = performance.now();
  s.transaction(() => { for (const r of data) ins.run(r); })();
  const sec = (performance.now() - t) / 1000;
  console.log(label, (sec * 1e6 / N).toFixed(2), 'us/row');
  s.close();
}
run('real', rows);
run('allnull', rows.map((r) => r.map(() => null)));
run('7cols', rows.map((r) => r.slice(0, 7)), cols.slice(0, 7));
run('ints', rows.map((r) => r.map((_, i) => i)));
// flattened strings (no ropes)
run('flat', rows.map((r) => r.map((x) => (typeof x === 'string' ? (x + ' ').slice(0, -1) : x))));
// JSON approach
{
  const s = new Database(':memory:');
  s.exec(`create table t (id integer primary key, ${cols.join(' , ')})`);
  const sel = cols.map((c, i) => `value ->> ${i}`).join(', ');
  const ins = s.prepare(`insert into t (${cols.join(',')}) select ${sel} from json_each(?)`);
  const t = performance.now();
  s.transaction(() => { for (let i = 0; i < N; i += 1000) ins.run(JSON.stringify(rows.slice(i, i + 1000))); })();
  console.log('json', (((performance.now() - t) / 1000) * 1e6 / N).toFixed(2), 'us/row', s.prepare('select sqlite_version() v').get());
}
