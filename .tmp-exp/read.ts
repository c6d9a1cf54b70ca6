import { performance } from 'node:perf_hooks';
import { inspectImportFile, readImportRows } from '../src/modules/credit/registry-import.reader.js';
import { mapHeader, parseRegistryRow } from '../src/modules/credit/domain/registry-row.js';
import { usccReference } from '../src/modules/credit/reference.js';
import { searchColumns } from '../src/core/search/tokenize.js';
import { enterpriseSearchFields } from '../src/modules/credit/domain/registry-row.js';
const file = '/tmp/qc-bench-register-200000.csv';
const info = inspectImportFile(file);
let t = performance.now(); let n = 0;
for await (const v of readImportRows(file, info)) n++;
console.log('read+csv', ((performance.now() - t) * 1000 / n).toFixed(2), 'us/row');
const ref = usccReference();
t = performance.now(); let header: any = null; const recs: any[] = [];
for await (const v of readImportRows(file, info)) { if (!header) { header = mapHeader(v); continue; } recs.push(parseRegistryRow(v, header.index, ref)); }
console.log('read+csv+parseRow', ((performance.now() - t) * 1000 / n).toFixed(2), 'us/row');
t = performance.now();
for (const r of recs) searchColumns(enterpriseSearchFields(r.record.name, r.record.former_names));
console.log('search cols', ((performance.now() - t) * 1000 / n).toFixed(2), 'us/row');
