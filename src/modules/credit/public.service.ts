import crypto from 'node:crypto';
import { isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { fromJson, paging } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { loadCreditRules } from './credit-rules.js';
import { LIST_CODES, type ListCode } from './domain/list-lifecycle.js';
import { qingdaoName } from './domain/qingdao.js';
import { recordType } from './domain/record-types.js';
import * as listsRepo from './lists.repository.js';
import * as repo from './public.repository.js';
import * as recordsRepo from './records.repository.js';
import type { CreditService } from './records.service.js';

/** A record as the public sees it: no source ids, details, internal flags or visibility (credit.md §7.1). */
export interface PublicRecord {
  id: number;
  type: string;
  typeName: string;
  polarity: string;
  authority: string | null;
  documentNo: string | null;
  legalBasis: string | null;
  summary: string;
  redactedText: string | null;
  decidedOn: string | null;
  publishedOn: string | null;
  publicEndsOn: string | null;
  repairableFrom: string | null;
  objectionPending: boolean;
}

function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Public disclosure without login (credit.md §7): the enterprise credit page, list pages and the printable
 * credit report. Everything is evaluated for the day asked (default today) at query time (§7.2).
 */
export class PublicCreditService {
  constructor(
    private readonly core: CoreDeps,
    private readonly credit: CreditService,
  ) {}

  private day(asOf: string | undefined): string {
    const today = this.credit.today();
    if (asOf === undefined) return today;
    if (!isCalendarDate(asOf) || asOf > today) throw new QcError('QC_ERR_VALIDATION', [`asOf=${asOf}`]);
    return asOf;
  }

  /** The enterprise credit page: registry basics, grade (never the risk class), lists, public records. */
  async enterprise(_ctx: RequestContext, id: number, asOf?: string) {
    const day = this.day(asOf);
    const db = this.core.db;
    const e = await recordsRepo.enterpriseBasics(db, id);
    if (!e) throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [id]);
    const [{ items }, entries, rules] = await Promise.all([
      recordsRepo.listRecords(db, { enterpriseId: id, publicOn: day, offset: 0, limit: 500 }),
      listsRepo.entriesOfEnterprise(db, id),
      loadCreditRules(db),
    ]);
    const views = await this.credit.views(db, items);
    const showPending = rules.sdCredit(day).showObjectionPending;
    const records: PublicRecord[] = views.map((r) => ({
      id: r.id,
      type: r.type,
      typeName: recordType(r.type)?.zh ?? r.type,
      polarity: r.polarity,
      authority: r.authority,
      documentNo: r.documentNo,
      legalBasis: r.legalBasis,
      summary: r.summary,
      redactedText: items.find((i) => Number(i.id) === r.id)?.redacted_text ?? null,
      decidedOn: r.decidedOn,
      publishedOn: r.publishedOn,
      publicEndsOn: r.publicEndsOn,
      repairableFrom: r.repairableFrom,
      objectionPending: showPending && r.objectionPending,
    }));
    const lists = entries
      .filter((x) => {
        const shown = x.published_on !== null && x.published_on <= day;
        const inTerm = ['PUBLISHED', 'EXPIRED'].includes(x.state) && (x.expires_on === null || x.expires_on >= day);
        const cured =
          x.state === 'REMOVED_ON_CURE' && rules.pinned(x.list_code as ListCode, x.rule_set_version).showAfterRemoval;
        return shown && (inTerm || cured);
      })
      .map((x) => ({
        id: Number(x.id),
        listCode: x.list_code,
        state: x.state,
        ground: x.ground,
        listedOn: x.listed_on,
        publishedOn: x.published_on,
        expiresOn: x.expires_on,
        repairableFrom: x.repairable_from,
        removedOn: x.state === 'REMOVED_ON_CURE' ? x.removed_on : null,
        ruleSet: `${x.rule_set_code} ${x.rule_set_version}`,
      }));
    return {
      asOf: day,
      enterprise: {
        id: Number(e.id),
        name: e.name,
        uscc: e.uscc,
        registrationNo: e.registration_no,
        legalRepresentative: e.legal_rep,
        districtCode: e.district_code,
        districtName: e.district_code ? (qingdaoName(e.district_code) ?? null) : null,
        address: e.address,
        status: e.status,
        establishedOn: e.established_on,
        registrationAuthority: e.registration_authority,
        businessScope: e.business_scope,
        formerNames: fromJson<unknown[]>(e.former_names),
      },
      grade: e.grade ? { grade: e.grade, scorecardVersion: e.scorecard_version, gradedAt: e.graded_at } : null,
      lists,
      negativeRecords: records.filter((r) => r.polarity !== '+'),
      positiveRecords: records.filter((r) => r.polarity === '+'),
    };
  }

  /** One list's public page, paginated, filterable by district and USCC / name. */
  async list(
    _ctx: RequestContext,
    code: string,
    q: { page?: number; pageSize?: number; district?: string; q?: string; asOf?: string },
  ) {
    if (!(LIST_CODES as readonly string[]).includes(code)) throw new QcError('QC_ERR_LIST_UNKNOWN', [code]);
    const day = this.day(q.asOf);
    const { page, pageSize, offset } = paging(q.page, q.pageSize, 100);
    const rules = await loadCreditRules(this.core.db);
    const term = q.q?.normalize('NFKC').trim().toLowerCase();
    const isCode = term !== undefined && /^[0-9a-z]{18}$/.test(term);
    const { items, total } = await listsRepo.publicEntries(this.core.db, {
      listCode: code,
      day,
      districtCode: q.district,
      includeCured: rules.list(code as ListCode, day).rules.showAfterRemoval,
      uscc: isCode ? term.toUpperCase() : undefined,
      nameLike: term && !isCode ? `%${escapeLike(term)}%` : undefined,
      offset,
      limit: pageSize,
    });
    return {
      listCode: code,
      asOf: day,
      page,
      pageSize,
      total,
      items: items.map((x) => ({
        id: Number(x.id),
        enterpriseId: Number(x.enterprise_id),
        enterpriseName: x.enterprise_name,
        uscc: x.enterprise_uscc,
        districtCode: x.enterprise_district,
        state: x.state,
        ground: x.ground,
        reasonCategory: x.reason_category,
        unitCode: x.unit_code,
        listedOn: x.listed_on,
        publishedOn: x.published_on,
        expiresOn: x.expires_on,
        removedOn: x.state === 'REMOVED_ON_CURE' ? x.removed_on : null,
      })),
    };
  }

  /**
   * The printable credit report (§7.3) as HTML for an as-of day. Its SHA-256 (of the HTML without the footer)
   * and id are stored so /verify/{reportId} can confirm a printed copy.
   */
  async report(ctx: RequestContext, id: number, asOf?: string) {
    const page = await this.enterprise(ctx, id, asOf);
    const reportId = crypto.randomUUID();
    const issuedAt = isoNow(this.core.clock);
    const body = renderReport(page);
    const sha256 = crypto.createHash('sha256').update(body, 'utf8').digest('hex');
    await this.core.db.transaction().execute(async (trx) => {
      await repo.insertCreditReport(trx, {
        id: reportId,
        enterprise_id: id,
        as_of: page.asOf,
        sha256,
        issued_at: issuedAt,
        issued_by: ctx.actor?.userId ?? null,
      });
      await this.core.audit.append(trx, ctx, {
        action: 'credit.report.issue',
        entityType: 'credit_report',
        entityId: reportId,
        after: { enterpriseId: id, asOf: page.asOf, sha256 },
      });
    });
    const footer = `<footer><p>报告编号 Report ID: ${reportId}</p><p>生成时间 Issued: ${issuedAt}</p><p>内容 SHA-256: <code>${sha256}</code></p><p>核验 Verify: <a href="/verify/${reportId}" target="_top">/verify/${reportId}</a>(打开此地址,核对 SHA-256 与本页一致)</p></footer>`;
    return { reportId, sha256, html: body.replace('</main>', `</main>${footer}`) };
  }

  /** Verification of an issued report by id. */
  async verify(reportId: string) {
    const row = await repo.creditReportById(this.core.db, reportId);
    if (!row) throw new QcError('QC_ERR_CREDIT_REPORT_NOT_FOUND', [reportId]);
    const e = await recordsRepo.enterpriseBasics(this.core.db, Number(row.enterprise_id));
    return {
      reportId: row.id,
      enterpriseId: Number(row.enterprise_id),
      enterpriseName: e?.name ?? '',
      asOf: row.as_of,
      sha256: row.sha256,
      issuedAt: row.issued_at,
    };
  }
}

