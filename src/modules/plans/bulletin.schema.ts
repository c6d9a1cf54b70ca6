import { type Static, Type } from 'typebox';
import { Nullable, Strict } from '../../core/http/schema-helpers.js';
import { oneOf } from './assignment.schema.js';
import { BULLETIN_EVENTS, BULLETIN_STATUSES } from './domain/bulletin.js';

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 });
const Version = Type.Integer({ minimum: 1 });

export const BulletinIdParams = Strict({ id: Id });

export const CreateBulletinBody = Strict({
  period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'the month reported on, YYYY-MM' }),
  asOf: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description:
        'YYYY-MM-DD snapshot day; only for plans whose settings.bulletinSnapshot is asOf (default: month end)',
    }),
  ),
});
export type CreateBulletinBodyT = Static<typeof CreateBulletinBody>;

export const UpdateBulletinBody = Strict({
  version: Version,
  nextSteps: Type.String({ maxLength: 10_000, description: 'section 6 下步工作, one paragraph per line' }),
});
export type UpdateBulletinBodyT = Static<typeof UpdateBulletinBody>;

export const BulletinVersionBody = Strict({ version: Version });

export const BulletinTransitionBody = Strict({
  event: oneOf(BULLETIN_EVENTS),
  version: Version,
});
export type BulletinTransitionBodyT = Static<typeof BulletinTransitionBody>;

export const BULLETIN_ACTIONS = ['edit', 'refresh', 'approve', 'revoke', 'issue'] as const;

const summaryProperties = {
  id: Type.Integer(),
  planId: Type.Integer(),
  year: Type.Integer(),
  seq: Type.Integer(),
  no: Type.String({ description: '2015年第1期' }),
  period: Type.String({ description: 'YYYY-MM' }),
  asOf: Type.String({ description: 'the snapshot day the content is computed at' }),
  status: oneOf(BULLETIN_STATUSES),
  approvedAt: Nullable(Type.String()),
  issuedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
};

export const BulletinSummary = Type.Object(summaryProperties);
export type BulletinSummaryT = Static<typeof BulletinSummary>;

export const BulletinList = Type.Object({
  items: Type.Array(BulletinSummary),
  /** The snapshot day a new bulletin for a month would use, so the UI can offer the right months. */
  today: Type.String({ description: 'the business day: months ending after it cannot have a bulletin yet' }),
  canManage: Type.Boolean(),
});

export const BulletinDetail = Type.Object({
  ...summaryProperties,
  planCode: Type.String(),
  planTitle: Type.String(),
  nextSteps: Type.String(),
  allowedActions: Type.Array(oneOf(BULLETIN_ACTIONS), { description: 'what this caller may do now' }),
  content: Type.Unknown({ description: 'sections 1–5 as computed at asOf (domain/bulletin.ts BulletinContent)' }),
  document: Type.Unknown({
    description: 'the rendered document model (domain/official-document.ts) both the DOCX and the print page draw',
  }),
});
export type BulletinDetailT = Static<typeof BulletinDetail>;
