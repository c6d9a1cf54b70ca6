import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../test/support/db.js';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';
const N = Number(process.env.N ?? 500000);
const now = '2015-10-15T00:00:00.000Z';
const cols = Object.keys(generatedEnterprise(0, 1, now));
const CONST = ['source', 'last_synced_at', 'last_import_job_id', 'demo', 'list_flags', 'created_at', 'updated_at', 'version', 'code_warnings'];
const vcols = cols.filter((c) => !CONST.includes(c));
const rows: unknown[][] = [];
for (let i = 0; i < N; i++) { const e = generatedEnterprise(i, 5, now) as any; rows.push(vcols.map((c) => e[c] ?? null)); }
const h = await createTestDatabase('sqlite');
const s = h.sqlite!;
s.exec('drop trigger enterprises_fts_ai; drop index enterprises_legal_rep; drop index enterprises_district; drop index enterprises_risk; drop index enterprises_registration_no');
const ins = s.prepare(`insert into enterprises (${vcols.join(',')}, ${CONST.join(',')}) values (${vcols.map(() => '?').join(',')}, 'import', '${now}', 1, 0, '', '${now}', '${now}', 1, '')`);
let t = performance.now();
for (let i = 0; i < N; i += 50000) s.transaction(() => { for (let j = i; j < Math.min(N, i + 50000); j++) ins.run(rows[j]!); })();
console.log('insert (consts inlined)', ((performance.now() - t) / 1000).toFixed(2));
for (const [n, c] of [['legal_rep', 'legal_rep'], ['district', 'district_code, status'], ['risk', 'risk_class, id'], ['regno', 'registration_no']]) {
  t = performance.now(); s.exec(`create index x_${n} on enterprises(${c})`); console.log('index', n, ((performance.now() - t) / 1000).toFixed(2));
}
for (const [name, opts] of [['u61', "tokenize='unicode61'"], ['ascii', "tokenize='ascii'"], ['ascii_cs0', "tokenize='ascii', columnsize=0"], ['ascii_cs0_col', "tokenize='ascii', columnsize=0, detail=column"]]) {
  s.exec(`create virtual table f_${name} using fts5(search_terms, content='enterprises', content_rowid='id', ${opts})`);
  t = performance.now(); s.exec(`insert into f_${name}(rowid, search_terms) select id, search_terms from enterprises`); console.log('fts', name, ((performance.now() - t) / 1000).toFixed(2));
}
t = performance.now(); s.exec('analyze'); console.log('analyze', ((performance.now() - t) / 1000).toFixed(2));
await h.drop();
