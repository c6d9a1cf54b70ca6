import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../app.js';
import { FILE_FIELD, readSingleFile, registerSingleFileUploads } from '../../core/files/multipart.js';
import { UploadBodySchema } from '../../core/files/schema.js';
import { attachmentHeader } from './dashboard.service.js';
import { PlanIdParams } from './plan.schema.js';
import { ErrorFileQuery, ExportQuery, ImportQuery, ImportResult } from './roundtrip.schema.js';
import type { RoundTripFile } from './roundtrip.service.js';

/** The plan's CSV/Excel round trip (R-S13): export, import as dry run or commit, and the error file. */
export const roundTripRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { roundTrip } = services;
  const limit = services.core.config.uploadLimitBytes;
  const tags = ['plans'];
  const sendFile = (
    reply: { header: (k: string, v: string) => unknown; send: (b: Buffer) => unknown },
    f: RoundTripFile,
  ) => {
    reply.header('content-type', f.mime);
    reply.header('content-disposition', attachmentHeader(f.fileName, f.asciiName));
    reply.header('cache-control', 'no-store');
    return reply.send(f.bytes);
  };

  app.get(
    '/api/plans/:id/roundtrip/export',
    {
      schema: {
        tags,
        summary: 'Measures, actions and assignments as .xlsx (three sheets) or one sheet as CSV, for editing',
        params: PlanIdParams,
        querystring: ExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (request, reply) =>
      sendFile(reply, await roundTrip.exportFile(request.ctx, request.params.id, request.query)),
  );

  // Its own encapsulated plugin, so only these routes accept a multipart body.
  await app.register(async (upload) => {
    await registerSingleFileUploads(upload, limit);
    const body = { content: { 'multipart/form-data': { schema: UploadBodySchema } } };

    upload.post(
      '/api/plans/:id/roundtrip/import',
      {
        schema: {
          tags,
          summary: `Import the exported columns (multipart field "${FILE_FIELD}"): dry run, or commit all or nothing`,
          consumes: ['multipart/form-data'],
          params: PlanIdParams,
          querystring: ImportQuery,
          body,
          response: { 200: ImportResult },
        },
        preHandler: async (request) => roundTrip.authorize(request.ctx),
      },
      async (request) => {
        const file = await readSingleFile(request, limit);
        const { id } = request.params as { id: number };
        return roundTrip.importFile(request.ctx, id, file, request.query as never);
      },
    );

    upload.post(
      '/api/plans/:id/roundtrip/errors',
      {
        schema: {
          tags,
          summary: 'The uploaded file with its row errors marked (xlsx) or listed (CSV)',
          consumes: ['multipart/form-data'],
          params: PlanIdParams,
          querystring: ErrorFileQuery,
          body,
        },
        preHandler: async (request) => roundTrip.authorize(request.ctx),
      },
      async (request, reply) => {
        const file = await readSingleFile(request, limit);
        const { id } = request.params as { id: number };
        const { sheet } = request.query as { sheet?: never };
        return sendFile(reply, await roundTrip.errorFile(request.ctx, id, file, sheet));
      },
    );
  });
};
