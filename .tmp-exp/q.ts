import { performance } from 'node:perf_hooks';
import { connect } from '../src/core/db/connect.js';
import { createServices } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import * as repo from '../src/modules/credit/registry.repository.js';
import { BRAND_A, BRAND_B } from '../src/modules/credit/gen/words.js';
const h = connect('sqlite:/tmp/qc2m/db.sqlite'); if (process.env.MMAP) h.sqlite!.pragma('mmap_size = ' + process.env.MMAP); if (process.env.CACHE) h.sqlite!.pragma('cache_size = -' + process.env.CACHE);
const s = createServices(loadConfig({ QCITY_LOG_LEVEL: 'silent', QCITY_DEMO: 'false', QCITY_DATABASE_URL: h.url }), h);
const words: string[] = [];
for (let i = 0; i < 100; i++) words.push(BRAND_A[(i * 7) % BRAND_A.length]! + BRAND_B[(i * 13) % BRAND_B.length]!);
const f = (q: string): repo.RegistryFilter => ({ text: s.core.search.condition('enterprises', q), legalRep: q, uscc: null, codePrefix: null });
const q0 = repo.searchCandidates as any;
const c = (await import('kysely'));
const compiled = (s.core.db.selectFrom('enterprises') as any);
// plan
const w = words[0]!;
const qb = (repo as any);
const sqlite = h.sqlite!;
const text = s.core.search.condition('enterprises', w)!;
const built = s.core.db.selectFrom('enterprises').select(['id']).where((eb) => eb.or([text, eb('legal_rep', '=', w)])).orderBy('id').limit(10001).compile();
console.log(built.sql, built.parameters);
console.log(sqlite.prepare('explain query plan ' + built.sql).all(...(built.parameters as any[])));
for (const label of ['cand', 'svc']) {
  const times: number[] = [];
  for (const q of words) {
    const t = performance.now();
    if (label === 'cand') await repo.searchCandidates(s.core.db, f(q), 10001);
    else await s.registry.publicSearch({ q });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(label, 'p50', times[50]!.toFixed(2), 'p99', times[98]!.toFixed(2));
}
// FTS only
const fts = sqlite.prepare('select rowid from enterprises_fts where enterprises_fts match ?');
let t = performance.now(); for (const q of words) fts.all(`"${q}"`); console.log('fts only', ((performance.now() - t) / words.length).toFixed(2));
const j = sqlite.prepare("select e.id, e.name, e.district_code, e.status, e.grade, e.list_flags from enterprises_fts f join enterprises e on e.id = f.rowid where enterprises_fts match ? and e.search_text like ?");
t = performance.now(); for (const q of words) j.all(`"${q}"`, `%${q}%`); console.log('join', ((performance.now() - t) / words.length).toFixed(2));
await h.close();
