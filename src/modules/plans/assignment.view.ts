import { toBool } from '../../core/db/rows.js';
import type { AssignmentTable } from '../../core/db/schema-plans.js';
import type { Lang } from '../../core/errors.js';
import { QcError } from '../../core/errors.js';
import type { AssignmentListRow as Row } from './assignment.repository.js';
import type { AssignmentItemT } from './assignment.schema.js';
import {
  type Report as AsOfReport,
  acceptedProgressAsOf,
  type DashAssignment,
  type DashReport,
  dayOf,
  reportAsOf,
  stateAsOf,
} from './domain/as-of.js';
import { type AssignmentState, DONE_STATES } from './domain/lifecycle.js';
import { LIGHT_SEVERITY, type LightCode, light, lightColour } from './domain/lights.js';
import { type Cadence, type Period, periodFromKey, periodsBetween } from './domain/periods.js';
import { fromHundredths, roundHalfUp1 } from './domain/rollup.js';
import type { PlanSettings } from './domain/settings.js';
import type { ReportRow } from './report.repository.js';

/** Pure mapping of assignment rows to the API's shapes: list items with lights, report periods, sorting, errors. */

/** A list item with the unit's display order, for sorting. */
export type SortableItem = AssignmentItemT & { unitOrder: number };

const EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  sign: { zh: '签收', en: 'sign' },
  dispute: { zh: '提出异议', en: 'dispute' },
  uphold: { zh: '维持交办', en: 'uphold' },
  cancel: { zh: '撤销', en: 'cancel' },
  reopen: { zh: '重新办理', en: 'reopen' },
  close: { zh: '销号', en: 'close' },
  start: { zh: '开始承办', en: 'start' },
  request_completion: { zh: '申请办结', en: 'request completion' },
  reject_completion: { zh: '退回办结申请', en: 'reject the completion request' },
  complete: { zh: '办结', en: 'complete' },
  report: { zh: '报送进展', en: 'report progress' },
  edit: { zh: '修改', en: 'edit' },
  submit: { zh: '报送', en: 'submit' },
  accept: { zh: '审核通过', en: 'accept' },
  return: { zh: '退回', en: 'return' },
};

const REPORT_STATE_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '已报送',
  accepted: '已通过',
  returned: '已退回',
};

/**
 * The 409 for a refused transition, naming the state and the event in the caller's language (the
 * plan's configured node labels in Chinese).
 */
export function invalidTransition(lang: Lang, state: string, event: string, settings?: PlanSettings): QcError {
  const stateLabel =
    lang === 'en'
      ? state.replaceAll('_', ' ')
      : ((settings?.stateLabels as Record<string, string> | undefined)?.[state] ?? REPORT_STATE_LABELS[state] ?? state);
  const eventLabel = EVENT_LABELS[event]?.[lang] ?? event;
  return new QcError('QC_ERR_INVALID_TRANSITION', [stateLabel, eventLabel], { state, event });
}

