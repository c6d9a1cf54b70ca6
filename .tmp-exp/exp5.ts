import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../test/support/db.js';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';
const N = 400000;
const now = '2015-10-15T00:00:00.000Z';
const cols = Object.keys(generatedEnterprise(0, 1, now));
const rows: unknown[][] = [];
for (let i = 0; i < N; i++) { const e = generatedEnterprise(i, 5, now) as any; rows.push(cols.map((c) => e[c] ?? null)); }
const all = ['enterprises_legal_rep', 'enterprises_district', 'enterprises_risk', 'enterprises_registration_no'];
for (const keep of ['none', ...all]) {
  const h = await createTestDatabase('sqlite');
  const s = h.sqlite!;
  s.exec('drop trigger enterprises_fts_ai');
  for (const i of all) if (i !== keep) s.exec(`drop index ${i}`);
  const ins = s.prepare(`insert into enterprises (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  const t = performance.now();
  for (let i = 0; i < N; i += 50000) s.transaction(() => { for (let j = i; j < Math.min(N, i + 50000); j++) ins.run(rows[j]!); })();
  const sec = (performance.now() - t) / 1000;
  console.log(keep, sec.toFixed(2));
  await h.drop();
}
