import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditHead,
  auditRowsAfter,
  createTestApp,
  expectError,
  expectOk,
  rowCounts,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createServices, prepareDatabase } from '../../app.js';
import { loadConfig } from '../../core/config.js';
import { tokenHash } from './auth.service.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function sessionRow(t: TestApp, token: string) {
  return t.db.selectFrom('sessions').selectAll().where('id', '=', tokenHash(token)).executeTakeFirst();
}

async function createUser(t: TestApp, username: string, password = 'Start#Pass2025') {
  const admin = await t.login('admin');
  const res = await admin.post('/api/users', {
    username,
    displayName: username,
    password,
    roles: [{ role: 'unit', scope: 'EDU' }],
  });
  return expectOk<{ id: number }>(res, 201).id;
}

for (const dialect of DIALECTS) {
  describe(`auth routes (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;

    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('logs in: httpOnly SameSite cookie, CSRF token, hashed session id, audit row', async () => {
      const head = await auditHead(t.db);
      const res = await t.anon.post('/api/auth/login', { username: 'edu', password: 'Demo@12345' });
      const body = expectOk(res);
      assert.equal(body.user.username, 'edu');
      assert.deepEqual(body.user.roles, [{ role: 'unit', scope: 'EDU', scopeName: '市教育局' }]);
      assert.ok(body.user.permissions.includes('orgs.contact.edit'));
      assert.ok(!body.user.permissions.includes('users.manage'));
      assert.equal(typeof body.csrfToken, 'string');
      assert.ok(body.csrfToken.length >= 20);

      const cookie = res.cookies.find((c) => c.name === 'qc_sid');
      assert.ok(cookie, 'qc_sid is set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      assert.equal(cookie.maxAge, 12 * 3600);
      assert.ok(!cookie.secure, 'Secure only when configured (HTTPS)');

      // The database holds a hash of the cookie, never the cookie itself.
      const row = await sessionRow(t, cookie.value);
      assert.ok(row);
      assert.notEqual(row.id, cookie.value);
      assert.equal(row.csrf_token, body.csrfToken);
      assert.equal(row.revoked_at, null);
      assert.equal(row.created_at, t.clock.now().toISOString());
      assert.equal(row.expires_at, new Date(t.clock.now().getTime() + 12 * HOUR).toISOString());
      const none = await t.db.selectFrom('sessions').select('id').where('id', '=', cookie.value).execute();
      assert.equal(none.length, 0);

      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => [r.action, r.actor_name, r.role, r.scope]),
        [['login', 'edu', 'unit', 'EDU']],
      );
      assert.ok(!JSON.stringify(audit).includes('Demo@12345'));

      const me = await t.anon.get('/api/auth/me', { headers: { cookie: `qc_sid=${cookie.value}` } });
      const meBody = expectOk(me);
      assert.equal(meBody.user.username, 'edu');
      assert.equal(meBody.csrfToken, body.csrfToken);
    });

    it('matches user names case-insensitively, like the lockout counter', async () => {
      const res = await t.anon.post('/api/auth/login', { username: ' Leader ', password: 'Demo@12345' });
      assert.equal(expectOk<{ user: { username: string } }>(res).user.username, 'leader');
    });

    it('answers 401 to anonymous and unknown-cookie callers', async () => {
      expectError(await t.anon.get('/api/auth/me'), 401, 'QC_ERR_AUTH_REQUIRED');
      const bogus = await t.anon.get('/api/auth/me', { headers: { cookie: 'qc_sid=not-a-session' } });
      expectError(bogus, 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
    });

    it('rejects a wrong password and an unknown user alike, recording both failures', async () => {
      const before = await rowCounts(t.db);
      const wrong = await t.anon.post('/api/auth/login', { username: 'qts', password: 'Wrong@12345' });
      const a = expectError(wrong, 401, 'QC_ERR_AUTH_BAD_CREDENTIALS');
      assert.ok(!wrong.cookies.some((c) => c.name === 'qc_sid'));
      const unknown = await t.anon.post('/api/auth/login', { username: 'nobody', password: 'Demo@12345' });
      const b = expectError(unknown, 401, 'QC_ERR_AUTH_BAD_CREDENTIALS');
      assert.equal(a.message, b.message, 'the answer does not reveal which names exist');
      const afterCounts = await rowCounts(t.db);
      assert.deepEqual(afterCounts, { ...before, login_attempts: before.login_attempts! + 2 });
      const attempts = await t.db
        .selectFrom('login_attempts')
        .select(['username', 'success'])
        .orderBy('id', 'desc')
        .limit(2)
        .execute();
      assert.deepEqual(
        attempts.map((r) => [r.username, Number(r.success)]),
        [
          ['nobody', 0],
          ['qts', 0],
        ],
      );
    });

    it('rejects a malformed login body without recording an attempt', async () => {
      const before = await rowCounts(t.db);
      expectError(await t.anon.post('/api/auth/login', { username: 'qts' }), 400, 'QC_ERR_VALIDATION');
      expectError(
        await t.anon.post('/api/auth/login', { username: 'qts', password: 'Demo@12345', remember: true }),
        400,
        'QC_ERR_VALIDATION',
      );
      expectError(await t.anon.post('/api/auth/login', { username: 'qts', password: 12345 }), 400, 'QC_ERR_VALIDATION');
      expectError(await t.anon.post('/api/auth/login', undefined, { raw: '{"username":' }), 400, 'QC_ERR_BAD_JSON');
      assert.deepEqual(await rowCounts(t.db), before);
    });

    it('locks an account on the 5th failure within 15 minutes, then unlocks after the window', async () => {
      const fail = () => t.anon.post('/api/auth/login', { username: 'lockme', password: 'Wrong@12345' });
      for (let i = 1; i <= 4; i++) {
        expectError(await fail(), 401, 'QC_ERR_AUTH_BAD_CREDENTIALS');
        t.clock.advance(MINUTE);
      }
      // 4 minutes after the first failure, the 5th one locks: 15 − 4 = 11 minutes to go.
      const locked = expectError(await fail(), 423, 'QC_ERR_AUTH_LOCKED');
      assert.deepEqual(locked.details, { retryAfterMinutes: 11 });
      assert.match(locked.message, /11/);

      // The right password does not help while locked, and locked attempts do not extend the lock.
      const before = await rowCounts(t.db);
      t.clock.advance(5 * MINUTE);
      const still = expectError(
        await t.anon.post('/api/auth/login', { username: 'lockme', password: 'Demo@12345' }),
        423,
        'QC_ERR_AUTH_LOCKED',
      );
      assert.deepEqual(still.details, { retryAfterMinutes: 6 });
      expectError(await fail(), 423, 'QC_ERR_AUTH_LOCKED');
      assert.deepEqual(await rowCounts(t.db), before, 'a locked attempt writes nothing');

      // Other accounts are unaffected.
      await t.login('edu');

      // The window counts from the oldest of the five failures.
      t.clock.advance(6 * MINUTE - 1000);
      const last = expectError(
        await t.anon.post('/api/auth/login', { username: 'lockme', password: 'Demo@12345' }),
        423,
        'QC_ERR_AUTH_LOCKED',
      );
      assert.deepEqual(last.details, { retryAfterMinutes: 1 });
      t.clock.advance(1000);
      const lockme = await t.login('lockme');
      expectOk(await lockme.get('/api/auth/me'));

      // A success clears the count: one more failure is an ordinary failure again.
      expectError(await fail(), 401, 'QC_ERR_AUTH_BAD_CREDENTIALS');
    });

    it('counts failures for a name case-insensitively and also locks unknown names', async () => {
      for (let i = 0; i < 4; i++)
        expectError(
          await t.anon.post('/api/auth/login', { username: 'Ghost', password: 'x' }),
          401,
          'QC_ERR_AUTH_BAD_CREDENTIALS',
        );
      expectError(
        await t.anon.post('/api/auth/login', { username: 'ghost', password: 'x' }),
        423,
        'QC_ERR_AUTH_LOCKED',
      );
      t.clock.advance(15 * MINUTE);
    });

    it('refuses a disabled account and creates no session', async () => {
      const id = await createUser(t, 'disabled-user');
      const admin = await t.login('admin');
      expectOk(await admin.patch(`/api/users/${id}`, { disabled: true }));
      const before = await rowCounts(t.db);
      expectError(
        await t.anon.post('/api/auth/login', { username: 'disabled-user', password: 'Start#Pass2025' }),
        403,
        'QC_ERR_AUTH_DISABLED',
      );
      const afterCounts = await rowCounts(t.db);
      assert.equal(afterCounts.sessions, before.sessions);
      assert.equal(afterCounts.audit_log, before.audit_log);
    });

    it('ends a session after 30 idle minutes; activity keeps it alive', async () => {
      const edu = await t.login('edu');
      t.clock.advance(29 * MINUTE);
      expectOk(await edu.get('/api/auth/me'));
      t.clock.advance(29 * MINUTE);
      expectOk(await edu.get('/api/auth/me'));
      const row = await sessionRow(t, edu.sessionToken!);
      assert.equal(row!.last_seen_at, t.clock.now().toISOString(), 'activity is recorded');
      t.clock.advance(30 * MINUTE + 1000);
      expectError(await edu.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
      // A write with an expired session is refused as expired, not as a CSRF failure, and writes nothing.
      const before = await rowCounts(t.db);
      expectError(
        await edu.patch('/api/orgs/EDU/contact', { contactPerson: '甲', contactPhone: null }),
        401,
        'QC_ERR_AUTH_SESSION_EXPIRED',
      );
      assert.deepEqual(await rowCounts(t.db), before);
    });

    it('ends a session 12 hours after login however active it is', async () => {
      const edu = await t.login('edu');
      let elapsed = 0;
      while (elapsed + 25 * MINUTE < 12 * HOUR) {
        t.clock.advance(25 * MINUTE);
        elapsed += 25 * MINUTE;
        expectOk(await edu.get('/api/auth/me'));
      }
      t.clock.advance(12 * HOUR - elapsed + 1000);
      expectError(await edu.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
    });

    it('logs out: revokes the session in the database and clears the cookie', async () => {
      const edu = await t.login('edu');
      const head = await auditHead(t.db);
      // Logout is a cookie-authenticated write too: it needs the CSRF header.
      expectError(
        await edu.post('/api/auth/logout', undefined, { headers: { 'x-csrf-token': '' } }),
        403,
        'QC_ERR_CSRF',
      );
      const res = await edu.post('/api/auth/logout');
      assert.equal(res.statusCode, 204);
      const cleared = res.cookies.find((c) => c.name === 'qc_sid');
      assert.ok(cleared, 'the cookie is cleared');
      assert.equal(cleared.value, '');
      const row = await sessionRow(t, edu.sessionToken!);
      assert.equal(row!.revoked_at, t.clock.now().toISOString());
      assert.deepEqual(
        (await auditRowsAfter(t.db, head)).map((r) => r.action),
        ['logout'],
      );
      expectError(await edu.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
      // Logging out without a session is harmless.
      assert.equal((await t.anon.post('/api/auth/logout')).statusCode, 204);
    });

    it('refuses cookie-authenticated writes without the right CSRF token, writing nothing', async () => {
      const edu = await t.login('edu');
      const other = await t.login('edu');
      const original = await t.db
        .selectFrom('org_units')
        .selectAll()
        .where('code', '=', 'EDU')
        .executeTakeFirstOrThrow();
      const before = await rowCounts(t.db);
      const body = { contactPerson: '王五', contactPhone: '0532-88880000' };
      for (const csrf of ['', 'wrong-token', other.csrfToken!, `${edu.csrfToken!}x`]) {
        const res = await edu.patch('/api/orgs/EDU/contact', body, { headers: { 'x-csrf-token': csrf } });
        expectError(res, 403, 'QC_ERR_CSRF');
      }
      // The check runs before the body is read: even a malformed body gets the CSRF answer.
      expectError(
        await edu.patch('/api/orgs/EDU/contact', undefined, { raw: '{', headers: { 'x-csrf-token': '' } }),
        403,
        'QC_ERR_CSRF',
      );
      assert.deepEqual(await rowCounts(t.db), before);
      assert.deepEqual(
        await t.db.selectFrom('org_units').selectAll().where('code', '=', 'EDU').executeTakeFirstOrThrow(),
        original,
      );
      // Reads need no token; the right token lets the write through.
      expectOk(await edu.get('/api/orgs/EDU', { headers: { 'x-csrf-token': '' } }));
      const ok = expectOk(await edu.patch('/api/orgs/EDU/contact', body));
      assert.equal(ok.contactPerson, '王五');
    });

    it('changes the own password: checks the current one, the policy, and ends other sessions', async () => {
      await createUser(t, 'pw-user', 'First#Pass2025');
      const a = await t.login('pw-user', 'First#Pass2025');
      const b = await t.login('pw-user', 'First#Pass2025');
      const before = await rowCounts(t.db);
      expectError(
        await a.post('/api/auth/password', { currentPassword: 'Wrong#Pass2025', newPassword: 'Second#Pass2025' }),
        400,
        'QC_ERR_PASSWORD_WRONG',
      );
      expectError(
        await a.post('/api/auth/password', { currentPassword: 'First#Pass2025', newPassword: 'short' }),
        400,
        'QC_ERR_PASSWORD_WEAK',
      );
      expectError(
        await a.post('/api/auth/password', { currentPassword: 'First#Pass2025', newPassword: 'alllowercaseletters' }),
        400,
        'QC_ERR_PASSWORD_WEAK',
      );
      expectError(
        await a.post(
          '/api/auth/password',
          { currentPassword: 'First#Pass2025', newPassword: 'Second#Pass2025' },
          { headers: { 'x-csrf-token': '' } },
        ),
        403,
        'QC_ERR_CSRF',
      );
      assert.deepEqual(await rowCounts(t.db), before);
      const hashBefore = (
        await t.db
          .selectFrom('users')
          .select('password_hash')
          .where('username', '=', 'pw-user')
          .executeTakeFirstOrThrow()
      ).password_hash;

      const head = await auditHead(t.db);
      assert.equal(
        (await a.post('/api/auth/password', { currentPassword: 'First#Pass2025', newPassword: 'Second#Pass2025' }))
          .statusCode,
        204,
      );
      const user = await t.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'pw-user')
        .executeTakeFirstOrThrow();
      assert.notEqual(user.password_hash, hashBefore);
      assert.match(user.password_hash, /^\$argon2id\$/);
      assert.equal(user.password_changed_at, t.clock.now().toISOString());
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => r.action),
        ['password.change'],
      );
      assert.ok(!JSON.stringify(audit).includes('Second#Pass2025'));

      expectOk(await a.get('/api/auth/me'));
      expectError(await b.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
      expectError(
        await t.anon.post('/api/auth/login', { username: 'pw-user', password: 'First#Pass2025' }),
        401,
        'QC_ERR_AUTH_BAD_CREDENTIALS',
      );
      await t.login('pw-user', 'Second#Pass2025');
      expectError(
        await t.anon.post('/api/auth/password', { currentPassword: 'x', newPassword: 'y' }),
        401,
        'QC_ERR_AUTH_REQUIRED',
      );
    });

    it('answers in English for Accept-Language: en, in Chinese otherwise', async () => {
      const bad = { username: 'qts', password: 'Wrong@12345' };
      const en = expectError(
        await t.anon.post('/api/auth/login', bad, { headers: { 'accept-language': 'en-US,en;q=0.9' } }),
        401,
        'QC_ERR_AUTH_BAD_CREDENTIALS',
      );
      assert.equal(en.message, 'Wrong user name or password');
      const zh = expectError(
        await t.anon.post('/api/auth/login', bad, { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } }),
        401,
        'QC_ERR_AUTH_BAD_CREDENTIALS',
      );
      assert.equal(zh.message, '用户名或密码错误');
      const none = expectError(await t.anon.post('/api/auth/login', bad), 401, 'QC_ERR_AUTH_BAD_CREDENTIALS');
      assert.equal(none.message, '用户名或密码错误');
      const anon = expectError(
        await t.anon.get('/api/orgs', { headers: { 'accept-language': 'en' } }),
        401,
        'QC_ERR_AUTH_REQUIRED',
      );
      assert.equal(anon.message, 'Please log in');
      const validation = expectError(
        await t.anon.post('/api/auth/login', { username: 'qts' }, { headers: { 'accept-language': 'en' } }),
        400,
        'QC_ERR_VALIDATION',
      );
      assert.match(validation.message, /^Invalid request: /);
      // Reset the failure count for qts so later tests are unaffected.
      await t.login('qts');
    });

    it('words the lockout in English with the minutes left', async () => {
      for (let i = 0; i < 4; i++) await t.anon.post('/api/auth/login', { username: 'assessor', password: 'x' });
      const res = await t.anon.post(
        '/api/auth/login',
        { username: 'assessor', password: 'x' },
        { headers: { 'accept-language': 'en' } },
      );
      const body = expectError(res, 423, 'QC_ERR_AUTH_LOCKED');
      assert.equal(body.message, 'Too many failed logins; the account is locked for 15 more minute(s)');
      assert.deepEqual(body.details, { retryAfterMinutes: 15 });
      t.clock.advance(15 * MINUTE);
      await t.login('assessor');
    });

    it('re-preparing the database is idempotent in demo mode and disables demo accounts outside it', async () => {
      const counts = await rowCounts(t.db);
      await prepareDatabase(t.services);
      assert.deepEqual(await rowCounts(t.db), counts, 'a second start in demo mode adds nothing');

      const edu = await t.login('edu');
      const head = await auditHead(t.db);
      const production = createServices(
        loadConfig({ NODE_ENV: 'production', QCITY_DATABASE_URL: t.tdb.url, QCITY_LOG_LEVEL: 'silent' }),
        t.tdb,
        t.clock,
      );
      assert.equal(production.core.config.demo, false);
      const { demoCreated } = await prepareDatabase(production);
      assert.deepEqual(demoCreated, []);
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(new Set(audit.map((r) => [r.action, r.actor_name].join(' '))), new Set(['user.disable seed']));
      assert.equal(audit.length, 9, 'every demo account, the admin included');
      expectError(
        await t.anon.post('/api/auth/login', { username: 'admin', password: 'Demo@12345' }),
        403,
        'QC_ERR_AUTH_DISABLED',
      );
      expectError(await edu.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
      // Accounts created through the API are not demo accounts and keep working.
      await t.login('pw-user', 'Second#Pass2025');
    });
  });
}