type Page = Awaited<ReturnType<PublicCreditService['enterprise']>>;

/** Chinese list names for the report (the web pages translate the codes themselves). */
const LIST_NAMES: Record<string, string> = {
  SERIOUS: '严重违法失信名单',
  ABNORMAL: '经营异常名录',
  QUALITY_BLACKLIST: '质量失信黑名单',
  TOURISM_WATCH: '旅游市场重点关注名单',
  TOURISM_BLACKLIST: '旅游市场黑名单',
  WATER_WATCH: '水利建设市场重点关注名单',
  WATER_BLACKLIST: '水利建设市场黑名单',
};

/** A4 sheet on screen and paper: the printed copy is exactly this HTML, whose hash /verify confirms. */
const REPORT_CSS = [
  '@page{size:A4;margin:18mm 16mm}',
  'body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;color:#111;margin:0;background:#fff}',
  'main,footer{max-width:178mm;margin:0 auto;padding:0 4mm}',
  'h1{text-align:center;font-size:24px;letter-spacing:6px;margin:16px 0 4px}',
  '.asof{text-align:center;color:#555;margin:0 0 16px}',
  'h2{font-size:16px;border-left:4px solid #1656a8;padding-left:8px;margin:20px 0 8px}',
  'table{border-collapse:collapse;width:100%;page-break-inside:auto}tr{page-break-inside:avoid}',
  'td,th{border:1px solid #999;padding:4px 6px;font-size:12px;vertical-align:top;text-align:left}',
  'th{background:#f0f3f8;white-space:nowrap}.kv th{width:26%}',
  '.pending{color:#b45309;font-weight:bold}',
  'footer{margin-top:24px;padding-top:8px;border-top:1px solid #999;font-size:11px;color:#444;word-break:break-all}',
  'footer p{margin:2px 0}',
].join('');

