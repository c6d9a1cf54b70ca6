import { type Static, Type } from 'typebox';
import { DateString, Nullable, Strict, Text } from '../../core/http/schema-helpers.js';

const ParamValue = Type.Union([Type.Integer(), Type.String({ maxLength: 200 }), Type.Boolean(), Type.Null()]);

export const ParamSpecDto = Type.Object({
  key: Type.String(),
  type: Type.String({ description: 'integer | boolean | date | text | monthDay | grade | riskClass' }),
  required: Type.Boolean(),
  configurable: Type.Boolean({ description: 'a "default; configurable" value of the spec (else statutory)' }),
  min: Type.Optional(Type.Integer()),
  max: Type.Optional(Type.Integer()),
  unit: Type.Optional(Type.String()),
  zh: Type.String(),
  en: Type.String(),
});

export const RuleSetDto = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  version: Type.String(),
  effectiveFrom: Nullable(DateString),
  effectiveTo: Nullable(DateString),
  basis: Type.String(),
  params: Type.Record(Type.String(), ParamValue),
  appliesToExisting: Type.Boolean(),
  status: Type.String({ description: 'draft | active | retired' }),
  versionNo: Type.Integer({ description: 'optimistic-concurrency counter; send it back on edits' }),
  schema: Type.Array(ParamSpecDto),
  issues: Type.Array(Type.Object({ key: Type.String(), problem: Type.String() }), {
    description: 'what blocks activation (empty: may be activated)',
  }),
  inForceToday: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type RuleSetDtoT = Static<typeof RuleSetDto>;

export const RuleSetListQuery = Strict({ code: Type.Optional(Text(40)) });
export const IdParams = Strict({ id: Type.Integer({ minimum: 1 }) });

export const CreateRuleSetBody = Strict({
  code: Text(40),
  version: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$', description: 'e.g. v2026' }),
  fromId: Type.Optional(Type.Integer({ minimum: 1, description: 'copy params and basis from this version' })),
  basis: Type.Optional(Text(300)),
  effectiveFrom: Type.Optional(Nullable(DateString)),
});
export type CreateRuleSetInput = Static<typeof CreateRuleSetBody>;

export const UpdateRuleSetBody = Strict({
  versionNo: Type.Integer({ minimum: 1 }),
  params: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), ParamValue, { maxProperties: 100 })),
  basis: Type.Optional(Text(300)),
  effectiveFrom: Type.Optional(Nullable(DateString)),
  effectiveTo: Type.Optional(Nullable(DateString)),
  appliesToExisting: Type.Optional(Type.Boolean()),
});
export type UpdateRuleSetInput = Static<typeof UpdateRuleSetBody>;

export const VersionBody = Strict({ versionNo: Type.Integer({ minimum: 1 }) });

export const HolidayDayDto = Type.Object({
  day: DateString,
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
  name: Nullable(Type.String()),
});
export const HolidayYearSummary = Type.Object({
  year: Type.Integer(),
  holidays: Type.Integer(),
  workdays: Type.Integer(),
});
export const YearParams = Strict({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) });
export const HolidayYearDto = Type.Object({ year: Type.Integer(), days: Type.Array(HolidayDayDto) });
export const PutHolidayYearBody = Strict({
  days: Type.Array(
    Strict({
      day: DateString,
      kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
      name: Type.Optional(Nullable(Text(40))),
    }),
    { maxItems: 366 },
  ),
});
export type PutHolidayYearInput = Static<typeof PutHolidayYearBody>;
