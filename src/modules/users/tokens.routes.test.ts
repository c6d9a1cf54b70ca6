import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditHead,
  auditRowsAfter,
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  rowCounts,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { tokenHash } from './auth.service.js';

const DAY = 86_400_000;
const PASSWORD = 'Start#Pass2025';

interface UserDto {
  id: number;
  username: string;
  disabled: boolean;
  roles: { role: string; scope: string | null; scopeName: string | null }[];
}

for (const dialect of DIALECTS) {
  describe(`API tokens (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let edu: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      edu = await t.login('edu');
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    async function createToken(caller: Caller, permissions: string[], expiresInDays = 30, name = 'sync') {
      const res = await caller.post('/api/tokens', { name, permissions, expiresInDays });
      return expectOk<{ id: number; token: string; prefix: string; permissions: string[]; expiresAt: string }>(
        res,
        201,
      );
    }

    it('lists the permissions a token may carry: those its owner holds', async () => {
      const perms = expectOk<{ permission: string; description: string }[]>(await edu.get('/api/tokens/permissions'));
      const held = expectOk<{ user: { permissions: string[] } }>(await edu.get('/api/auth/me')).user.permissions;
      assert.deepEqual(perms.map((p) => p.permission).sort(), [...held].sort());
      assert.ok(held.includes('orgs.read') && held.includes('assignments.work'));
      assert.ok(!held.includes('users.manage') && !held.includes('plans.manage'), 'nothing the owner lacks');
      assert.ok(perms.every((p) => p.description.length > 0));
      const en = expectOk<{ description: string }[]>(
        await edu.get('/api/tokens/permissions', { headers: { 'accept-language': 'en' } }),
      );
      assert.ok(en.some((p) => p.description === 'Read the org registry'));
    });

    it('issues a token once, stores only its hash, and audits without the secret', async () => {
      const head = await auditHead(t.db);
      const created = await createToken(edu, ['orgs.read', 'orgs.contact.edit']);
      assert.match(created.token, /^qct_[A-Za-z0-9_-]{40,}$/);
      assert.equal(created.prefix, created.token.slice(0, 10));
      assert.deepEqual(created.permissions, ['orgs.read', 'orgs.contact.edit']);
      assert.equal(created.expiresAt, new Date(t.clock.now().getTime() + 30 * DAY).toISOString());
      const row = await t.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.token_hash, tokenHash(created.token));
      assert.ok(!Object.values(row).some((v) => v === created.token), 'the secret is not stored');
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => [r.action, r.entity_type]),
        [['token.create', 'api_token']],
      );
      assert.ok(!JSON.stringify(audit).includes(created.token));
      const listed = expectOk<Record<string, unknown>[]>(await edu.get('/api/tokens'));
      const mine = listed.find((x) => x.id === created.id);
      assert.ok(mine);
      assert.equal(mine.token, undefined, 'the list never shows the secret');
    });

    it('authenticates with Bearer (no CSRF), limited to the token permissions and the owner scope', async () => {
      const { token } = await createToken(edu, ['orgs.read', 'orgs.contact.edit', 'tokens.own']);
      const api = t.bearer(token);
      expectOk(await api.get('/api/orgs?pageSize=1'));
      const head = await auditHead(t.db);
      const updated = expectOk(
        await api.patch('/api/orgs/EDU/contact', { contactPerson: '接口', contactPhone: '0532-1' }),
      );
      // Contacts are shown with orgs.staff.read, which this token does not carry; the write itself landed.
      assert.equal(updated.contactPerson, null);
      const unit = await t.db
        .selectFrom('org_units')
        .select(['contact_person', 'contact_phone'])
        .where('code', '=', 'EDU')
        .executeTakeFirstOrThrow();
      assert.deepEqual(unit, { contact_person: '接口', contact_phone: '0532-1' });
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => [r.action, r.actor_name, r.source, r.scope]),
        [['org.contact', 'edu', 'api', 'EDU']],
      );

      const before = await rowCounts(t.db);
      // Outside the owner's scope.
      expectError(
        await api.patch('/api/orgs/QTS/contact', { contactPerson: 'x', contactPhone: null }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      // The owner may read EDU's staff, but this token does not carry orgs.staff.read.
      expectOk(await edu.get('/api/orgs/EDU/users'));
      expectError(await api.get('/api/orgs/EDU/users'), 403, 'QC_ERR_FORBIDDEN');
      expectError(await api.get('/api/audit?entityType=org_unit&entityId=EDU'), 403, 'QC_ERR_FORBIDDEN');
      // A token cannot mint tokens or change the password, even carrying tokens.own.
      expectError(
        await api.post('/api/tokens', { name: 'child', permissions: ['orgs.read'], expiresInDays: 1 }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      expectError(
        await api.post('/api/auth/password', { currentPassword: 'Demo@12345', newPassword: 'Other#Pass2025' }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      assert.deepEqual(await rowCounts(t.db), before);
      const me = expectOk(await api.get('/api/auth/me'));
      assert.equal(me.user.username, 'edu');
      assert.equal(me.csrfToken, '');
      assert.deepEqual(me.user.permissions.sort(), ['orgs.contact.edit', 'orgs.read', 'tokens.own']);
    });

    it('records when a token was last used', async () => {
      const created = await createToken(edu, ['orgs.read']);
      t.clock.advance(5 * 60_000);
      expectOk(await t.bearer(created.token).get('/api/orgs/kinds'));
      const row = await t.db
        .selectFrom('api_tokens')
        .select('last_used_at')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.last_used_at, t.clock.now().toISOString());
    });

    it('cannot carry a permission its owner lacks, or an unknown one', async () => {
      const attempt = async (permissions: string[]) => {
        const before = await rowCounts(t.db);
        const res = await edu.post('/api/tokens', { name: 'greedy', permissions, expiresInDays: 30 });
        expectError(res, 400, 'QC_ERR_TOKEN_SCOPE');
        assert.deepEqual(await rowCounts(t.db), before);
      };
      await attempt(['users.manage']);
      await attempt(['orgs.read', 'orgs.manage']);
      await attempt(['audit.verify']);
      await attempt(['orgs.delete']);
      await attempt(['constructor']);
      const leader = await t.login('leader');
      expectError(
        await leader.post('/api/tokens', { name: 'l', permissions: ['orgs.contact.edit'], expiresInDays: 1 }),
        400,
        'QC_ERR_TOKEN_SCOPE',
      );
      expectError(
        await edu.post('/api/tokens', { name: 'x', permissions: [], expiresInDays: 30 }),
        400,
        'QC_ERR_VALIDATION',
      );
      expectError(
        await edu.post('/api/tokens', { name: 'x', permissions: ['orgs.read'], expiresInDays: 0 }),
        400,
        'QC_ERR_VALIDATION',
      );
      expectError(
        await edu.post('/api/tokens', { name: 'x', permissions: ['orgs.read'], expiresInDays: 731 }),
        400,
        'QC_ERR_VALIDATION',
      );
    });

    it('loses what its owner loses: role changes and disabling apply to tokens at once', async () => {
      const admin = await t.login('admin');
      const user = expectOk<UserDto>(
        await admin.post('/api/users', {
          username: 'robot',
          displayName: '接口账号',
          password: PASSWORD,
          roles: [{ role: 'unit', scope: 'EDU' }],
        }),
        201,
      );
      const robot = await t.login('robot', PASSWORD);
      const { token } = await createToken(robot, ['orgs.read', 'orgs.contact.edit']);
      const api = t.bearer(token);
      expectOk(await api.patch('/api/orgs/EDU/contact', { contactPerson: 'r1', contactPhone: null }));
      expectOk(await admin.patch(`/api/users/${user.id}`, { roles: [{ role: 'leader' }] }));
      expectError(
        await api.patch('/api/orgs/EDU/contact', { contactPerson: 'r2', contactPhone: null }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      expectOk(await api.get('/api/orgs/EDU'));
      expectOk(await admin.patch(`/api/users/${user.id}`, { disabled: true }));
      expectError(await api.get('/api/orgs/EDU'), 401, 'QC_ERR_AUTH_TOKEN_INVALID');
    });

    it('revokes a token: the next request answers 401 QC_ERR_AUTH_TOKEN_INVALID', async () => {
      const created = await createToken(edu, ['orgs.read']);
      const api = t.bearer(created.token);
      expectOk(await api.get('/api/orgs/EDU'));
      // Someone else's token is not found for a non-admin; nothing changes.
      const qts = await t.login('qts');
      const before = await rowCounts(t.db);
      expectError(await qts.delete(`/api/tokens/${created.id}`), 404, 'QC_ERR_TOKEN_NOT_FOUND');
      expectError(await edu.delete('/api/tokens/999999'), 404, 'QC_ERR_TOKEN_NOT_FOUND');
      assert.deepEqual(await rowCounts(t.db), before);
      expectOk(await api.get('/api/orgs/EDU'));

      const head = await auditHead(t.db);
      assert.equal((await edu.delete(`/api/tokens/${created.id}`)).statusCode, 204);
      const row = await t.db
        .selectFrom('api_tokens')
        .select('revoked_at')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.revoked_at, t.clock.now().toISOString());
      assert.deepEqual(
        (await auditRowsAfter(t.db, head)).map((r) => r.action),
        ['token.revoke'],
      );
      const body = expectError(await api.get('/api/orgs/EDU'), 401, 'QC_ERR_AUTH_TOKEN_INVALID');
      assert.ok(body.message.length > 0);
      expectError(
        await api.patch('/api/orgs/EDU/contact', { contactPerson: 'x', contactPhone: null }),
        401,
        'QC_ERR_AUTH_TOKEN_INVALID',
      );
      // Revoking twice is harmless and writes no second audit row.
      assert.equal((await edu.delete(`/api/tokens/${created.id}`)).statusCode, 204);
      assert.equal((await auditRowsAfter(t.db, head)).length, 1);
      const listed = expectOk<{ id: number; revokedAt: string | null }[]>(await edu.get('/api/tokens'));
      assert.equal(listed.find((x) => x.id === created.id)?.revokedAt, row.revoked_at);
    });

    it('lets an admin revoke anyone’s token', async () => {
      const created = await createToken(edu, ['orgs.read']);
      const admin = await t.login('admin');
      assert.equal((await admin.delete(`/api/tokens/${created.id}`)).statusCode, 204);
      expectError(await t.bearer(created.token).get('/api/orgs'), 401, 'QC_ERR_AUTH_TOKEN_INVALID');
    });

    it('rejects unknown, malformed and expired tokens', async () => {
      expectError(await t.bearer('qct_unknown-token-value').get('/api/orgs'), 401, 'QC_ERR_AUTH_TOKEN_INVALID');
      expectError(
        await t.anon.get('/api/orgs', { headers: { authorization: 'Basic YWRtaW46RGVtb0AxMjM0NQ==' } }),
        401,
        'QC_ERR_AUTH_TOKEN_INVALID',
      );
      expectError(
        await t.anon.get('/api/orgs', { headers: { authorization: 'Bearer' } }),
        401,
        'QC_ERR_AUTH_TOKEN_INVALID',
      );
      // A bad Authorization header wins over a valid cookie: no silent fallback.
      expectError(
        await edu.get('/api/orgs', { headers: { authorization: 'Bearer nope' } }),
        401,
        'QC_ERR_AUTH_TOKEN_INVALID',
      );

      const short = await createToken(edu, ['orgs.read'], 1, 'short-lived');
      const api = t.bearer(short.token);
      t.clock.advance(DAY - 1000);
      expectOk(await api.get('/api/orgs/EDU'));
      t.clock.advance(1000);
      expectError(await api.get('/api/orgs/EDU'), 401, 'QC_ERR_AUTH_TOKEN_INVALID');
    });
  });
}
