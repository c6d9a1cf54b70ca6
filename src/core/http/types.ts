import type { RequestContext } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, in which language, under which request id; set for every request. */
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** Cookie-authenticated writes need the CSRF header unless a route opts out (login). */
    csrf?: boolean;
    /** Callable without logging in; every other /api route answers 401 to anonymous callers. */
    public?: boolean;
  }
}
