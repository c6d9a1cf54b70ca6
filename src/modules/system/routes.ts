import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { ping } from '../../core/db/connect.js';
import { QcError } from '../../core/errors.js';

/** Liveness, readiness and public metadata (name, version, demo accounts in demo mode). */
export const systemRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async () => {
    if (!(await ping(services.core.db))) throw new QcError('QC_ERR_NOT_READY');
    return { status: 'ready', database: services.core.dialect };
  });

  app.get(
    '/api/meta',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Product name, version and (in demo mode) the demo accounts',
        response: {
          200: Type.Object({
            name: Type.String(),
            version: Type.String(),
            demo: Type.Boolean(),
            asOf: Type.String({ description: 'the date dashboards are seen at by default' }),
            demoAccounts: Type.Optional(
              Type.Array(Type.Object({ username: Type.String(), password: Type.String(), label: Type.String() })),
            ),
          }),
        },
      },
    },
    async (request) => services.system.meta(request.ctx),
  );
};
