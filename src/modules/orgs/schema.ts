import { type Static, Type } from 'typebox';
import { DateString, Nullable, Paged, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';

/** The kinds of org unit the registry knows (plans.md §1 plus hospitals). */
export const ORG_KINDS = [
  'gov',
  'gov_office',
  'muni_dept',
  'central_resident',
  'district',
  'district_dept',
  'zone',
  'external',
  'hospital',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

const Kind = Type.Union(ORG_KINDS.map((k) => Type.Literal(k)));
const Code = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9-]{1,31}$',
  description: 'stable unit code, e.g. EDU or 370202',
});

export const OrgAlias = Type.Object({
  id: Type.Integer(),
  alias: Type.String(),
  source: Type.String({ description: 'alias | full_name | former_name' }),
});

export const OrgUnit = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fullName: Nullable(Type.String()),
  shortName: Nullable(Type.String()),
  kind: Type.String(),
  parentCode: Nullable(Type.String()),
  divisionCode: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  successorCode: Nullable(Type.String()),
  assessed: Type.Boolean(),
  displayOrder: Type.Integer(),
  contactPerson: Nullable(Type.String({ description: 'null unless the caller may see this unit’s contacts' })),
  contactPhone: Nullable(Type.String()),
  note: Nullable(Type.String()),
  aliases: Type.Array(OrgAlias),
  version: Type.Integer(),
});
export type OrgUnitDto = Static<typeof OrgUnit>;

export const OrgListQuery = Strict({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'name, alias or code; 1+ Chinese characters' })),
  kind: Type.Optional(Kind),
  status: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('retired'), Type.Literal('all')])),
  sort: Type.Optional(
    Type.Union(['code', 'name', 'kind', 'display_order', 'division_code', 'valid_to'].map((s) => Type.Literal(s))),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  ...PageQuery,
});
export type OrgListQueryT = Static<typeof OrgListQuery>;
export const OrgList = Paged(OrgUnit);

export const CodeParams = Strict({ code: Code });
export const AliasParams = Strict({ code: Code, id: Type.Integer({ minimum: 1 }) });

export const CreateOrgBody = Strict({
  code: Code,
  name: Text(100),
  kind: Kind,
  fullName: Type.Optional(Text(200)),
  shortName: Type.Optional(Text(50)),
  parentCode: Type.Optional(Code),
  divisionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  validFrom: Type.Optional(DateString),
  assessed: Type.Optional(Type.Boolean()),
  note: Type.Optional(Text(500)),
  aliases: Type.Optional(Type.Array(Text(100), { maxItems: 50 })),
});
export type CreateOrgInput = Static<typeof CreateOrgBody>;

export const UpdateOrgBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  fullName: Type.Optional(Nullable(Text(200))),
  shortName: Type.Optional(Nullable(Text(50))),
  parentCode: Type.Optional(Nullable(Code)),
  divisionCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
  validFrom: Type.Optional(Nullable(DateString)),
  assessed: Type.Optional(Type.Boolean()),
  note: Type.Optional(Nullable(Text(500))),
});
export type UpdateOrgInput = Static<typeof UpdateOrgBody>;

export const RenameOrgBody = Strict({ name: Text(100), version: Type.Integer({ minimum: 1 }) });
export const RetireOrgBody = Strict({
  validTo: DateString,
  successorCode: Type.Optional(Code),
  version: Type.Integer({ minimum: 1 }),
});
export const AliasBody = Strict({ alias: Text(100) });
export const ContactBody = Strict({
  contactPerson: Nullable(Text(50)),
  contactPhone: Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]*$' })),
});

export const KindCount = Type.Object({ kind: Type.String(), count: Type.Integer() });

export const OrgGroup = Type.Object({
  code: Type.String(),
  name: Type.String(),
  rule: Type.String(),
  aliases: Type.Array(Type.String()),
  members: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      from: Nullable(Type.String()),
      to: Nullable(Type.String()),
    }),
  ),
});

export const ResolveQuery = Strict({ name: Text(200), date: Type.Optional(DateString) });
export const ResolveResult = Type.Object({
  kind: Type.String({ description: 'unit | group | unresolved' }),
  input: Type.String(),
  code: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  via: Type.Optional(Type.String()),
  warnings: Type.Array(Type.String()),
  successorCode: Type.Optional(Type.String()),
  closest: Type.Optional(Type.Object({ code: Type.String(), name: Type.String(), distance: Type.Number() })),
});
