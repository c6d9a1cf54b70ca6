import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import nzhcn from 'nzh/cn';
import { authorize } from '../../core/auth/access.js';
import { shanghaiDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import * as repo from './dashboard.repository.js';
import type { ComparisonT, DashboardT } from './dashboard.schema.js';
import {
  type DashAssignment,
  type DashboardInput,
  type DashReport,
  groupReports,
  type Report,
} from './domain/as-of.js';
import { presetDate } from './domain/baseline.js';
import { type CompareFilter, comparePlan, dashboard } from './domain/dashboard.js';
import type { LightCode } from './domain/lights.js';
import type { PlanService } from './plan.service.js';

/** The MIME type of an .xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const LIGHT_ZH: Readonly<Record<LightCode, string>> = {
  ON_TRACK: '正常推进',
  NEAR: '临近期限',
  BEHIND: '进度滞后',
  OVERDUE: '逾期',
  DONE: '已办结',
  NOT_SET: '未设期限',
};

const KIND_ZH: Readonly<Record<string, string>> = {
  gov: '市政府',
  gov_office: '政府办公厅',
  muni_dept: '市直部门',
  central_resident: '驻青单位',
  district: '区(市)',
  district_dept: '区(市)部门',
  zone: '功能区',
  external: '外部单位',
};

const LEVEL_ZH = { E1: '催办单', E2: '督办单' } as const;

// Rows of a plan are reused for at most this long, and for this many plans.
const CACHE_MS = 60_000;
const CACHED_PLANS = 8;

interface CachedRows {
  stamp: string;
  readAt: number;
  assignments: DashAssignment[];
  reports: DashReport[];
  grouped: Map<number, Report[]>;
}

/** An exported workbook and the file name to offer. */
export interface ExportFile {
  fileName: string;
  /** For clients that cannot read the UTF-8 name. */
  asciiName: string;
  bytes: Buffer;
}

/** Plan dashboards as of a day (R-S11), baseline comparison (R-S12) and their Excel export; read-only. */
export class DashboardService {
  private readonly rows = new Map<number, CachedRows>();

  constructor(
    private readonly core: CoreDeps,
    private readonly plans: PlanService,
  ) {}

  /** The day dashboards show unless asked otherwise: QCITY_AS_OF (demo mode: inside 2015), else today. */
  defaultAsOf(): string {
    return this.core.config.asOf ?? shanghaiDate(this.core.clock.now());
  }

  private day(value: string | undefined, name: string): string {
    if (value === undefined) return this.defaultAsOf();
    if (!isCalendarDate(value)) throw new QcError('QC_ERR_VALIDATION', [`${name}=${value}`]);
    return value;
  }

  /**
   * Reads a plan for the aggregation. Assignments and reports — thousands of rows, most of a request's time —
   * are kept per plan and reused while the plan's change stamp is unchanged (every repository write bumps a
   * version or adds a row), and for at most CACHE_MS, which bounds staleness after writes that bypass the
   * repositories (a console fix). The small tables and the unit names are read every time.
   */
  private async load(planId: number) {
    const db = this.core.db;
    const [head, measures, actions, units, stamp] = await Promise.all([
      repo.planHead(db, planId),
      repo.measureRows(db, planId),
      repo.actionRows(db, planId),
      repo.unitRows(db, planId),
      repo.changeStamp(db, planId),
    ]);
    if (!head) throw new QcError('QC_ERR_PLAN_NOT_FOUND', [planId]);
    let rows = this.rows.get(planId);
    if (!rows || rows.stamp !== stamp || performance.now() - rows.readAt > CACHE_MS) {
      // Read after the stamp: a write in between makes the rows newer than it, so the next request rereads.
      const [assignments, reports] = await Promise.all([repo.assignmentRows(db, planId), repo.reportRows(db, planId)]);
      rows = { stamp, readAt: performance.now(), assignments, reports, grouped: groupReports(reports) };
      this.rows.delete(planId);
      this.rows.set(planId, rows);
      // Insertion order is age order: drop the plan read longest ago beyond the limit.
      if (this.rows.size > CACHED_PLANS) this.rows.delete(this.rows.keys().next().value!);
    }
    const settings = this.plans.settingsOf(head);
    const { assignments, reports, grouped } = rows;
    const input: DashboardInput = { measures, actions, assignments, reports, grouped, units, settings };
    return { head, input };
  }

  /**
   * The rows as-of views of a plan are computed from, through the same cache, for other services of the
   * module (the monthly bulletin). No access check: the caller authorises first.
   */
  asOfInput(planId: number) {
    return this.load(planId);
  }

  /**
   * The plan's dashboard as of a day: roll-ups by plan, measure and unit, heatmap, overdue list and trend.
   * Whole-plan figures are the city's public supervision figures, so every `plans.read` holder sees them.
   */
  async dashboard(ctx: RequestContext, planId: number, asOf?: string): Promise<DashboardT> {
    authorize(ctx, 'plans.read');
    const day = this.day(asOf, 'asOf');
    const { head, input } = await this.load(planId);
    const d = dashboard(input, day);
    return {
      asOf: day,
      plan: {
        id: Number(head.id),
        code: head.code,
        title: head.title,
        colourScheme: input.settings.colourScheme,
        ...d.plan,
      },
      measures: d.measures,
      units: d.units,
      heatmap: d.heatmap,
      overdue: d.overdue,
      trend: d.trend,
    };
  }

  /** What changed between two days, per assignment (R-S12); `from` may be a preset counted back from `to`. */
  async compare(
    ctx: RequestContext,
    planId: number,
    query: { from: string; to?: string; only?: CompareFilter },
  ): Promise<ComparisonT> {
    authorize(ctx, 'plans.read');
    const to = this.day(query.to, 'to');
    const from =
      query.from === 'yesterday' || query.from === '7d' || query.from === '1m'
        ? presetDate(query.from, to)
        : this.day(query.from, 'from');
    if (from > to) throw new QcError('QC_ERR_VALIDATION', [`from=${from} is after to=${to}`]);
    const { input } = await this.load(planId);
    const result = comparePlan(input, from, to, query.only);
    return { from, to, rows: result.rows as ComparisonT['rows'], counts: result.counts };
  }

  /** The dashboard as an Excel workbook: 措施进展 (measures), 单位情况 (units), 逾期清单 (overdue list). */
  async exportXlsx(ctx: RequestContext, planId: number, asOf?: string): Promise<ExportFile> {
    const d = await this.dashboard(ctx, planId, asOf);
    const names = new Map(d.units.map((u) => [u.unitCode, u.unitName]));
    const wb = new ExcelJS.Workbook();
    wb.creator = '质量强市';
    wb.title = `${d.plan.title} 督查情况(截至 ${d.asOf})`;

    const measures = sheet(wb, '措施进展', [
      ['编号', 16],
      ['部分', 6],
      ['序号', 6],
      ['措施', 36],
      ['进度(%)', 9],
      ['最差灯色', 10],
      ...LIGHT_ORDER.map((c): [string, number] => [LIGHT_ZH[c], 9]),
      ['最近截止日', 12],
      ['责任单位', 48],
    ]);
    for (const m of d.measures) {
      measures.addRow([
        m.externalId,
        nzhcn.encodeS(m.sectionNumber),
        `(${nzhcn.encodeS(m.number)})`,
        m.title,
        m.progress,
        m.worst ? LIGHT_ZH[m.worst] : null,
        ...LIGHT_ORDER.map((c) => m.lights[c]),
        m.nextDue,
        m.units.map((u) => names.get(u) ?? u).join('、'),
      ]);
    }

    const units = sheet(wb, '单位情况', [
      ['单位代码', 10],
      ['单位名称', 24],
      ['类别', 10],
      ['任务数', 8],
      ['签收率(%)', 10],
      ['按时报送率(%)', 13],
      ['按期办结率(%)', 13],
      ['逾期数', 8],
      ['进度(%)', 9],
      ['最差灯色', 10],
    ]);
    for (const u of d.units) {
      units.addRow([
        u.unitCode,
        u.unitName,
        KIND_ZH[u.kind] ?? u.kind,
        u.assignments,
        u.signedPct,
        u.onTimeReportRate,
        u.donePct,
        u.overdue,
        u.progress,
        u.worst ? LIGHT_ZH[u.worst] : null,
      ]);
    }

    const overdue = sheet(wb, '逾期清单', [
      ['任务编号', 20],
      ['单位代码', 10],
      ['单位名称', 24],
      ['措施', 36],
      ['截止日期', 12],
      ['逾期天数', 9],
      ['督办级别', 10],
    ]);
    for (const o of d.overdue) {
      overdue.addRow([
        o.externalId,
        o.unitCode,
        o.unitName,
        o.measureTitle,
        o.dueDate,
        o.daysOverdue,
        o.level ? LEVEL_ZH[o.level] : null,
      ]);
    }
    for (const ws of [measures, units]) {
      ws.eachRow((row, n) => {
        if (n === 1) return;
        row.eachCell((cell) => {
          if (typeof cell.value === 'number' && !Number.isInteger(cell.value)) cell.numFmt = '0.0';
        });
      });
    }

    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    return {
      fileName: `${d.plan.code}-督查情况-${d.asOf}.xlsx`,
      asciiName: `${d.plan.code}-dashboard-${d.asOf}.xlsx`,
      bytes,
    };
  }
}

const LIGHT_ORDER: readonly LightCode[] = ['ON_TRACK', 'NEAR', 'BEHIND', 'OVERDUE', 'DONE', 'NOT_SET'];

// Header row in bold and frozen; codes and dates are written as text, so 370202 never becomes a number.
function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, number][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** A Content-Disposition value with an ASCII fallback and the UTF-8 file name (RFC 6266 / RFC 5987). */
export function attachmentHeader(fileName: string, asciiName: string = fileName): string {
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]+/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
