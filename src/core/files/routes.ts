import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../app.js';
import { FILE_FIELD, readSingleFile, registerSingleFileUploads } from './multipart.js';
import { FileInfoSchema, UploadBodySchema } from './schema.js';

/** POST /api/files: one multipart upload, checked and stored by content hash (core/files). */
export const fileRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { files } = services;
  const limit = services.core.config.uploadLimitBytes;
  await registerSingleFileUploads(app, limit);

  app.post(
    '/api/files',
    {
      schema: {
        tags: ['files'],
        summary: `Upload one file (multipart field "${FILE_FIELD}"); its type is detected from the content`,
        consumes: ['multipart/form-data'],
        body: { content: { 'multipart/form-data': { schema: UploadBodySchema } } },
        response: { 201: FileInfoSchema },
      },
      // Refuse callers without the permission before reading up to the upload limit.
      preHandler: async (request) => files.authorizeUpload(request.ctx),
    },
    async (request, reply) => {
      const upload = await readSingleFile(request, limit);
      return reply.status(201).send(await files.upload(request.ctx, upload));
    },
  );
};
