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

const _DAY = 86_400_000;
const PASSWORD = 'Start#Pass2025';

interface UserDto {
  id: number;
  username: string;
  disabled: boolean;
  roles: { role: string; scope: string | null; scopeName: string | null }[];
}

for (const dialect of DIALECTS) {
  describe(`user administration (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;

    before(async () => {
      t = await createTestApp(dialect);
      admin = await t.login('admin');
      edu = await t.login('edu');
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    /** Expects the request to fail with `code` and to leave every table as it was. */
    async function refused(
      request: () => Promise<import('fastify').LightMyRequestResponse>,
      status: number,
      code: string,
    ) {
      const before = await rowCounts(t.db);
      const body = expectError(await request(), status, code);
      assert.deepEqual(await rowCounts(t.db), before, `${code} writes nothing`);
      return body;
    }

    it('creates a user with several role-and-scope pairs, hashing the password and auditing without it', async () => {
      const head = await auditHead(t.db);
      const res = await admin.post('/api/users', {
        username: 'multi',
        displayName: '两局联络员',
        password: PASSWORD,
        roles: [
          { role: 'unit', scope: 'EDU' },
          { role: 'unit', scope: 'QTS' },
          { role: 'leader', scope: null },
        ],
      });
      const user = expectOk<UserDto>(res, 201);
      assert.equal(user.username, 'multi');
      assert.equal(user.disabled, false);
      assert.deepEqual(user.roles, [
        { role: 'unit', scope: 'EDU', scopeName: '市教育局' },
        { role: 'unit', scope: 'QTS', scopeName: '市质监局' },
        { role: 'leader', scope: null, scopeName: null },
      ]);
      const row = await t.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$/);
      assert.equal(Number(row.is_demo), 0);
      const grants = await t.db
        .selectFrom('user_roles')
        .select(['role', 'scope'])
        .where('user_id', '=', user.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(grants, [
        { role: 'unit', scope: 'EDU' },
        { role: 'unit', scope: 'QTS' },
        { role: 'leader', scope: null },
      ]);
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => [r.action, r.entity_type, r.entity_id, r.actor_name, r.role]),
        [['user.create', 'user', String(user.id), 'admin', 'admin']],
      );
      assert.ok(!audit[0]!.after_json!.includes(PASSWORD));
      assert.ok(!audit[0]!.after_json!.includes('argon2'));

      // Each grant works on its own scope, and only there.
      const multi = await t.login('multi', PASSWORD);
      expectOk(await multi.patch('/api/orgs/EDU/contact', { contactPerson: '甲', contactPhone: null }));
      expectOk(await multi.patch('/api/orgs/QTS/contact', { contactPerson: '乙', contactPhone: null }));
      expectError(
        await multi.patch('/api/orgs/AIC/contact', { contactPerson: '丙', contactPhone: null }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      const rows = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        rows.filter((r) => r.action === 'org.contact').map((r) => [r.entity_id, r.role, r.scope]),
        [
          ['EDU', 'unit', 'EDU'],
          ['QTS', 'unit', 'QTS'],
        ],
        'the audit row names the grant that allowed the write',
      );
    });

    it('checks that each role has the scope it needs', async () => {
      const attempt = (roles: unknown[]) => () =>
        admin.post('/api/users', { username: 'scoped', displayName: 'x', password: PASSWORD, roles });
      await refused(attempt([{ role: 'admin', scope: 'EDU' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'leader', scope: 'QTS' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'unit' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'unit', scope: null }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'unit', scope: '  ' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'unit', scope: 'NOPE' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'unit', scope: 'H-QDUH' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'reporter', scope: 'EDU' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'reporter' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'enterprise' }]), 400, 'QC_ERR_USER_ROLE_SCOPE');
      await refused(attempt([{ role: 'root' }]), 400, 'QC_ERR_VALIDATION');
      await refused(attempt([]), 400, 'QC_ERR_VALIDATION');
      await refused(attempt([{ role: 'unit', scope: 'EDU', extra: 1 }]), 400, 'QC_ERR_VALIDATION');
      // Valid scopes of every kind.
      const ok = expectOk<UserDto>(
        await admin.post('/api/users', {
          username: 'scoped',
          displayName: 'x',
          password: PASSWORD,
          roles: [
            { role: 'reporter', scope: 'H-QDUH' },
            { role: 'enterprise', scope: '91370200MA3C00000X' },
            { role: 'unit', scope: '370202' },
            { role: 'unit', scope: '370202' },
          ],
        }),
        201,
      );
      assert.deepEqual(
        ok.roles.map((r) => [r.role, r.scope, r.scopeName]),
        [
          ['reporter', 'H-QDUH', '青岛大学附属医院'],
          ['enterprise', '91370200MA3C00000X', null],
          ['unit', '370202', '市南区'],
        ],
        'duplicate grants are stored once',
      );
    });

    it('rejects a weak password, a taken name and a malformed name', async () => {
      const base = { displayName: 'x', roles: [{ role: 'leader' }] };
      for (const password of ['short1!A', 'alllowercase', 'ALLUPPER1234', '1234567890']) {
        await refused(
          () => admin.post('/api/users', { ...base, username: 'weakling', password }),
          400,
          'QC_ERR_PASSWORD_WEAK',
        );
      }
      await refused(
        () => admin.post('/api/users', { ...base, username: 'edu', password: PASSWORD }),
        409,
        'QC_ERR_USER_EXISTS',
      );
      await refused(
        () => admin.post('/api/users', { ...base, username: 'EDU', password: PASSWORD }),
        409,
        'QC_ERR_USER_EXISTS',
      );
      await refused(
        () => admin.post('/api/users', { ...base, username: '-bad', password: PASSWORD }),
        400,
        'QC_ERR_VALIDATION',
      );
      await refused(
        () => admin.post('/api/users', { ...base, username: '中文名', password: PASSWORD }),
        400,
        'QC_ERR_VALIDATION',
      );
      await refused(
        () => admin.post('/api/users', { ...base, username: 'ok-name', password: PASSWORD, isAdmin: true }),
        400,
        'QC_ERR_VALIDATION',
      );
    });

    it('lists and filters accounts for the admin only', async () => {
      const all = expectOk(await admin.get('/api/users?pageSize=200'));
      assert.ok(all.total >= 10);
      assert.deepEqual(
        all.items.map((u: UserDto) => u.username),
        [...all.items.map((u: UserDto) => u.username)].sort(),
        'ordered by user name',
      );
      const leaders = expectOk(await admin.get('/api/users?role=leader'));
      assert.ok(leaders.items.every((u: UserDto) => u.roles.some((r) => r.role === 'leader')));
      assert.ok(leaders.items.some((u: UserDto) => u.username === 'leader'));
      const q = expectOk(await admin.get('/api/users?q=EDU'));
      assert.deepEqual(
        q.items.map((u: UserDto) => u.username),
        ['edu'],
      );
      const page = expectOk(await admin.get('/api/users?pageSize=2&page=2'));
      assert.deepEqual(
        page.items.map((u: UserDto) => u.username),
        all.items.slice(2, 4).map((u: UserDto) => u.username),
      );
      expectError(await admin.get('/api/users?role=root'), 400, 'QC_ERR_VALIDATION');
      expectError(await edu.get('/api/users'), 403, 'QC_ERR_FORBIDDEN');
      expectError(await (await t.login('leader')).get('/api/users'), 403, 'QC_ERR_FORBIDDEN');
      expectError(await t.anon.get('/api/users'), 401, 'QC_ERR_AUTH_REQUIRED');
    });

    it('refuses every account change to non-admins, writing nothing', async () => {
      const leader = await t.login('leader');
      const body = { username: 'sneaky', displayName: 'x', password: PASSWORD, roles: [{ role: 'admin' }] };
      await refused(() => edu.post('/api/users', body), 403, 'QC_ERR_FORBIDDEN');
      await refused(() => leader.post('/api/users', body), 403, 'QC_ERR_FORBIDDEN');
      await refused(() => t.anon.post('/api/users', body), 401, 'QC_ERR_AUTH_REQUIRED');
      const eduId = edu.session!.user.id;
      await refused(() => edu.patch(`/api/users/${eduId}`, { roles: [{ role: 'admin' }] }), 403, 'QC_ERR_FORBIDDEN');
      await refused(
        () => edu.post(`/api/users/${eduId}/password`, { password: 'Other#Pass2025' }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      const grants = await t.db.selectFrom('user_roles').select('role').where('user_id', '=', eduId).execute();
      assert.deepEqual(grants, [{ role: 'unit' }]);
    });

    it('disabling a user ends their sessions and logins; enabling restores logins', async () => {
      const created = expectOk<UserDto>(
        await admin.post('/api/users', {
          username: 'leaver',
          displayName: '离职人员',
          password: PASSWORD,
          roles: [{ role: 'unit', scope: 'EDU' }],
        }),
        201,
      );
      const s1 = await t.login('leaver', PASSWORD);
      const s2 = await t.login('leaver', PASSWORD);
      const head = await auditHead(t.db);
      const res = expectOk<UserDto>(await admin.patch(`/api/users/${created.id}`, { disabled: true }));
      assert.equal(res.disabled, true);
      const open = await t.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', created.id)
        .where('revoked_at', 'is', null)
        .execute();
      assert.equal(open.length, 0);
      for (const s of [s1, s2]) expectError(await s.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
      expectError(
        await t.anon.post('/api/auth/login', { username: 'leaver', password: PASSWORD }),
        403,
        'QC_ERR_AUTH_DISABLED',
      );
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => r.action),
        ['user.disable'],
      );
      assert.deepEqual(JSON.parse(audit[0]!.before_json!).disabled, false);
      assert.deepEqual(JSON.parse(audit[0]!.after_json!).disabled, true);

      expectOk(await admin.patch(`/api/users/${created.id}`, { disabled: false }));
      await t.login('leaver', PASSWORD);
    });

    it('changes roles, taking effect on the next request of an open session', async () => {
      const created = expectOk<UserDto>(
        await admin.post('/api/users', {
          username: 'mover',
          displayName: '调岗',
          password: PASSWORD,
          roles: [{ role: 'unit', scope: 'EDU' }],
        }),
        201,
      );
      const mover = await t.login('mover', PASSWORD);
      expectOk(await mover.get('/api/orgs/EDU/users'));
      const updated = expectOk<UserDto>(
        await admin.patch(`/api/users/${created.id}`, {
          roles: [{ role: 'unit', scope: 'QTS' }],
          displayName: '调岗后',
        }),
      );
      assert.deepEqual(updated.roles, [{ role: 'unit', scope: 'QTS', scopeName: '市质监局' }]);
      expectError(await mover.get('/api/orgs/EDU/users'), 403, 'QC_ERR_FORBIDDEN');
      expectOk(await mover.get('/api/orgs/QTS/users'));
      await refused(
        () => admin.patch(`/api/users/${created.id}`, { roles: [{ role: 'unit', scope: 'NOPE' }] }),
        400,
        'QC_ERR_USER_ROLE_SCOPE',
      );
      await refused(() => admin.patch('/api/users/999999', { displayName: 'x' }), 404, 'QC_ERR_USER_NOT_FOUND');
      await refused(() => admin.patch(`/api/users/${created.id}`, { username: 'renamed' }), 400, 'QC_ERR_VALIDATION');
    });

    it('resets a password (admin): old password and sessions stop working', async () => {
      const created = expectOk<UserDto>(
        await admin.post('/api/users', {
          username: 'forgetful',
          displayName: 'x',
          password: PASSWORD,
          roles: [{ role: 'leader' }],
        }),
        201,
      );
      const s = await t.login('forgetful', PASSWORD);
      await refused(
        () => admin.post(`/api/users/${created.id}/password`, { password: 'weak' }),
        400,
        'QC_ERR_PASSWORD_WEAK',
      );
      await refused(
        () => admin.post('/api/users/999999/password', { password: 'Reset#Pass2025' }),
        404,
        'QC_ERR_USER_NOT_FOUND',
      );
      const head = await auditHead(t.db);
      assert.equal(
        (await admin.post(`/api/users/${created.id}/password`, { password: 'Reset#Pass2025' })).statusCode,
        204,
      );
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => [r.action, r.entity_id]),
        [['user.password.reset', String(created.id)]],
      );
      expectError(await s.get('/api/auth/me'), 401, 'QC_ERR_AUTH_SESSION_EXPIRED');
      expectError(
        await t.anon.post('/api/auth/login', { username: 'forgetful', password: PASSWORD }),
        401,
        'QC_ERR_AUTH_BAD_CREDENTIALS',
      );
      await t.login('forgetful', 'Reset#Pass2025');
    });

    it('never leaves the system without an active admin', async () => {
      const adminId = admin.session!.user.id;
      await refused(() => admin.patch(`/api/users/${adminId}`, { disabled: true }), 409, 'QC_ERR_USER_LAST_ADMIN');
      await refused(
        () => admin.patch(`/api/users/${adminId}`, { roles: [{ role: 'leader' }] }),
        409,
        'QC_ERR_USER_LAST_ADMIN',
      );

      // With a second admin, the first may step down; the second then is the last one.
      const second = expectOk<UserDto>(
        await admin.post('/api/users', {
          username: 'admin2',
          displayName: '第二管理员',
          password: PASSWORD,
          roles: [{ role: 'admin' }],
        }),
        201,
      );
      const admin2 = await t.login('admin2', PASSWORD);
      expectOk(await admin.patch(`/api/users/${adminId}`, { roles: [{ role: 'leader' }] }));
      expectError(await admin.get('/api/users'), 403, 'QC_ERR_FORBIDDEN');
      await refused(() => admin2.patch(`/api/users/${second.id}`, { disabled: true }), 409, 'QC_ERR_USER_LAST_ADMIN');
      await refused(
        () => admin2.patch(`/api/users/${second.id}`, { roles: [{ role: 'unit', scope: 'EDU' }] }),
        409,
        'QC_ERR_USER_LAST_ADMIN',
      );
      // Keeping the admin role among others is fine.
      expectOk(
        await admin2.patch(`/api/users/${second.id}`, { roles: [{ role: 'admin' }, { role: 'unit', scope: 'EDU' }] }),
      );
      expectOk(await admin2.patch(`/api/users/${adminId}`, { roles: [{ role: 'admin' }] }));
      expectOk(await admin.get('/api/users'));
      // A disabled admin does not count as the other active admin.
      expectOk(await admin.patch(`/api/users/${second.id}`, { disabled: true }));
      await refused(() => admin.patch(`/api/users/${adminId}`, { disabled: true }), 409, 'QC_ERR_USER_LAST_ADMIN');
    });

    it('keeps an active admin when the last two disable each other at the same moment', async () => {
      const adminId = admin.session!.user.id;
      const third = expectOk<UserDto>(
        await admin.post('/api/users', {
          username: 'admin3',
          displayName: '第三管理员',
          password: PASSWORD,
          roles: [{ role: 'admin' }],
        }),
        201,
      );
      const admin3 = await t.login('admin3', PASSWORD);
      const results = await Promise.all([
        admin.patch(`/api/users/${third.id}`, { disabled: true }),
        admin3.patch(`/api/users/${adminId}`, { disabled: true }),
      ]);
      // Exactly one wins. The loser is refused as the last admin (409), or — when the winner disabled it first
      // and so ended its sessions — no longer authenticated (401).
      const codes = results.map((r) => r.statusCode).sort();
      assert.equal(codes[0], 200, 'one of the two went through');
      const loser = results.find((r) => r.statusCode !== 200)!;
      assert.ok(
        (loser.statusCode === 409 && loser.json().code === 'QC_ERR_USER_LAST_ADMIN') ||
          (loser.statusCode === 401 && String(loser.json().code).startsWith('QC_ERR_AUTH_')),
        `the other was refused: ${loser.statusCode} ${loser.body}`,
      );
      const active = await t.db
        .selectFrom('user_roles')
        .innerJoin('users', 'users.id', 'user_roles.user_id')
        .where('user_roles.role', '=', 'admin')
        .where('users.disabled', '=', 0)
        .select('users.username')
        .execute();
      assert.equal(active.length, 1);
    });

    it('answers 409, never 500, when two admins create the same user name at once', async () => {
      const body = { username: 'twin', displayName: '双胞胎', password: PASSWORD, roles: [{ role: 'leader' }] };
      const admins = await t.db
        .selectFrom('user_roles')
        .innerJoin('users', 'users.id', 'user_roles.user_id')
        .where('user_roles.role', '=', 'admin')
        .where('users.disabled', '=', 0)
        .select('users.username')
        .executeTakeFirstOrThrow();
      const caller = admins.username === 'admin' ? admin : await t.login(admins.username, PASSWORD);
      const head = await auditHead(t.db);
      const results = await Promise.all([caller.post('/api/users', body), caller.post('/api/users', body)]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
      assert.equal(results.find((r) => r.statusCode === 409)!.json().code, 'QC_ERR_USER_EXISTS');
      const twins = await t.db.selectFrom('users').select('id').where('username', '=', 'twin').execute();
      assert.equal(twins.length, 1);
      assert.deepEqual(
        (await auditRowsAfter(t.db, head)).map((r) => r.action),
        ['user.create'],
      );
    });
  });
}
