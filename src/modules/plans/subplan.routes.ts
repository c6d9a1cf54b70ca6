import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { DateString, Nullable, Strict, Text } from '../../core/http/schema-helpers.js';
import { PlanIdParams } from './plan.schema.js';

const IdParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const ExternalId = Type.String({ pattern: '^[A-Z][A-Z0-9]*-M\\d{2,3}(-A\\d{2,3})?$' });

const SubPlanRow = Type.Object({
  id: Type.Integer(),
  districtCode: Type.String(),
  districtName: Type.String(),
  status: Type.String({ description: 'not_started | draft | filed | returned | accepted' }),
  dueDate: Type.String(),
  filedAt: Nullable(Type.String()),
  lateDays: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  tasks: Type.Integer(),
  coverage: Type.Number({ description: 'share of applicable city measures with a district task, 0–100' }),
  version: Type.Integer(),
});

const SaveBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Nullable(Text(200))),
  tasks: Type.Array(
    Strict({
      measureExternalId: ExternalId,
      actionExternalId: Type.Optional(Nullable(ExternalId)),
      title: Text(500),
      deptName: Type.Optional(Nullable(Text(100, 0))),
      responsiblePerson: Type.Optional(Nullable(Text(50, 0))),
      dueDate: Type.Optional(Nullable(DateString)),
    }),
    { maxItems: 500 },
  ),
  exclusions: Type.Array(Strict({ measureExternalId: ExternalId, reason: Text(500) }), { maxItems: 200 }),
});

const FileBody = Strict({ version: Type.Integer({ minimum: 1 }) });
const ReviewBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  decision: Type.Union([Type.Literal('accept'), Type.Literal('return')]),
  reason: Type.Optional(Text(1000)),
});
const Detail = Type.Unknown({ description: 'sub-plan with tasks, exclusions, city measures and findings' });

/** District implementation plans (备案): list per plan, read, save a draft, file, review. */
export const subPlanRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { subPlans } = services;
  const tags = ['sub-plans'];

  app.get(
    '/api/plans/:id/sub-plans',
    {
      schema: {
        tags,
        summary: 'Districts’ implementation plans for a city plan',
        params: PlanIdParams,
        response: { 200: Type.Array(SubPlanRow) },
      },
    },
    async (request) => subPlans.list(request.ctx, request.params.id),
  );
  app.get(
    '/api/sub-plans/:id',
    { schema: { tags, summary: 'One district implementation plan', params: IdParams, response: { 200: Detail } } },
    async (request) => subPlans.get(request.ctx, request.params.id),
  );
  app.put(
    '/api/sub-plans/:id',
    {
      schema: {
        tags,
        summary: 'Save the district’s draft (tasks and not-applicable measures)',
        params: IdParams,
        body: SaveBody,
        response: { 200: Detail },
      },
    },
    async (request) => subPlans.save(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/sub-plans/:id/file',
    {
      schema: {
        tags,
        summary: 'File (备案) the implementation plan',
        params: IdParams,
        body: FileBody,
        response: { 200: Detail },
      },
    },
    async (request) => subPlans.file(request.ctx, request.params.id, request.body.version),
  );
  app.post(
    '/api/sub-plans/:id/review',
    {
      schema: {
        tags,
        summary: 'Accept or return (with a reason) a filing (office)',
        params: IdParams,
        body: ReviewBody,
        response: { 200: Detail },
      },
    },
    async (request) => subPlans.review(request.ctx, request.params.id, request.body),
  );
};
