import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app.js';
import { DateString, Strict } from '../../core/http/schema-helpers.js';
import { RECORD_TYPES } from './domain/record-types.js';
import { EntryPage, EntryQuery, ListEntry, ProposeBody, TransitionBody } from './lists.schema.js';
import { DecideObjectionBody, FileObjectionBody, Objection, ObjectionQuery } from './objections.service.js';
import {
  CreditRecord,
  EnterRecordBody,
  IdParams,
  RecordPage,
  RecordQuery,
  RecordTypeItem,
  RecordWriteResult,
  RevokeRecordBody,
} from './records.schema.js';
import { Eligibility, RepairApplication, RepairBody, RepairDecideBody, RepairQuery } from './repairs.service.js';

const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/** Credit records, lists, objections, repair and the daily expiry job (government and enterprise users). */
export const creditWorkRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { creditRecords, creditLists, creditObjections, creditRepairs, creditExpiry } = services;
  const tags = ['credit'];

  app.get(
    '/api/credit/record-types',
    { schema: { tags, summary: 'Record types (reference data)', response: { 200: Type.Array(RecordTypeItem) } } },
    async () =>
      RECORD_TYPES.map((t) => ({
        code: t.code,
        zh: t.zh,
        en: t.en,
        polarity: t.polarity,
        visibility: t.visibility,
        severities: [...(t.severities ?? [])],
      })),
  );
  app.get(
    '/api/credit/records',
    {
      schema: {
        tags,
        summary: 'Credit records visible to the caller',
        querystring: RecordQuery,
        response: { 200: RecordPage },
      },
    },
    async (r) => creditRecords.list(r.ctx, r.query),
  );
  app.get(
    '/api/credit/records/:id',
    {
      schema: {
        tags,
        summary: 'One credit record (government users; the enterprise its own)',
        params: IdParams,
        response: { 200: CreditRecord },
      },
    },
    async (r) => creditRecords.get(r.ctx, r.params.id),
  );
  app.post(
    '/api/credit/records',
    {
      schema: {
        tags,
        summary: 'Manual entry with evidence (own unit)',
        body: EnterRecordBody,
        response: { 200: RecordWriteResult },
      },
    },
    async (r) => creditRecords.enter(r.ctx, r.body),
  );
  app.post(
    '/api/credit/records/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a record (the decision behind it was revoked or changed); reason required',
        params: IdParams,
        body: RevokeRecordBody,
        response: { 200: RecordWriteResult },
      },
    },
    async (r) => creditRecords.revoke(r.ctx, r.params.id, r.body.reason),
  );

  app.get(
    '/api/credit/list-entries',
    {
      schema: {
        tags,
        summary: 'List entries by list and state, paginated',
        querystring: EntryQuery,
        response: { 200: EntryPage },
      },
    },
    async (r) => creditLists.list(r.ctx, r.query),
  );
  app.get(
    '/api/credit/list-entries/:id',
    {
      schema: {
        tags,
        summary: 'One list entry with its history and the steps allowed next',
        params: IdParams,
        response: { 200: ListEntry },
      },
    },
    async (r) => creditLists.get(r.ctx, r.params.id),
  );
  app.post(
    '/api/credit/list-entries',
    { schema: { tags, summary: 'Propose a listing', body: ProposeBody, response: { 200: ListEntry } } },
    async (r) => creditLists.propose(r.ctx, r.body),
  );
  app.post(
    '/api/credit/list-entries/:id/transition',
    {
      schema: {
        tags,
        summary: 'One lifecycle step',
        params: IdParams,
        body: TransitionBody,
        response: { 200: ListEntry },
      },
    },
    async (r) => creditLists.transition(r.ctx, r.params.id, r.body),
  );

  app.get(
    '/api/credit/objections',
    {
      schema: {
        tags,
        summary: 'Objections (异议): the deciding unit’s queue, or the enterprise’s own',
        querystring: ObjectionQuery,
        response: { 200: Paged(Objection) },
      },
    },
    async (r) => creditObjections.list(r.ctx, r.query),
  );
  app.post(
    '/api/credit/objections',
    {
      schema: {
        tags,
        summary: 'File an objection (enterprise, own records)',
        body: FileObjectionBody,
        response: { 200: Objection },
      },
    },
    async (r) => creditObjections.file(r.ctx, r.body),
  );
  app.post(
    '/api/credit/objections/:id/decide',
    {
      schema: {
        tags,
        summary: 'Send for external verification, uphold or reject an objection',
        params: IdParams,
        body: DecideObjectionBody,
        response: { 200: Objection },
      },
    },
    async (r) => creditObjections.decide(r.ctx, r.params.id, r.body),
  );

  app.get(
    '/api/credit/repairs',
    {
      schema: {
        tags,
        summary: 'Credit repair applications: the deciding unit’s queue, or the enterprise’s own',
        querystring: RepairQuery,
        response: { 200: Paged(RepairApplication) },
      },
    },
    async (r) => creditRepairs.list(r.ctx, r.query),
  );
  app.post(
    '/api/credit/repairs/eligibility',
    {
      schema: {
        tags,
        summary: 'Eligibility with reasons (no write)',
        body: RepairBody,
        response: { 200: Eligibility },
      },
    },
    async (r) => creditRepairs.eligibility(r.ctx, r.body),
  );
  app.post(
    '/api/credit/repairs',
    { schema: { tags, summary: 'Apply for credit repair', body: RepairBody, response: { 200: RepairApplication } } },
    async (r) => creditRepairs.apply(r.ctx, r.body),
  );
  app.post(
    '/api/credit/repairs/:id/decide',
    {
      schema: {
        tags,
        summary: 'Accept, approve, refuse or de-publish a repair application',
        params: IdParams,
        body: RepairDecideBody,
        response: { 200: RepairApplication },
      },
    },
    async (r) => creditRepairs.decide(r.ctx, r.params.id, r.body),
  );

  app.post(
    '/api/jobs/credit-expiry/run',
    {
      schema: {
        tags,
        summary: 'Run the daily credit expiry job for a day',
        body: Strict({ day: Type.Optional(DateString) }),
      },
    },
    async (r) => creditExpiry.run(r.ctx, r.body.day),
  );
};
