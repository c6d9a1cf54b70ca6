import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_VARIABLES, loadConfig } from './config.js';
import { QcError } from './errors.js';

const CWD = '/srv/qcity';

function configError(env: Record<string, string>): QcError {
  try {
    loadConfig(env, CWD);
  } catch (err) {
    assert.ok(err instanceof QcError, `a QcError, got ${String(err)}`);
    assert.equal(err.code, 'QC_ERR_CONFIG');
    return err;
  }
  assert.fail(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const c = loadConfig({}, CWD);
    assert.deepEqual(c, {
      env: 'development',
      host: '0.0.0.0',
      port: 3000,
      dataDir: path.join(CWD, 'var'),
      databaseUrl: `sqlite:${path.join(CWD, 'var', 'qcity.db')}`,
      demo: true,
      logLevel: 'info',
      bodyLimitBytes: 1_048_576,
      uploadLimitBytes: 20_971_520,
      cookieSecure: false,
      session: { idleMinutes: 30, absoluteHours: 12 },
      lockout: { attempts: 5, windowMinutes: 15 },
      webDir: path.join(CWD, 'dist', 'web'),
      asOf: '2015-10-15',
      overloadDelayMs: 5000,
      jobs: { enabled: true, remindersAt: 480 },
      publicSearch: { ratePerMinute: 60, countCap: 10_000 },
    });
  });

  it('runs daily jobs at a configured local time, or not at all', () => {
    assert.deepEqual(loadConfig({ QCITY_REMINDERS_AT: '07:30', QCITY_JOBS: 'off' }, CWD).jobs, {
      enabled: false,
      remindersAt: 450,
    });
    for (const bad of ['7:30', '24:00', 'eight']) {
      assert.throws(
        () => loadConfig({ QCITY_REMINDERS_AT: bad }, CWD),
        (err: QcError) =>
          err.code === 'QC_ERR_CONFIG' && /QCITY_REMINDERS_AT must be a time of day/.test(err.messageIn('en')),
      );
    }
  });

  it('sees dashboards at a date: inside 2015 in demo mode, today in production, or as configured', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production' }, CWD).asOf, null);
    assert.equal(loadConfig({ QCITY_AS_OF: '2015-12-28' }, CWD).asOf, '2015-12-28');
    assert.equal(loadConfig({ QCITY_AS_OF: 'today' }, CWD).asOf, null);
    assert.match(configError({ QCITY_AS_OF: '2015-02-30' }).messageIn('en'), /QCITY_AS_OF/);
  });

  it('reads every variable it documents', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        QCITY_DATA_DIR: '/data/qc',
        QCITY_DEMO: 'off',
        NODE_ENV: 'test',
        QCITY_LOG_LEVEL: 'warn',
        QCITY_BODY_LIMIT: '2048',
        QCITY_UPLOAD_LIMIT: '4096',
        QCITY_COOKIE_SECURE: 'yes',
        QCITY_SESSION_IDLE_MINUTES: '10',
        QCITY_SESSION_ABSOLUTE_HOURS: '2',
        QCITY_LOCKOUT_ATTEMPTS: '3',
        QCITY_LOCKOUT_WINDOW_MINUTES: '60',
      },
      CWD,
    );
    assert.equal(c.port, 8080);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.dataDir, '/data/qc');
    assert.equal(c.databaseUrl, 'sqlite:/data/qc/qcity.db');
    assert.equal(c.demo, false);
    assert.equal(c.env, 'test');
    assert.equal(c.logLevel, 'warn');
    assert.equal(c.bodyLimitBytes, 2048);
    assert.equal(c.uploadLimitBytes, 4096);
    assert.equal(c.cookieSecure, true);
    assert.deepEqual(c.session, { idleMinutes: 10, absoluteHours: 2 });
    assert.deepEqual(c.lockout, { attempts: 3, windowMinutes: 60 });
  });

  it('documents every variable it reads (the README table is written from CONFIG_VARIABLES)', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get(_target, key) {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    });
    loadConfig(env, CWD);
    const documented = new Set<string>(CONFIG_VARIABLES.map(([name]) => name));
    assert.ok(read.size >= 10);
    for (const name of read) assert.ok(documented.has(name), `${name} is read but not documented`);
  });

  it('keeps a postgres:// or postgresql:// URL as given', () => {
    const url = 'postgres://qc:secret@db.internal:5432/qcity';
    assert.equal(loadConfig({ QCITY_DATABASE_URL: url }, CWD).databaseUrl, url);
    const alt = 'postgresql://qc@127.0.0.1/qcity';
    assert.equal(loadConfig({ QCITY_DATABASE_URL: alt }, CWD).databaseUrl, alt);
  });

  it('resolves sqlite: paths against the working directory', () => {
    assert.equal(loadConfig({ QCITY_DATABASE_URL: 'sqlite:data/x.db' }, CWD).databaseUrl, `sqlite:${CWD}/data/x.db`);
    assert.equal(loadConfig({ QCITY_DATABASE_URL: 'sqlite:/abs/x.db' }, CWD).databaseUrl, 'sqlite:/abs/x.db');
    assert.equal(loadConfig({ QCITY_DATABASE_URL: 'sqlite:///abs/y.db' }, CWD).databaseUrl, 'sqlite:/abs/y.db');
  });

  it('production turns demo mode off and cookies Secure unless told otherwise', () => {
    const prod = loadConfig({ NODE_ENV: 'production' }, CWD);
    assert.equal(prod.demo, false);
    assert.equal(prod.cookieSecure, true);
    assert.equal(loadConfig({ NODE_ENV: 'production', QCITY_DEMO: 'true' }, CWD).demo, true);
    assert.equal(loadConfig({ NODE_ENV: 'production', QCITY_COOKIE_SECURE: '0' }, CWD).cookieSecure, false);
  });

  it('treats an empty variable as unset', () => {
    const c = loadConfig({ PORT: '', QCITY_DEMO: '', QCITY_DATABASE_URL: '' }, CWD);
    assert.equal(c.port, 3000);
    assert.equal(c.demo, true);
    assert.equal(c.databaseUrl, `sqlite:${path.join(CWD, 'var', 'qcity.db')}`);
  });

  it('rejects a bad PORT with QC_ERR_CONFIG naming the variable', () => {
    for (const port of ['abc', '3000abc', '-1', '1.5', '70000', '0x10']) {
      const err = configError({ PORT: port });
      assert.match(err.messageIn('en'), /PORT/);
    }
  });

  it('rejects out-of-range numbers', () => {
    configError({ QCITY_BODY_LIMIT: '10' });
    configError({ QCITY_UPLOAD_LIMIT: '0' });
    configError({ QCITY_UPLOAD_LIMIT: String(257 * 1_048_576) });
    configError({ QCITY_SESSION_IDLE_MINUTES: '0' });
    configError({ QCITY_LOCKOUT_ATTEMPTS: '1000' });
  });

  it('rejects a bad boolean', () => {
    const err = configError({ QCITY_DEMO: 'maybe' });
    assert.match(err.messageIn('en'), /QCITY_DEMO/);
    assert.match(err.messageIn('zh'), /配置错误/);
    configError({ QCITY_COOKIE_SECURE: '2' });
  });

  it('rejects a bad database URL', () => {
    configError({ QCITY_DATABASE_URL: 'mysql://root@localhost/qc' });
    configError({ QCITY_DATABASE_URL: 'postgres://user@host:99999/db' });
    configError({ QCITY_DATABASE_URL: 'postgres://[bad' });
    configError({ QCITY_DATABASE_URL: 'sqlite:' });
    configError({ QCITY_DATABASE_URL: '/var/qc.db' });
  });

  it('rejects an unknown NODE_ENV and log level', () => {
    configError({ NODE_ENV: 'staging' });
    configError({ QCITY_LOG_LEVEL: 'verbose' });
  });
});
