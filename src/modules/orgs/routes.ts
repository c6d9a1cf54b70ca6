import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import {
  AliasBody,
  AliasParams,
  CodeParams,
  ContactBody,
  CreateOrgBody,
  KindCount,
  OrgGroup,
  OrgList,
  OrgListQuery,
  OrgUnit,
  RenameOrgBody,
  ResolveQuery,
  ResolveResult,
  RetireOrgBody,
  UpdateOrgBody,
} from './schema.js';

/** The org registry: units, aliases, renames, retirements, groups and name resolution. */
export const orgRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { orgs } = services;
  const tags = ['orgs'];

  app.get(
    '/api/orgs',
    { schema: { tags, summary: 'Search and list units', querystring: OrgListQuery, response: { 200: OrgList } } },
    async (request) => orgs.list(request.ctx, request.query),
  );

  app.get(
    '/api/orgs/kinds',
    { schema: { tags, summary: 'Unit counts per kind', response: { 200: Type.Array(KindCount) } } },
    async (request) => orgs.kinds(request.ctx),
  );

  app.get(
    '/api/orgs/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a unit name as written in a document, on a date',
        querystring: ResolveQuery,
        response: { 200: ResolveResult },
      },
    },
    async (request) => {
      const r = await orgs.resolve(request.ctx, request.query.name, request.query.date);
      return { ...r, warnings: 'warnings' in r ? [...r.warnings] : [] };
    },
  );

  app.get(
    '/api/org-groups',
    { schema: { tags, summary: 'Collective groups and their members', response: { 200: Type.Array(OrgGroup) } } },
    async (request) => orgs.groups(request.ctx),
  );

  app.get(
    '/api/orgs/:code',
    { schema: { tags, summary: 'One unit', params: CodeParams, response: { 200: OrgUnit } } },
    async (request) => orgs.get(request.ctx, request.params.code),
  );

  app.post(
    '/api/orgs',
    { schema: { tags, summary: 'Add a unit (admin)', body: CreateOrgBody, response: { 201: OrgUnit } } },
    async (request, reply) => reply.status(201).send(await orgs.create(request.ctx, request.body)),
  );

  app.patch(
    '/api/orgs/:code',
    {
      schema: {
        tags,
        summary: 'Edit a unit (admin)',
        params: CodeParams,
        body: UpdateOrgBody,
        response: { 200: OrgUnit },
      },
    },
    async (request) => orgs.update(request.ctx, request.params.code, request.body),
  );

  app.post(
    '/api/orgs/:code/rename',
    {
      schema: {
        tags,
        summary: 'Rename a unit; the old name stays as an alias (admin)',
        params: CodeParams,
        body: RenameOrgBody,
        response: { 200: OrgUnit },
      },
    },
    async (request) => orgs.rename(request.ctx, request.params.code, request.body),
  );

  app.post(
    '/api/orgs/:code/retire',
    {
      schema: {
        tags,
        summary: 'Retire a unit (admin)',
        params: CodeParams,
        body: RetireOrgBody,
        response: { 200: OrgUnit },
      },
    },
    async (request) => orgs.retire(request.ctx, request.params.code, request.body),
  );

  app.post(
    '/api/orgs/:code/aliases',
    {
      schema: {
        tags,
        summary: 'Add an alias (admin)',
        params: CodeParams,
        body: AliasBody,
        response: { 200: OrgUnit },
      },
    },
    async (request) => orgs.addAlias(request.ctx, request.params.code, request.body.alias),
  );

  app.delete(
    '/api/orgs/:code/aliases/:id',
    { schema: { tags, summary: 'Remove an alias (admin)', params: AliasParams, response: { 200: OrgUnit } } },
    async (request) => orgs.removeAlias(request.ctx, request.params.code, request.params.id),
  );

  app.patch(
    '/api/orgs/:code/contact',
    {
      schema: {
        tags,
        summary: 'Edit the unit contact (admin or the unit itself)',
        params: CodeParams,
        body: ContactBody,
        response: { 200: OrgUnit },
      },
    },
    async (request) => orgs.updateContact(request.ctx, request.params.code, request.body),
  );
};
