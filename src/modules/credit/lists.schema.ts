import { type Static, Type } from 'typebox';
import { DateString, Nullable, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { LIST_ACTIONS, LIST_CODES, LIST_STATES } from './domain/list-lifecycle.js';
import { Id } from './records.schema.js';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const ListCodeParam = lit(LIST_CODES);

/** Serious-list judgment factors (§5.2): the three entry conditions and what was weighed. */
export const Judgment = Strict({
  breachOfLaw: Type.Optional(Type.Boolean()),
  seriousCircumstances: Type.Optional(Type.Boolean()),
  heavierPenalty: Type.Optional(Type.Boolean()),
  provenNoIntent: Type.Optional(Type.Boolean()),
  intent: Type.Optional(Text(500)),
  frequency: Type.Optional(Text(500)),
  duration: Type.Optional(Text(500)),
  penaltyType: Type.Optional(Text(500)),
  amounts: Type.Optional(Text(500)),
  goodsValue: Type.Optional(Text(500)),
  healthHarm: Type.Optional(Text(500)),
  socialImpact: Type.Optional(Text(500)),
});

export const ProposeBody = Strict({
  listCode: ListCodeParam,
  enterpriseId: Id,
  /** Abnormal list: ground 1–5; tourism: the ground text. */
  ground: Type.Optional(Text(200)),
  /** Serious list: food | drugs | quality_safety | consumer | competition | refusal. */
  reasonCategory: Type.Optional(Text(60)),
  triggeredOn: DateString,
  unitCode: Type.Optional(Text(40)),
  personName: Type.Optional(Text(100)),
  judgment: Type.Optional(Judgment),
  reason: Text(1000),
});
export type ProposeBodyT = Static<typeof ProposeBody>;

export const TransitionBody = Strict({
  action: lit(LIST_ACTIONS),
  reason: Text(1000),
  /** The day the act takes effect; defaults to today, never in the future. */
  day: Type.Optional(DateString),
  documents: Type.Optional(Type.Array(Strict({ fileId: Type.Optional(Id), name: Text(200) }), { maxItems: 20 })),
});
export type TransitionBodyT = Static<typeof TransitionBody>;

export const ListTransition = Type.Object({
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  onDay: Type.String(),
  at: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  documents: Type.Unknown(),
  ruleSetVersion: Type.String(),
});

export const ListEntry = Type.Object({
  id: Type.Integer(),
  listCode: Type.String(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  enterpriseUscc: Nullable(Type.String()),
  personName: Nullable(Type.String()),
  state: Type.String(),
  ground: Nullable(Type.String()),
  reasonCategory: Nullable(Type.String()),
  ruleSetCode: Type.String(),
  ruleSetVersion: Type.String(),
  unitCode: Nullable(Type.String()),
  triggeredOn: Nullable(Type.String()),
  notifiedOn: Nullable(Type.String()),
  statementDueOn: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  listedOn: Nullable(Type.String()),
  publishDueOn: Nullable(Type.String()),
  publishedOn: Nullable(Type.String()),
  expiresOn: Nullable(Type.String({ description: 'last day in force; null = until removed' })),
  repairableFrom: Nullable(Type.String()),
  escalationOn: Nullable(Type.String()),
  escalationWarningFrom: Nullable(Type.String()),
  removedOn: Nullable(Type.String()),
  removalReason: Nullable(Type.String()),
  judgment: Type.Unknown(),
  linkedEntryId: Nullable(Type.Integer()),
  recordId: Nullable(Type.Integer()),
  transitions: Type.Optional(Type.Array(ListTransition)),
  /** Lifecycle actions the state machine allows now (buttons); the service checks each one again. */
  allowedActions: Type.Array(Type.String()),
});
export type ListEntryT = Static<typeof ListEntry>;

export const EntryQuery = Strict({
  listCode: Type.Optional(ListCodeParam),
  enterpriseId: Type.Optional(Id),
  state: Type.Optional(lit(LIST_STATES)),
  unitCode: Type.Optional(Text(40)),
  ...PageQuery,
});
export type EntryQueryT = Static<typeof EntryQuery>;

export const EntryPage = Type.Object({
  items: Type.Array(ListEntry),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
