import { type Static, Type } from 'typebox';
import { DateString, Nullable, Paged, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { oneOf } from './assignment.schema.js';

export const NOTICE_LEVELS = ['reminder', 'E1', 'E2', 'sign_reminder', 'report_reminder'] as const;

export const NoticeItem = Type.Object({
  id: Type.Integer(),
  no: Type.String({ description: '督办〔2015〕7号; each level series restarts yearly' }),
  level: oneOf(NOTICE_LEVELS, { description: '提醒 | 催办单 (E1) | 督办单 (E2) | 签收提醒 | 报送提醒' }),
  title: Type.String({ description: '提醒, 催办单, 督办单, …' }),
  reason: Type.String({ description: 'CODE or CODE:detail, e.g. OVERDUE:7, REPORT_MISSING:2015-09' }),
  recipients: Type.Array(Type.String(), { description: 'handler | unit_head | leader' }),
  runDay: Type.String({ description: 'the day the notice was issued for' }),
  dueDate: Nullable(Type.String()),
  sentAt: Type.String(),
  planId: Type.Integer(),
  assignmentId: Type.Integer(),
  assignmentExternalId: Type.String(),
  measureNumber: Type.Integer(),
  measureTitle: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  readAt: Nullable(Type.String({ description: 'when the caller read it' })),
  ackAt: Nullable(Type.String({ description: 'when the caller acknowledged it (已知悉)' })),
});
export type NoticeItemT = Static<typeof NoticeItem>;

export const InboxQuery = Strict({
  status: Type.Optional(oneOf(['unread', 'unacknowledged', 'all'] as const)),
  level: Type.Optional(oneOf(NOTICE_LEVELS)),
  ...PageQuery,
});
export type InboxQueryT = Static<typeof InboxQuery>;

export const InboxPage = Type.Object({
  ...Paged(NoticeItem).properties,
  unread: Type.Integer({ description: 'unread notices addressed to the caller, all levels' }),
});
export type InboxPageT = Static<typeof InboxPage>;

export const NoticeRegisterQuery = Strict({
  planId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })),
  unitCode: Type.Optional(Text(40)),
  level: Type.Optional(oneOf(NOTICE_LEVELS)),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  q: Type.Optional(Text(100)),
  ...PageQuery,
});
export type NoticeRegisterQueryT = Static<typeof NoticeRegisterQuery>;

export const NoticeIdParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });

export const RunRemindersBody = Strict({
  day: Type.Optional(DateString),
});

export const ReminderRunResult = Type.Object({
  day: Type.String(),
  ran: Type.Boolean({ description: 'false when the day had already run: nothing new was sent' }),
  plans: Type.Integer(),
  created: Type.Integer(),
  byLevel: Type.Record(Type.String(), Type.Integer()),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  source: Type.String(),
});
export type ReminderRunResultT = Static<typeof ReminderRunResult>;
