import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse as Response } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp, createServices, prepareDatabase, type Services } from '../../src/app.js';
import { fixedClock } from '../../src/core/clock.js';
import { loadConfig } from '../../src/core/config.js';
import type { Dialect } from '../../src/core/db/connect.js';
import type { DB } from '../../src/core/db/schema.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/core/http/server.js';
import { DEMO_PASSWORD } from '../../src/modules/users/demo.js';
import { createTestDatabase, type TestDatabase } from './db.js';

/** The instant every test app starts at: a weekday morning in Qingdao (UTC+8). */
export const TEST_START = '2025-03-03T01:00:00.000Z';

export type TestClock = ReturnType<typeof fixedClock>;
export type TestHttpApp = Awaited<ReturnType<typeof buildApp>>;

/** Extra request options: headers to add, and whether a 5xx answer is expected (it never should be). */
export interface CallOptions {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Send this raw payload instead of JSON-encoding `body` (malformed JSON, other content types). */
  raw?: string | Buffer;
}

/** A caller: anonymous, a logged-in browser session (cookie + CSRF header) or an API token. */
export interface Caller {
  /** Username for sessions, `null` for anonymous or token callers. */
  username: string | null;
  /** The session cookie's value, or null. */
  sessionToken: string | null;
  /** The CSRF token returned by login, or null. */
  csrfToken: string | null;
  /** The body of the login response (user and csrfToken). */
  session: {
    user: { id: number; username: string; permissions: string[]; roles: unknown[] };
    csrfToken: string;
  } | null;
  request(method: InjectOptions['method'], url: string, body?: unknown, options?: CallOptions): Promise<Response>;
  get(url: string, options?: CallOptions): Promise<Response>;
  post(url: string, body?: unknown, options?: CallOptions): Promise<Response>;
  patch(url: string, body?: unknown, options?: CallOptions): Promise<Response>;
  put(url: string, body?: unknown, options?: CallOptions): Promise<Response>;
  delete(url: string, options?: CallOptions): Promise<Response>;
}

export interface TestApp {
  app: TestHttpApp;
  services: Services;
  db: Kysely<DB>;
  dialect: Dialect;
  clock: TestClock;
  tdb: TestDatabase;
  /** An anonymous caller. */
  anon: Caller;
  /** Logs in through POST /api/auth/login (demo password by default) and returns a session caller. */
  login(username: string, password?: string): Promise<Caller>;
  /** A caller that sends `Authorization: Bearer <token>` and no cookie. */
  bearer(token: string): Caller;
  /** Every answer with a 5xx status seen so far: tests assert it stays empty. */
  serverErrors: { method: string; url: string; status: number; body: string }[];
  close(): Promise<void>;
}

/** Every table, for before/after row counts. */
export const TABLES = [
  'org_units',
  'org_aliases',
  'org_groups',
  'org_group_aliases',
  'org_group_members',
  'users',
  'user_roles',
  'sessions',
  'login_attempts',
  'api_tokens',
  'audit_log',
  'files',
  'plans',
  'plan_sections',
  'plan_measures',
  'plan_actions',
  'plan_parties',
  'assignments',
  'progress_reports',
  'report_evidence',
  'notices',
  'notice_marks',
  'job_runs',
  'bulletins',
  'counters',
  'enterprises',
  'enterprise_changes',
  'import_jobs',
  'import_rejects',
  'rule_sets',
  'holidays',
  'credit_records',
  'credit_record_files',
  'list_entries',
  'list_transitions',
  'objections',
  'repair_applications',
  'credit_reports',
  'enterprise_grades',
  'inspectors',
  'inspector_conflicts',
  'inspection_draws',
  'inspection_draw_members',
  'grade_runs',
] as const satisfies readonly (keyof DB)[];

