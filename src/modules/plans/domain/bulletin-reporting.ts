/**
 * Section 4 of the monthly bulletin (报送情况, R-S14): which progress reports fell due in the bulletin's month,
 * which came on time, late, were returned and not resubmitted, or are missing as of the snapshot day, and
 * the units named for it (点名). Pure, over the as-of views of as-of.ts.
 */

import { type Prepared, reportAsOf, type View } from './as-of.js';
import { DONE_STATES } from './lifecycle.js';
import { daysBetween, daysInMonth, dueReportsBefore, isoDate } from './periods.js';
import { roundHalfUp1 } from './rollup.js';
import type { PlanSettings } from './settings.js';

/** How one owed report stood on the snapshot day. */
export type ReportDelivery = 'on_time' | 'late' | 'returned' | 'missing';

/** One report that was late, returned or missing. */
export interface ReportingItem {
  assignmentExternalId: string;
  measureNumber: number;
  /** The report's period key (2015-09, or 2015-Q3 for quarterly work). */
  reportPeriod: string;
  status: Exclude<ReportDelivery, 'on_time'>;
  submittedOn: string | null;
  daysLate: number | null;
}

/** Counts of owed reports by delivery. */
export interface ReportingCounts {
  owed: number;
  onTime: number;
  late: number;
  returned: number;
  missing: number;
}

/** Section 4: totals and the units with late, returned or missing reports, by unit code. */
export interface BulletinReporting extends ReportingCounts {
  /** On-time reports ÷ owed reports, 0–100 with 1 decimal; null when nothing was owed. */
  onTimeRate: number | null;
  /** How many units owed at least one report. */
  unitsOwing: number;
  units: (ReportingCounts & { unitCode: string; unitName: string; items: ReportingItem[] })[];
}

// Registered and disputed work waits on the office, so it owes no reports (the light's rule too).
const NOT_OWING = new Set(['registered', 'disputed']);

const zero = (): ReportingCounts => ({ owed: 0, onTime: 0, late: 0, returned: 0, missing: 0 });

const COUNT_KEY: Record<ReportDelivery, Exclude<keyof ReportingCounts, 'owed'>> = {
  on_time: 'onTime',
  late: 'late',
  returned: 'returned',
  missing: 'missing',
};

/**
 * Reports due in `period` (YYYY-MM) and owed by `asOf`, judged as of `asOf`. `prepared[i]` and `views[i]`
 * describe the same assignment, in the bulletin's order (measure, unit code, id).
 */
export function reportingAsOf(
  prepared: readonly Prepared[],
  views: readonly View[],
  period: string,
  asOf: string,
  settings: Pick<PlanSettings, 'reportDueDay'>,
  names: { unitName: (code: string) => string; measureNumber: (measureId: number) => number },
): BulletinReporting {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const first = isoDate(y, m, 1);
  const last = isoDate(y, m, daysInMonth(y, m));
  const total = zero();
  const perUnit = new Map<string, ReportingCounts & { items: ReportingItem[] }>();

  views.forEach((v, i) => {
    const p = prepared[i]!;
    if (NOT_OWING.has(v.state)) return;
    // Reports stop being owed once the work is done (as the dashboards count them).
    const completedOn = DONE_STATES.includes(v.state) ? p.completedOn : null;
    const cutoff = completedOn && completedOn < asOf ? completedOn : asOf;
    const a = v.a;
    const end = a.due && a.due >= a.dispatchedOn && a.due < cutoff ? a.due : cutoff;
    for (const owed of dueReportsBefore(cutoff, a.dispatchedOn, end, p.cadence, settings.reportDueDay)) {
      if (owed.due < first || owed.due > last) continue;
      let deliveredOn: string | null = null;
      let returned = false;
      for (const r of p.reports) {
        if (r.period !== owed.key) continue;
        const ref = reportAsOf(r, asOf);
        if (!ref) continue;
        if (ref.status === 'returned') returned = true;
        else if (!deliveredOn || ref.submittedOn! < deliveredOn) deliveredOn = ref.submittedOn!;
      }
      const status: ReportDelivery = deliveredOn
        ? deliveredOn <= owed.due
          ? 'on_time'
          : 'late'
        : returned
          ? 'returned'
          : 'missing';
      let unit = perUnit.get(a.unitCode);
      if (!unit) {
        unit = { ...zero(), items: [] };
        perUnit.set(a.unitCode, unit);
      }
      for (const c of [total, unit]) {
        c.owed += 1;
        c[COUNT_KEY[status]] += 1;
      }
      if (status !== 'on_time') {
        unit.items.push({
          assignmentExternalId: a.externalId,
          measureNumber: names.measureNumber(a.measureId),
          reportPeriod: owed.key,
          status,
          submittedOn: deliveredOn,
          daysLate: status === 'late' ? daysBetween(owed.due, deliveredOn!) : null,
        });
      }
    }
  });

  const units = [...perUnit]
    .filter(([, u]) => u.items.length > 0)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([code, u]) => ({
      unitCode: code,
      unitName: names.unitName(code),
      owed: u.owed,
      onTime: u.onTime,
      late: u.late,
      returned: u.returned,
      missing: u.missing,
      items: u.items,
    }));
  return {
    ...total,
    onTimeRate: total.owed === 0 ? null : roundHalfUp1((100 * total.onTime) / total.owed),
    unitsOwing: perUnit.size,
    units,
  };
}
