import { type Static, Type } from 'typebox';
import { Nullable, Paged, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';

const RiskClass = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]);

/** The task filter: which enterprises form the frame. Stored normalised with the draw. */
export const DrawFilter = Strict({
  districtCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 division code' })),
  status: Type.Optional(Text(20)),
  industryPrefix: Type.Optional(
    Type.String({ pattern: '^[A-Z0-9]{1,5}$', description: 'industry code prefix, e.g. C or C13' }),
  ),
  riskClasses: Type.Optional(Type.Array(RiskClass, { minItems: 1, maxItems: 4, uniqueItems: true })),
  excludeDrawnMonths: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 60, description: 'leave out enterprises drawn in the last N months' }),
  ),
});
export type DrawFilterInput = Static<typeof DrawFilter>;

export const CreateDrawBody = Strict({
  title: Text(100),
  seed: Type.Optional(Type.String({ description: '1–128 printable ASCII characters; omitted: 32 random bytes hex' })),
  filter: DrawFilter,
});
export type CreateDrawInput = Static<typeof CreateDrawBody>;

const ClassCount = Type.Object({ frame: Type.Integer(), selected: Type.Integer() });

export const DrawDto = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  drawnOn: Type.String(),
  seed: Type.String(),
  ruleSetVersion: Type.String({ description: 'SAMPLING version used' }),
  filter: Type.Object({
    districtCode: Nullable(Type.String()),
    status: Nullable(Type.String()),
    industryPrefix: Nullable(Type.String()),
    riskClasses: Type.Array(Type.String()),
    excludeDrawnMonths: Type.Integer(),
  }),
  ratiosBp: Type.Record(Type.String(), Type.Integer()),
  perEnterprise: Type.Integer(),
  frameSize: Type.Integer(),
  frameHash: Type.String({ description: 'SHA-256 of the sorted frame ids joined by "\\n"' }),
  counts: Type.Record(Type.String(), ClassCount),
  selected: Type.Integer(),
  loadCap: Type.Integer(),
  pool: Type.Array(Type.String(), { description: 'inspector codes in the pool when drawn' }),
  operator: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type DrawDtoT = Static<typeof DrawDto>;

export const DrawMemberDto = Type.Object({
  position: Type.Integer(),
  enterpriseId: Type.Integer(),
  drawKey: Type.String({ description: 'the id hashed with the seed: credit code, else internal id' }),
  name: Type.String(),
  uscc: Nullable(Type.String()),
  districtCode: Nullable(Type.String()),
  riskClass: Type.String({ description: 'internal: never shown to the public or the enterprise' }),
  inspectors: Type.Array(Type.Object({ code: Type.String(), name: Nullable(Type.String()) })),
});
export type DrawMemberDtoT = Static<typeof DrawMemberDto>;

export const DrawList = Paged(DrawDto);
export const DrawMembers = Paged(DrawMemberDto);
export const DrawListQuery = Strict({ ...PageQuery });
export const DrawMembersQuery = Strict({ ...PageQuery });
export const IdParams = Strict({ id: Type.Integer({ minimum: 1 }) });

export const RerunDto = Type.Object({
  drawId: Type.Integer(),
  reproduced: Type.Boolean({ description: 'same frame hash and the same selection with the same inspectors' }),
  frameSize: Type.Integer(),
  frameHash: Type.String(),
  frameMatches: Type.Boolean(),
  poolMatches: Type.Boolean(),
  selectionMatches: Type.Boolean(),
  /** Positions (1-based) where enterprise, class or inspectors differ; capped at 50. */
  differences: Type.Array(Type.Integer()),
  error: Nullable(Type.String({ description: 'the error code when the re-run itself failed' })),
});
export type RerunDtoT = Static<typeof RerunDto>;

export const InspectorDto = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  unitCode: Nullable(Type.String()),
  active: Type.Boolean(),
  conflictCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type InspectorDtoT = Static<typeof InspectorDto>;

export const ConflictDto = Type.Object({
  enterpriseId: Type.Integer(),
  name: Type.String(),
  uscc: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export type ConflictDtoT = Static<typeof ConflictDto>;

export const InspectorDetailDto = Type.Object({ ...InspectorDto.properties, conflicts: Type.Array(ConflictDto) });

export const CreateInspectorBody = Strict({
  code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$', description: 'hashed in draws; immutable' }),
  name: Text(60),
  unitCode: Type.Optional(Nullable(Text(40))),
  active: Type.Optional(Type.Boolean()),
});
export type CreateInspectorInput = Static<typeof CreateInspectorBody>;

export const UpdateInspectorBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(Text(60)),
  unitCode: Type.Optional(Nullable(Text(40))),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateInspectorInput = Static<typeof UpdateInspectorBody>;

export const AddConflictBody = Strict({
  enterpriseId: Type.Integer({ minimum: 1 }),
  reason: Type.Optional(Nullable(Text(200))),
});
export type AddConflictInput = Static<typeof AddConflictBody>;
export const ConflictParams = Strict({
  id: Type.Integer({ minimum: 1 }),
  enterpriseId: Type.Integer({ minimum: 1 }),
});