/** Comparators of the list's sort keys; ties keep plan, measure and unit order. */
export const SORT_KEYS: Record<string, (a: SortableItem, b: SortableItem) => number> = {
  due: (a, b) => cmp(a.dueDate ?? '9999', b.dueDate ?? '9999'),
  measure: (a, b) => a.planId - b.planId || a.measureNumber - b.measureNumber || a.unitOrder - b.unitOrder,
  unit: (a, b) => a.unitOrder - b.unitOrder || cmp(a.unitCode, b.unitCode),
  progress: (a, b) => a.progress - b.progress,
  light: (a, b) => LIGHT_SEVERITY.indexOf(a.light.code) - LIGHT_SEVERITY.indexOf(b.light.code),
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Report periods of an assignment that have opened by `day` (ad hoc cadence: none are scheduled). */
export function schedule(
  row: Pick<AssignmentTable, 'cadence' | 'dispatched_on'>,
  settings: PlanSettings,
  day: string,
): Period[] {
  return periodsBetween(row.dispatched_on, day, row.cadence as Cadence, settings.reportDueDay);
}

/** The status of each report period opened by `asOf` (cut at the completion day), with lateness. */
export function periodStatuses(row: Row, reports: readonly ReportRow[], asOf: string, settings: PlanSettings) {
  let end = asOf;
  if (row.completed_at && DONE_STATES.includes(row.state as AssignmentState)) {
    end = minDay(end, dayOf(row.completed_at));
  }
  const periods = new Map(schedule(row, settings, end).map((p) => [p.key, p]));
  // Reports for unscheduled periods (ad hoc, or filed after an early completion) still show.
  for (const r of reports) {
    const p = periodFromKey(r.period, settings.reportDueDay);
    if (p && !periods.has(p.key)) periods.set(p.key, p);
  }
  return [...periods.values()]
    .sort((a, b) => cmp(a.opens, b.opens) || cmp(a.key, b.key))
    .map((p) => {
      // An office progress figure is not the unit's report for the period.
      const mine = reports.filter((r) => r.period === p.key && r.origin !== 'import');
      const chosen = mine.find((r) => r.status === 'accepted') ?? mine[0];
      const status = (chosen?.status ?? 'missing') as 'missing' | 'draft' | 'submitted' | 'accepted' | 'returned';
      const delivered = status === 'submitted' || status === 'accepted';
      return {
        key: p.key,
        opens: p.opens,
        due: p.due,
        status,
        late: delivered ? toBool(chosen!.late) : asOf > p.due,
        reportId: chosen ? Number(chosen.id) : null,
      };
    });
}

/**
 * The list item of one row: stored (current) progress and last report, and the light at `asOf` computed
 * from the assignment as it stood that day, by the same as-of rules the dashboards use (domain/as-of.ts),
 * so a list filtered by light and a dashboard at the same day agree.
 */
export function toItem(
  row: Row,
  reports: readonly AsOfReport[],
  asOf: string,
  settings: PlanSettings,
): AssignmentItemT {
  const a: DashAssignment = {
    id: Number(row.id),
    externalId: row.external_id,
    measureId: Number(row.measure_id),
    actionId: row.action_id === null ? null : Number(row.action_id),
    unitCode: row.unit_code,
    role: row.role,
    state: row.state,
    deadlineType: row.deadline_type,
    due: row.due_date,
    cadence: row.cadence,
    dispatchedOn: row.dispatched_on,
    signedAt: row.signed_at,
    completedAt: row.completed_at,
  };
  // Not yet dispatched on that day: nothing was owed yet.
  const state = stateAsOf(a, asOf);
  const l = light(
    {
      state: state ?? 'registered',
      start: state === null ? null : row.dispatched_on,
      due: row.due_date,
      deadlineType: row.deadline_type as never,
      signedOn: row.signed_at ? dayOf(row.signed_at) : null,
      progress: acceptedProgressAsOf(reports, asOf),
      reports: reports.flatMap((r) => reportAsOf(r, asOf) ?? []),
      cadence: row.cadence as Cadence,
    },
    asOf,
    settings,
  );
  const last = reports[reports.length - 1];
  return {
    id: Number(row.id),
    externalId: row.external_id,
    planId: Number(row.plan_id),
    planCode: row.plan_code,
    measureId: Number(row.measure_id),
    measureExternalId: row.measure_external_id,
    measureNumber: Number(row.measure_number),
    measureTitle: row.measure_title,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    role: row.role,
    kind: row.kind,
    state: row.state as AssignmentState,
    progress: roundHalfUp1(fromHundredths(Number(row.progress))),
    deadlineType: row.deadline_type,
    dueDate: row.due_date,
    dispatchedOn: row.dispatched_on,
    signedAt: row.signed_at,
    light: {
      code: l.code as LightCode,
      colour: lightColour(l.code, settings.colourScheme),
      reasons: l.reasons,
      ...(l.expected === undefined ? {} : { expected: l.expected }),
    },
    lastReport: last ? { id: last.id, period: last.period, status: last.status, submittedAt: last.submittedAt } : null,
    pendingReview: reports.some((r) => r.status === 'submitted'),
    version: Number(row.version),
  };
}

/** A report row in the shape the shared as-of rules take (progress as a percentage). */
export function dashReport(r: {
  id: number;
  assignment_id: number;
  period: string;
  status: string;
  progress: number;
  submitted_at: string | null;
  reviewed_at: string | null;
  origin?: string;
}): DashReport {
  return {
    id: Number(r.id),
    assignmentId: Number(r.assignment_id),
    period: r.period,
    status: r.status,
    progress: fromHundredths(Number(r.progress)),
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
    origin: r.origin,
  };
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}
