import { authorize } from '../../core/auth/access.js';
import type { RequestContext } from '../../core/context.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { QINGDAO_DIVISIONS } from './domain/qingdao.js';
import { classifyQuery } from './domain/registry-row.js';
import { facetsOf, rankCandidates } from './domain/registry-search.js';
import { entityTypeName } from './domain/uscc.js';
import { validateUSCC } from './reference.js';
import { type ImportJobRowLike, toImportJob } from './registry.presenters.js';
import * as repo from './registry.repository.js';
import type {
  CodeExplanation,
  EnterpriseFull,
  EnterprisePublic,
  ImportJob,
  RegistrySearchQuery,
  RegistrySearchResult,
} from './registry.schema.js';

/** Public view of a row: registry basics, grade and lists (credit.md §7.1); nothing internal. */
export function toPublic(row: repo.EnterpriseRow): EnterprisePublic {
  return {
    id: Number(row.id),
    uscc: row.uscc,
    registrationNo: row.registration_no,
    name: row.name,
    formerNames: JSON.parse(row.former_names),
    entityType: row.entity_type,
    entityTypeName: entityTypeName(row.entity_type),
    legalRep: row.legal_rep,
    registeredCapitalFen: row.registered_capital === null ? null : Number(row.registered_capital),
    currency: row.currency,
    establishedOn: row.established_on,
    operatingTermTo: row.operating_term_to,
    registrationAuthority: row.registration_authority,
    registrationRegionCode: row.registration_region_code,
    districtCode: row.district_code,
    districtName: row.district_code ? (QINGDAO_DIVISIONS[row.district_code]?.name ?? null) : null,
    address: row.address,
    businessScope: row.business_scope,
    industryCode: row.industry_code,
    status: row.status,
    statusDate: row.status_date,
    grade: row.grade,
    lists: row.list_flags ? row.list_flags.split(',') : [],
    demo: row.demo === 1,
  };
}

