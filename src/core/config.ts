import path from 'node:path';
import { isCalendarDate } from './dates.js';
import { QcError } from './errors.js';
import { parseTimeOfDay } from './jobs/schedule.js';

/** Everything the server and CLI read from the environment, validated once at start. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  cookieSecure: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  lockout: { attempts: number; windowMinutes: number };
  webDir: string;
  /** The date dashboards and lights are seen at by default; null means today (demo: inside 2015). */
  asOf: string | null;
  /** Shed load (503) when the event loop lags this many ms; 0 turns it off. */
  overloadDelayMs: number;
  /** Run daily jobs (reminders) in this process, and at which local time (minutes after midnight). */
  jobs: { enabled: boolean; remindersAt: number };
  /** Public enterprise search: anonymous requests per minute per IP (0 = no limit), exact totals up to `countCap`. */
  publicSearch: { ratePerMinute: number; countCap: number };
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One row per variable: README's configuration table is written from this list. */
export const CONFIG_VARIABLES = [
  ['QCITY_DATABASE_URL', 'sqlite:<data dir>/qcity.db', 'sqlite:<file> or postgres://user@host:port/db'],
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '0.0.0.0', 'listen address'],
  ['QCITY_DATA_DIR', './var', 'SQLite file, uploaded evidence and exports'],
  ['QCITY_DEMO', 'on unless NODE_ENV=production', 'load demo accounts (true/false)'],
  ['NODE_ENV', 'development', 'production turns demo mode off and cookies Secure'],
  ['QCITY_LOG_LEVEL', 'info', 'pino level: fatal … trace, silent'],
  ['QCITY_BODY_LIMIT', '1048576', 'largest JSON body in bytes'],
  ['QCITY_UPLOAD_LIMIT', '20971520', 'largest uploaded file (evidence, imports) in bytes'],
  ['QCITY_COOKIE_SECURE', 'on in production', 'send the session cookie over HTTPS only'],
  ['QCITY_SESSION_IDLE_MINUTES', '30', 'log out after this much inactivity'],
  ['QCITY_SESSION_ABSOLUTE_HOURS', '12', 'log out this long after login, active or not'],
  ['QCITY_LOCKOUT_ATTEMPTS', '5', 'failed logins that lock an account'],
  ['QCITY_LOCKOUT_WINDOW_MINUTES', '15', 'window for counting failures, and the lock duration'],
  ['QCITY_WEB_DIR', './dist/web', 'the built web UI served at /'],
  [
    'QCITY_AS_OF',
    'demo: 2015-10-15; else today',
    'date dashboards and traffic lights are seen at by default (YYYY-MM-DD or today)',
  ],
  ['QCITY_OVERLOAD_DELAY_MS', '5000', 'answer 503 while the event loop lags this long; 0 turns load shedding off'],
  ['QCITY_JOBS', 'on', 'run daily jobs (reminders and escalations) in the server process (true/false)'],
  ['QCITY_REMINDERS_AT', '08:00', 'local time (Asia/Shanghai, HH:MM) the daily reminder job runs'],
  ['QCITY_PUBLIC_RATE_LIMIT', '60', 'anonymous requests per minute per IP to the public credit pages and search; 0 turns it off'],
  ['QCITY_SEARCH_COUNT_CAP', '10000', 'enterprise search counts exactly up to this many hits, then shows "10000+"'],
] as const;

function invalid(message: string): never {
  throw new QcError('QC_ERR_CONFIG', [message]);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) invalid(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) invalid(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  return invalid(`${name} must be true or false, got "${env[name]}"`);
}

/** Reads and checks the configuration; throws QC_ERR_CONFIG with a readable reason. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    invalid(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const production = nodeEnv === 'production';
  const dataDir = path.resolve(cwd, env.QCITY_DATA_DIR || 'var');
  const databaseUrl = normaliseDatabaseUrl(env.QCITY_DATABASE_URL, dataDir, cwd);
  const logLevel = (env.QCITY_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) invalid(`QCITY_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const host = env.HOST || '0.0.0.0';
  return {
    env: nodeEnv as Config['env'],
    host,
    port: int(env, 'PORT', 3000, 0, 65535),
    dataDir,
    databaseUrl,
    demo: bool(env, 'QCITY_DEMO', !production),
    logLevel,
    bodyLimitBytes: int(env, 'QCITY_BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    // Uploads are held in memory while their type is checked, hence the ceiling.
    uploadLimitBytes: int(env, 'QCITY_UPLOAD_LIMIT', 20 * 1_048_576, 1024, 256 * 1_048_576),
    cookieSecure: bool(env, 'QCITY_COOKIE_SECURE', production),
    session: {
      idleMinutes: int(env, 'QCITY_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      absoluteHours: int(env, 'QCITY_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    },
    lockout: {
      attempts: int(env, 'QCITY_LOCKOUT_ATTEMPTS', 5, 1, 100),
      windowMinutes: int(env, 'QCITY_LOCKOUT_WINDOW_MINUTES', 15, 1, 24 * 60),
    },
    webDir: path.resolve(cwd, env.QCITY_WEB_DIR || 'dist/web'),
    asOf: asOfDate(env, bool(env, 'QCITY_DEMO', !production)),
    overloadDelayMs: int(env, 'QCITY_OVERLOAD_DELAY_MS', 5000, 0, 600_000),
    jobs: { enabled: bool(env, 'QCITY_JOBS', true), remindersAt: timeOfDay(env, 'QCITY_REMINDERS_AT', '08:00') },
    publicSearch: {
      ratePerMinute: int(env, 'QCITY_PUBLIC_RATE_LIMIT', 60, 0, 1_000_000),
      countCap: int(env, 'QCITY_SEARCH_COUNT_CAP', 10_000, 100, 1_000_000),
    },
  };
}

function timeOfDay(env: Env, name: string, fallback: string): number {
  const raw = env[name]?.trim() || fallback;
  const minutes = parseTimeOfDay(raw);
  if (minutes === null) invalid(`${name} must be a time of day HH:MM (00:00–23:59), got "${raw}"`);
  return minutes;
}

/** Demo data lives in the 2015 plan year, so demo mode looks at it from inside that year. */
export const DEMO_AS_OF = '2015-10-15';

function asOfDate(env: Env, demo: boolean): string | null {
  const raw = env.QCITY_AS_OF?.trim();
  if (!raw) return demo ? DEMO_AS_OF : null;
  if (raw === 'today') return null;
  if (!isCalendarDate(raw)) invalid(`QCITY_AS_OF must be a date (YYYY-MM-DD) or "today", got "${raw}"`);
  return raw;
}

function normaliseDatabaseUrl(raw: string | undefined, dataDir: string, cwd: string): string {
  if (!raw) return `sqlite:${path.join(dataDir, 'qcity.db')}`;
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    try {
      new URL(raw);
    } catch {
      invalid(`QCITY_DATABASE_URL is not a valid URL: "${raw}"`);
    }
    return raw;
  }
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) invalid('QCITY_DATABASE_URL "sqlite:" needs a file path');
    return `sqlite:${path.resolve(cwd, file)}`;
  }
  return invalid(`QCITY_DATABASE_URL must start with sqlite: or postgres://, got "${raw}"`);
}
