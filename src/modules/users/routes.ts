import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { SESSION_COOKIE } from '../../core/http/server.js';
import {
  ChangePasswordBody,
  CreateTokenBody,
  CreateUserBody,
  IdParams,
  LoginBody,
  NewToken,
  Session,
  SetPasswordBody,
  Token,
  TokenPermission,
  UnitParams,
  UpdateUserBody,
  UserList,
  UserListQuery,
  UserSummary,
} from './schema.js';

/** Login and sessions, accounts (admin), unit staff lists and personal API tokens. */
export const userRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { auth, users, core } = services;
  const cookieOptions = (maxAgeSeconds?: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: core.config.cookieSecure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });

  app.post(
    '/api/auth/login',
    {
      config: { csrf: false, public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with user name and password',
        body: LoginBody,
        response: { 200: Session },
      },
    },
    async (request, reply) => {
      const session = await auth.login(request.ctx, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(core.config.session.absoluteHours * 3600));
      const user = await users.me({ ...request.ctx, actor: session.actor });
      return { user, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Session } } },
    async (request) => {
      const user = await users.me(request.ctx);
      const csrfToken = request.ctx.actor?.sessionId ? await auth.csrfTokenOf(request.ctx.actor.sessionId) : '';
      return { user, csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'End the session' } },
    async (request, reply) => {
      await auth.logout(request.ctx);
      reply.clearCookie(SESSION_COOKIE, cookieOptions());
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], summary: 'Change my password', body: ChangePasswordBody } },
    async (request, reply) => {
      await auth.changeOwnPassword(request.ctx, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List accounts (admin)',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => users.list(request.ctx, request.query),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an account (admin)',
        body: CreateUserBody,
        response: { 201: UserSummary },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(request.ctx, request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change display name, roles or disabled flag (admin)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserSummary },
      },
    },
    async (request) => users.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password',
    { schema: { tags: ['users'], summary: 'Reset a password (admin)', params: IdParams, body: SetPasswordBody } },
    async (request, reply) => {
      await users.setPassword(request.ctx, request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/orgs/:code/users',
    {
      schema: {
        tags: ['orgs'],
        summary: 'Staff accounts of a unit (admin, leader, own unit)',
        params: UnitParams,
        response: { 200: Type.Object({ items: Type.Array(UserSummary) }) },
      },
    },
    async (request) => users.unitStaff(request.ctx, request.params.code),
  );

  app.get(
    '/api/tokens/permissions',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Permissions a new token may carry',
        response: { 200: Type.Array(TokenPermission) },
      },
    },
    async (request) => users.tokenPermissions(request.ctx),
  );

  app.get(
    '/api/tokens',
    { schema: { tags: ['tokens'], summary: 'My API tokens', response: { 200: Type.Array(Token) } } },
    async (request) => users.listTokens(request.ctx),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (shown once)',
        body: CreateTokenBody,
        response: { 201: NewToken },
      },
    },
    async (request, reply) => reply.status(201).send(await users.createToken(request.ctx, request.body)),
  );

  app.delete(
    '/api/tokens/:id',
    { schema: { tags: ['tokens'], summary: 'Revoke an API token', params: IdParams } },
    async (request, reply) => {
      await users.revokeToken(request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );
};
