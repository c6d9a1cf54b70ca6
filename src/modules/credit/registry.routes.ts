import { Readable } from 'node:stream';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { QcError } from '../../core/errors.js';
import { FILE_FIELD, readSingleFile, registerSingleFileUploads } from '../../core/files/multipart.js';
import { UploadBodySchema } from '../../core/files/schema.js';
import {
  CheckCodeQuery,
  CodeExplanation,
  EnterpriseChange,
  EnterpriseFull,
  EnterpriseIdParams,
  EnterprisePublic,
  ImportJob,
  ImportJobParams,
  ImportUploadQuery,
  RegistrySearchQuery,
  RegistrySearchResult,
} from './registry.schema.js';
import { explainCode } from './registry.service.js';

/** Public rate limit settings; the plugin is registered per encapsulated scope, so it binds only these routes. */
export async function registerPublicRateLimit(
  app: Parameters<FastifyPluginAsyncTypebox>[0],
  perMinute: number,
): Promise<void> {
  if (perMinute <= 0) return;
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (request) => request.ip,
    // Signed-in government users and API tokens are not the anonymous public.
    allowList: (request) => Boolean(request.ctx?.actor),
    errorResponseBuilder: (_request, context) => {
      const err = new QcError('QC_ERR_RATE_LIMITED', [], { retryAfterSeconds: Math.ceil(context.ttl / 1000) });
      return err as unknown as object;
    },
  });
}

/** The enterprise registry: public search and pages (no login, rate-limited), government views and imports. */
export const registryRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { registry, registryImport } = services;
  const tags = ['credit'];

  const publicRoutes: FastifyPluginAsyncTypebox = async (pub) => {
    await registerPublicRateLimit(pub, services.core.config.publicSearch.ratePerMinute);
    pub.get(
      '/api/public/enterprises',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Search the registry: name or former-name substring, legal representative, credit code or prefix',
          querystring: RegistrySearchQuery,
          response: { 200: RegistrySearchResult },
        },
      },
      async (request) => registry.publicSearch(request.query),
    );
    pub.get(
      '/api/public/enterprises/:id',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'An enterprise’s public registry data',
          params: EnterpriseIdParams,
          response: { 200: EnterprisePublic },
        },
      },
      async (request) => registry.publicView(request.params.id),
    );
    pub.get(
      '/api/public/credit-code',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Explain a unified social credit code: department, type, region, check character, warnings',
          querystring: CheckCodeQuery,
          response: { 200: CodeExplanation },
        },
      },
      async (request) => explainCode(request.query.code),
    );
  };
  await app.register(publicRoutes);

  app.get(
    '/api/enterprises',
    {
      schema: {
        tags,
        summary: 'Search the registry (government)',
        querystring: RegistrySearchQuery,
        response: { 200: RegistrySearchResult },
      },
    },
    async (request) => registry.search(request.ctx, request.query),
  );
  app.get(
    '/api/enterprises/imports',
    { schema: { tags, summary: 'Recent registry imports', response: { 200: Type.Array(ImportJob) } } },
    async (request) => registry.jobs(request.ctx),
  );
  app.get(
    '/api/enterprises/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import job and its progress',
        params: ImportJobParams,
        response: { 200: ImportJob },
      },
    },
    async (request) => registry.job(request.ctx, request.params.id),
  );
  app.post(
    '/api/enterprises/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Commit a finished dry run from its stored file (no second upload); answers the new job',
        params: ImportJobParams,
        response: { 202: ImportJob },
      },
    },
    async (request, reply) => {
      const id = await registryImport.commitDryRun(request.ctx, request.params.id);
      reply.status(202);
      return registry.job(request.ctx, id);
    },
  );
  app.get(
    '/api/enterprises/imports/:id/rejects.csv',
    {
      schema: {
        tags,
        summary: 'Rejected rows (line, field, code, severity, message) as CSV',
        params: ImportJobParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      // The first page is read before the headers go out, so an unknown job still answers 404 in JSON.
      const chunks = registry.rejectsCsv(request.ctx, request.params.id);
      const first = await chunks.next();
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="import-${request.params.id}-rejects.csv"`);
      reply.header('cache-control', 'no-store');
      async function* all() {
        if (!first.done) yield first.value;
        yield* chunks;
      }
      return reply.send(Readable.from(all()));
    },
  );
  app.get(
    '/api/enterprises/:id',
    {
      schema: {
        tags,
        summary: 'An enterprise (government view)',
        params: EnterpriseIdParams,
        response: { 200: EnterpriseFull },
      },
    },
    async (request) => registry.view(request.ctx, request.params.id),
  );
  app.get(
    '/api/enterprises/:id/changes',
    {
      schema: {
        tags,
        summary: 'Field history of an enterprise, newest first',
        params: EnterpriseIdParams,
        response: { 200: Type.Array(EnterpriseChange) },
      },
    },
    async (request) => registry.changes(request.ctx, request.params.id),
  );

  await app.register(async (upload) => {
    const limit = services.core.config.uploadLimitBytes;
    await registerSingleFileUploads(upload, limit);
    upload.post(
      '/api/enterprises/imports',
      {
        schema: {
          tags,
          summary: `Upload a register file (CSV in UTF-8 or GBK, or XLSX; multipart field "${FILE_FIELD}"); it imports in the background`,
          consumes: ['multipart/form-data'],
          querystring: ImportUploadQuery,
          body: { content: { 'multipart/form-data': { schema: UploadBodySchema } } },
          response: { 202: ImportJob },
        },
        preHandler: async (request) => registryImport.authorize(request.ctx),
      },
      async (request, reply) => {
        let file: Awaited<ReturnType<typeof readSingleFile>>;
        try {
          file = await readSingleFile(request, limit);
        } catch (err) {
          if (err instanceof QcError && err.code === 'QC_ERR_FILE_TOO_LARGE') {
            throw new QcError('QC_ERR_REGISTRY_IMPORT_TOO_LARGE', [`> ${limit}`, limit]);
          }
          throw err;
        }
        const { dryRun } = request.query as { dryRun?: boolean };
        const id = await registryImport.startUpload(request.ctx, file, { dryRun });
        reply.status(202);
        return registry.job(request.ctx, id);
      },
    );
  });
};