function renderReport(p: Page): string {
  const rec = (rs: PublicRecord[]) =>
    rs.length === 0
      ? '<p>无</p>'
      : `<table><tr><th>类型</th><th>决定机关</th><th>文号</th><th>依据</th><th>内容</th><th>公示起止</th><th>可修复日</th></tr>${rs
          .map(
            (r) =>
              `<tr><td>${escapeHtml(r.typeName)}${r.objectionPending ? '<br><span class="pending">(异议处理中)</span>' : ''}</td><td>${escapeHtml(r.authority)}</td><td>${escapeHtml(r.documentNo)}</td><td>${escapeHtml(r.legalBasis)}</td><td>${escapeHtml(r.summary)}</td><td>${escapeHtml(r.publishedOn)} 至 ${escapeHtml(r.publicEndsOn ?? '长期')}</td><td>${escapeHtml(r.repairableFrom ?? '')}</td></tr>`,
          )
          .join('')}</table>`;
  const lists =
    p.lists.length === 0
      ? '<p>未列入名单</p>'
      : `<table><tr><th>名单</th><th>列入日期</th><th>至</th><th>依据版本</th></tr>${p.lists
          .map(
            (l) =>
              `<tr><td>${escapeHtml(LIST_NAMES[l.listCode] ?? l.listCode)}</td><td>${escapeHtml(l.listedOn)}</td><td>${l.removedOn ? `${escapeHtml(l.removedOn)} 移出` : escapeHtml(l.expiresOn ?? '移出时')}</td><td>${escapeHtml(l.ruleSet)}</td></tr>`,
          )
          .join('')}</table>`;
  const e = p.enterprise;
  const kv = (k: string, v: string | null | undefined) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`;
  const registry = `<table class="kv">${kv('企业名称', e.name)}${kv('统一社会信用代码', e.uscc ?? e.registrationNo)}${kv('法定代表人', e.legalRepresentative)}${kv('住所', e.address)}${kv('所在区市', e.districtName)}${kv('成立日期', e.establishedOn)}${kv('登记机关', e.registrationAuthority)}</table>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>企业信用报告 ${escapeHtml(e.name)}</title><style>${REPORT_CSS}</style></head><body><main><h1>企业信用报告</h1><p class="asof">信息截至 ${escapeHtml(p.asOf)}</p><h2>登记信息</h2>${registry}<h2>质量信用等级</h2><p>${escapeHtml(p.grade?.grade ?? '未评级')}${p.grade ? `(评分卡 ${escapeHtml(p.grade.scorecardVersion)})` : ''}</p><h2>名单</h2>${lists}<h2>失信及其他信息</h2>${rec(p.negativeRecords)}<h2>守信信息</h2>${rec(p.positiveRecords)}</main></body></html>`;
}