function toFull(row: repo.EnterpriseRow): EnterpriseFull {
  return {
    ...toPublic(row),
    codeWarnings: row.code_warnings ? row.code_warnings.split(',') : [],
    score: row.score === null ? null : Number(row.score) / 100,
    riskClass: row.risk_class,
    source: row.source,
    lastSyncedAt: row.last_synced_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

/** The explanation widget (§7.4): what each part of a code means, and what is wrong with it. */
export function explainCode(code: string): CodeExplanation {
  const r = validateUSCC(code);
  return {
    code,
    valid: r.ok,
    normalized: r.normalized,
    errors: r.errors,
    warnings: r.warnings,
    parts: { ...r.parts },
  };
}

/**
 * The enterprise registry (credit.md §2, §7.4): one search box for the public and government users,
 * enterprise pages, field history and import jobs.
 */
export class RegistryService {
  constructor(private readonly core: CoreDeps) {}

  /** Government search: the same box, for users with enterprises.read. */
  search(ctx: RequestContext, query: RegistrySearchQuery): Promise<RegistrySearchResult> {
    authorize(ctx, 'enterprises.read');
    return this.runSearch(query);
  }

  /** Anonymous search (rate-limited by the route): the public fields only, same results. */
  publicSearch(query: RegistrySearchQuery): Promise<RegistrySearchResult> {
    return this.runSearch(query);
  }

  private async runSearch(query: RegistrySearchQuery): Promise<RegistrySearchResult> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const cap = this.core.config.publicSearch.countCap;
    const q = query.q?.trim() ?? '';
    const code = q ? classifyQuery(q) : null;
    const filter: repo.RegistryFilter = {
      text: null,
      legalRep: null,
      uscc: code?.kind === 'uscc' ? code.code : null,
      codePrefix: code?.kind === 'prefix' ? code.code : null,
      district: query.district,
      status: query.status,
      grade: query.grade,
      list: query.list,
    };
    if (q && !code) {
      filter.text = this.core.search.condition('enterprises', q);
      filter.legalRep = q.normalize('NFKC');
    }
    const mode = code ? code.kind : q ? 'text' : 'all';
    const explanation = code?.kind === 'uscc' ? explainCode(q) : null;
    const db = this.core.db;
    const candidates = (await repo.searchCandidates(db, filter, cap + 1)).map((c) => ({ ...c, id: Number(c.id) }));
    if (candidates.length > cap) {
      // Too many to rank: registry order, no facets; the UI shows "10000+" and asks to narrow the search.
      const rows = await repo.searchPageById(db, filter, (page - 1) * pageSize, pageSize);
      return {
        items: rows.map(toPublic),
        total: cap,
        totalCapped: true,
        page,
        pageSize,
        mode,
        facets: null,
        code: explanation,
      };
    }
    const ranked = rankCandidates(candidates, code ? null : q);
    const ids = ranked.slice((page - 1) * pageSize, page * pageSize).map((c) => c.id);
    const rows = new Map((await repo.enterprisesByIds(db, ids)).map((r) => [Number(r.id), r]));
    return {
      items: ids.map((id) => toPublic(rows.get(id)!)),
      total: candidates.length,
      totalCapped: false,
      page,
      pageSize,
      mode,
      facets: facetsOf(candidates),
      code: explanation,
    };
  }

  /** An enterprise's public registry page. */
  async publicView(id: number): Promise<EnterprisePublic> {
    return toPublic(await this.row(id));
  }

  /** The government view of one enterprise. */
  async view(ctx: RequestContext, id: number): Promise<EnterpriseFull> {
    authorize(ctx, 'enterprises.read');
    return toFull(await this.row(id));
  }

  /** An enterprise by credit code (other modules, the enterprise's own account). */
  async byUscc(uscc: string): Promise<repo.EnterpriseRow | undefined> {
    return repo.enterpriseByUscc(this.core.db, uscc);
  }

  /** Field history, newest first (credit.md §2: every change versioned). */
  async changes(ctx: RequestContext, id: number) {
    authorize(ctx, 'enterprises.read');
    await this.row(id);
    const rows = await repo.changesOf(this.core.db, id, 500);
    return rows.map((r) => ({
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
      source: r.source,
      at: r.at,
    }));
  }

  private async row(id: number): Promise<repo.EnterpriseRow> {
    const row = await repo.enterpriseById(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [id]);
    return row;
  }

  /** Recent import jobs. */
  async jobs(ctx: RequestContext): Promise<ImportJob[]> {
    authorize(ctx, 'enterprises.manage');
    return (await repo.recentJobs(this.core.db, 'enterprises', 50)).map((j) => toImportJob(j as ImportJobRowLike));
  }

  /** One import job, for polling its progress. */
  async job(ctx: RequestContext, id: number): Promise<ImportJob> {
    authorize(ctx, 'enterprises.manage');
    const job = await repo.jobById(this.core.db, id);
    if (!job || job.kind !== 'enterprises') throw new QcError('QC_ERR_REGISTRY_IMPORT_JOB_NOT_FOUND', [id]);
    return toImportJob(job);
  }

  /** The reject file (line, field, code, message, severity) as CSV text chunks, read in pages. */
  async *rejectsCsv(ctx: RequestContext, id: number): AsyncGenerator<string> {
    await this.job(ctx, id);
    yield '\uFEFFline,field,code,severity,message\n';
    let after = 0;
    for (;;) {
      const page = await repo.rejectsPage(this.core.db, id, after, 5000);
      if (page.length === 0) return;
      yield page
        .map((r) => [r.line, r.field ?? '', r.code, r.severity, r.message].map(csvCell).join(','))
        .join('\n')
        .concat('\n');
      after = Number(page[page.length - 1]!.id);
    }
  }
}

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would run as a formula in Excel; quote it with a leading apostrophe.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
