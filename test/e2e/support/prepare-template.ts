// Run once by scripts/test.mjs before the browser tests: prepares the demo data directory every e2e server
// starts from (a copy of it), so each test file does not generate the demo plan progress, notices, registry,
// credit data and grades again. Prints the directory; startServer() copies it when QCITY_E2E_TEMPLATE names it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, dailyJobs, prepareDatabase } from '../../../src/app.js';
import { loadConfig } from '../../../src/core/config.js';
import { connect } from '../../../src/core/db/connect.js';
import { e2eServerEnv } from './server.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-e2e-template-'));
const config = loadConfig({ ...process.env, ...e2eServerEnv(dir) });
const handle = connect(config.databaseUrl);
try {
  const services = createServices(config, handle);
  await prepareDatabase(services);
  // Today's daily jobs too, as a started server would run them at once (catch-up): the copies then start quiet.
  for (const job of dailyJobs(services)) await job.run();
} finally {
  await handle.close();
}
console.log(dir);
