import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../app.js';
import {
  AssignmentDetail,
  AssignmentDetailQuery,
  AssignmentItem,
  AssignmentListQuery,
  AssignmentPage,
  AssignmentRefParams,
  TransitionBody,
} from './assignment.schema.js';

/** Assignments (督查督办): lists with traffic lights, detail with report periods, sign-off and office decisions. */
export const assignmentRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { assignments } = services;
  const tags = ['assignments'];

  app.get(
    '/api/assignments',
    {
      schema: {
        tags,
        summary: 'Assignments with their lights at asOf (units see their own)',
        querystring: AssignmentListQuery,
        response: { 200: AssignmentPage },
      },
    },
    async (request) => assignments.list(request.ctx, request.query),
  );

  app.get(
    '/api/assignments/:id',
    {
      schema: {
        tags,
        summary: 'One assignment with its measure, report periods, reports and the events this caller may send',
        params: AssignmentRefParams,
        querystring: AssignmentDetailQuery,
        response: { 200: AssignmentDetail },
      },
    },
    async (request) => assignments.get(request.ctx, request.params.id, request.query.asOf),
  );

  app.post(
    '/api/assignments/:id/transition',
    {
      schema: {
        tags,
        summary: 'Sign, dispute (unit); uphold, cancel, reopen, close (quality office)',
        params: AssignmentRefParams,
        body: TransitionBody,
        response: { 200: AssignmentItem },
      },
    },
    async (request) => assignments.transition(request.ctx, request.params.id, request.body),
  );
};
