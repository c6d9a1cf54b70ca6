import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Actor, RequestContext } from '../context.js';
import { langFromHeader, QcError } from '../errors.js';
import { errorHandler } from './error-handler.js';
import { assertCleanInput } from './input-guard.js';
import { validatorCompiler } from './validator.js';
import './types.js';

export const SESSION_COOKIE = 'qc_sid';
export const CSRF_HEADER = 'x-csrf-token';

/** How the HTTP layer learns who is calling; the users module provides it. */
export interface Authenticator {
  fromSession(
    token: string,
  ): Promise<{ actor: Actor | null; problem?: RequestContext['authProblem']; csrfToken?: string }>;
  fromToken(token: string): Promise<{ actor: Actor | null; problem?: RequestContext['authProblem'] }>;
}

export type App = FastifyInstance & { withTypeProvider(): unknown };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Routes anyone may call: those marked `public`, the API docs, and unknown paths (which answer 404). */
function isPublic(request: FastifyRequest): boolean {
  if (request.routeOptions.url === undefined) return true;
  if (request.url.startsWith('/api/docs')) return true;
  return request.routeOptions.config?.public === true;
}

/** Deny by default: a non-public route without a valid caller stops here, before its body is read. */
function requireCaller(request: FastifyRequest): void {
  if (!request.url.startsWith('/api/') || request.ctx.actor || isPublic(request)) return;
  throw new QcError(request.ctx.authProblem ?? 'QC_ERR_AUTH_REQUIRED');
}

async function authenticate(request: FastifyRequest, auth: Authenticator): Promise<void> {
  const header = request.headers.authorization;
  const lang = langFromHeader(request.headers['accept-language']);
  request.ctx = { actor: null, requestId: String(request.id), source: 'ui', lang };
  // Only the API looks at credentials; static files and the SPA shell need none.
  if (!request.url.startsWith('/api/')) return;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const result = match
      ? await auth.fromToken(match[1]!)
      : { actor: null, problem: 'QC_ERR_AUTH_TOKEN_INVALID' as const };
    request.ctx = { ...request.ctx, actor: result.actor, source: 'api', authProblem: result.problem };
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const result = await auth.fromSession(token);
  request.ctx = { ...request.ctx, actor: result.actor, authProblem: result.problem };
  if (result.actor && !SAFE_METHODS.has(request.method) && request.routeOptions.config?.csrf !== false) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !result.csrfToken || !safeEqual(sent, result.csrfToken)) {
      throw new QcError('QC_ERR_CSRF');
    }
  }
}

/**
 * The Fastify instance with everything cross-cutting: request ids, logging, security headers,
 * cookies, authentication and CSRF, input guard, error shape, OpenAPI, the built web UI.
 */
export async function createHttpServer(config: Config, auth: Authenticator, version: string) {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    },
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // URLs the router cannot decode (bad percent-encoding, over-long params) never reach setErrorHandler;
    // without this they answer in Fastify's own shape instead of ours.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', String(request.id));
      return errorHandler(error, request, reply);
    },
    // Malformed requests Node itself rejects still get the one error shape.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({
        code: 'QC_ERR_VALIDATION',
        message: `Malformed HTTP request: ${err.message}`,
        requestId: '',
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(underPressure, {
    maxEventLoopDelay: config.overloadDelayMs,
    exposeStatusRoute: false,
    pressureHandler: () => {
      throw new QcError('QC_ERR_OVERLOADED');
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'QualityCity API (质量强市)',
        version,
        description: 'Errors: `{ code, message, requestId, details? }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request) => {
    await authenticate(request, auth);
    requireCaller(request);
  });
  app.addHook('preValidation', async (request) => {
    assertCleanInput({ body: request.body, query: request.query, params: request.params });
  });

  const indexFile = path.join(config.webDir, 'index.html');
  const webBuilt = fs.existsSync(indexFile);
  if (webBuilt) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api' || !['GET', 'HEAD'].includes(request.method)) {
      throw new QcError('QC_ERR_ROUTE_NOT_FOUND', [`${request.method} ${url}`]);
    }
    if (!webBuilt) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web UI is not built yet: run `npm run build:web` (npm start does it for you).');
    }
    // Client-side routes: the SPA decides, and shows its own 404 page for unknown paths.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}

export type HttpServer = Awaited<ReturnType<typeof createHttpServer>>;
