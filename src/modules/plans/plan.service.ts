import { authorize } from '../../core/auth/access.js';
import { shanghaiDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import type { PlanTable } from '../../core/db/schema-plans.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import type { OrgService } from '../orgs/service.js';
import { blockingIssues, planPublication } from './domain/publication.js';
import { mergeSettings, type PlanSettings, type PlanSettingsPatch } from './domain/settings.js';
import { extractPlanText } from './extract.js';
import { type ParseResult, PlanParseError, parsePlan } from './parser/index.js';
import * as repo from './plan.repository.js';
import { readPublication, writePublication } from './publication.repository.js';
import type { SubPlanService } from './subplan.service.js';

/** A plan as lists show it. */
export interface PlanSummary {
  id: number;
  code: string;
  title: string;
  year: number;
  docNumber: string | null;
  issuerCode: string | null;
  writtenOn: string | null;
  status: string;
  districtCode: string | null;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
}

type PlanRow = Omit<
  PlanTable,
  'id' | 'parent_plan_id' | 'source_text' | 'parse_json' | 'settings_json' | 'source_name'
> & {
  id: number;
};

function summary(row: PlanRow): PlanSummary {
  return {
    id: Number(row.id),
    code: row.code,
    title: row.title,
    year: Number(row.year),
    docNumber: row.doc_number,
    issuerCode: row.issuer_code,
    writtenOn: row.written_on,
    status: row.status,
    districtCode: row.district_code,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

/** Work the system does on its own (first-start seeding) skips the caller check. */
type SystemOption = { system?: boolean };

export function parseOrFail(text: string, options: Parameters<typeof parsePlan>[1]): ParseResult {
  try {
    return parsePlan(text, options);
  } catch (err) {
    if (err instanceof PlanParseError)
      throw new QcError('QC_ERR_PLAN_PARSE', [`${err.code}: ${err.message}`], { reason: err.code });
    throw err;
  }
}

/** The plan module's import side: official text → draft with preview → publish with assignments. */
export class PlanService {
  constructor(
    private readonly core: CoreDeps,
    private readonly orgs: OrgService,
    private readonly subPlans: SubPlanService,
  ) {}

  private async mustFind(id: number) {
    const row = await repo.findPlan(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_PLAN_NOT_FOUND', [id]);
    return row;
  }

  /** The effective settings of a plan: its stored overrides on the defaults. */
  settingsOf(row: { settings_json: string }): PlanSettings {
    return mergeSettings(JSON.parse(row.settings_json) as PlanSettingsPatch);
  }

  private async parse(text: string, options: { joinLines?: boolean; code?: string; year?: number }) {
    const registry = await this.orgs.registry();
    return parseOrFail(text, { registry, joinLines: options.joinLines, planCode: options.code, year: options.year });
  }

  /** How many plans exist (first-start seeding needs no access check). */
  async countAll(): Promise<number> {
    return repo.countPlans(this.core.db);
  }

  /** Every plan, newest year first. */
  async list(ctx: RequestContext, filter: { status?: string } = {}): Promise<PlanSummary[]> {
    authorize(ctx, 'plans.read');
    return (await repo.listPlans(this.core.db, { status: filter.status })).map((r) => summary(r as PlanRow));
  }

  /**
   * Imports a plan's official text as a draft (or replaces the draft with the same code); nothing is
   * assigned until it is published.
   */
  async importText(
    ctx: RequestContext,
    input: { text: string; sourceName?: string; code?: string; year?: number; joinLines?: boolean },
    options: SystemOption = {},
  ): Promise<PlanSummary> {
    if (!options.system) authorize(ctx, 'plans.manage');
    const parse = await this.parse(input.text, input);
    const code = parse.plan.code;
    const at = this.core.clock.now().toISOString();
    const values = {
      code,
      title: parse.plan.title?.text ?? parse.notice.planTitle ?? code,
      year: parse.plan.year ?? Number(parse.plan.date.slice(0, 4)),
      doc_number: parse.header.docNumber?.value ?? null,
      issuer_code: parse.header.issuer?.code ?? null,
      written_on: parse.header.writtenOn?.value ?? parse.header.publishedOn?.value ?? null,
      source_name: input.sourceName ?? null,
      source_text: input.text,
      parse_json: JSON.stringify(parse),
      updated_at: at,
    };
    const id = await this.core.db.transaction().execute(async (trx) => {
      const existing = await repo.findPlanByCode(trx, code);
      if (existing && existing.status !== 'draft') throw new QcError('QC_ERR_PLAN_CODE_TAKEN', [code]);
      if (existing) {
        if (!(await repo.updatePlan(trx, Number(existing.id), Number(existing.version), values))) {
          throw new QcError('QC_ERR_CONFLICT');
        }
      }
      const planId = existing
        ? Number(existing.id)
        : await repo.insertPlan(trx, {
            ...values,
            status: 'draft',
            parent_plan_id: null,
            district_code: null,
            settings_json: '{}',
            published_at: null,
            created_at: at,
            version: 1,
          });
      await this.core.audit.append(trx, ctx, {
        action: existing ? 'plan.reimport' : 'plan.import',
        entityType: 'plan',
        entityId: String(planId),
        after: {
          code,
          title: values.title,
          sourceName: values.source_name,
          counts: parse.counts,
          warnings: parse.warnings.length,
        },
      });
      return planId;
    });
    return this.summaryOf(id);
  }

  /** The import permission alone, checked before an upload body is read. */
  authorizeImport(ctx: RequestContext): void {
    authorize(ctx, 'plans.manage');
  }

  /** Imports an uploaded .txt, .docx or text-layer .pdf. */
  async importFile(
    ctx: RequestContext,
    input: { bytes: Uint8Array; fileName: string; code?: string; year?: number },
    options: SystemOption = {},
  ) {
    if (!options.system) authorize(ctx, 'plans.manage');
    const extracted = await extractPlanText(input.bytes);
    return this.importText(
      ctx,
      {
        text: extracted.text,
        sourceName: input.fileName,
        code: input.code,
        year: input.year,
        joinLines: extracted.joinLines,
      },
      options,
    );
  }

  private async summaryOf(id: number): Promise<PlanSummary> {
    return summary((await this.mustFind(id)) as PlanRow);
  }

  /**
   * A plan with its structure, parties and parser findings. Drafts show what publishing would create
   * (assignments per unit); published plans show what is stored.
   */
  async get(ctx: RequestContext, id: number) {
    authorize(ctx, 'plans.read');
    const row = await this.mustFind(id);
    const parse = JSON.parse(row.parse_json) as ParseResult;
    const settings = this.settingsOf(row);
    const publication =
      row.status === 'draft'
        ? planPublication(parse, await this.orgs.registry(), {
            dispatchDate: shanghaiDate(this.core.clock.now()),
            mode: settings.assignmentMode,
          })
        : await readPublication(this.core.db, Number(row.id));
    const unitNames = await this.orgs.namesOf(
      publication.sections.flatMap((s) => s.measures.flatMap((m) => m.parties.map((p) => p.unitCode ?? ''))),
    );
    return {
      ...summary(row as PlanRow),
      sourceName: row.source_name,
      settings,
      header: {
        docNumber: parse.header.docNumber?.value ?? null,
        issuer: parse.header.issuer ? { name: parse.header.issuer.name, code: parse.header.issuer.code ?? null } : null,
        writtenOn: parse.header.writtenOn?.value ?? null,
        publishedOn: parse.header.publishedOn?.value ?? null,
        noticeTitle: parse.notice.title?.value ?? null,
        addressees: parse.notice.addressees.map((a) => a.name),
      },
      basis: parse.plan.basis.map((b) => ({ title: b.title, docNumber: b.docNumber, issuer: b.issuer?.name ?? null })),
      closing: parse.plan.closing.map((c) => c.text),
      obligations: parse.plan.obligations.map((o) => ({ districtCode: o.districtCode, districtName: o.districtName })),
      counts: { ...parse.counts, assignments: publication.assignments.length },
      warnings: parse.warnings.map((w) => ({
        code: w.code,
        severity: w.severity,
        message: w.message,
        offset: w.offset,
        data: w.data ?? null,
      })),
      blocking: blockingIssues(parse).length,
      sections: publication.sections.map((s) => ({
        ...s,
        measures: s.measures.map((m) => ({
          ...m,
          actions: m.actions.map((a) => ({
            externalId: a.externalId,
            ord: a.ord,
            text: a.text,
            deadlineType: a.deadline.type,
            due: a.deadline.due ?? null,
            deadlineRaw: a.deadline.raw,
            links: a.links,
          })),
          parties: m.parties.map((p) => ({ ...p, unitName: p.unitCode ? (unitNames.get(p.unitCode) ?? null) : null })),
          assignments: publication.assignments
            .filter((a) => a.measureExternalId === m.externalId)
            .map((a) => ({
              externalId: a.externalId,
              unitCode: a.unitCode,
              unitName: unitNames.get(a.unitCode) ?? null,
              role: a.role,
            })),
        })),
      })),
    };
  }

  /** The source text as imported (for the preview's "show in source"). */
  async source(ctx: RequestContext, id: number): Promise<{ text: string; sourceName: string | null }> {
    authorize(ctx, 'plans.read');
    const row = await this.mustFind(id);
    return { text: row.source_text, sourceName: row.source_name };
  }

  /** Parses the stored text again, e.g. after unit aliases were added to resolve names. */
  async reparse(ctx: RequestContext, id: number): Promise<PlanSummary> {
    authorize(ctx, 'plans.manage');
    const row = await this.mustFind(id);
    if (row.status !== 'draft') throw new QcError('QC_ERR_PLAN_NOT_DRAFT');
    const previous = JSON.parse(row.parse_json) as ParseResult;
    return this.importText(ctx, {
      text: row.source_text,
      sourceName: row.source_name ?? undefined,
      code: row.code,
      year: previous.plan.year ?? undefined,
      // Text taken from a PDF's text layer was parsed with wrapped lines joined; keep it that way.
      joinLines: /\.pdf$/i.test(row.source_name ?? ''),
    });
  }

  /** Changes a plan's supervision settings (thresholds, cadence, assignment mode before publishing). */
  async updateSettings(
    ctx: RequestContext,
    id: number,
    patch: PlanSettingsPatch,
    version: number,
  ): Promise<PlanSummary> {
    authorize(ctx, 'plans.manage');
    const row = await this.mustFind(id);
    if (patch.assignmentMode !== undefined && row.status !== 'draft') throw new QcError('QC_ERR_PLAN_NOT_DRAFT');
    const merged = { ...(JSON.parse(row.settings_json) as PlanSettingsPatch), ...patch };
    try {
      mergeSettings(merged);
    } catch (err) {
      throw new QcError('QC_ERR_PLAN_SETTINGS', [(err as Error).message]);
    }
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      if (!(await repo.updatePlan(trx, id, version, { settings_json: JSON.stringify(merged), updated_at: at }))) {
        throw new QcError('QC_ERR_CONFLICT');
      }
      await this.core.audit.append(trx, ctx, {
        action: 'plan.settings',
        entityType: 'plan',
        entityId: String(id),
        before: JSON.parse(row.settings_json),
        after: merged,
      });
    });
    return this.summaryOf(id);
  }

  /** Deletes a draft (published plans are never deleted; they are closed or archived). */
  async deleteDraft(ctx: RequestContext, id: number): Promise<void> {
    authorize(ctx, 'plans.manage');
    const row = await this.mustFind(id);
    if (row.status !== 'draft') throw new QcError('QC_ERR_PLAN_NOT_DRAFT');
    await this.core.db.transaction().execute(async (trx) => {
      await repo.deletePlan(trx, id);
      await this.core.audit.append(trx, ctx, {
        action: 'plan.delete',
        entityType: 'plan',
        entityId: String(id),
        before: { code: row.code },
      });
    });
  }

  /**
   * Publishes a draft (交办): re-parses against today's registry, refuses while blocking issues remain,
   * then stores the structure and dispatches one assignment per unit and measure (or action), all in
   * one transaction.
   */
  async publish(
    ctx: RequestContext,
    id: number,
    input: { version: number; dispatchDate?: string },
    options: SystemOption = {},
  ): Promise<PlanSummary> {
    if (!options.system) authorize(ctx, 'plans.manage');
    const row = await this.mustFind(id);
    if (row.status !== 'draft') throw new QcError('QC_ERR_PLAN_NOT_DRAFT');
    if (Number(row.version) !== input.version) throw new QcError('QC_ERR_CONFLICT');
    const dispatchDate = input.dispatchDate ?? shanghaiDate(this.core.clock.now());
    if (!isCalendarDate(dispatchDate)) throw new QcError('QC_ERR_VALIDATION', [`dispatchDate=${dispatchDate}`]);
    const previous = JSON.parse(row.parse_json) as ParseResult;
    const registry = await this.orgs.registry();
    const parse = parseOrFail(row.source_text, {
      registry,
      planCode: row.code,
      year: previous.plan.year ?? undefined,
      joinLines: /\.pdf$/i.test(row.source_name ?? ''),
    });
    const blocking = blockingIssues(parse);
    if (blocking.length) {
      throw new QcError(
        'QC_ERR_PLAN_BLOCKED',
        [blocking.length],
        blocking.map((b) => ({ code: b.code, message: b.message, offset: b.offset })),
      );
    }
    const settings = this.settingsOf(row);
    const publication = planPublication(parse, registry, { dispatchDate, mode: settings.assignmentMode });
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      const updated = await repo.updatePlan(trx, id, input.version, {
        status: 'published',
        parse_json: JSON.stringify(parse),
        published_at: at,
        updated_at: at,
      });
      if (!updated) throw new QcError('QC_ERR_CONFLICT');
      await writePublication(trx, {
        planId: id,
        publication,
        cadence: settings.cadence,
        dispatchDate,
        at,
      });
      await this.subPlans.createForPublication(trx, ctx, {
        planId: id,
        districtCodes: [...new Set(parse.plan.obligations.map((o) => o.districtCode))],
        dispatchDate,
        dueDays: settings.subPlanDueDays,
      });
      // Each assignment's own history starts with its dispatch (交办).
      for (const a of publication.assignments) {
        await this.core.audit.append(trx, ctx, {
          action: 'assignment.dispatch',
          entityType: 'assignment',
          entityId: a.externalId,
          after: {
            unitCode: a.unitCode,
            role: a.role,
            dueDate: a.dueDate,
            dispatchedOn: dispatchDate,
            state: 'dispatched',
          },
        });
      }
      await this.core.audit.append(trx, ctx, {
        action: 'plan.publish',
        entityType: 'plan',
        entityId: String(id),
        before: { status: 'draft' },
        after: {
          status: 'published',
          dispatchDate,
          assignments: publication.assignments.length,
          mode: settings.assignmentMode,
        },
      });
    });
    return this.summaryOf(id);
  }
}
