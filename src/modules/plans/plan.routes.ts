import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { FILE_FIELD, readSingleFile, registerSingleFileUploads } from '../../core/files/multipart.js';
import { UploadBodySchema } from '../../core/files/schema.js';
import type { PlanSettingsPatch } from './domain/settings.js';
import {
  ImportFileQuery,
  ImportTextBody,
  PlanDetail,
  PlanIdParams,
  PlanListQuery,
  PlanSource,
  PlanSummary,
  PublishBody,
  SettingsBody,
} from './plan.schema.js';

/** Plans: import official text as a draft, preview, re-parse, settings, publish (交办). */
export const planRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { plans } = services;
  const tags = ['plans'];

  app.get(
    '/api/plans',
    {
      schema: {
        tags,
        summary: 'Plans, newest first',
        querystring: PlanListQuery,
        response: { 200: Type.Array(PlanSummary) },
      },
    },
    async (request) => plans.list(request.ctx, request.query),
  );

  app.post(
    '/api/plans/import',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a plan’s official text as a draft (replaces a draft with the same code)',
        body: ImportTextBody,
        response: { 201: PlanSummary },
      },
    },
    async (request, reply) => reply.status(201).send(await plans.importText(request.ctx, request.body)),
  );

  // Its own encapsulated plugin, so only this route accepts a multipart body.
  await app.register(async (upload) => {
    await registerSingleFileUploads(upload, services.core.config.uploadLimitBytes);
    upload.post(
      '/api/plans/import/file',
      {
        schema: {
          tags,
          summary: `Import a .txt, .docx or text-layer .pdf (multipart field "${FILE_FIELD}") as a draft`,
          consumes: ['multipart/form-data'],
          querystring: ImportFileQuery,
          body: { content: { 'multipart/form-data': { schema: UploadBodySchema } } },
          response: { 201: PlanSummary },
        },
        preHandler: async (request) => plans.authorizeImport(request.ctx),
      },
      async (request, reply) => {
        const file = await readSingleFile(request, services.core.config.uploadLimitBytes);
        const query = request.query as { code?: string; year?: number };
        const summary = await plans.importFile(request.ctx, { bytes: file.bytes, fileName: file.fileName, ...query });
        return reply.status(201).send(summary);
      },
    );
  });

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: 'A plan with its structure, parties, findings and assignments',
        params: PlanIdParams,
        response: { 200: PlanDetail },
      },
    },
    async (request) => plans.get(request.ctx, request.params.id),
  );

  app.get(
    '/api/plans/:id/source',
    { schema: { tags, summary: 'The imported source text', params: PlanIdParams, response: { 200: PlanSource } } },
    async (request) => plans.source(request.ctx, request.params.id),
  );

  app.post(
    '/api/plans/:id/reparse',
    {
      schema: {
        tags,
        summary: 'Parse a draft again (after unit aliases were added)',
        params: PlanIdParams,
        response: { 200: PlanSummary },
      },
    },
    async (request) => plans.reparse(request.ctx, request.params.id),
  );

  app.patch(
    '/api/plans/:id/settings',
    {
      schema: {
        tags,
        summary: 'Change supervision settings',
        params: PlanIdParams,
        body: SettingsBody,
        response: { 200: PlanSummary },
      },
    },
    async (request) =>
      plans.updateSettings(
        request.ctx,
        request.params.id,
        request.body.settings as PlanSettingsPatch,
        request.body.version,
      ),
  );

  app.post(
    '/api/plans/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft and dispatch its assignments',
        params: PlanIdParams,
        body: PublishBody,
        response: { 200: PlanSummary },
      },
    },
    async (request) => plans.publish(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/plans/:id',
    { schema: { tags, summary: 'Delete a draft', params: PlanIdParams } },
    async (request, reply) => {
      await plans.deleteDraft(request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );
};
