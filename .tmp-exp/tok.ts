import { performance } from 'node:perf_hooks';
import { searchColumns } from '../src/core/search/tokenize.js';
import { generatedEnterprise } from '../src/modules/credit/gen/generate.js';
const names: string[] = [];
for (let i = 0; i < 100000; i++) names.push(generatedEnterprise(i, 3, 'x').name as string);
for (let k = 0; k < 3; k++) { const t = performance.now(); let n = 0; for (const x of names) n += searchColumns([x]).search_terms.length; console.log('searchColumns us/row', ((performance.now() - t) * 10 / 1000).toFixed(2)); }
for (let k = 0; k < 2; k++) { const t = performance.now(); let n = 0; for (const x of names) n += x.normalize('NFKC').length; console.log('nfkc us/row', ((performance.now() - t) * 10 / 1000).toFixed(2)); }
