import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type DatabaseHandle, type Dialect } from '../../src/core/db/connect.js';
import { migrateToLatest } from '../../src/core/db/migrator.js';
import { MIGRATIONS } from '../../src/migrations/index.js';
import { PG_URL } from './dialects.js';

/**
 * Name of the migrated template every PostgreSQL test database is copied from. It changes with the
 * migrations' names and code, so a migration edited before it ships never meets a template built from
 * its earlier text (the PostgreSQL server outlives test runs).
 */
export function templateName(): string {
  const digest = crypto.createHash('sha256').update(MIGRATIONS.map((m) => `${m.name}\n${m.up.toString()}`).join('\n'));
  return `qc_template_${digest.digest('hex').slice(0, 12)}`;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL tests need a server at ${PG_URL} (set QCITY_TEST_PG_URL, or DIALECTS=sqlite to skip them): ${(err as Error).message}`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the migrated template once per migration list, under an advisory lock so parallel test files wait. */
export async function ensurePgTemplate(): Promise<string> {
  const name = templateName();
  await adminQuery(async (client) => {
    await client.query('select pg_advisory_lock(774411)');
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount) return;
      const stale = await client.query("select datname from pg_database where datname like 'qc_template_%'");
      for (const row of stale.rows) await client.query(`drop database if exists "${row.datname}"`);
      const building = `${name}_build`;
      await client.query(`drop database if exists "${building}"`);
      await client.query(`create database "${building}" template template0 encoding 'UTF8' locale 'C.UTF-8'`);
      const handle = connect(withDatabase(PG_URL, building), { poolSize: 1 });
      try {
        await migrateToLatest(handle.db, 'postgres');
      } finally {
        await handle.close();
      }
      await client.query(`alter database "${building}" rename to "${name}"`);
    } finally {
      await client.query('select pg_advisory_unlock(774411)');
    }
  });
  return name;
}

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (PostgreSQL) or deletes the file (SQLite). */
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given dialect, private to the caller. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-test-'));
    const handle = connect(`sqlite:${path.join(dir, 'test.db')}`);
    await migrateToLatest(handle.db, 'sqlite');
    return {
      ...handle,
      async drop() {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const template = await ensurePgTemplate();
  const name = `qc_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database "${name}" template "${template}"`);
        return;
      } catch (err) {
        // Two copies of one template at the same instant can collide; waiting a moment resolves it.
        if (attempt < 20 && /being accessed by other users/.test((err as Error).message)) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw err;
      }
    }
  });
  const handle = connect(withDatabase(PG_URL, name), { poolSize: 4 });
  return {
    ...handle,
    async drop() {
      await handle.close();
      await adminQuery((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
