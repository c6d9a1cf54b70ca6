import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { PROJECT_ROOT } from '../../src/paths.js';
import { qcityInProcess } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { DIALECTS } from '../support/dialects.js';

const run = promisify(execFile);

/** Spawns `qcity …` against one database URL (for stdin); resolves with exit code and output either way. */
async function spawnQcity(databaseUrl: string, args: string[], input?: string) {
  const child = run(process.execPath, ['bin/qcity.mjs', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, QCITY_DATABASE_URL: databaseUrl, QCITY_DEMO: 'false', QCITY_LOG_LEVEL: 'silent' },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs `qcity …` in-process against one database URL. */
function qcity(databaseUrl: string, args: string[]) {
  return qcityInProcess(args, { QCITY_DATABASE_URL: databaseUrl, QCITY_DEMO: 'false', QCITY_LOG_LEVEL: 'silent' });
}

for (const dialect of DIALECTS) {
  describe(`qcity CLI (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
    });
    after(async () => {
      await t.drop();
    });

    it('migrate reports an up-to-date database as JSON', async () => {
      const r = await qcity(t.url, ['migrate', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { applied: [] });
    });

    it('user add creates the first admin from stdin and rejects a weak password', async () => {
      const ok = await spawnQcity(
        t.url,
        ['user', 'add', 'chief', '-r', 'admin', '-r', 'unit:EDU', '--password-stdin', '--json'],
        'Chief-passw0rd\n',
      );
      assert.equal(ok.code, 0, ok.stderr);
      const created = JSON.parse(ok.stdout);
      assert.equal(created.username, 'chief');
      assert.deepEqual(
        created.roles.map((r: { role: string; scope: string | null }) => [r.role, r.scope]),
        [
          ['admin', null],
          ['unit', 'EDU'],
        ],
      );
      const weak = await spawnQcity(t.url, ['user', 'add', 'weak', '-r', 'admin', '--password-stdin'], 'short\n');
      assert.equal(weak.code, 1);
      assert.match(weak.stderr, /QC_ERR_PASSWORD_WEAK/);
      const users = await t.db.selectFrom('users').select('username').execute();
      assert.deepEqual(
        users.map((u) => u.username),
        ['chief'],
      );
    });

    it('user token prints a token once and stores only its hash', async () => {
      const r = await qcity(t.url, ['user', 'token', 'chief', '--name', 'feed', '-p', 'orgs.read', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const issued = JSON.parse(r.stdout);
      assert.match(issued.token, /^qct_/);
      const row = await t.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, issued.token);
      assert.ok(!JSON.stringify(row).includes(issued.token));
    });

    it('audit verify passes on an intact chain and names the first tampered row', async () => {
      const intact = await qcity(t.url, ['audit', 'verify', '--json']);
      assert.equal(intact.code, 0, intact.stderr);
      const ok = JSON.parse(intact.stdout);
      assert.equal(ok.ok, true);
      assert.ok(ok.checked > 40, 'seed, user and token writes are all audited');

      // A tamperer must first get rid of the append-only trigger.
      if (dialect === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(t.db);
      else await sql`drop trigger audit_log_no_change on audit_log`.execute(t.db);
      await t.db.updateTable('audit_log').set({ actor_name: 'someone-else' }).where('seq', '=', 7).execute();

      const broken = await qcity(t.url, ['audit', 'verify']);
      assert.equal(broken.code, 1);
      assert.match(broken.stdout, /BROKEN at row 7 \(hash\)/);
      const json = JSON.parse((await qcity(t.url, ['audit', 'verify', '--json'])).stdout);
      assert.deepEqual([json.ok, json.brokenSeq, json.checked], [false, 7, 6]);
    });

    it('reminders run: a day runs once, a future day is refused', async () => {
      const first = await qcity(t.url, ['reminders', 'run', '--day', '2025-01-06', '--json']);
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual((({ day, ran, created }) => ({ day, ran, created }))(JSON.parse(first.stdout)), {
        day: '2025-01-06',
        ran: true,
        created: 0,
      });
      const again = await qcity(t.url, ['reminders', 'run', '--day', '2025-01-06']);
      assert.match(again.stdout, /2025-01-06: already run .*nothing new sent/);
      const future = await qcity(t.url, ['reminders', 'run', '--day', '2100-01-01']);
      assert.equal(future.code, 1);
      assert.match(future.stderr, /QC_ERR_NOTICE_DAY_FUTURE/);
    });

    it('a bad configuration stops with a clear message and exit code 1', async () => {
      const r = await run(process.execPath, ['bin/qcity.mjs', 'migrate'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, QCITY_DATABASE_URL: 'mysql://nope' },
      }).catch((e) => e as { code: number; stderr: string });
      assert.equal((r as { code: number }).code, 1);
      assert.match((r as { stderr: string }).stderr, /QCITY_DATABASE_URL must start with sqlite: or postgres:\/\//);
    });
  });
}
