/**
 * Lists and their legal lifecycles (credit.md §5.1–§5.3, §5.7): the common state machine and the dates each
 * list's rules derive from a listing. Pure: the working-day calendar and the rule parameters are handed in.
 */
import { addCalendarDays, addYears, type WorkingCalendar } from '../../../core/working-days.js';

export const LIST_STATES = [
  'PROPOSED',
  'NOTIFIED',
  'APPROVAL_PENDING',
  'LISTED',
  'PUBLISHED',
  'EXPIRED',
  'REMOVED_EARLY',
  'REMOVED_ON_CURE',
  'REVOKED',
] as const;
export type ListState = (typeof LIST_STATES)[number];

/** States in which an entry is in force (counts for list flags, sanctions and the public list page). */
export const IN_FORCE: readonly ListState[] = ['LISTED', 'PUBLISHED'];
export const TERMINAL: readonly ListState[] = ['EXPIRED', 'REMOVED_EARLY', 'REMOVED_ON_CURE', 'REVOKED'];

export const LIST_ACTIONS = [
  'notify',
  'decide',
  'approve',
  'publish',
  'expire',
  'remove_early',
  'cure',
  'revoke',
] as const;
export type ListAction = (typeof LIST_ACTIONS)[number];

const FROM: Record<ListAction, readonly ListState[]> = {
  notify: ['PROPOSED'],
  decide: ['NOTIFIED'],
  approve: ['APPROVAL_PENDING'],
  publish: ['LISTED'],
  expire: ['LISTED', 'PUBLISHED'],
  remove_early: ['LISTED', 'PUBLISHED'],
  cure: ['LISTED', 'PUBLISHED'],
  revoke: ['PROPOSED', 'NOTIFIED', 'APPROVAL_PENDING', 'LISTED', 'PUBLISHED'],
};

/** The codes of the lists the system keeps. */
export const LIST_CODES = [
  'SERIOUS',
  'ABNORMAL',
  'QUALITY_BLACKLIST',
  'TOURISM_WATCH',
  'TOURISM_BLACKLIST',
  'WATER_WATCH',
  'WATER_BLACKLIST',
] as const;
export type ListCode = (typeof LIST_CODES)[number];

/** Parameters of one list's rule set version, normalised (values from rule sets; defaults in LIST_DEFAULTS). */
export interface ListRules {
  /** Statement (陈述申辩) window in working days after notice; 0 = none. */
  statementWorkingDays: number;
  /** County/prefecture decisions need the next level's approval. */
  requiresHigherApproval: boolean;
  /** Publicity due within N working days of the decision. */
  publicityWorkingDays: number;
  /** Automatic removal N years after listing; null = until cured or removed. */
  termYears: number | null;
  /** Early removal (credit repair) from listedOn + N years; 0 = any time (cure); null = never. */
  repairAfterYears: number | null;
  /** Whether a cure (REMOVED_ON_CURE) ends the listing (abnormal operations). */
  curable: boolean;
  /** Abnormal list: escalate to the serious list after N years uncured; warn `escalationWarningDays` before. */
  escalationYears: number | null;
  escalationWarningDays: number;
  /** Whether a removed entry stays on the public page with its removal date (abnormal v2014: true). */
  showAfterRemoval: boolean;
  /** The credit record type mirroring a published entry. */
  recordType: string;
}

const BASE: ListRules = {
  statementWorkingDays: 5,
  requiresHigherApproval: false,
  publicityWorkingDays: 20,
  termYears: 3,
  repairAfterYears: 1,
  curable: false,
  escalationYears: null,
  escalationWarningDays: 60,
  showAfterRemoval: false,
  recordType: 'QUALITY_BLACKLIST',
};

/** Seed values per list (statutory or "default; configurable"); the rule set in force overrides them. */
export const LIST_DEFAULTS: Record<ListCode, ListRules> = {
  // SAMR Order 44 (v2021).
  SERIOUS: { ...BASE, requiresHigherApproval: true, recordType: 'SERIOUS_LIST' },
  // 企业信息公示暂行条例 (v2014): no statement window, cure any time, escalation at 3 years.
  ABNORMAL: {
    ...BASE,
    statementWorkingDays: 0,
    publicityWorkingDays: 10,
    termYears: null,
    repairAfterYears: 0,
    curable: true,
    escalationYears: 3,
    showAfterRemoval: true,
    recordType: 'ABNORMAL_OPERATIONS',
  },
  QUALITY_BLACKLIST: { ...BASE },
  TOURISM_WATCH: {
    ...BASE,
    statementWorkingDays: 0,
    termYears: 1,
    repairAfterYears: null,
    recordType: 'TOURISM_WATCH',
  },
  TOURISM_BLACKLIST: { ...BASE, repairAfterYears: null, recordType: 'TOURISM_BLACKLIST' },
  WATER_WATCH: { ...BASE, statementWorkingDays: 0, termYears: 1, repairAfterYears: null, recordType: 'WATER_WATCH' },
  WATER_BLACKLIST: { ...BASE, repairAfterYears: null, recordType: 'WATER_BLACKLIST' },
};