/** Row counts of every table: a failed request must leave them all as they were. */
export async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** The newest audit row, or undefined. */
export function lastAuditRow(db: Kysely<DB>) {
  return db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Audit rows after `seq`, oldest first. */
export function auditRowsAfter(db: Kysely<DB>, seq: number) {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();
}

/** The highest audit sequence number (0 for an empty log). */
export async function auditHead(db: Kysely<DB>): Promise<number> {
  return Number((await lastAuditRow(db))?.seq ?? 0);
}

/** Asserts the standard error shape and returns the parsed body. */
export function expectError(res: Response, status: number, code: string) {
  const body = res.json() as { code: string; message: string; requestId: string; details?: unknown };
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode} ${res.body}`);
  assert.equal(body.code, code, `expected ${code}, got ${res.body}`);
  assert.equal(typeof body.message, 'string');
  assert.ok(body.message.length > 0, 'an error message');
  assert.equal(typeof body.requestId, 'string');
  assert.ok(body.requestId.length > 0, 'a request id');
  return body;
}

/**
 * Performs a request that must fail with `code` and leave every table, and the audit log, exactly as
 * they were (no write is half-done).
 */
export async function expectRefused(db: Kysely<DB>, request: () => Promise<Response>, status: number, code: string) {
  const counts = await rowCounts(db);
  const head = await auditHead(db);
  const body = expectError(await request(), status, code);
  assert.deepEqual(await rowCounts(db), counts, `${code}: nothing written`);
  assert.equal(await auditHead(db), head, `${code}: no audit row`);
  return body;
}

/** Asserts a success status and returns the parsed JSON body. */
export function expectOk<T = any>(res: Response, status = 200): T {
  assert.equal(res.statusCode, status, `expected ${status}, got ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

/**
 * A fresh database of `dialect`, migrated and seeded (org registry, demo accounts with the demo password)
 * and the whole HTTP app on top, driven by a fixed clock the test can move. The demo plan is published
 * without synthetic progress unless `demoData` asks for it (it takes seconds); the demo registry (20,000
 * generated enterprises) only with `demoRegistry`.
 */
export async function createTestApp(
  dialect: Dialect,
  options: { clock?: TestClock; env?: Record<string, string>; demoData?: boolean; demoRegistry?: boolean } = {},
): Promise<TestApp> {
  const tdb = await createTestDatabase(dialect);
  const clock = options.clock ?? fixedClock(TEST_START);
  const config = loadConfig({
    // A test machine running many suites at once lags; shedding load there would only make tests flaky.
    QCITY_OVERLOAD_DELAY_MS: '0',
    ...options.env,
    QCITY_DEMO: 'true',
    QCITY_LOG_LEVEL: 'silent',
    QCITY_DATABASE_URL: tdb.url,
  });
  const services = createServices(config, tdb, clock);
  let app: TestHttpApp | undefined;
  try {
    await prepareDatabase(services, {
      demoData: options.demoData ?? false,
      demoRegistry: options.demoRegistry ?? false,
    });
    app = await buildApp(services);
    await app.ready();
  } catch (err) {
    await app?.close();
    await tdb.drop();
    throw err;
  }
  const ready = app;
  const serverErrors: TestApp['serverErrors'] = [];

  function caller(init: {
    username: string | null;
    sessionToken: string | null;
    csrfToken: string | null;
    bearer?: string;
  }) {
    const self: Caller = {
      username: init.username,
      sessionToken: init.sessionToken,
      csrfToken: init.csrfToken,
      session: null,
      async request(method, url, body, opts = {}) {
        const headers: Record<string, string> = { ...opts.headers };
        if (self.sessionToken) headers.cookie = `${SESSION_COOKIE}=${self.sessionToken}`;
        if (self.csrfToken && !(CSRF_HEADER in headers)) headers[CSRF_HEADER] = self.csrfToken;
        if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
        let payload: string | Buffer | undefined;
        if (opts.raw !== undefined) {
          payload = opts.raw;
          headers['content-type'] ??= 'application/json';
        } else if (body !== undefined) {
          payload = JSON.stringify(body);
          headers['content-type'] ??= 'application/json';
        }
        // Headers explicitly set to '' are dropped, so a test can leave one out (e.g. the CSRF header).
        for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
        const res = await ready.inject({ method, url, headers, payload, query: opts.query });
        if (res.statusCode >= 500)
          serverErrors.push({ method: String(method), url, status: res.statusCode, body: res.body });
        return res;
      },
      get: (url, opts) => self.request('GET', url, undefined, opts),
      post: (url, body, opts) => self.request('POST', url, body, opts),
      patch: (url, body, opts) => self.request('PATCH', url, body, opts),
      put: (url, body, opts) => self.request('PUT', url, body, opts),
      delete: (url, opts) => self.request('DELETE', url, undefined, opts),
    };
    return self;
  }

  const anon = caller({ username: null, sessionToken: null, csrfToken: null });

  return {
    app: ready,
    services,
    db: tdb.db,
    dialect,
    clock,
    tdb,
    anon,
    serverErrors,
    async login(username, password = DEMO_PASSWORD) {
      const res = await anon.post('/api/auth/login', { username, password });
      assert.equal(res.statusCode, 200, `login as ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      assert.ok(cookie?.value, `login as ${username} sets ${SESSION_COOKIE}`);
      const session = res.json() as NonNullable<Caller['session']>;
      const c = caller({ username, sessionToken: cookie.value, csrfToken: session.csrfToken });
      c.session = session;
      return c;
    },
    bearer(token) {
      return caller({ username: null, sessionToken: null, csrfToken: null, bearer: token });
    },
    async close() {
      await ready.close();
      await tdb.drop();
    },
  };
}
