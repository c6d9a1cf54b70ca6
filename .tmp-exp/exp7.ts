import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';
const N = 200000;
const now = '2015-10-15T00:00:00.000Z';
const cols = Object.keys(generatedEnterprise(0, 1, now));
const CONST = ['source', 'last_synced_at', 'last_import_job_id', 'demo', 'list_flags', 'created_at', 'updated_at', 'version', 'code_warnings'];
const e0 = generatedEnterprise(0, 5, now) as any;
const vcols = cols.filter((c) => !CONST.includes(c));
const nn = vcols.filter((c) => e0[c] !== null && c !== 'registered_capital' && c !== 'currency' && c!=='status_date');
const recs = Array.from({ length: N }, (_, i) => generatedEnterprise(i, 5, now) as any);
function run(label: string, c: string[], mk: (e: any) => unknown) {
  const s = new Database(':memory:');
  s.exec(`create table t (id integer primary key, ${cols.join(' , ')})`);
  const ins = s.prepare(`insert into t (${c.join(',')}) values (${c.map(() => '?').join(',')})`);
  const data = recs.map(mk);
  const t = performance.now();
  s.transaction(() => { for (const r of data) ins.run(r as any); })();
  console.log(label, c.length, (((performance.now() - t) * 1000) / N).toFixed(2), 'us/row');
  s.close();
}
run('all30', cols, (e) => cols.map((k) => e[k] ?? null));
run('vcols', vcols, (e) => vcols.map((k) => e[k] ?? null));
run('nonnull', nn, (e) => nn.map((k) => e[k] ?? null));
run('nonnull-noterms', nn.filter((k) => !k.startsWith('search')), (e) => nn.filter((k) => !k.startsWith('search')).map((k) => e[k] ?? null));
run('nonnull-raw-obj', nn, (e) => Object.fromEntries(nn.map((k) => [k, e[k] ?? null])));
console.log(nn);
