import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, expectError, expectOk, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';

const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe(`auth settings from the environment (${dialect})`, { timeout: 60_000 }, () => {
    let t: TestApp;

    before(async () => {
      t = await createTestApp(dialect, {
        env: {
          QCITY_SESSION_IDLE_MINUTES: '5',
          QCITY_SESSION_ABSOLUTE_HOURS: '1',
          QCITY_LOCKOUT_ATTEMPTS: '2',
          QCITY_LOCKOUT_WINDOW_MINUTES: '3',
          QCITY_COOKIE_SECURE: 'true',
        },
      });
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], []);
      await t?.close();
    });

    it('applies the configured idle and absolute timeouts and the Secure flag', async () => {
      const res = await t.anon.post('/api/auth/login', { username: 'edu', password: 'Demo@12345' });
      const cookie = expectOk(res) && res.cookies.find((c) => c.name === 'qc_sid');
      assert.equal(cookie?.maxAge, 3600);
      assert.equal(cookie?.secure, true);
      const edu = await t.login('edu');
      t.clock.advance(5 * MINUTE + 1000);
      expectError(await edu.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');

      const leader = await t.login('leader');
      for (let i = 0; i < 14; i++) {
        t.clock.advance(4 * MINUTE);
        expectOk(await leader.get('/api/auth/me'));
      }
      t.clock.advance(4 * MINUTE + 1000);
      expectError(await leader.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
    });

    it('applies the configured lockout threshold and window', async () => {
      expectError(
        await t.anon.post('/api/auth/login', { username: 'qts', password: 'x' }),
        401,
        'QC_ERR_AUTH_BAD_CREDENTIALS',
      );
      const locked = expectError(
        await t.anon.post('/api/auth/login', { username: 'qts', password: 'x' }),
        423,
        'QC_ERR_AUTH_LOCKED',
      );
      assert.deepEqual(locked.details, { retryAfterMinutes: 3 });
      t.clock.advance(3 * MINUTE);
      await t.login('qts');
    });
  });
}
