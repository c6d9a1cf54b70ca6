import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the typed Kysely handle plus what a few dialect-specific helpers need. */
export interface Database_ {
  db: Kysely<DB>;
  dialect: Dialect;
  url: string;
  /** The raw better-sqlite3 handle (SQLite only), for backup and bulk loads. */
  sqlite?: Database.Database;
  /** The pg pool (PostgreSQL only), for COPY and advisory locks. */
  pool?: pg.Pool;
  close(): Promise<void>;
}
export type { Database_ as DatabaseHandle };

let pgParsersRegistered = false;

// PostgreSQL's text form of a timestamptz in a UTC session: 2015-07-22 02:00:00.123456+00.
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * timestamptz text → ISO instant. Sessions run in UTC (see connect), so the common form is rewritten as a
 * string, which matters when a dashboard reads thousands of instants; anything else (another offset, BC,
 * infinity) goes through pg's parser. Fractions are truncated to milliseconds, as a Date would.
 */
export function timestamptzToIso(fallback: (v: string) => Date): (v: string) => string {
  return (v) => {
    const m = UTC_TIMESTAMP.exec(v);
    if (m && m[1]! >= '1000') return `${m[1]}T${m[2]}.${((m[3] ?? '') + '000').slice(0, 3)}Z`;
    return fallback(v).toISOString();
  };
}

/** pg type parsers so both databases hand the same JS values to repositories (stack.md §2.3). */
function registerPgParsers(): void {
  if (pgParsersRegistered) return;
  pgParsersRegistered = true;
  const { types } = pg;
  const parseTimestamptz = types.getTypeParser(1184);
  types.setTypeParser(1184, timestamptzToIso(parseTimestamptz as (v: string) => Date));
  types.setTypeParser(1082, (v: string) => v);
  types.setTypeParser(20, (v: string) => Number(v));
}

/** The dialect a database URL names. */
export function dialectOf(url: string): Dialect {
  return url.startsWith('postgres') ? 'postgres' : 'sqlite';
}

/** Opens SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL pool from a `sqlite:`/`postgres://` URL. */
export function connect(url: string, options: { poolSize?: number } = {}): Database_ {
  if (dialectOf(url) === 'postgres') {
    registerPgParsers();
    // Every session in UTC: instants come back in the one form timestamptzToIso rewrites without a Date.
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, options: '-c TimeZone=UTC' });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url, pool, close: () => db.destroy() };
  }
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -65536');
  // Reads of a file larger than the page cache (the 2-million-row registry is ~1 GB) go through memory
  // mapping instead of a read() call and a cache copy per page: a 2-character search fetches ~1,300 rows
  // at random, and this halves its time. Address space only (SQLite caps it at its build maximum, 2 GiB);
  // the OS decides what stays resident.
  sqlite.pragma('mmap_size = 4294967296');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    url,
    sqlite,
    async close() {
      try {
        sqlite.pragma('optimize');
      } catch {
        // Closing must not fail because the optimiser could not run.
      }
      await db.destroy();
    },
  };
}

/** True when the database answers a trivial query. */
export async function ping(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
