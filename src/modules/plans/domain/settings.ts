/**
 * Per-plan supervision settings: every "default; configurable" value of plans.md §4, with validation.
 * The service stores a plan's overrides as JSON and merges them onto the defaults with `mergeSettings`.
 */

import { ASSIGNMENT_STATES, type AssignmentState, STATE_LABELS } from './lifecycle.js';
import type { Cadence } from './periods.js';

export type RollupMode = 'average' | 'weighted';
export type ColourScheme = 'sanse' | 'classic';
export type AssignmentMode = 'perMeasure' | 'perAction';
export type AssignmentRole = 'lead' | 'co' | 'shared';
/** Which snapshot a monthly bulletin is built from: the month's last day, or the date the office picks. */
export type BulletinSnapshot = 'monthEnd' | 'asOf';

/** Reminder and escalation offsets in days (R-S8); the 提醒 before the due day uses `nearDays`. */
export interface ReminderOffsets {
  /** Also send a 提醒 on the due day itself. */
  onDueDay: boolean;
  /** 催办单 (E1) at due + this. */
  e1AfterDays: number;
  /** First 督办单 (E2) at due + this … */
  e2AfterDays: number;
  /** … then every this many days until done or cancelled. */
  e2RepeatDays: number;
  /** Unsigned: reminder to the unit head this many days after the sign-off window (dispatchedOn + signDays). */
  signReminderAfterDays: number;
  /** Missing report: reminder this many days before the report's due day … */
  reportReminderBeforeDays: number;
  /** … and E1 this many days after it. */
  reportE1AfterDays: number;
}

/** The effective settings of one plan. */
export interface PlanSettings {
  /** Days a unit has to sign off (签收) after dispatch (R-S2). */
  signDays: number;
  /** NEAR when the due day is at most this many days away (R-S7); also the 提醒 offset (R-S8). */
  nearDays: number;
  /** BEHIND when progress is more than this many points below expected (R-S7). */
  tolerance: number;
  /** Report cadence (R-S4). */
  cadence: Cadence;
  /** Day of month a report is due, clamped to the month's length; quarterly: in the quarter's last month. */
  reportDueDay: number;
  /** Minimum narrative length of a report, in characters (R-S4). */
  narrativeMinLength: number;
  /** Unit-head approval before a report is submitted (R-S5). */
  unitHeadApproval: boolean;
  /** Display labels of the lifecycle nodes (R-S6). */
  stateLabels: Record<AssignmentState, string>;
  /** Traffic-light colour scheme (R-S7). */
  colourScheme: ColourScheme;
  reminders: ReminderOffsets;
  /** Roll-up of siblings: role-weighted mean, or Σ w·p over explicit weights (R-S9). */
  rollupMode: RollupMode;
  /** Weight of each role when averaging a unit's assignments into an action (R-S9). */
  roleWeights: Record<AssignmentRole, number>;
  /** Progress forced by a state, e.g. completed → 100 (R-S9). */
  statusProgress: Partial<Record<AssignmentState, number>>;
  /** Count district sub-plan progress in the city figure (R-S9). */
  includeSubPlans: boolean;
  /** Days after publishing that a district's sub-plan filing (备案) is due (R-S10). */
  subPlanDueDays: number;
  /** One assignment per unit and measure (the default) or per unit and action (R-S1). */
  assignmentMode: AssignmentMode;
  bulletinSnapshot: BulletinSnapshot;
}

/** A partial override, as stored per plan; nested objects merge key by key, `null` in statusProgress unmaps. */
export interface PlanSettingsPatch {
  signDays?: number;
  nearDays?: number;
  tolerance?: number;
  cadence?: Cadence;
  reportDueDay?: number;
  narrativeMinLength?: number;
  unitHeadApproval?: boolean;
  stateLabels?: Partial<Record<AssignmentState, string>>;
  colourScheme?: ColourScheme;
  reminders?: Partial<ReminderOffsets>;
  rollupMode?: RollupMode;
  roleWeights?: Partial<Record<AssignmentRole, number>>;
  statusProgress?: Partial<Record<AssignmentState, number | null>>;
  includeSubPlans?: boolean;
  subPlanDueDays?: number;
  assignmentMode?: AssignmentMode;
  bulletinSnapshot?: BulletinSnapshot;
}

