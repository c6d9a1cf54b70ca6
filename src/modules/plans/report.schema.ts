import { type Static, Type } from 'typebox';
import { Nullable, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { oneOf } from './assignment.schema.js';

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 });

export const ReportIdParams = Strict({ id: Id });
export const EvidenceParams = Strict({ id: Id, evidenceId: Id });

/** Multi-line free text (narratives); the input guard already refuses NUL and invalid Unicode. */
const LongText = (maxLength: number) => Type.String({ maxLength });

const FileEvidence = Strict({
  fileId: Type.Integer({ minimum: 1, description: 'id from POST /api/files' }),
  name: Text(200),
});
const LinkEvidence = Strict({
  url: Type.String({ maxLength: 2000, pattern: '^https?://[^\\s]+$', description: 'http(s) link' }),
  name: Text(200),
});
export const EvidenceInput = Type.Union([FileEvidence, LinkEvidence]);
export type EvidenceInputT = Static<typeof EvidenceInput>;

export const KeyResult = Strict({
  name: Text(100),
  target: Type.String({ maxLength: 100 }),
  actual: Type.String({ maxLength: 100 }),
});

const contentFields = {
  progress: Type.Number({ minimum: 0, maximum: 100, description: 'percent complete, 0–100' }),
  narrative: LongText(10_000),
  issues: Type.Optional(Nullable(LongText(5000))),
  nextSteps: Type.Optional(Nullable(LongText(5000))),
  keyResults: Type.Optional(Type.Array(KeyResult, { maxItems: 50 })),
  requestClose: Type.Optional(Type.Boolean({ description: 'apply for completion (办结申请)' })),
  regressReason: Type.Optional(Nullable(LongText(2000))),
  evidence: Type.Optional(Type.Array(EvidenceInput, { maxItems: 50 })),
  submit: Type.Optional(Type.Boolean({ description: 'submit at once instead of saving a draft' })),
};

const PeriodKey = Type.String({
  pattern: '^\\d{4}-(?:\\d{2}|Q[1-4]|\\d{2}-\\d{2})$',
  description: '2015-08 (monthly), 2015-Q3 (quarterly) or 2015-08-14 (ad hoc)',
});

export const CreateReportBody = Strict({ period: PeriodKey, ...contentFields });
export type CreateReportBodyT = Static<typeof CreateReportBody>;

export const UpdateReportBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  period: Type.Optional(PeriodKey),
  progress: Type.Optional(contentFields.progress),
  narrative: Type.Optional(contentFields.narrative),
  issues: contentFields.issues,
  nextSteps: contentFields.nextSteps,
  keyResults: contentFields.keyResults,
  requestClose: contentFields.requestClose,
  regressReason: contentFields.regressReason,
  evidence: Type.Optional(Type.Array(EvidenceInput, { maxItems: 50, description: 'the full new list' })),
  submit: contentFields.submit,
});
export type UpdateReportBodyT = Static<typeof UpdateReportBody>;

export const VersionBody = Strict({ version: Type.Integer({ minimum: 1 }) });

export const ReviewBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  decision: Type.Union([Type.Literal('accept'), Type.Literal('return')]),
  reason: Type.Optional(Type.String({ maxLength: 2000, description: 'required to return a report' })),
  exemplary: Type.Optional(
    Type.Boolean({ description: 'accept only: flag as typical experience (典型经验) for the monthly bulletin' }),
  ),
});
export type ReviewBodyT = Static<typeof ReviewBody>;

export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;

export const ReportListQuery = Strict({
  status: Type.Optional(oneOf(REPORT_STATUSES)),
  planId: Type.Optional(Id),
  unitCode: Type.Optional(Text(40)),
  assignmentId: Type.Optional(Id),
  ...PageQuery,
});
export type ReportListQueryT = Static<typeof ReportListQuery>;

export const EvidenceSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('file'), Type.Literal('link')]),
  name: Type.String(),
  fileId: Nullable(Type.Integer()),
  url: Nullable(Type.String()),
  mime: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  createdAt: Type.String(),
});

const listProperties = {
  id: Type.Integer(),
  assignmentId: Type.Integer(),
  assignmentExternalId: Type.String(),
  planId: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  measureNumber: Type.Integer(),
  measureTitle: Type.String(),
  period: Type.String(),
  status: Type.String({ description: 'draft | submitted | accepted | returned' }),
  progress: Type.Number(),
  late: Type.Boolean(),
  requestClose: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
};

export const ReportListItem = Type.Object(listProperties);

export const ReportPage = Type.Object({
  items: Type.Array(ReportListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const REPORT_ACTIONS = ['edit', 'submit', 'accept', 'return'] as const;

export const ReportDetail = Type.Object({
  ...listProperties,
  narrative: Type.String(),
  issues: Nullable(Type.String()),
  nextSteps: Nullable(Type.String()),
  keyResults: Type.Array(Type.Object({ name: Type.String(), target: Type.String(), actual: Type.String() })),
  regressReason: Nullable(Type.String()),
  supersedesId: Nullable(Type.Integer()),
  reviewedBy: Nullable(Type.Integer()),
  createdAt: Type.String(),
  evidence: Type.Array(EvidenceSchema),
  allowedActions: Type.Array(oneOf(REPORT_ACTIONS), {
    description: 'what this caller may do with the report now',
  }),
});
export type ReportDetailT = Static<typeof ReportDetail>;

export const EvidenceLink = Type.Object({ url: Type.String(), name: Type.String() });
