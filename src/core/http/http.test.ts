import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
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

const BODY_LIMIT = 2048;

/** Writes that are a bare command on their resource and take no body at all. */
const BODYLESS_ACTIONS = [
  '/api/auth/logout',
  '/api/plans/:id/reparse',
  '/api/inbox/read-all',
  '/api/inbox/:id/read',
  '/api/inbox/:id/ack',
  '/api/credit/draws/:id/rerun',
  '/api/enterprises/imports/:id/commit',
];

/** Full path → methods of every route Fastify knows, read from its route tree printout. */
function registeredRoutes(tree: string): Map<string, Set<string>> {
  const routes = new Map<string, Set<string>>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    if (m[3]) routes.set(stack.join(''), new Set(m[3].split(', ')));
  }
  return routes;
}

/** Asserts the one error shape: exactly code, message, requestId and optional details, as JSON. */
function assertErrorShape(res: LightMyRequestResponse) {
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const body = res.json();
  assert.deepEqual(
    Object.keys(body).filter((k) => !['code', 'message', 'requestId', 'details'].includes(k)),
    [],
    `only the declared keys: ${res.body}`,
  );
  assert.match(body.code, /^QC_ERR_[A-Z_]+$/);
  assert.equal(res.headers['x-request-id'], body.requestId);
}

