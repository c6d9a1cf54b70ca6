import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Services } from '../../app.js';
import {
  BulletinDetail,
  BulletinIdParams,
  BulletinList,
  BulletinTransitionBody,
  BulletinVersionBody,
  CreateBulletinBody,
  UpdateBulletinBody,
} from './bulletin.schema.js';
import { attachmentHeader, type ExportFile } from './dashboard.service.js';
import { DOCX_TYPE } from './official-docx.js';
import { PlanIdParams } from './plan.schema.js';

function sendDocx(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-type', DOCX_TYPE)
    .header('content-disposition', attachmentHeader(file.fileName, file.asciiName))
    .header('cache-control', 'no-store')
    .send(file.bytes);
}

/** Monthly bulletins 质量工作督查情况通报 (R-S14) and the plan's 任务分解表, both also as DOCX. */
export const bulletinRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { bulletins } = services;
  const tags = ['bulletins'];

  app.get(
    '/api/plans/:id/bulletins',
    {
      schema: {
        tags,
        summary: 'A plan’s bulletins, newest month first (units and assessors: issued ones only)',
        params: PlanIdParams,
        response: { 200: BulletinList },
      },
    },
    async (request) => bulletins.list(request.ctx, request.params.id),
  );

  app.post(
    '/api/plans/:id/bulletins',
    {
      schema: {
        tags,
        summary: 'Draft the bulletin for a month from the month-end snapshot, numbered YYYY年第N期',
        params: PlanIdParams,
        body: CreateBulletinBody,
        response: { 201: BulletinDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await bulletins.create(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/plans/:id/task-table.docx',
    {
      schema: {
        tags,
        summary: '任务分解表: measures, actions, lead and co units, deadlines (DOCX)',
        params: PlanIdParams,
        produces: [DOCX_TYPE],
      },
    },
    async (request, reply) => sendDocx(reply, await bulletins.taskTable(request.ctx, request.params.id)),
  );

  app.get(
    '/api/bulletins/:id',
    {
      schema: {
        tags,
        summary: 'One bulletin: content, the document model the print page draws, allowed actions',
        params: BulletinIdParams,
        response: { 200: BulletinDetail },
      },
    },
    async (request) => bulletins.get(request.ctx, request.params.id),
  );

  app.patch(
    '/api/bulletins/:id',
    {
      schema: {
        tags,
        summary: 'Edit 下步工作 of a draft',
        params: BulletinIdParams,
        body: UpdateBulletinBody,
        response: { 200: BulletinDetail },
      },
    },
    async (request) => bulletins.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/bulletins/:id/refresh',
    {
      schema: {
        tags,
        summary: 'Recompute a draft’s sections 1–5 at its snapshot day',
        params: BulletinIdParams,
        body: BulletinVersionBody,
        response: { 200: BulletinDetail },
      },
    },
    async (request) => bulletins.refresh(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/bulletins/:id/transition',
    {
      schema: {
        tags,
        summary: 'approve (审定), revoke (退回修改) or issue (印发); an issued bulletin never changes',
        params: BulletinIdParams,
        body: BulletinTransitionBody,
        response: { 200: BulletinDetail },
      },
    },
    async (request) => bulletins.transition(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/bulletins/:id/docx',
    {
      schema: {
        tags,
        summary: 'The bulletin as DOCX (the same content as the printable page)',
        params: BulletinIdParams,
        produces: [DOCX_TYPE],
      },
    },
    async (request, reply) => sendDocx(reply, await bulletins.docx(request.ctx, request.params.id)),
  );
};
