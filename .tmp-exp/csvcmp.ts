import { parse } from 'csv-parse/sync';
import { csvRecords } from '../src/modules/credit/registry-import.csv.js';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
const cases = ['a,b,c\n1,2,3\n', 'a,b\r\n"x,y","q""z"\r\n\r\n3,"multi\nline"\n', '\uFEFFh1,h2\nv1,"v2"', 'a,b"c,d\n"",x\n,\n', '"a"\n"b","c\r\nd"\r\n'];
async function* chunked(s: string, n: number) { for (let i = 0; i < s.length; i += n) yield s.slice(i, i + n); }
for (const c of cases) for (const n of [1, 2, 3, 1000]) {
  const mine: string[][] = []; for await (const r of csvRecords(chunked(c, n))) mine.push(r);
  const ref = parse(c, { bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
  if (JSON.stringify(mine) !== JSON.stringify(ref)) console.log('DIFF', JSON.stringify(c), n, JSON.stringify(mine), JSON.stringify(ref));
}
const text = fs.readFileSync('/tmp/qc-bench-register-200000.csv', 'utf8');
let t = performance.now(); const mine: string[][] = []; for await (const r of csvRecords(chunked(text, 1 << 20))) mine.push(r);
console.log('mine ms', (performance.now() - t).toFixed(0));
t = performance.now(); const ref = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
console.log('csv-parse ms', (performance.now() - t).toFixed(0), 'equal', JSON.stringify(mine) === JSON.stringify(ref));
