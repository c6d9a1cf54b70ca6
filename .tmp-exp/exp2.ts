import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../test/support/db.js';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';
const N = Number(process.env.N ?? 300000);
const now = '2015-10-15T00:00:00.000Z';
const cols = Object.keys(generatedEnterprise(0, 1, now));
const rows: unknown[][] = [];
for (let i = 0; i < N; i++) { const e = generatedEnterprise(i, 5, now) as any; rows.push(cols.map((c) => e[c] ?? null)); }
for (const variant of (process.env.V ?? 'base,nouscc,sync0,bigcache,sorted').split(',')) {
  const h = await createTestDatabase('sqlite');
  const s = h.sqlite!;
  s.exec('drop trigger enterprises_fts_ai; drop index enterprises_legal_rep; drop index enterprises_district; drop index enterprises_risk; drop index enterprises_registration_no');
  let table = 'enterprises';
  if (variant === 'nouscc') { s.exec(`create table e2 as select * from enterprises where 0`); table = 'e2'; }
  if (variant === 'sync0') s.pragma('synchronous = OFF');
  if (variant === 'bigcache') s.pragma('cache_size = -1000000');
  const data = variant === 'sorted' ? [...rows].sort((a: any, b: any) => (a[0] < b[0] ? -1 : 1)) : rows;
  const ins = s.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  const t = performance.now();
  for (let i = 0; i < N; i += 50000) s.transaction(() => { for (let j = i; j < Math.min(N, i + 50000); j++) ins.run(data[j]!); })();
  const sec = (performance.now() - t) / 1000;
  console.log(variant, sec.toFixed(2), Math.round(N / sec));
  await h.drop();
}