/** Defaults of plans.md §4 and the issue; frozen so a caller cannot change them for everyone. */
export const DEFAULT_PLAN_SETTINGS: Readonly<PlanSettings> = deepFreeze({
  signDays: 3,
  nearDays: 3,
  tolerance: 15,
  cadence: 'monthly',
  reportDueDay: 28,
  narrativeMinLength: 20,
  unitHeadApproval: false,
  stateLabels: { ...STATE_LABELS },
  colourScheme: 'sanse',
  reminders: {
    onDueDay: true,
    e1AfterDays: 1,
    e2AfterDays: 7,
    e2RepeatDays: 7,
    signReminderAfterDays: 1,
    reportReminderBeforeDays: 3,
    reportE1AfterDays: 1,
  },
  rollupMode: 'average',
  roleWeights: { lead: 1, co: 1, shared: 1 },
  statusProgress: { completed: 100, closed: 100 },
  includeSubPlans: false,
  subPlanDueDays: 30,
  assignmentMode: 'perMeasure',
  bulletinSnapshot: 'monthEnd',
});

/** Settings that failed validation; `keys` are dotted paths such as `reminders.e1AfterDays`. */
export class SettingsError extends Error {
  readonly code = 'INVALID_SETTINGS' as const;
  readonly keys: string[];

  constructor(keys: string[]) {
    super(`Invalid plan settings: ${keys.join(', ')}`);
    this.name = 'SettingsError';
    this.keys = keys;
  }
}

type Check = (v: unknown) => boolean;
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const num =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const bool: Check = (v) => typeof v === 'boolean';
const label: Check = (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 20;

const SCALARS: Record<string, Check> = {
  signDays: int(0, 90),
  nearDays: int(0, 90),
  tolerance: num(0, 100),
  cadence: oneOf('monthly', 'quarterly', 'adhoc'),
  reportDueDay: int(1, 31),
  narrativeMinLength: int(0, 2000),
  unitHeadApproval: bool,
  colourScheme: oneOf('sanse', 'classic'),
  rollupMode: oneOf('average', 'weighted'),
  includeSubPlans: bool,
  subPlanDueDays: int(1, 366),
  assignmentMode: oneOf('perMeasure', 'perAction'),
  bulletinSnapshot: oneOf('monthEnd', 'asOf'),
};

const REMINDERS: Record<keyof ReminderOffsets, Check> = {
  onDueDay: bool,
  e1AfterDays: int(1, 90),
  e2AfterDays: int(1, 180),
  e2RepeatDays: int(1, 90),
  signReminderAfterDays: int(0, 90),
  reportReminderBeforeDays: int(0, 31),
  reportE1AfterDays: int(1, 31),
};

const ROLE_WEIGHT: Record<AssignmentRole, Check> = { lead: num(0, 100), co: num(0, 100), shared: num(0, 100) };
const STATES: readonly string[] = ASSIGNMENT_STATES;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges a partial override onto `base` (the defaults), throwing a SettingsError that lists every bad key. */
export function mergeSettings(
  partial: PlanSettingsPatch | Record<string, unknown> = {},
  base: Readonly<PlanSettings> = DEFAULT_PLAN_SETTINGS,
): PlanSettings {
  const bad: string[] = [];
  const out: PlanSettings = structuredClone(base) as PlanSettings;
  const target = out as unknown as Record<string, unknown>;
  if (!isObject(partial)) throw new SettingsError(['(root)']);

  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const check = SCALARS[key];
    if (check) {
      if (check(value)) target[key] = value;
      else bad.push(key);
    } else if (key === 'reminders') {
      mergeNested(key, value, REMINDERS, out.reminders, bad);
    } else if (key === 'roleWeights') {
      mergeNested(key, value, ROLE_WEIGHT, out.roleWeights, bad);
    } else if (key === 'stateLabels') {
      mergeNested(key, value, Object.fromEntries(STATES.map((s) => [s, label])), out.stateLabels, bad);
    } else if (key === 'statusProgress') {
      const checks = Object.fromEntries(STATES.map((s) => [s, (v: unknown) => v === null || num(0, 100)(v)]));
      mergeNested(key, value, checks, out.statusProgress, bad);
      for (const [state, p] of Object.entries(out.statusProgress)) {
        if (p === null) delete out.statusProgress[state as AssignmentState];
      }
    } else {
      bad.push(key);
    }
  }

  // Cross-field rules: escalation must climb in order, and a role-weighted mean needs some weight.
  const r = out.reminders;
  if (!bad.some((k) => k.startsWith('reminders.')) && r.e2AfterDays <= r.e1AfterDays) bad.push('reminders.e2AfterDays');
  const w = out.roleWeights;
  if (!bad.some((k) => k.startsWith('roleWeights.')) && w.lead + w.co + w.shared <= 0) bad.push('roleWeights');

  if (bad.length) throw new SettingsError(bad);
  return out;
}

function mergeNested(key: string, value: unknown, checks: Record<string, Check>, target: object, bad: string[]): void {
  if (!isObject(value)) {
    bad.push(key);
    return;
  }
  const into = target as Record<string, unknown>;
  for (const [sub, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const check = checks[sub];
    if (check?.(v)) into[sub] = v;
    else bad.push(`${key}.${sub}`);
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(value);
}
