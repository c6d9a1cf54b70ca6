// `npm start`: build the web UI if needed, then serve on an embedded SQLite file with the demo data.
import { buildWebIfNeeded } from './build-web-if-needed.mjs';

buildWebIfNeeded();
const { register } = await import('tsx/esm/api');
register();
const { startServer, reportStartupFailure } = await import('../src/server.ts');
await startServer().catch(reportStartupFailure);
