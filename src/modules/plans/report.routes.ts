import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../app.js';
import { AssignmentRefParams } from './assignment.schema.js';
import {
  CreateReportBody,
  EvidenceParams,
  ReportDetail,
  ReportIdParams,
  ReportListQuery,
  ReportPage,
  ReviewBody,
  UpdateReportBody,
  VersionBody,
} from './report.schema.js';

/**
 * A Content-Disposition value that keeps a Chinese file name (RFC 6266 / 5987) with an ASCII fallback;
 * PDFs and images open in the browser, anything else downloads.
 */
export function contentDisposition(name: string, mime: string): string {
  const inline = mime === 'application/pdf' || mime.startsWith('image/');
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Progress reports: filing, editing, submitting, the office's review queue and decisions, evidence downloads. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { reports } = services;
  const tags = ['reports'];

  app.post(
    '/api/assignments/:id/reports',
    {
      schema: {
        tags,
        summary: 'File a progress report on an assignment of the caller’s unit (draft, or submitted at once)',
        params: AssignmentRefParams,
        body: CreateReportBody,
        response: { 201: ReportDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reports.create(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Reports; status=submitted is the review queue, oldest submission first',
        querystring: ReportListQuery,
        response: { 200: ReportPage },
      },
    },
    async (request) => reports.list(request.ctx, request.query),
  );

  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: 'One report with its evidence',
        params: ReportIdParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => reports.get(request.ctx, request.params.id),
  );

  app.patch(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft or returned report (optionally submitting it)',
        params: ReportIdParams,
        body: UpdateReportBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) => reports.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/reports/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit a draft or returned report',
        params: ReportIdParams,
        body: VersionBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) => reports.submit(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/reports/:id/review',
    {
      schema: {
        tags,
        summary: 'Accept a submitted report, or return it with a reason (quality office)',
        params: ReportIdParams,
        body: ReviewBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) => reports.review(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/reports/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Download an evidence file (a link answers {url, name} as JSON)',
        params: EvidenceParams,
      },
    },
    async (request, reply) => {
      const item = await reports.evidence(request.ctx, request.params.id, request.params.evidenceId);
      if (item.kind === 'link') return { url: item.url, name: item.name };
      return reply
        .type(item.mime)
        .header('content-length', item.size)
        .header('content-disposition', contentDisposition(item.name, item.mime))
        .send(item.stream);
    },
  );
};
