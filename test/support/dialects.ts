import type { Dialect } from '../../src/core/db/connect.js';

/** Dialects every database test runs on: `DIALECTS=sqlite npm test` narrows a quick run. */
export const DIALECTS: Dialect[] = (process.env.DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => {
    if (d === 'sqlite' || d === 'postgres') return true;
    if (d) throw new Error(`DIALECTS names an unknown dialect: ${d}`);
    return false;
  });

/** The server every PostgreSQL test database is created on. */
export const PG_URL = process.env.QCITY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
