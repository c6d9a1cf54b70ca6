import { performance } from 'node:perf_hooks';
import { connect } from '../src/core/db/connect.js';
import { buildApp, createServices } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { BRAND_A, BRAND_B } from '../src/modules/credit/gen/words.js';
const h = connect('sqlite:/tmp/qc2m/db.sqlite');
if (process.env.MMAP) h.sqlite!.pragma('mmap_size = ' + process.env.MMAP);
const s = createServices(loadConfig({ QCITY_LOG_LEVEL: 'silent', QCITY_DEMO: 'false', QCITY_DATABASE_URL: h.url, QCITY_PUBLIC_RATE_LIMIT: '0' }), h);
const app = await buildApp(s);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as any).port}/api/public/enterprises?q=`;
const words: string[] = [];
for (let i = 0; i < 300; i++) words.push(BRAND_A[(i * 7) % BRAND_A.length]! + BRAND_B[(i * 13) % BRAND_B.length]!);
for (let i = 0; i < 20; i++) await (await fetch(base + encodeURIComponent(words[i]!))).json();
const times: number[] = []; const svc: number[] = [];
for (const w of words) {
  const t = performance.now(); const r = await fetch(base + encodeURIComponent(w)); await r.json(); times.push(performance.now() - t);
  const t2 = performance.now(); await s.registry.publicSearch({ q: w }); svc.push(performance.now() - t2);
}
const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * a.length)]!.toFixed(2);
console.log('http p50', pct(times, 0.5), 'p99', pct(times, 0.99), '| svc (warm) p50', pct(svc, 0.5), 'p99', pct(svc, 0.99));
await app.close(); await h.close();
