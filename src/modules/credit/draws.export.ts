import ExcelJS from 'exceljs';
import type { RequestContext } from '../../core/context.js';
import { qingdaoName } from './domain/qingdao.js';
import type { DrawService } from './draws.service.js';

/** The MIME type of an .xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A Content-Disposition value with an ASCII fallback and the UTF-8 file name (RFC 6266 / RFC 5987). The same
 * as the plans dashboard's; credit sits below plans in the module order, so it keeps its own copy.
 */
export function attachmentHeader(fileName: string, asciiName: string): string {
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]+/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A draw's results and its parameters (seed, frame hash: what 一公开 publishes) as a workbook. */
export async function exportDrawXlsx(draws: DrawService, ctx: RequestContext, id: number) {
  const draw = await draws.get(ctx, id);
  const { items } = await draws.members(ctx, id, null);
  const wb = new ExcelJS.Workbook();
  const results = wb.addWorksheet('抽查结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  results.columns = [
    { header: '序号', width: 8 },
    { header: '企业名称', width: 40 },
    { header: '统一社会信用代码', width: 22 },
    { header: '区市', width: 12 },
    { header: '风险分类', width: 10 },
    { header: '检查人员', width: 30 },
    { header: '检查人员编号', width: 20 },
  ];
  results.getRow(1).font = { bold: true };
  for (const m of items) {
    // Codes are written as text so that a numeric-looking code never becomes a number.
    results.addRow([
      m.position,
      m.name,
      m.uscc ?? '',
      m.districtCode ? (qingdaoName(m.districtCode) ?? m.districtCode) : '',
      m.riskClass,
      m.inspectors.map((i) => i.name ?? i.code).join('、'),
      m.inspectors.map((i) => i.code).join(','),
    ]);
  }
  const info = wb.addWorksheet('抽查信息');
  info.columns = [
    { header: '项目', width: 22 },
    { header: '内容', width: 80 },
  ];
  info.getRow(1).font = { bold: true };
  const f = draw.filter;
  const rows: [string, string | number][] = [
    ['抽查任务', draw.title],
    ['抽取日期', draw.drawnOn],
    ['随机种子', draw.seed],
    ['抽查比例规则版本', `SAMPLING ${draw.ruleSetVersion}`],
    ['区市', f.districtCode ? (qingdaoName(f.districtCode) ?? f.districtCode) : '全部'],
    ['登记状态', f.status ?? '全部'],
    ['行业代码前缀', f.industryPrefix ?? '全部'],
    ['风险分类', f.riskClasses.join('、')],
    ['排除近期已抽查(月)', f.excludeDrawnMonths],
    ['抽查范围企业数', draw.frameSize],
    ['抽查范围哈希(SHA-256)', draw.frameHash],
    ...(['A', 'B', 'C', 'D'] as const).map((c): [string, string] => [
      `${c} 类`,
      `${draw.counts[c]?.selected ?? 0} / ${draw.counts[c]?.frame ?? 0}(比例 ${(draw.ratiosBp[c] ?? 0) / 100}%)`,
    ]),
    ['每户检查人员', draw.perEnterprise],
    ['检查人员工作量上限', draw.loadCap],
    ['操作人', draw.operator ?? ''],
  ];
  for (const r of rows) info.addRow(r);
  return {
    fileName: `双随机抽查-${draw.id}-${draw.drawnOn}.xlsx`,
    asciiName: `inspection-draw-${draw.id}-${draw.drawnOn}.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