for (const dialect of DIALECTS) {
  describe(`HTTP conventions (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let webDir: string;

    before(async () => {
      webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-web-'));
      fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>质量强市</title>');
      t = await createTestApp(dialect, { env: { QCITY_BODY_LIMIT: String(BODY_LIMIT), QCITY_WEB_DIR: webDir } });
      admin = await t.login('admin');
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    });

    /** A request that must be refused with `status`/`code` in the one error shape, writing nothing. */
    async function rejected(request: () => Promise<LightMyRequestResponse>, status: number, code: string) {
      const counts = await rowCounts(t.db);
      const edu = await t.db.selectFrom('org_units').selectAll().where('code', '=', 'EDU').executeTakeFirstOrThrow();
      const res = await request();
      const body = expectError(res, status, code);
      assertErrorShape(res);
      assert.deepEqual(await rowCounts(t.db), counts, 'nothing written');
      assert.deepEqual(
        await t.db.selectFrom('org_units').selectAll().where('code', '=', 'EDU').executeTakeFirstOrThrow(),
        edu,
      );
      return body;
    }

    const aliasPost = (raw: string, headers?: Record<string, string>) =>
      admin.post('/api/orgs/EDU/aliases', undefined, { raw, ...(headers ? { headers } : {}) });

    it('answers malformed JSON with 400 QC_ERR_BAD_JSON', async () => {
      for (const raw of ['{', '{"alias":', "{'alias':'x'}", '{"alias":"x",}', 'nul', '{"alias":"x"} trailing']) {
        await rejected(() => aliasPost(raw), 400, 'QC_ERR_BAD_JSON');
      }
      await rejected(
        () => t.anon.post('/api/auth/login', undefined, { raw: '{"username":"admin"' }),
        400,
        'QC_ERR_BAD_JSON',
      );
      // Prototype-pollution keys are refused by the parser, not merged.
      await rejected(() => aliasPost('{"alias":"x","__proto__":{"admin":true}}'), 400, 'QC_ERR_BAD_JSON');
      await rejected(
        () => aliasPost('{"alias":"x","constructor":{"prototype":{"admin":true}}}'),
        400,
        'QC_ERR_BAD_JSON',
      );
    });

    it('answers an empty JSON body with 400 QC_ERR_EMPTY_BODY', async () => {
      await rejected(() => aliasPost(''), 400, 'QC_ERR_EMPTY_BODY');
    });

    it('rejects unknown fields with 400 QC_ERR_VALIDATION naming the field', async () => {
      const body = await rejected(
        () => admin.post('/api/orgs/EDU/aliases', { alias: '教委', source: 'former_name' }),
        400,
        'QC_ERR_VALIDATION',
      );
      assert.deepEqual(body.details, [
        { path: 'body', message: 'must not have additional properties', field: 'source' },
      ]);
      assert.match(body.message, /source/);
      const nested = await rejected(
        () =>
          admin.post('/api/users', {
            username: 'u1',
            displayName: 'x',
            password: 'Start#Pass2025',
            roles: [{ role: 'leader', admin: true }],
          }),
        400,
        'QC_ERR_VALIDATION',
      );
      assert.deepEqual(nested.details, [
        { path: 'body/roles/0', message: 'must not have additional properties', field: 'admin' },
      ]);
      const query = await rejected(() => admin.get('/api/orgs?secret=1'), 400, 'QC_ERR_VALIDATION');
      assert.match(JSON.stringify(query.details), /secret/);
    });

    it('rejects wrong types, including values that could be coerced', async () => {
      const version = Number(
        (await t.db.selectFrom('org_units').select('version').where('code', '=', 'EDU').executeTakeFirstOrThrow())
          .version,
      );
      const bodies: unknown[] = [
        { version: String(version) },
        { version: true },
        { version: null },
        { version: 1.5 },
        { version: [version] },
        { version, assessed: 'true' },
        { version, assessed: 1 },
        { version, note: 42 },
        { version, note: { zh: 'x' } },
        { version, parentCode: ['GOV'] },
        [],
        'text',
        42,
        null,
      ];
      for (const body of bodies) {
        const res = await rejected(
          () => admin.patch('/api/orgs/EDU', undefined, { raw: JSON.stringify(body) }),
          400,
          'QC_ERR_VALIDATION',
        );
        assert.ok(res.message.length > 0, JSON.stringify(body));
      }
      await rejected(
        () =>
          admin.post('/api/users', {
            username: 'u2',
            displayName: 'x',
            password: 'Start#Pass2025',
            roles: { role: 'leader' },
          }),
        400,
        'QC_ERR_VALIDATION',
      );
      await rejected(
        () => admin.post('/api/tokens', { name: 'x', permissions: 'orgs.read', expiresInDays: 1 }),
        400,
        'QC_ERR_VALIDATION',
      );
      await rejected(
        () => admin.post('/api/tokens', { name: 'x', permissions: ['orgs.read'], expiresInDays: '1' }),
        400,
        'QC_ERR_VALIDATION',
      );
      await rejected(() => admin.patch('/api/users/abc', { displayName: 'x' }), 400, 'QC_ERR_VALIDATION');
      await rejected(() => admin.patch('/api/users/1.5', { displayName: 'x' }), 400, 'QC_ERR_VALIDATION');
      await rejected(() => admin.patch('/api/users/99999999999', { displayName: 'x' }), 400, 'QC_ERR_VALIDATION');
      await rejected(() => admin.get('/api/orgs?pageSize=ten'), 400, 'QC_ERR_VALIDATION');
      await rejected(() => admin.get('/api/orgs?page=1&page=2'), 400, 'QC_ERR_VALIDATION');
      // Query strings are text by nature: numeric text is the right type there.
      expectOk(await admin.get('/api/orgs?page=1&pageSize=5'));
    });

    it('refuses a body over QCITY_BODY_LIMIT with 413 QC_ERR_BODY_TOO_LARGE', async () => {
      const big = JSON.stringify({ alias: 'x'.repeat(BODY_LIMIT) });
      await rejected(() => aliasPost(big), 413, 'QC_ERR_BODY_TOO_LARGE');
      await rejected(
        () =>
          t.anon.post('/api/auth/login', undefined, {
            raw: JSON.stringify({ username: 'admin', password: 'p'.repeat(BODY_LIMIT) }),
          }),
        413,
        'QC_ERR_BODY_TOO_LARGE',
      );
      // Just under the limit parses (and then meets the schema's own length limit).
      const near = JSON.stringify({ alias: 'x'.repeat(BODY_LIMIT - 20) });
      assert.ok(Buffer.byteLength(near) <= BODY_LIMIT);
      await rejected(() => aliasPost(near), 400, 'QC_ERR_VALIDATION');
    });

    it('refuses other content types with 415 QC_ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const type of [
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'image/png',
      ]) {
        await rejected(
          () => aliasPost('{"alias":"x"}', { 'content-type': type }),
          415,
          'QC_ERR_UNSUPPORTED_MEDIA_TYPE',
        );
      }
      await rejected(() => aliasPost('{"alias":"x"}', { 'content-type': '' }), 415, 'QC_ERR_UNSUPPORTED_MEDIA_TYPE');
      // text/plain parses as a string, which is not the object the schema wants.
      await rejected(() => aliasPost('{"alias":"x"}', { 'content-type': 'text/plain' }), 400, 'QC_ERR_VALIDATION');
    });

    it('refuses lone surrogates, NUL characters and deep nesting with 400', async () => {
      await rejected(() => aliasPost('{"alias":"bad \\ud800 text"}'), 400, 'QC_ERR_VALIDATION');
      await rejected(() => aliasPost('{"alias":"\\udfff"}'), 400, 'QC_ERR_VALIDATION');
      await rejected(() => aliasPost('{"alias":"a\\u0000b"}'), 400, 'QC_ERR_VALIDATION');
      await rejected(() => aliasPost('{"alias":"x","\\u0000":1}'), 400, 'QC_ERR_VALIDATION');
      await rejected(
        () =>
          admin.patch('/api/orgs/EDU/contact', undefined, { raw: '{"contactPerson":"\\ud83d","contactPhone":null}' }),
        400,
        'QC_ERR_VALIDATION',
      );
      await rejected(() => admin.get('/api/orgs?q=%00'), 400, 'QC_ERR_VALIDATION');
      await rejected(
        () => t.anon.post('/api/auth/login', { username: 'admin\u0000', password: 'Demo@12345' }),
        400,
        'QC_ERR_VALIDATION',
      );
      const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
      const body = await rejected(() => aliasPost(deep), 400, 'QC_ERR_VALIDATION');
      assert.match(body.message, /nested deeper/);
      await rejected(() => aliasPost(`${'['.repeat(1000)}${']'.repeat(1000)}`), 400, 'QC_ERR_VALIDATION');
      // A correctly encoded astral character is fine.
      const ok = expectOk(await admin.post('/api/orgs/EDU/aliases', { alias: '教育😀局' }));
      assert.ok(ok.aliases.some((a: { alias: string }) => a.alias === '教育😀局'));
    });

    it('answers bad URLs in the one error shape', async () => {
      await rejected(() => admin.get('/api/orgs/%ED%A0%80'), 400, 'QC_ERR_VALIDATION');
      await rejected(() => admin.get('/api/orgs/%'), 400, 'QC_ERR_VALIDATION');
      await rejected(() => admin.get(`/api/orgs/${'A'.repeat(300)}`), 400, 'QC_ERR_VALIDATION');
      await rejected(
        () => admin.patch('/api/orgs/%E0%A4%A/contact', { contactPerson: 'x', contactPhone: null }),
        400,
        'QC_ERR_VALIDATION',
      );
    });

    it('answers unknown /api routes and methods with 404 QC_ERR_ROUTE_NOT_FOUND, also anonymously', async () => {
      for (const [caller, method, url] of [
        [t.anon, 'GET', '/api/nope'],
        [t.anon, 'GET', '/api'],
        [t.anon, 'POST', '/api/orgs/EDU/delete'],
        [admin, 'GET', '/api/orgs/EDU/unknown/deeper'],
        [admin, 'PUT', '/api/orgs/EDU'],
        [admin, 'DELETE', '/api/orgs/EDU'],
        [admin, 'OPTIONS', '/api/orgs'],
        [t.anon, 'POST', '/not-api'],
      ] as const) {
        const body = await rejected(
          () => caller.request(method, url, method === 'GET' || method === 'OPTIONS' ? undefined : {}),
          404,
          'QC_ERR_ROUTE_NOT_FOUND',
        );
        assert.ok(body.message.includes(url.split('?')[0]!), body.message);
      }
      const en = expectError(
        await t.anon.get('/api/nope', { headers: { 'accept-language': 'en' } }),
        404,
        'QC_ERR_ROUTE_NOT_FOUND',
      );
      assert.equal(en.message, 'No such endpoint: GET /api/nope');
    });

    it('serves the web UI shell for client-side routes and security headers everywhere', async () => {
      const page = await t.anon.get('/orgs/EDU');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /质量强市/);
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
      const api = await t.anon.get('/api/meta');
      assert.equal(api.headers['x-content-type-options'], 'nosniff');
      assert.match(String(api.headers['content-security-policy']), /default-src 'self'/);
      const meta = expectOk(api);
      assert.equal(meta.demo, true);
      assert.ok(meta.demoAccounts.every((a: { username: string }) => a.username !== 'lockme'));
    });

    it('echoes a well-formed x-request-id and records it in the audit row', async () => {
      const id = 'req-0123456789abcdef';
      const ok = await admin.get('/api/orgs/EDU', { headers: { 'x-request-id': id } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.headers['x-request-id'], id);
      const err = await t.anon.get('/api/orgs', { headers: { 'x-request-id': id } });
      assert.equal(expectError(err, 401, 'QC_ERR_AUTH_REQUIRED').requestId, id);
      assert.equal(err.headers['x-request-id'], id);

      const head = await auditHead(t.db);
      const writeId = 'write.request_01';
      expectOk(
        await admin.patch(
          '/api/orgs/EDU/contact',
          { contactPerson: '请求号', contactPhone: null },
          { headers: { 'x-request-id': writeId } },
        ),
      );
      const rows = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        rows.map((r) => r.request_id),
        [writeId],
      );

      for (const bad of [
        'short',
        'has space in it',
        'x'.repeat(65),
        '<script>alert(1)</script>',
        '中文请求编号一二三四',
      ]) {
        const res = await t.anon.get('/healthz', { headers: { 'x-request-id': bad } });
        const echoed = String(res.headers['x-request-id']);
        assert.notEqual(echoed, bad);
        assert.match(echoed, /^[0-9a-f-]{36}$/, 'a fresh uuid replaces an unusable id');
      }
      const generated = await t.anon.get('/healthz');
      assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      assert.notEqual(generated.headers['x-request-id'], (await t.anon.get('/healthz')).headers['x-request-id']);
    });

    it('answers /healthz and /readyz without logging in', async () => {
      assert.deepEqual(expectOk(await t.anon.get('/healthz')), { status: 'ok' });
      assert.deepEqual(expectOk(await t.anon.get('/readyz')), { status: 'ready', database: dialect });
      assert.equal((await t.anon.request('HEAD', '/healthz')).statusCode, 200);
    });

    it('publishes OpenAPI 3 with every API route, and every documented route exists', async () => {
      const res = await t.anon.get('/api/docs/json');
      const doc = expectOk(res);
      assert.match(doc.openapi, /^3\./);
      assert.equal(typeof doc.info.version, 'string');
      const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
      const api = [...routes].filter(([url]) => url.startsWith('/api/') && !url.startsWith('/api/docs'));
      assert.ok(api.length >= 20, `routes parsed from the tree: ${api.length}`);
      for (const [url, methods] of api) {
        const documented = url.replace(/:([A-Za-z]+)/g, '{$1}');
        assert.ok(doc.paths[documented], `${url} is documented`);
        for (const method of methods) {
          if (method === 'HEAD') continue;
          const op = doc.paths[documented][method.toLowerCase()];
          assert.ok(op, `${method} ${url} is documented`);
          assert.ok(op.summary, `${method} ${url} has a summary`);
          assert.ok(op.tags?.length, `${method} ${url} has a tag`);
          if (method !== 'GET' && method !== 'DELETE' && !BODYLESS_ACTIONS.includes(url)) {
            assert.ok(op.requestBody, `${method} ${url} documents its body`);
          }
        }
      }
      for (const [documented, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        for (const method of Object.keys(ops)) {
          assert.ok(
            t.app.hasRoute({
              method: method.toUpperCase() as 'GET',
              url: documented.replace(/\{([A-Za-z]+)\}/g, ':$1'),
            }),
            `${method} ${documented} exists`,
          );
        }
      }
      const yaml = await t.anon.get('/api/docs/yaml');
      assert.equal(yaml.statusCode, 200);
      assert.match(yaml.body, /^openapi: 3\./);
    });

    it('never answers 5xx to a barrage of odd requests, and writes nothing for them', async () => {
      const counts = await rowCounts(t.db);
      const head = await auditHead(t.db);
      const odd: [Caller, string, string, string | undefined, Record<string, string>?][] = [
        [admin, 'GET', '/api/orgs', '{"body":"on a GET"}'],
        [admin, 'POST', '/api/orgs', 'null'],
        [admin, 'POST', '/api/orgs', '"string"'],
        [admin, 'POST', '/api/orgs', '[1,2,3]'],
        [admin, 'POST', '/api/orgs', '{"code":"X1","name":"n","kind":"gov","version":1e400}'],
        [admin, 'PATCH', '/api/orgs/EDU', '{"version":1e400}'],
        [admin, 'PATCH', '/api/orgs/EDU', '{"version":-1}'],
        [admin, 'PATCH', '/api/orgs/EDU', '{"version":99999999999999999999999}'],
        [admin, 'POST', '/api/orgs/EDU/retire', '{"validTo":"9999-99-99","version":1}'],
        [admin, 'POST', '/api/orgs/EDU/retire', '{"validTo":"0000-00-00","version":1}'],
        [admin, 'DELETE', '/api/orgs/EDU/aliases/0', undefined],
        [admin, 'DELETE', '/api/orgs/EDU/aliases/-1', undefined],
        [admin, 'DELETE', '/api/orgs/EDU/aliases/1e3', undefined],
        [admin, 'DELETE', '/api/tokens/99999999999999999999', undefined],
        [admin, 'DELETE', '/api/tokens/1', '', { 'content-type': 'application/json' }],
        [admin, 'GET', '/api/orgs?page=100000&pageSize=200', undefined],
        [admin, 'GET', '/api/orgs?q=%ED%A0%80', undefined],
        [admin, 'GET', `/api/orgs?q=${encodeURIComponent('"*) OR 1=1 --')}`, undefined],
        [admin, 'GET', `/api/orgs?q=${encodeURIComponent('NEAR(a b) AND ^x')}`, undefined],
        [admin, 'GET', '/api/orgs/resolve?name=%20%20', undefined],
        [admin, 'GET', '/api/orgs/resolve?name=x&date=2025-1-1', undefined],
        [admin, 'GET', '/api/audit?page=0', undefined],
        [admin, 'POST', '/api/auth/login', '{"username":"","password":""}'],
        [t.anon, 'POST', '/api/auth/login', '{}', { 'content-type': 'application/json; charset=utf-16' }],
        [t.anon, 'GET', '/api/auth/me', undefined, { cookie: 'qc_sid=%%%' }],
        [t.anon, 'GET', '/api/auth/me', undefined, { cookie: `qc_sid=${'a'.repeat(4000)}` }],
        [t.anon, 'GET', '/api/orgs', undefined, { authorization: `Bearer ${'q'.repeat(4000)}` }],
        [t.anon, 'GET', '/api/orgs', undefined, { 'accept-language': '*;q=0, en;q=x' }],
      ];
      for (const [caller, method, url, raw, headers] of odd) {
        const res = await caller.request(method as 'GET', url, undefined, {
          ...(raw === undefined ? {} : { raw }),
          ...(headers ? { headers } : {}),
        });
        assert.ok(res.statusCode < 500, `${method} ${url} ${raw ?? ''} → ${res.statusCode} ${res.body}`);
        if (res.statusCode >= 400) assertErrorShape(res);
      }
      assert.equal(await auditHead(t.db), head);
      assert.deepEqual(await rowCounts(t.db), counts);
    });
  });
}
