import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { HolidayYearDto, HolidayYearSummary, PutHolidayYearBody, YearParams } from './rulesets.schema.js';

/** The holiday calendar behind working-day deadlines (office, permission credit.rules). */
export const holidayRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { holidays } = services;
  const tags = ['credit rules'];

  app.get(
    '/api/credit/holidays',
    { schema: { tags, summary: 'Years with calendar data', response: { 200: Type.Array(HolidayYearSummary) } } },
    async (request) => holidays.years(request.ctx),
  );
  app.get(
    '/api/credit/holidays/:year',
    {
      schema: {
        tags,
        summary: 'Holidays and make-up working days of a year',
        params: YearParams,
        response: { 200: HolidayYearDto },
      },
    },
    async (request) => holidays.year(request.ctx, request.params.year),
  );
  app.put(
    '/api/credit/holidays/:year',
    {
      schema: {
        tags,
        summary: 'Replace a year of the calendar',
        params: YearParams,
        body: PutHolidayYearBody,
        response: { 200: HolidayYearDto },
      },
    },
    async (request) => holidays.putYear(request.ctx, request.params.year, request.body),
  );
};
