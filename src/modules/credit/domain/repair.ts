/**
 * Credit repair (信用修复, credit.md §5.2, §5.4, §5.6) and objection (异议, §5.5) rules: eligibility with
 * reasons and the SLA dates. Pure: facts and the calendar in, a verdict out.
 */
import { addMonths, type WorkingCalendar } from '../../../core/working-days.js';

export const REPAIR_KINDS = ['ABNORMAL_REMOVAL', 'SERIOUS_EARLY_REMOVAL', 'PENALTY_EARLY_STOP'] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

/** Penalty kinds whose publicity never stops early (§5.4). */
export const NEVER_EARLY_STOP = [
  'SUSPEND_PRODUCTION', // 停产停业
  'RESTRICT_OPERATIONS', // 限制生产经营
  'PRACTICE_BAN', // 限制从业
  'LOWER_QUALIFICATION', // 降低资质
  'REVOKE_LICENCE', // 吊销许可证/营业执照
] as const;

/** Sectors with the longer 1-year wait before an early stop (default; configurable). */
export const LONG_WAIT_SECTORS = ['FOOD', 'DRUG', 'SPECIAL_EQUIPMENT'] as const;

/** CREDIT_REPAIR v2021 and PENALTY_PUBLICITY parameters (default; configurable). */
export interface RepairParams {
  acceptWorkingDays: number;
  decideWorkingDays: number;
  depublishWorkingDays: number;
  /** Abnormal-list removal is decided within N calendar days of a complete cure application (§5.3). */
  cureDecideDays: number;
  penaltyStopMonths: number;
  penaltyStopMonthsLongWait: number;
}

export const DEFAULT_REPAIR_PARAMS: RepairParams = {
  acceptWorkingDays: 2,
  decideWorkingDays: 15,
  depublishWorkingDays: 3,
  cureDecideDays: 7,
  penaltyStopMonths: 6,
  penaltyStopMonthsLongWait: 12,
};

/** What the applicant declares (the checklist) plus the signed commitment. */
export interface RepairChecklist {
  obligationsFulfilled?: boolean;
  rectified?: boolean;
  harmRemoved?: boolean;
  measureTermsExpired?: boolean;
  cured?: boolean;
}

export interface RepairFacts {
  kind: RepairKind;
  today: string;
  /** The list entry (abnormal removal, serious early removal). */
  entry?: { listCode: string; state: string; listedOn: string | null; repairableFrom: string | null } | null;
  /** The penalty record (early stop of publicity). */
  record?: {
    type: string;
    status: string;
    publishedOn: string | null;
    penaltyKinds: readonly string[];
    sector: string | null;
  } | null;
  /** Computed from the database, never declared by the applicant. */
  onAbnormalOrSerious: boolean;
  heavierPenaltySinceListing: boolean;
  repeatedViolation: boolean;
  checklist: RepairChecklist;
  commitmentSigned: boolean;
}

export type RepairRefusal = 'REPAIR_NOT_YET_ELIGIBLE' | 'REPAIR_NOT_ALLOWED' | 'REPAIR_CONDITIONS_UNMET';

export interface RepairVerdict {
  eligible: boolean;
  /** The first day an application is accepted (null when never). */
  earliestOn: string | null;
  refusal: RepairRefusal | null;
  /** Machine-readable reasons: NOT_LISTED, NOT_YET:<day>, PENALTY_KIND:<kind>, ON_LIST, HEAVIER_PENALTY, … */
  reasons: string[];
}

/** The first day an early stop of a penalty's publicity can be applied for, or null if never. */
export function penaltyStopEarliest(
  record: NonNullable<RepairFacts['record']>,
  p: RepairParams = DEFAULT_REPAIR_PARAMS,
): string | null {
  if (!record.publishedOn) return null;
  if (record.penaltyKinds.some((k) => (NEVER_EARLY_STOP as readonly string[]).includes(k))) return null;
  const long = record.sector !== null && (LONG_WAIT_SECTORS as readonly string[]).includes(record.sector);
  return addMonths(record.publishedOn, long ? p.penaltyStopMonthsLongWait : p.penaltyStopMonths);
}

