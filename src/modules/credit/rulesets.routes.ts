import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import {
  CreateRuleSetBody,
  IdParams,
  RuleSetDto,
  RuleSetListQuery,
  UpdateRuleSetBody,
  VersionBody,
} from './rulesets.schema.js';

/** Versioned credit rule sets (office, permission credit.rules). */
export const ruleSetRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { ruleSets } = services;
  const tags = ['credit rules'];

  app.get(
    '/api/credit/rule-sets',
    {
      schema: {
        tags,
        summary: 'Rule set versions',
        querystring: RuleSetListQuery,
        response: { 200: Type.Array(RuleSetDto) },
      },
    },
    async (request) => ruleSets.list(request.ctx, request.query.code),
  );
  app.get(
    '/api/credit/rule-sets/:id',
    { schema: { tags, summary: 'One rule set version', params: IdParams, response: { 200: RuleSetDto } } },
    async (request) => ruleSets.get(request.ctx, request.params.id),
  );
  app.post(
    '/api/credit/rule-sets',
    { schema: { tags, summary: 'New version as a draft', body: CreateRuleSetBody, response: { 201: RuleSetDto } } },
    async (request, reply) => reply.code(201).send(await ruleSets.create(request.ctx, request.body)),
  );
  app.patch(
    '/api/credit/rule-sets/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft',
        params: IdParams,
        body: UpdateRuleSetBody,
        response: { 200: RuleSetDto },
      },
    },
    async (request) => ruleSets.update(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/credit/rule-sets/:id/activate',
    {
      schema: {
        tags,
        summary: 'Activate a complete draft',
        params: IdParams,
        body: VersionBody,
        response: { 200: RuleSetDto },
      },
    },
    async (request) => ruleSets.activate(request.ctx, request.params.id, request.body.versionNo),
  );
  app.post(
    '/api/credit/rule-sets/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire an active version',
        params: IdParams,
        body: VersionBody,
        response: { 200: RuleSetDto },
      },
    },
    async (request) => ruleSets.retire(request.ctx, request.params.id, request.body.versionNo),
  );
};
