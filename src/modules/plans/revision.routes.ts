import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { FILE_FIELD, readSingleFile, registerSingleFileUploads } from '../../core/files/multipart.js';
import { UploadBodySchema } from '../../core/files/schema.js';
import { Strict } from '../../core/http/schema-helpers.js';
import { PlanIdParams } from './plan.schema.js';

const RevisionTextBody = Strict({ text: Type.String({ minLength: 1, maxLength: 2_000_000 }) });

const Counts = Type.Object({
  added: Type.Integer(),
  removed: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
});

const RevisionPreview = Type.Object({
  planId: Type.Integer(),
  code: Type.String(),
  header: Type.Array(Type.Object({ field: Type.String(), old: Type.Unknown(), new: Type.Unknown() })),
  summary: Type.Object({
    measures: Counts,
    actions: Counts,
    assignments: Type.Object({ added: Type.Integer(), removed: Type.Integer(), roleChanged: Type.Integer() }),
  }),
  measures: Type.Array(Type.Unknown(), {
    description: '{status, old, new, changes[{field, old, new}], actions[…], units{added, removed, roleChanged}}',
  }),
  warnings: Type.Array(Type.Unknown()),
  units: Type.Record(Type.String(), Type.String(), { description: 'names of the units the diff mentions' }),
});

/** Re-importing a revised text of a published plan: a structural diff against what is stored, no writes. */
export const revisionRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { revisions } = services;
  const tags = ['plans'];

  app.post(
    '/api/plans/:id/revision',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'What a revised official text would change in a published plan (nothing is written)',
        params: PlanIdParams,
        body: RevisionTextBody,
        response: { 200: RevisionPreview },
      },
    },
    async (request) => revisions.previewText(request.ctx, request.params.id, { text: request.body.text }),
  );

  await app.register(async (upload) => {
    await registerSingleFileUploads(upload, services.core.config.uploadLimitBytes);
    upload.post(
      '/api/plans/:id/revision/file',
      {
        schema: {
          tags,
          summary: `The same diff for an uploaded .txt, .docx or text-layer .pdf (multipart field "${FILE_FIELD}")`,
          consumes: ['multipart/form-data'],
          params: PlanIdParams,
          body: { content: { 'multipart/form-data': { schema: UploadBodySchema } } },
          response: { 200: RevisionPreview },
        },
        preHandler: async (request) => revisions.authorizePreview(request.ctx),
      },
      async (request) => {
        const file = await readSingleFile(request, services.core.config.uploadLimitBytes);
        return revisions.previewFile(request.ctx, (request.params as { id: number }).id, file.bytes);
      },
    );
  });
};