/** Eligibility with every reason that blocks it; the first refusal code is the one the API answers with. */
export function repairEligibility(f: RepairFacts, p: RepairParams = DEFAULT_REPAIR_PARAMS): RepairVerdict {
  const reasons: string[] = [];
  let refusal: RepairRefusal | null = null;
  let earliestOn: string | null = null;
  const refuse = (code: RepairRefusal, reason: string) => {
    refusal ??= code;
    reasons.push(reason);
  };
  const c = f.checklist;
  const inForce = (s: string) => s === 'LISTED' || s === 'PUBLISHED';

  if (f.kind === 'ABNORMAL_REMOVAL') {
    if (!f.entry || f.entry.listCode !== 'ABNORMAL' || !inForce(f.entry.state))
      refuse('REPAIR_NOT_ALLOWED', 'NOT_LISTED');
    else earliestOn = f.entry.listedOn;
    if (!c.cured) refuse('REPAIR_CONDITIONS_UNMET', 'NOT_CURED');
  } else if (f.kind === 'SERIOUS_EARLY_REMOVAL') {
    if (!f.entry || f.entry.listCode !== 'SERIOUS' || !inForce(f.entry.state))
      refuse('REPAIR_NOT_ALLOWED', 'NOT_LISTED');
    else if (!f.entry.repairableFrom) refuse('REPAIR_NOT_ALLOWED', 'NOT_REPAIRABLE');
    else {
      earliestOn = f.entry.repairableFrom;
      if (f.today < earliestOn) refuse('REPAIR_NOT_YET_ELIGIBLE', `NOT_YET:${earliestOn}`);
    }
    if (f.heavierPenaltySinceListing) refuse('REPAIR_CONDITIONS_UNMET', 'HEAVIER_PENALTY');
    for (const k of ['obligationsFulfilled', 'rectified', 'harmRemoved', 'measureTermsExpired'] as const) {
      if (!c[k]) refuse('REPAIR_CONDITIONS_UNMET', `CHECKLIST:${k}`);
    }
  } else {
    const r = f.record;
    if (!r || r.type !== 'ADMIN_PENALTY' || r.status !== 'ACTIVE')
      refuse('REPAIR_NOT_ALLOWED', 'NOT_A_PUBLISHED_PENALTY');
    else {
      const kind = r.penaltyKinds.find((k) => (NEVER_EARLY_STOP as readonly string[]).includes(k));
      if (kind) refuse('REPAIR_NOT_ALLOWED', `PENALTY_KIND:${kind}`);
      earliestOn = penaltyStopEarliest(r, p);
      if (earliestOn && f.today < earliestOn) refuse('REPAIR_NOT_YET_ELIGIBLE', `NOT_YET:${earliestOn}`);
    }
    if (f.onAbnormalOrSerious) refuse('REPAIR_CONDITIONS_UNMET', 'ON_LIST');
    if (f.repeatedViolation) refuse('REPAIR_CONDITIONS_UNMET', 'REPEATED_VIOLATION');
    for (const k of ['obligationsFulfilled', 'harmRemoved'] as const) {
      if (!c[k]) refuse('REPAIR_CONDITIONS_UNMET', `CHECKLIST:${k}`);
    }
  }
  if (f.kind !== 'ABNORMAL_REMOVAL' && !f.commitmentSigned) refuse('REPAIR_CONDITIONS_UNMET', 'COMMITMENT_UNSIGNED');
  return { eligible: refusal === null, earliestOn, refusal, reasons };
}

/** SLA dates of a repair application, visible to the applicant. */
export function repairSla(
  cal: WorkingCalendar,
  kind: RepairKind,
  day: string,
  p: RepairParams = DEFAULT_REPAIR_PARAMS,
) {
  return {
    acceptDueOn: cal.addWorkingDays(day, p.acceptWorkingDays),
    /** From acceptance; abnormal cures are decided within 7 calendar days (an act deadline). */
    decideDueFrom: (acceptedOn: string) =>
      kind === 'ABNORMAL_REMOVAL'
        ? cal.addActDays(acceptedOn, p.cureDecideDays)
        : cal.addWorkingDays(acceptedOn, p.decideWorkingDays),
    depublishDueFrom: (approvedOn: string) => cal.addWorkingDays(approvedOn, p.depublishWorkingDays),
  };
}

/** Objection decisions are due in 3 working days, 7 when another unit verifies (§5.5). */
export function objectionDueOn(
  cal: WorkingCalendar,
  filedOn: string,
  externalVerification: boolean,
  days = { plain: 3, external: 7 },
) {
  return cal.addWorkingDays(filedOn, externalVerification ? days.external : days.plain);
}
