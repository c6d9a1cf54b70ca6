import { type Static, Type } from 'typebox';
import { DateString, Nullable, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { POLARITIES, RECORD_STATUSES, RECORD_TYPE_CODES, VISIBILITIES } from './domain/record-types.js';

const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

export const Id = Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 });
export const IdParams = Strict({ id: Id });

/** A credit record as government users and the enterprise itself see it. */
export const CreditRecord = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  type: Type.String(),
  typeName: Type.String({ description: 'the type in the caller’s language' }),
  polarity: Type.String({ description: '+ | - | 0' }),
  severity: Nullable(Type.String()),
  sourceModule: Type.String(),
  sourceRecordId: Type.String(),
  authority: Nullable(Type.String()),
  unitCode: Nullable(Type.String()),
  documentNo: Nullable(Type.String()),
  legalBasis: Nullable(Type.String()),
  summary: Type.String(),
  conductEndedOn: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  publishedOn: Nullable(Type.String()),
  publicEndsOn: Nullable(Type.String({ description: 'last public day; null = no end' })),
  repairableFrom: Nullable(Type.String({ description: 'first day an early stop (credit repair) can be applied for' })),
  visibility: Type.String(),
  status: Type.String(),
  ruleSetCode: Nullable(Type.String()),
  ruleSetVersion: Nullable(Type.String()),
  dataFlags: Type.Array(Type.String()),
  details: Type.Unknown(),
  files: Type.Array(Type.Object({ fileId: Type.Integer(), name: Type.String() })),
  publicNow: Type.Boolean({ description: '§7.2 evaluated for today' }),
  objectionPending: Type.Boolean(),
  supersedesId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CreditRecordT = Static<typeof CreditRecord>;

/** Manual entry by a unit (credit.record); other modules call CreditService.recordEvent instead. */
export const EnterRecordBody = Strict({
  enterpriseId: Id,
  type: lit(RECORD_TYPE_CODES),
  polarity: Type.Optional(lit(POLARITIES)),
  severity: Type.Optional(Text(40)),
  authority: Text(200),
  unitCode: Type.Optional(Text(40, 1)),
  documentNo: Text(100),
  legalBasis: Text(500),
  summary: Text(2000),
  conductEndedOn: Type.Optional(DateString),
  decidedOn: DateString,
  publishedOn: Type.Optional(DateString),
  visibility: Type.Optional(lit(VISIBILITIES)),
  redactedText: Type.Optional(Type.String({ maxLength: 20000 })),
  details: Type.Optional(
    Strict({
      penaltyKinds: Type.Optional(Type.Array(Text(40), { maxItems: 10 })),
      sector: Type.Optional(Text(40)),
      violationType: Type.Optional(Text(100)),
      warningOnly: Type.Optional(Type.Boolean()),
      restrictionEndsOn: Type.Optional(DateString),
      validTo: Type.Optional(DateString),
      rectifiedOn: Type.Optional(DateString),
      amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 52 })),
    }),
  ),
  /** Evidence: files uploaded first through POST /api/files. */
  files: Type.Optional(Type.Array(Strict({ fileId: Id, name: Text(200) }), { maxItems: 20 })),
});
export type EnterRecordBodyT = Static<typeof EnterRecordBody>;

export const RevokeRecordBody = Strict({ reason: Text(500), revokedOn: Type.Optional(DateString) });

export const RecordQuery = Strict({
  enterpriseId: Type.Optional(Id),
  unitCode: Type.Optional(Text(40)),
  type: Type.Optional(lit(RECORD_TYPE_CODES)),
  status: Type.Optional(lit(RECORD_STATUSES)),
  ...PageQuery,
});
export type RecordQueryT = Static<typeof RecordQuery>;

export const RecordPage = Type.Object({
  items: Type.Array(CreditRecord),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const RecordWriteResult = Type.Object({
  outcome: Type.String({ description: 'created | unchanged | superseded' }),
  record: CreditRecord,
});

export const RecordTypeItem = Type.Object({
  code: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  polarity: Type.String(),
  visibility: Type.String(),
  severities: Type.Array(Type.String()),
});