/** The state an action leads to, or null when the state machine does not allow it (LIST_BAD_TRANSITION). */
export function nextListState(
  state: ListState,
  action: ListAction,
  rules: Pick<ListRules, 'requiresHigherApproval' | 'curable'>,
  byHigherLevel: boolean,
): ListState | null {
  if (!FROM[action].includes(state)) return null;
  switch (action) {
    case 'notify':
      return 'NOTIFIED';
    case 'decide':
      // The city office (or a higher level) deciding itself needs no further approval.
      return rules.requiresHigherApproval && !byHigherLevel ? 'APPROVAL_PENDING' : 'LISTED';
    case 'approve':
      return 'LISTED';
    case 'publish':
      return 'PUBLISHED';
    case 'expire':
      return 'EXPIRED';
    case 'remove_early':
      return 'REMOVED_EARLY';
    case 'cure':
      return rules.curable ? 'REMOVED_ON_CURE' : null;
    case 'revoke':
      return 'REVOKED';
  }
}

/**
 * The actions the state machine allows from a state, for the UI's buttons (the service still checks each one).
 * `approve` is offered only where approval is pending, `cure` only on curable lists.
 */
export function allowedListActions(state: ListState, rules: Pick<ListRules, 'curable'>): ListAction[] {
  return LIST_ACTIONS.filter((a) =>
    nextListState(state, a, { requiresHigherApproval: true, curable: rules.curable }, false),
  );
}

/** Last day of the statement window after service of the notice (start day not counted). */
export function statementDueOn(cal: WorkingCalendar, notifiedOn: string, rules: ListRules): string {
  return rules.statementWorkingDays > 0 ? cal.addWorkingDays(notifiedOn, rules.statementWorkingDays) : notifiedOn;
}

/** Dates fixed when an entry is listed. */
export interface ListingDates {
  listedOn: string;
  /** Last day in force (and on public pages); the job expires it the day after. Null: no automatic end. */
  expiresOn: string | null;
  /** First day a repair (early removal) application is accepted; null: not repairable. */
  repairableFrom: string | null;
  /** Publicity is due by this day (working days from the decision). */
  publishDueOn: string;
  /** Abnormal list: the 3-year mark and the first day of the warning window before it. */
  escalationOn: string | null;
  escalationWarningFrom: string | null;
}

/** Expiry, repair, publicity and escalation dates of a listing (serious v2021 vector: 2021-10-15 → …). */
export function listingDates(cal: WorkingCalendar, listedOn: string, rules: ListRules): ListingDates {
  const escalationOn = rules.escalationYears ? addYears(listedOn, rules.escalationYears) : null;
  return {
    listedOn,
    expiresOn: rules.termYears ? addYears(listedOn, rules.termYears) : null,
    repairableFrom: rules.repairAfterYears === null ? null : addYears(listedOn, rules.repairAfterYears),
    publishDueOn: cal.addWorkingDays(listedOn, rules.publicityWorkingDays),
    escalationOn,
    escalationWarningFrom: escalationOn ? addCalendarDays(escalationOn, -rules.escalationWarningDays) : null,
  };
}

/** True when an in-force entry has passed its last day on `day` (expiry evaluated at query time). */
export function isExpiredOn(entry: { state: string; expiresOn: string | null }, day: string): boolean {
  return IN_FORCE.includes(entry.state as ListState) && entry.expiresOn !== null && day > entry.expiresOn;
}

/** What the abnormal-list escalation asks for on `day`: nothing, a warning, or a serious-list proposal. */
export function escalationStep(
  entry: { state: string; escalationOn: string | null; escalationWarningFrom: string | null },
  day: string,
): 'none' | 'warn' | 'propose' {
  if (!IN_FORCE.includes(entry.state as ListState) || !entry.escalationOn || !entry.escalationWarningFrom)
    return 'none';
  if (day >= entry.escalationOn) return 'propose';
  if (day >= entry.escalationWarningFrom) return 'warn';
  return 'none';
}

/**
 * Tourism v2018: two watch-list (重点关注) entries within 12 months make a blacklist proposal — the second on
 * or before addMonths(first, 12). Returns the pair that triggers it, or null.
 */
export function tourismProposalPair(
  watchDays: readonly string[],
  addMonthsFn: (d: string, n: number) => string,
  windowMonths = 12,
): [string, string] | null {
  const sorted = [...watchDays].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]! <= addMonthsFn(sorted[i - 1]!, windowMonths)) return [sorted[i - 1]!, sorted[i]!];
  }
  return null;
}
