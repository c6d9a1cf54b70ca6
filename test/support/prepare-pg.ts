// Run once by scripts/test.mjs before the PostgreSQL suite: checks the server answers, drops test
// databases a crashed run left behind, and builds the migrated template.
import pg from 'pg';
import { ensurePgTemplate } from './db.js';
import { PG_URL } from './dialects.js';

const client = new pg.Client({ connectionString: PG_URL });
try {
  await client.connect();
} catch (err) {
  console.error(`PostgreSQL is required for the test suite but ${PG_URL} does not answer: ${(err as Error).message}`);
  console.error('Start it, point QCITY_TEST_PG_URL elsewhere, or run DIALECTS=sqlite npm test for a SQLite-only run.');
  process.exit(2);
}
// Only databases nobody is connected to: another test run on this server may be using its own.
const stale = await client.query(
  "select datname from pg_database d where datname like 'qc\\_t\\_%' and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)",
);
for (const row of stale.rows) {
  await client.query(`drop database if exists "${row.datname}"`).catch(() => undefined);
}
await client.end();
const template = await ensurePgTemplate();
console.log(
  `PostgreSQL ready at ${PG_URL.replace(/\/\/[^@]*@/, '//')}: template ${template}, ${stale.rowCount} stale database(s) dropped`,
);
