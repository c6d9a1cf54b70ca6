import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { DateString, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { IdParams } from './records.schema.js';

const AsOf = Strict({ asOf: Type.Optional(DateString) });

/** Public credit disclosure (no login): enterprise page, list pages, printable report and its verification. */
export const publicCreditRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const pub = services.creditPublic;
  const tags = ['credit-public'];
  const config = { public: true };

  app.get(
    '/api/public/credit/enterprises/:id',
    {
      config,
      schema: {
        tags,
        summary: 'An enterprise’s public credit page: registry basics, grade, lists, records in their term',
        params: IdParams,
        querystring: AsOf,
      },
    },
    async (r) => pub.enterprise(r.ctx, r.params.id, r.query.asOf),
  );
  app.get(
    '/api/public/credit/lists/:code',
    {
      config,
      schema: {
        tags,
        summary: 'A public list (serious illegal and dishonest, abnormal operations, …), paginated',
        params: Strict({ code: Text(40) }),
        querystring: Strict({
          district: Type.Optional(Text(12)),
          q: Type.Optional(Text(100)),
          asOf: Type.Optional(DateString),
          ...PageQuery,
        }),
      },
    },
    async (r) => pub.list(r.ctx, r.params.code, r.query),
  );
  app.get(
    '/api/public/credit/enterprises/:id/report',
    {
      config,
      schema: {
        tags,
        summary: 'A printable credit report (HTML) with its id and SHA-256 in the x-report-* headers',
        params: IdParams,
        querystring: AsOf,
      },
    },
    async (r, reply) => {
      const rep = await pub.report(r.ctx, r.params.id, r.query.asOf);
      return reply
        .header('x-report-id', rep.reportId)
        .header('x-report-sha256', rep.sha256)
        .type('text/html; charset=utf-8')
        .send(rep.html);
    },
  );
  app.get(
    '/api/public/credit/reports/:reportId',
    {
      config,
      schema: {
        tags,
        summary: 'Verify an issued credit report: enterprise, date and SHA-256',
        params: Strict({ reportId: Text(64) }),
      },
    },
    async (r) => pub.verify(r.params.reportId),
  );
  // /verify/:reportId is the web app's page (web/src/pages/credit-public), reading the JSON above.
};
