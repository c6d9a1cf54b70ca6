import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { Nullable, Paged } from '../../core/http/schema-helpers.js';
import {
  InboxPage,
  InboxQuery,
  NoticeIdParams,
  NoticeItem,
  NoticeRegisterQuery,
  ReminderRunResult,
  RunRemindersBody,
} from './notice.schema.js';

const JobRun = Type.Object({
  id: Type.Integer(),
  job: Type.String(),
  runKey: Type.String({ description: 'the day run, YYYY-MM-DD' }),
  status: Type.String(),
  source: Type.String(),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  result: Type.Unknown(),
});

/** Inbox of reminders and escalations, the office's notice register, and the daily job's manual trigger. */
export const noticeRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { notices } = services;
  const tags = ['notices'];

  app.get(
    '/api/inbox',
    {
      schema: {
        tags,
        summary: 'Notices (提醒/催办/督办) addressed to the caller, newest first',
        querystring: InboxQuery,
        response: { 200: InboxPage },
      },
    },
    async (request) => notices.inbox(request.ctx, request.query),
  );
  app.post(
    '/api/inbox/read-all',
    {
      schema: {
        tags,
        summary: 'Mark every notice in the inbox read',
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (request) => notices.markAllRead(request.ctx),
  );
  app.post(
    '/api/inbox/:id/read',
    { schema: { tags, summary: 'Mark a notice read', params: NoticeIdParams, response: { 200: NoticeItem } } },
    async (request) => notices.mark(request.ctx, request.params.id, false),
  );
  app.post(
    '/api/inbox/:id/ack',
    {
      schema: { tags, summary: 'Acknowledge a notice (已知悉)', params: NoticeIdParams, response: { 200: NoticeItem } },
    },
    async (request) => notices.mark(request.ctx, request.params.id, true),
  );
  app.get(
    '/api/notices',
    {
      schema: {
        tags,
        summary: 'Every notice issued, with filters (office register)',
        querystring: NoticeRegisterQuery,
        response: { 200: Paged(NoticeItem) },
      },
    },
    async (request) => notices.register(request.ctx, request.query),
  );
  app.get(
    '/api/jobs/reminders/runs',
    { schema: { tags, summary: 'Recent runs of the daily reminder job', response: { 200: Type.Array(JobRun) } } },
    async (request) => notices.runs(request.ctx),
  );
  app.post(
    '/api/jobs/reminders/run',
    {
      schema: {
        tags,
        summary: 'Run the reminder job for today or a missed past day; a day already run sends nothing new',
        body: RunRemindersBody,
        response: { 200: ReminderRunResult },
      },
    },
    async (request) => notices.runReminders(request.ctx, request.body.day),
  );
};
