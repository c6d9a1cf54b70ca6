import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { attachmentHeader, exportDrawXlsx, XLSX_TYPE } from './draws.export.js';
import {
  AddConflictBody,
  ConflictParams,
  CreateDrawBody,
  CreateInspectorBody,
  DrawDto,
  DrawList,
  DrawListQuery,
  DrawMembers,
  DrawMembersQuery,
  IdParams,
  InspectorDetailDto,
  InspectorDto,
  RerunDto,
  UpdateInspectorBody,
} from './draws.schema.js';

/** 双随机 draws and the inspector pool (office, permission credit.draws). Draws have no update or delete. */
export const drawRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { draws, inspectors } = services;
  const tags = ['credit draws'];

  app.get(
    '/api/credit/draws',
    { schema: { tags, summary: 'Saved draws, newest first', querystring: DrawListQuery, response: { 200: DrawList } } },
    async (request) => draws.list(request.ctx, request.query),
  );
  app.post(
    '/api/credit/draws',
    {
      schema: {
        tags,
        summary: 'Draw enterprises × inspectors and save the draw (immutable)',
        body: CreateDrawBody,
        response: { 201: DrawDto },
      },
    },
    async (request, reply) => reply.code(201).send(await draws.create(request.ctx, request.body)),
  );
  app.get(
    '/api/credit/draws/:id',
    { schema: { tags, summary: 'One draw', params: IdParams, response: { 200: DrawDto } } },
    async (request) => draws.get(request.ctx, request.params.id),
  );
  app.get(
    '/api/credit/draws/:id/members',
    {
      schema: {
        tags,
        summary: 'The selection in draw order with inspectors',
        params: IdParams,
        querystring: DrawMembersQuery,
        response: { 200: DrawMembers },
      },
    },
    async (request) => draws.members(request.ctx, request.params.id, request.query),
  );
  app.post(
    '/api/credit/draws/:id/rerun',
    {
      schema: {
        tags,
        summary: 'Recompute from the stored seed, filter and rule version; says whether it reproduces (no write)',
        params: IdParams,
        response: { 200: RerunDto },
      },
    },
    async (request) => draws.rerun(request.ctx, request.params.id),
  );
  app.get(
    '/api/credit/draws/:id/export.xlsx',
    { schema: { tags, summary: 'The results as an Excel workbook', params: IdParams, produces: [XLSX_TYPE] } },
    async (request, reply) => {
      const file = await exportDrawXlsx(draws, request.ctx, request.params.id);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentHeader(file.fileName, file.asciiName))
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );

  app.get(
    '/api/credit/inspectors',
    { schema: { tags, summary: 'The inspector pool', response: { 200: Type.Array(InspectorDto) } } },
    async (request) => inspectors.list(request.ctx),
  );
  app.post(
    '/api/credit/inspectors',
    { schema: { tags, summary: 'Add an inspector', body: CreateInspectorBody, response: { 201: InspectorDetailDto } } },
    async (request, reply) => reply.code(201).send(await inspectors.create(request.ctx, request.body)),
  );
  app.get(
    '/api/credit/inspectors/:id',
    {
      schema: {
        tags,
        summary: 'One inspector with conflicts',
        params: IdParams,
        response: { 200: InspectorDetailDto },
      },
    },
    async (request) => inspectors.get(request.ctx, request.params.id),
  );
  app.patch(
    '/api/credit/inspectors/:id',
    {
      schema: {
        tags,
        summary: 'Rename, move or (de)activate an inspector (the code never changes)',
        params: IdParams,
        body: UpdateInspectorBody,
        response: { 200: InspectorDetailDto },
      },
    },
    async (request) => inspectors.update(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/credit/inspectors/:id/conflicts',
    {
      schema: {
        tags,
        summary: 'Declare a conflict (回避) with an enterprise',
        params: IdParams,
        body: AddConflictBody,
        response: { 200: InspectorDetailDto },
      },
    },
    async (request) => inspectors.addConflict(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/credit/inspectors/:id/conflicts/:enterpriseId',
    {
      schema: {
        tags,
        summary: 'Remove a declared conflict',
        params: ConflictParams,
        response: { 200: InspectorDetailDto },
      },
    },
    async (request) => inspectors.removeConflict(request.ctx, request.params.id, request.params.enterpriseId),
  );
};
