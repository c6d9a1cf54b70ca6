import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { Nullable, Paged, PageQuery, Strict } from '../../core/http/schema-helpers.js';

const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorName: Type.String(),
  role: Nullable(Type.String()),
  scope: Nullable(Type.String()),
  source: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
});

const AuditQuery = Strict({
  entityType: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 50 })),
  action: Type.Optional(Type.String({ maxLength: 50 })),
  ...PageQuery,
});

/** The audit trail: entity histories and chain verification. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit rows, newest first',
        querystring: AuditQuery,
        response: { 200: Paged(AuditEntry) },
      },
    },
    async (request) => services.audit.list(request.ctx, request.query),
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain (admin)',
        response: {
          200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenSeq: Nullable(Type.Integer()) }),
        },
      },
    },
    async (request) => services.audit.verify(request.ctx),
  );
};
