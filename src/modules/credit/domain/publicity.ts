/**
 * Public terms of credit records (credit.md §3.1, §5.4, §5.5, §7.2). Pure: dates in, dates out.
 * `publicEndsOn` is the last day a record is shown; it leaves public view at 00:00 the next day.
 */
import { addMonths, addYears } from '../../../core/working-days.js';
import { type Polarity, recordType, type Visibility } from './record-types.js';

/** PENALTY_PUBLICITY v2021 parameters (SAMR Order 45): months for the minor class, years otherwise. */
export interface PenaltyPublicityParams {
  minorMonths: number;
  generalYears: number;
}

/** SD_CREDIT v2020 (山东省社会信用条例): negative information public at most N years from conduct end. */
export interface ShandongCapParams {
  negativeCapYears: number;
}

export const DEFAULT_PENALTY_PUBLICITY: PenaltyPublicityParams = { minorMonths: 3, generalYears: 3 };
export const DEFAULT_SD_CAP: ShandongCapParams = { negativeCapYears: 5 };

/** Type-specific details the term depends on (all optional; the rest of `details` is opaque). */
export interface TermDetails {
  /** Last day of the list entry the record mirrors (lists set it). */
  listExpiresOn?: string | null;
  /** Validity end as supplied by the source (certificates, court defaulters, water grades). */
  validTo?: string | null;
  /** Day the rectification of a declaration nonconformity was confirmed. */
  rectifiedOn?: string | null;
  /** End of a longer statutory restriction (practice ban …), which prevails over the publicity term. */
  restrictionEndsOn?: string | null;
}

export interface TermInput {
  type: string;
  polarity: Polarity;
  /** ADMIN_PENALTY: MINOR is the 3-month class (通报批评 or a fine under the province's threshold). */
  severity: string | null;
  decidedOn: string | null;
  publishedOn: string | null;
  conductEndedOn: string | null;
  details: TermDetails;
  /** Last public day set by an early stop (credit repair), if any. */
  earlyStopOn?: string | null;
}

export interface TermResult {
  publicEndsOn: string | null;
  /** Data-quality flags: CONDUCT_END_UNKNOWN when the 5-year cap had to start at the decision. */
  flags: string[];
  /** Which limit decided the end: TYPE_TERM | SD_CAP | EARLY_STOP | NONE. */
  decidedBy: 'TYPE_TERM' | 'SD_CAP' | 'EARLY_STOP' | 'NONE';
  /** The type's own term end before the cap (for display: "term … capped at …"). */
  typeTermEndsOn: string | null;
  /** The Shandong cap, negative records only. */
  capEndsOn: string | null;
}

function laterOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

/** The type's own term end (§3.2, §5.4), before the Shandong cap and early stops. */
export function typeTermEnd(input: TermInput, penalty: PenaltyPublicityParams = DEFAULT_PENALTY_PUBLICITY) {
  const def = recordType(input.type);
  if (!def) throw new RangeError(`unknown record type ${input.type}`);
  const start = input.publishedOn ?? input.decidedOn;
  const term = def.term;
  let end: string | null;
  switch (term.kind) {
    case 'penalty':
      // The term runs from publication (Order 45 Art. 14); a longer restriction term prevails.
      end = !start
        ? null
        : input.severity === 'MINOR'
          ? addMonths(start, penalty.minorMonths)
          : addYears(start, penalty.generalYears);
      return laterOf(end, input.details.restrictionEndsOn);
    case 'fixed': {
      const from = term.from === 'published' ? start : (input.decidedOn ?? input.publishedOn);
      if (!from) return null;
      end = from;
      if (term.years) end = addYears(end, term.years);
      if (term.months) end = addMonths(end, term.months);
      return end;
    }
    case 'rectified': {
      const from = input.decidedOn ?? input.publishedOn;
      if (!from) return null;
      // Until rectification is confirmed if later: an unconfirmed one keeps the record open (the cap still binds).
      if (!input.details.rectifiedOn) return null;
      return laterOf(addYears(from, term.years), input.details.rectifiedOn);
    }
    case 'list':
      return input.details.listExpiresOn ?? null;
    case 'supplied':
      return input.details.validTo ?? null;
    case 'indefinite':
      return null;
  }
}

/**
 * `publicEndsOn` = earliest of the type's term, the Shandong 5-year cap from the end of the conduct (negative
 * records only; an unknown conduct end starts the cap at the decision and flags CONDUCT_END_UNKNOWN) and any
 * early stop. Null means no end.
 */
export function computePublicTerm(
  input: TermInput,
  penalty: PenaltyPublicityParams = DEFAULT_PENALTY_PUBLICITY,
  cap: ShandongCapParams = DEFAULT_SD_CAP,
): TermResult {
  const flags: string[] = [];
  const typeEnd = typeTermEnd(input, penalty);
  let capEnd: string | null = null;
  if (input.polarity === '-') {
    const capStart = input.conductEndedOn ?? input.decidedOn ?? input.publishedOn;
    if (!input.conductEndedOn) flags.push('CONDUCT_END_UNKNOWN');
    if (capStart) capEnd = addYears(capStart, cap.negativeCapYears);
  }
  const candidates: { day: string; by: TermResult['decidedBy'] }[] = [];
  if (typeEnd) candidates.push({ day: typeEnd, by: 'TYPE_TERM' });
  if (capEnd) candidates.push({ day: capEnd, by: 'SD_CAP' });
  if (input.earlyStopOn) candidates.push({ day: input.earlyStopOn, by: 'EARLY_STOP' });
  // Strict < keeps TYPE_TERM when limits coincide: the type term is the usual explanation.
  const first = candidates.reduce<(typeof candidates)[number] | null>((m, c) => (!m || c.day < m.day ? c : m), null);
  return {
    publicEndsOn: first?.day ?? null,
    flags,
    decidedBy: first?.by ?? 'NONE',
    typeTermEndsOn: typeEnd,
    capEndsOn: capEnd,
  };
}

/** The fields §7.2 looks at. */
export interface PublicityFields {
  visibility: Visibility | string;
  status: string;
  publishedOn: string | null;
  publicEndsOn: string | null;
}

/** §7.2: public on day D iff PUBLIC, ACTIVE, publishedOn ≤ D ≤ publicEndsOn (no end: open). */
export function isPublicOn(r: PublicityFields, day: string): boolean {
  return (
    r.visibility === 'PUBLIC' &&
    r.status === 'ACTIVE' &&
    r.publishedOn !== null &&
    r.publishedOn <= day &&
    (r.publicEndsOn === null || day <= r.publicEndsOn)
  );
}

/** Warning-only penalties are not published (§5.4): they are shown to the enterprise itself only. */
export function defaultVisibility(type: string, details: { warningOnly?: boolean }): Visibility {
  if (type === 'ADMIN_PENALTY' && details.warningOnly) return 'SUBJECT';
  return recordType(type)?.visibility ?? 'INTERNAL';
}
