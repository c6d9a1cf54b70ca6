import { type Static, Type } from 'typebox';
import { Nullable, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';

/** Search parameters of the one search box (credit.md §7.4). */
export const RegistrySearchQuery = Strict({
  /** Name or former-name substring, legal representative (exact), 18-character code or a 6–17-character prefix. */
  q: Type.Optional(Text(100, 0)),
  /** Today's district code (370202 …). */
  district: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  status: Type.Optional(
    Type.Union([
      Type.Literal('active'),
      Type.Literal('revoked'),
      Type.Literal('deregistered'),
      Type.Literal('moved_out'),
    ]),
  ),
  grade: Type.Optional(
    Type.Union([Type.Literal('AAA'), Type.Literal('AA'), Type.Literal('A'), Type.Literal('B'), Type.Literal('C')]),
  ),
  /** A list code the enterprise is on now (SERIOUS, ABNORMAL, …), or NONE. */
  list: Type.Optional(Type.String({ pattern: '^[A-Z_]{2,32}$' })),
  ...PageQuery,
});
export type RegistrySearchQuery = Static<typeof RegistrySearchQuery>;

const Finding = Type.Object({ code: Type.String(), message: Type.String(), position: Type.Optional(Type.Integer()) });

/** The explanation widget's content for a code typed into the box. */
export const CodeExplanation = Type.Object({
  code: Type.String(),
  valid: Type.Boolean(),
  normalized: Type.String(),
  errors: Type.Array(Finding),
  warnings: Type.Array(Finding),
  parts: Type.Record(Type.String(), Nullable(Type.String())),
});
export type CodeExplanation = Static<typeof CodeExplanation>;

/** What anyone may see of an enterprise (§7.1): registry basics, grade and list status; never the risk class. */
export const EnterprisePublic = Type.Object({
  id: Type.Integer(),
  uscc: Nullable(Type.String()),
  registrationNo: Nullable(Type.String()),
  name: Type.String(),
  formerNames: Type.Array(Type.Object({ name: Type.String(), until: Nullable(Type.String()) })),
  entityType: Nullable(Type.String({ description: 'USCC positions 1–2, e.g. 91' })),
  entityTypeName: Nullable(Type.String({ description: 'e.g. 企业, 个体工商户, 民办非企业单位' })),
  legalRep: Nullable(Type.String()),
  registeredCapitalFen: Nullable(Type.Integer()),
  currency: Nullable(Type.String()),
  establishedOn: Nullable(Type.String()),
  operatingTermTo: Nullable(Type.String()),
  registrationAuthority: Nullable(Type.String()),
  registrationRegionCode: Nullable(Type.String()),
  districtCode: Nullable(Type.String()),
  districtName: Nullable(Type.String()),
  address: Nullable(Type.String()),
  businessScope: Nullable(Type.String()),
  industryCode: Nullable(Type.String()),
  status: Type.String(),
  statusDate: Nullable(Type.String()),
  grade: Nullable(Type.String()),
  lists: Type.Array(Type.String()),
  demo: Type.Boolean(),
});
export type EnterprisePublic = Static<typeof EnterprisePublic>;

/** Government view: adds code warnings, score, internal risk class and provenance. */
export const EnterpriseFull = Type.Intersect([
  EnterprisePublic,
  Type.Object({
    codeWarnings: Type.Array(Type.String()),
    score: Nullable(Type.Number()),
    riskClass: Nullable(Type.String()),
    source: Type.String(),
    lastSyncedAt: Nullable(Type.String()),
    updatedAt: Type.String(),
    version: Type.Integer(),
  }),
]);
export type EnterpriseFull = Static<typeof EnterpriseFull>;

const FacetCount = Type.Object({ value: Type.String(), count: Type.Integer() });

export const RegistrySearchResult = Type.Object({
  items: Type.Array(EnterprisePublic),
  /** Exact up to the configured cap; beyond it `total` is the cap and `totalCapped` is true ("10000+"). */
  total: Type.Integer(),
  totalCapped: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** How the box read the query: a full code, a code prefix, or text. */
  mode: Type.Union([Type.Literal('uscc'), Type.Literal('prefix'), Type.Literal('text'), Type.Literal('all')]),
  /** Counts per value over all matches; null when the total is over the cap (narrow the search). */
  facets: Nullable(
    Type.Object({
      district: Type.Array(FacetCount),
      status: Type.Array(FacetCount),
      grade: Type.Array(FacetCount),
      list: Type.Array(FacetCount),
    }),
  ),
  code: Nullable(CodeExplanation),
});
export type RegistrySearchResult = Static<typeof RegistrySearchResult>;

export const EnterpriseIdParams = Strict({ id: Type.Integer({ minimum: 1 }) });

export const EnterpriseChange = Type.Object({
  field: Type.String(),
  oldValue: Nullable(Type.String()),
  newValue: Nullable(Type.String()),
  source: Type.String(),
  at: Type.String(),
});

export const CheckCodeQuery = Strict({ code: Text(64) });

export const ImportJob = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  status: Type.String(),
  dryRun: Type.Boolean(),
  totalRows: Nullable(Type.Integer()),
  checkpointRow: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  warnings: Type.Integer(),
  encoding: Nullable(Type.String()),
  error: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});
export type ImportJob = Static<typeof ImportJob>;

export const ImportJobParams = Strict({ id: Type.Integer({ minimum: 1 }) });
export const ImportUploadQuery = Strict({ dryRun: Type.Optional(Type.Boolean()) });
