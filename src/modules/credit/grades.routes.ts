import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../app.js';
import { Nullable } from '../../core/http/schema-helpers.js';
import {
  AsOfQuery,
  EnterpriseParams,
  GradeDistribution,
  GradeExplanation,
  GradeRunDtoSchema,
  StartRunBody,
} from './grades.schema.js';

/** Quality-credit grades: the recompute button with progress, the distribution, one enterprise explained. */
export const gradeRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { grades } = services;
  const tags = ['credit grades'];

  app.post(
    '/api/credit/grades/runs',
    {
      schema: {
        tags,
        summary: 'Start (or resume) a full recompute in the background',
        body: StartRunBody,
        response: { 202: GradeRunDtoSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await grades.startInBackground(request.ctx, { asOf: request.body.asOf })),
  );
  app.get(
    '/api/credit/grades/runs/latest',
    {
      schema: {
        tags,
        summary: 'The newest recompute and its progress',
        response: { 200: Nullable(GradeRunDtoSchema) },
      },
    },
    async (request) => grades.latestRun(request.ctx),
  );
  app.get(
    '/api/credit/grades/distribution',
    { schema: { tags, summary: 'Enterprises per grade and risk class', response: { 200: GradeDistribution } } },
    async (request) => grades.distribution(request.ctx),
  );
  app.get(
    '/api/credit/grades/enterprises/:id',
    {
      schema: {
        tags,
        summary: 'One enterprise’s score explained line by line (no write)',
        params: EnterpriseParams,
        querystring: AsOfQuery,
        response: { 200: GradeExplanation },
      },
    },
    async (request) => grades.explain(request.ctx, request.params.id, request.query.asOf),
  );
};
