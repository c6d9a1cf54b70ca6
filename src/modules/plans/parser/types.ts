/**
 * Types of the plan parser (plans.md §2). Every node keeps `raw` (the source text exactly as given,
 * Traditional characters and full-width punctuation included) and `span: [start, end)` into the
 * source; `text` is the normalised, Simplified form that matching ran on.
 */

import type { Registry } from '../../orgs/resolve.js';

/** A half-open range of UTF-16 offsets into the original source text. */
export type Span = [number, number];

/** A piece of the document: normalised text, the source as written, and where it sits. */
export interface TextNode {
  text: string;
  raw: string;
  span: Span;
}

/** A header value read from the document, e.g. an ISO date read from `成文日期 2015-07-21`. */
export interface Field<T = string> {
  value: T;
  raw: string;
  span: Span;
}

export type Severity = 'error' | 'warning';

export type IssueCode =
  | 'NO_RESPONSIBILITY'
  | 'EMPTY_TITLE'
  | 'COUNT_MISMATCH'
  | 'UNRESOLVED_UNIT'
  | 'TEXT_LOSS'
  | 'NUMBERING_GAP'
  | 'NUMBERING_DUP'
  | 'TITLE_LONG'
  | 'NO_VERB'
  | 'DEADLINE_UNSET'
  | 'SUPERSEDED'
  | 'UNKNOWN_DIVISION';

/** A finding of the parser; `offset` is a character offset into the source (R-P11). */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  message: string;
  offset: number;
  data?: Record<string, unknown>;
}

/** `cascade`: each listed government implements the item in its own area (R-P7). */
export type Role = 'lead' | 'co' | 'shared' | 'cascade';

/** A responsible unit or collective group as the text names it. */
export interface Party extends TextNode {
  kind: 'unit' | 'group';
  /** As written (Traditional input comes back Simplified), without whitespace. */
  name: string;
  /** Registry code where the name resolved. */
  code?: string;
  resolved: boolean;
  role: Role;
  superseded?: { successorCode?: string };
  closest?: { code: string; name: string; distance: number };
}

/** One `list + suffix` clause of a responsibility group, e.g. `市质监局牵头`. */
export interface Clause extends TextNode {
  role: Role;
  suffix: string | null;
  nonExhaustive: boolean;
  parties: Party[];
}

/** The responsibility of a measure or action: its source pieces, clauses and merged parties. */
export interface Responsibility {
  /** Source pieces: a bracket group, labelled lines (责任单位:…), or an unbracketed tail. */
  parts: TextNode[];
  clauses: Clause[];
  /** One entry per unit or group, the strongest role kept (lead > co > shared > cascade), in text order. */
  parties: Party[];
  nonExhaustive: boolean;
  deadline?: Deadline;
}

export type DeadlineType = 'absolute' | 'relative' | 'periodic' | 'ongoing' | 'unscheduled' | 'default';

export interface PeriodicRule {
  freq: 'weekly' | 'monthly' | 'quarterly' | 'halfyearly' | 'yearly';
  /** Day of month (monthly: clamped to the month's length; yearly: with `month`). */
  day?: number;
  month?: number;
}

/** A deadline (R-P10); `due` is ISO where the kind has a final due date. */
export interface Deadline {
  type: DeadlineType;
  due?: string;
  rule?: PeriodicRule;
  raw: string;
  span?: Span;
  source: 'text' | 'title' | 'responsibility' | 'field' | 'default';
}

export type AssessmentLink = 'assessment' | 'midterm';

export interface Action extends TextNode {
  externalId: string;
  ord: number;
  /** `sentence`: split from the body; `item`: a numbered 1./(1)/① item; `title`: a measure with no body. */
  level: 'sentence' | 'item' | 'title';
  number?: number;
  marker?: TextNode;
  deadline: Deadline;
  flags: { mentionsDistricts: boolean; links: AssessmentLink[] };
  /** Only when the action names its own units; otherwise it inherits the measure's. */
  responsibility?: Responsibility;
}

export type HeadingLevel = 'L1' | 'L2' | 'L3' | 'L4' | 'chapter' | 'article';

export interface Measure {
  externalId: string;
  /** Position in the plan, 1-based, across sections. */
  ordinal: number;
  /** The printed number: (十八) → 18. */
  number: number;
  level: HeadingLevel;
  marker: TextNode;
  title: TextNode;
  /** Text that is neither title nor action, e.g. a lead-in before numbered items. */
  intro: TextNode[];
  actions: Action[];
  responsibility: Responsibility | null;
  raw: string;
  span: Span;
}

