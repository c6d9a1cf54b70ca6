import { type Static, Type } from 'typebox';
import { DateString, Nullable, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { ASSIGNMENT_STATES } from './domain/lifecycle.js';
import { LIGHT_CODES } from './domain/lights.js';

/** A union of string literals whose static type is the union of the values (a mapped array loses it). */
export const oneOf = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      options,
    ),
  );

/** Events the transition endpoint accepts; the others follow from reports (start, completion) or are internal. */
export const TRANSITION_EVENTS = ['sign', 'dispute', 'uphold', 'cancel', 'reopen', 'close'] as const;
export type TransitionEvent = (typeof TRANSITION_EVENTS)[number];

/** Sort keys of the assignment list; a leading `-` reverses the order. */
export const ASSIGNMENT_SORTS = ['due', 'measure', 'unit', 'progress', 'light'] as const;
const SORT_VALUES = ASSIGNMENT_SORTS.flatMap((s) => [s, `-${s}`]);

/** An assignment is addressed by its numeric id or its external id (QD2015-M08-PSB). */
export const AssignmentRefParams = Strict({
  id: Type.String({
    pattern: '^(?:[1-9][0-9]{0,9}|[A-Za-z][A-Za-z0-9-]{1,99})$',
    description: 'numeric id or external id, e.g. QD2015-M08-PSB',
  }),
});

export const AssignmentListQuery = Strict({
  planId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })),
  unitCode: Type.Optional(Text(40)),
  measureId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })),
  state: Type.Optional(oneOf(ASSIGNMENT_STATES)),
  light: Type.Optional(oneOf(LIGHT_CODES, { description: 'filtered after the lights are computed' })),
  q: Type.Optional(Text(100)),
  asOf: Type.Optional(DateString),
  sort: Type.Optional(
    oneOf(SORT_VALUES, { description: 'due | measure | unit | progress | light (worst first); "-" reverses' }),
  ),
  ...PageQuery,
});
export type AssignmentListQueryT = Static<typeof AssignmentListQuery>;

export const LightSchema = Type.Object({
  code: oneOf(LIGHT_CODES),
  colour: Type.String({ description: 'green | blue | yellow | red | grey' }),
  reasons: Type.Array(Type.String(), { description: 'CODE or CODE:detail, most severe first' }),
  expected: Type.Optional(Type.Number({ description: 'expected progress on asOf, where it applies' })),
});

export const LastReportSchema = Type.Object({
  id: Type.Integer(),
  period: Type.String(),
  status: Type.String(),
  submittedAt: Nullable(Type.String()),
});

const itemProperties = {
  id: Type.Integer(),
  externalId: Type.String(),
  planId: Type.Integer(),
  planCode: Type.String(),
  measureId: Type.Integer(),
  measureExternalId: Type.String(),
  measureNumber: Type.Integer(),
  measureTitle: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  role: Type.String({ description: 'lead | co | shared' }),
  kind: Type.String({ description: 'task | instruction | rectification' }),
  state: oneOf(ASSIGNMENT_STATES),
  progress: Type.Number({ description: 'last accepted progress, 0–100, 1 decimal' }),
  deadlineType: Type.String(),
  dueDate: Nullable(Type.String()),
  dispatchedOn: Type.String(),
  signedAt: Nullable(Type.String()),
  light: LightSchema,
  lastReport: Nullable(LastReportSchema),
  pendingReview: Type.Boolean({ description: 'a submitted report waits for review' }),
  version: Type.Integer(),
};

export const AssignmentItem = Type.Object(itemProperties);
export type AssignmentItemT = Static<typeof AssignmentItem>;

export const AssignmentPage = Type.Object({
  items: Type.Array(AssignmentItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  asOf: Type.String({ description: 'the day the lights are seen at' }),
});

export const PeriodStatusSchema = Type.Object({
  key: Type.String({ description: '2015-08, 2015-Q3 or an ad hoc day' }),
  opens: Type.String(),
  due: Type.String(),
  status: oneOf(['missing', 'draft', 'submitted', 'accepted', 'returned'] as const),
  late: Type.Boolean({ description: 'delivered after the due day, or still missing after it' }),
  reportId: Nullable(Type.Integer()),
});

export const ReportSummarySchema = Type.Object({
  id: Type.Integer(),
  period: Type.String(),
  status: Type.String(),
  progress: Type.Number(),
  late: Type.Boolean(),
  requestClose: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  supersedesId: Nullable(Type.Integer()),
  version: Type.Integer(),
  origin: Type.String({ description: 'unit, or import: a progress figure the office set by Excel import' }),
});

export const AssignmentDetail = Type.Object({
  ...itemProperties,
  stateReason: Nullable(Type.String({ description: 'reason of the last objection, cancellation or reopening' })),
  completedAt: Nullable(Type.String()),
  asOf: Type.String(),
  measure: Type.Object({
    externalId: Type.String(),
    number: Type.Integer(),
    title: Type.String(),
    actions: Type.Array(
      Type.Object({
        externalId: Type.String(),
        text: Type.String(),
        dueDate: Nullable(Type.String()),
        deadlineType: Type.String(),
      }),
    ),
  }),
  plan: Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String() }),
  periods: Type.Array(PeriodStatusSchema),
  allowedEvents: Type.Array(oneOf(TRANSITION_EVENTS), { description: 'transition events this caller may send now' }),
  canReport: Type.Boolean({ description: 'this caller may file a progress report now' }),
  reports: Type.Array(ReportSummarySchema, { description: 'newest first' }),
});
export type AssignmentDetailT = Static<typeof AssignmentDetail>;

export const AssignmentDetailQuery = Strict({ asOf: Type.Optional(DateString) });

export const TransitionBody = Strict({
  event: oneOf(TRANSITION_EVENTS, {
    description: 'sign, dispute (unit); uphold, cancel, reopen, close (quality office)',
  }),
  version: Type.Integer({ minimum: 1 }),
  reason: Type.Optional(Type.String({ maxLength: 1000, description: 'required for dispute, cancel and reopen' })),
});
export type TransitionBodyT = Static<typeof TransitionBody>;
