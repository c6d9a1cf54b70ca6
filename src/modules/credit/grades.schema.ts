import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../core/http/schema-helpers.js';

export const GradeRunDtoSchema = Type.Object({
  id: Type.Integer(),
  asOf: Type.String(),
  scorecardVersion: Type.String(),
  status: Type.String({ description: 'running | completed | failed' }),
  source: Type.String(),
  total: Type.Integer(),
  processed: Type.Integer(),
  changed: Type.Integer(),
  gradeChanges: Type.Integer(),
  lastId: Type.Integer(),
  error: Nullable(Type.String()),
  startedAt: Type.String(),
  updatedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});

export const StartRunBody = Strict({ asOf: Type.Optional(DateString) });
export const EnterpriseParams = Strict({ id: Type.Integer({ minimum: 1 }) });
export const AsOfQuery = Strict({ asOf: Type.Optional(DateString) });

const Line = Type.Object({
  component: Type.String(),
  recordId: Nullable(Type.Integer()),
  type: Nullable(Type.String()),
  severity: Nullable(Type.String()),
  points: Type.Integer({ description: 'signed hundredths of a point' }),
  decayBp: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
});

export const GradeExplanation = Type.Object({
  enterpriseId: Type.Integer(),
  asOf: Type.String(),
  score: Type.Integer({ description: 'hundredths of a point' }),
  grade: Type.String(),
  riskClass: Type.String({ description: 'internal: never shown to the public or the enterprise' }),
  scorecardVersion: Type.String(),
  stored: Type.Object({
    score: Nullable(Type.Integer()),
    grade: Nullable(Type.String()),
    riskClass: Nullable(Type.String()),
  }),
  lines: Type.Array(Line),
  history: Type.Array(
    Type.Object({
      asOf: Type.String(),
      score: Type.Integer(),
      grade: Type.String(),
      riskClass: Type.String(),
      at: Type.String(),
    }),
  ),
});

export const GradeDistribution = Type.Array(
  Type.Object({ grade: Nullable(Type.String()), riskClass: Nullable(Type.String()), count: Type.Integer() }),
);