export interface Section {
  ordinal: number;
  number: number;
  /** True for the one section that holds a layout without section headings (Qingdao 2013). */
  implicit: boolean;
  marker: TextNode | null;
  title: TextNode | null;
  intro: TextNode[];
  measures: Measure[];
  raw: string;
  span: Span;
}

export interface OrgRef extends TextNode {
  name: string;
  code?: string;
  kind: 'unit' | 'group' | 'unknown';
}

export interface BasisDocument extends TextNode {
  /** The title inside 《》. */
  title: string;
  docNumber: string | null;
  issuer: OrgRef | null;
}

/** A district's duty to file its own implementation plan (R-P3 cascade, §4.9). */
export interface SubPlanObligation extends TextNode {
  districtCode: string;
  districtName: string;
  /** The date on which the districts were taken as valid. */
  validOn: string;
}

export interface Header {
  docNumber: Field | null;
  issuer: OrgRef | null;
  writtenOn: Field | null;
  publishedOn: Field | null;
  gazetteIssue: Field | null;
  gazetteSerial: Field | null;
}

export interface Notice {
  title: Field | null;
  date: Field | null;
  /** X of `关于印发X的通知` / `《X》已经…印发给你们`. */
  planTitle: string | null;
  addressees: OrgRef[];
  body: Field | null;
  /** Other lines before the plan title, kept so nothing is dropped silently. */
  other: TextNode[];
}

export type NumberingMode = 'continuous' | 'restart' | 'mixed';

export interface PlanInfo {
  code: string;
  title: TextNode | null;
  year: number | null;
  /** The date units were resolved on. */
  date: string;
  numbering: NumberingMode;
  measureLevel: HeadingLevel;
  preamble: TextNode | null;
  basis: BasisDocument[];
  closing: TextNode[];
  obligations: SubPlanObligation[];
  /** Signature, date and attachment lines after the closing, and dropped page chrome. */
  footer: TextNode[];
  chrome: TextNode[];
}

export interface ParseCounts {
  sections: number;
  measures: number;
  actions: number;
  /** Distinct unit codes (unresolved names counted by name). */
  units: number;
  unitRefs: number;
  groupRefs: number;
}

export interface ParseResult {
  traditional: boolean;
  header: Header;
  notice: Notice;
  plan: PlanInfo;
  sections: Section[];
  warnings: Issue[];
  counts: ParseCounts;
}

export interface ParseOptions {
  registry: Registry;
  /** The date units are resolved on; defaults to 成文日期, then 发布日期, then the plan year's end. */
  date?: string;
  /** Plan year when neither the title nor the header gives one. */
  year?: number;
  /** Traditional→Simplified for matching: `auto` (default) converts only text detected as Traditional. */
  traditional?: 'auto' | 'on' | 'off';
  /** Longest measure title before TITLE_LONG (default 40). */
  titleMaxLength?: number;
  /** Make the first unit of a shared clause the lead (default false). */
  firstListedIsLead?: boolean;
  /** Deadline of actions that state none: plan-year end (default), none, or an ISO date. */
  defaultDeadline?: 'plan-year-end' | 'none' | string;
  /** Also split actions on `;` (default false). */
  splitOnSemicolon?: boolean;
  /** PDF text layer: join wrapped lines (R-P1). Default false. */
  joinLines?: boolean;
  /** Plan code for external ids; derived from the title and year when absent (青岛…2015 → QD2015). */
  planCode?: string;
  /** Expected counts; a difference is COUNT_MISMATCH. */
  expected?: { sections?: number; measures?: number; actions?: number };
  /** Report unresolved units as errors (default) or as warnings. */
  unresolvedIsError?: boolean;
  /** Longest input accepted, in characters (default 2,000,000; a long plan is some 100,000). */
  maxChars?: number;
  /** Page chrome lines to drop (default: 字体大小…, …打印, 扫一扫…, 如果您对该文件有疑问…). */
  chrome?: RegExp[];
}

/** Input the parser cannot treat as a plan at all (as opposed to a plan with warnings). */
export class PlanParseError extends Error {
  constructor(
    readonly code: 'EMPTY_INPUT' | 'NOT_A_PLAN' | 'TOO_LARGE',
    message: string,
  ) {
    super(message);
    this.name = 'PlanParseError';
  }
}
