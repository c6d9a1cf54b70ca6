import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../core/http/schema-helpers.js';

export const PlanSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  year: Type.Integer(),
  docNumber: Nullable(Type.String()),
  issuerCode: Nullable(Type.String()),
  writtenOn: Nullable(Type.String()),
  status: Type.String({ description: 'draft | published | closed | archived' }),
  districtCode: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
});

export const PlanIdParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });

export const PlanListQuery = Strict({
  status: Type.Optional(Type.Union(['draft', 'published', 'closed', 'archived'].map((s) => Type.Literal(s)))),
});

/** Plans run to some 100,000 characters; 2,000,000 leaves room and refuses a 20 MB paste. */
export const ImportTextBody = Strict({
  text: Type.String({ minLength: 1, maxLength: 2_000_000 }),
  sourceName: Type.Optional(Type.String({ maxLength: 200 })),
  code: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9]{1,15}$', description: 'plan code, e.g. QD2015' })),
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
});

export const ImportFileQuery = Strict({
  code: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9]{1,15}$' })),
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
});

export const PublishBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  dispatchDate: Type.Optional(DateString),
});

export const SettingsBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  settings: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { description: 'partial PlanSettings' }),
});

export const PlanSource = Type.Object({ text: Type.String(), sourceName: Nullable(Type.String()) });

/** The plan detail is large and evolves with the preview UI; documented loosely on purpose. */
export const PlanDetail = Type.Unknown({
  description: 'plan with header, warnings, sections, measures, actions, parties and assignments',
});
