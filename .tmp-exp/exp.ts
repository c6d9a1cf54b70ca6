import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../test/support/db.js';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';

const N = Number(process.env.N ?? 500000);
const mode = process.env.MODE ?? 'A';
const h = await createTestDatabase('sqlite');
const s = h.sqlite!;
if (process.env.CACHE) s.pragma(`cache_size = -${process.env.CACHE}`);
const now = '2015-10-15T00:00:00.000Z';
const cols = Object.keys(generatedEnterprise(0, 1, now));
let t = performance.now();
const rows: unknown[][] = [];
for (let i = 0; i < N; i++) { const e = generatedEnterprise(i, 5, now) as any; rows.push(cols.map((c) => e[c] ?? null)); }
console.log('gen', ((performance.now() - t) / 1000).toFixed(2));
if (mode !== 'A') s.exec('drop trigger enterprises_fts_ai');
if (mode === 'C') s.exec('drop index enterprises_legal_rep; drop index enterprises_district; drop index enterprises_risk; drop index enterprises_registration_no');
const ins = s.prepare(`insert into enterprises (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
t = performance.now();
for (let i = 0; i < N; i += 50000) s.transaction(() => { for (let j = i; j < Math.min(N, i + 50000); j++) ins.run(rows[j]!); })();
const tIns = (performance.now() - t) / 1000;
console.log('insert', tIns.toFixed(2), Math.round(N / tIns));
t = performance.now();
if (mode === 'C') s.exec('create index enterprises_legal_rep on enterprises(legal_rep); create index enterprises_district on enterprises(district_code, status); create index enterprises_risk on enterprises(risk_class,id); create index enterprises_registration_no on enterprises(registration_no)');
console.log('indexes', ((performance.now() - t) / 1000).toFixed(2));
t = performance.now();
if (process.env.NOAUTO) s.exec("insert into enterprises_fts(enterprises_fts, rank) values ('automerge', 0)");
if (mode !== 'A') s.exec('insert into enterprises_fts(rowid, search_terms) select id, search_terms from enterprises');
console.log('fts', ((performance.now() - t) / 1000).toFixed(2));
if (process.env.ASCII) {
  s.exec("create virtual table x_fts using fts5(search_terms, content='enterprises', content_rowid='id', tokenize='ascii')");
  t = performance.now();
  s.exec('insert into x_fts(rowid, search_terms) select id, search_terms from enterprises');
  console.log('fts ascii', ((performance.now() - t) / 1000).toFixed(2));
}
await h.drop();
