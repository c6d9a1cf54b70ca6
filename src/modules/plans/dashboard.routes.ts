import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../app.js';
import { CompareQuery, Comparison, Dashboard, DashboardQuery } from './dashboard.schema.js';
import { attachmentHeader, XLSX_TYPE } from './dashboard.service.js';
import { PlanIdParams } from './plan.schema.js';

/** Plan dashboards (R-S11), "what changed since" (R-S12) and the Excel export of the dashboard. */
export const dashboardRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { dashboards } = services;
  const tags = ['plans'];

  app.get(
    '/api/plans/:id/dashboard',
    {
      schema: {
        tags,
        summary: 'Dashboard as of a day: plan, measures, units, heatmap, overdue list, trend',
        params: PlanIdParams,
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    async (request) => dashboards.dashboard(request.ctx, request.params.id, request.query.asOf),
  );

  app.get(
    '/api/plans/:id/compare',
    {
      schema: {
        tags,
        summary: 'Baseline comparison of every assignment between two days, progress and light included',
        params: PlanIdParams,
        querystring: CompareQuery,
        response: { 200: Comparison },
      },
    },
    async (request) => dashboards.compare(request.ctx, request.params.id, request.query),
  );

  app.get(
    '/api/plans/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The dashboard as an Excel workbook (措施进展, 单位情况, 逾期清单)',
        params: PlanIdParams,
        querystring: DashboardQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (request, reply) => {
      const file = await dashboards.exportXlsx(request.ctx, request.params.id, request.query.asOf);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentHeader(file.fileName, file.asciiName))
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );
};
