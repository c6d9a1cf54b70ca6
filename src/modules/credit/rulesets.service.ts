import { authorize } from '../../core/auth/access.js';
import { businessToday, isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { fromJson, toBool, toFlag } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import {
  activationIssues,
  checkParamTypes,
  paramSchema,
  RULE_SET_CODES,
  type RuleParams,
  type RuleSet,
  type RuleSetStatus,
  ruleSetInForce,
} from './domain/rule-sets.js';
import * as repo from './rulesets.repository.js';
import type { CreateRuleSetInput, RuleSetDtoT, UpdateRuleSetInput } from './rulesets.schema.js';

/** A stored row as the domain's RuleSet. */
export function toRuleSet(row: repo.RuleSetRow): RuleSet {
  return {
    code: row.code,
    version: row.version,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    basis: row.basis,
    params: fromJson<RuleParams>(row.params_json),
    appliesToExisting: toBool(row.applies_to_existing),
    status: row.status as RuleSetStatus,
  };
}

function checkDates(...days: (string | null | undefined)[]): void {
  for (const d of days) if (d && !isCalendarDate(d)) throw new QcError('QC_ERR_VALIDATION', [d]);
}

function issueText(issues: { key: string; problem: string }[]): string {
  return issues.map((i) => `${i.key} ${i.problem}`).join(', ');
}

/**
 * Versioned rule sets (credit.md §4.1), maintained by the quality office: new versions start as drafts copied
 * from an existing one, drafts are edited and then activated (schema-checked), active ones retired.
 * Versions are never deleted: records pin them.
 */
export class RuleSetService {
  constructor(private readonly core: CoreDeps) {}

  private today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  private dto(row: repo.RuleSetRow, all: readonly repo.RuleSetRow[]): RuleSetDtoT {
    const set = toRuleSet(row);
    const inForce = ruleSetInForce(
      row.code,
      this.today(),
      all.map((r) => ({ ...toRuleSet(r), id: Number(r.id) })),
    );
    return {
      id: Number(row.id),
      ...set,
      versionNo: Number(row.version_no),
      schema: paramSchema(row.code, row.version) ?? [],
      issues: row.status === 'draft' ? activationIssues(set) : [],
      inForceToday: inForce?.id === Number(row.id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Every version (optionally of one code), oldest first per code. */
  async list(ctx: RequestContext, code?: string): Promise<RuleSetDtoT[]> {
    authorize(ctx, 'credit.rules');
    const rows = await repo.listRuleSets(this.core.db);
    return rows.filter((r) => !code || r.code === code).map((r) => this.dto(r, rows));
  }

  /** One version with its parameter schema and what blocks its activation. */
  async get(ctx: RequestContext, id: number): Promise<RuleSetDtoT> {
    authorize(ctx, 'credit.rules');
    const rows = await repo.listRuleSets(this.core.db);
    const row = rows.find((r) => Number(r.id) === id);
    if (!row) throw new QcError('QC_ERR_RULESET_NOT_FOUND', [id]);
    return this.dto(row, rows);
  }

  /** A new draft version of a known code, its params copied from `fromId` (else the code's latest version). */
  async create(ctx: RequestContext, input: CreateRuleSetInput): Promise<RuleSetDtoT> {
    authorize(ctx, 'credit.rules');
    if (!RULE_SET_CODES.includes(input.code)) throw new QcError('QC_ERR_RULESET_UNKNOWN_CODE', [input.code]);
    checkDates(input.effectiveFrom);
    const id = await this.core.db.transaction().execute(async (trx) => {
      if (await repo.ruleSetByKey(trx, input.code, input.version)) {
        throw new QcError('QC_ERR_RULESET_EXISTS', [`${input.code} ${input.version}`]);
      }
      const siblings = await repo.listRuleSets(trx, input.code);
      const source = input.fromId
        ? siblings.find((r) => Number(r.id) === input.fromId)
        : siblings.reduce<repo.RuleSetRow | undefined>(
            (a, b) => (!a || (b.effective_from ?? '') >= (a.effective_from ?? '') ? b : a),
            undefined,
          );
      if (input.fromId && !source) throw new QcError('QC_ERR_RULESET_NOT_FOUND', [input.fromId]);
      const now = isoNow(this.core.clock);
      const row = await repo.insertRuleSet(trx, {
        code: input.code,
        version: input.version,
        effective_from: input.effectiveFrom ?? null,
        effective_to: null,
        basis: input.basis?.trim() || source?.basis || input.code,
        params_json: source?.params_json ?? '{}',
        applies_to_existing: source?.applies_to_existing ?? toFlag(false),
        status: 'draft',
        created_at: now,
        updated_at: now,
        version_no: 1,
      });
      await this.core.audit.append(trx, ctx, {
        action: 'ruleset.create',
        entityType: 'rule_set',
        entityId: String(row.id),
        after: { ...toRuleSet(row), fromId: source ? Number(source.id) : null },
      });
      return Number(row.id);
    });
    return this.get(ctx, id);
  }

  /** Edits a draft: params (type-checked; blanks allowed until activation), basis, dates, appliesToExisting. */
  async update(ctx: RequestContext, id: number, input: UpdateRuleSetInput): Promise<RuleSetDtoT> {
    authorize(ctx, 'credit.rules');
    checkDates(input.effectiveFrom, input.effectiveTo);
    await this.core.db.transaction().execute(async (trx) => {
      const row = await this.mustFindDraft(trx, id);
      const before = toRuleSet(row);
      const params = input.params ? { ...before.params, ...input.params } : before.params;
      const problems = checkParamTypes(paramSchema(row.code, row.version) ?? [], params);
      if (problems.length) throw new QcError('QC_ERR_RULESET_PARAMS_INVALID', [issueText(problems)], problems);
      const updated = await repo.updateRuleSet(trx, id, input.versionNo, {
        params_json: JSON.stringify(params),
        basis: input.basis?.trim() ?? row.basis,
        effective_from: input.effectiveFrom === undefined ? row.effective_from : input.effectiveFrom,
        effective_to: input.effectiveTo === undefined ? row.effective_to : input.effectiveTo,
        applies_to_existing:
          input.appliesToExisting === undefined ? row.applies_to_existing : toFlag(input.appliesToExisting),
        updated_at: isoNow(this.core.clock),
      });
      if (!updated) throw new QcError('QC_ERR_CONFLICT');
      await this.core.audit.append(trx, ctx, {
        action: 'ruleset.update',
        entityType: 'rule_set',
        entityId: String(id),
        before,
        after: toRuleSet(updated),
      });
    });
    return this.get(ctx, id);
  }

  /** Activates a complete draft (RULESET_INCOMPLETE names every empty required value). */
  async activate(ctx: RequestContext, id: number, versionNo: number): Promise<RuleSetDtoT> {
    authorize(ctx, 'credit.rules');
    await this.core.db.transaction().execute(async (trx) => {
      const row = await this.mustFindDraft(trx, id);
      const issues = activationIssues(toRuleSet(row));
      if (issues.length) throw new QcError('QC_ERR_RULESET_INCOMPLETE', [issueText(issues)], issues);
      await this.setStatus(trx, ctx, row, versionNo, 'active', 'ruleset.activate');
    });
    return this.get(ctx, id);
  }

  /** Retires an active version: no longer in force for new triggers; records pinned to it keep it. */
  async retire(ctx: RequestContext, id: number, versionNo: number): Promise<RuleSetDtoT> {
    authorize(ctx, 'credit.rules');
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.ruleSetById(trx, id);
      if (!row) throw new QcError('QC_ERR_RULESET_NOT_FOUND', [id]);
      if (row.status !== 'active') throw new QcError('QC_ERR_RULESET_NOT_ACTIVE');
      await this.setStatus(trx, ctx, row, versionNo, 'retired', 'ruleset.retire');
    });
    return this.get(ctx, id);
  }

  private async mustFindDraft(trx: CoreDeps['db'], id: number): Promise<repo.RuleSetRow> {
    const row = await repo.ruleSetById(trx, id);
    if (!row) throw new QcError('QC_ERR_RULESET_NOT_FOUND', [id]);
    if (row.status !== 'draft') throw new QcError('QC_ERR_RULESET_NOT_DRAFT', [row.status]);
    return row;
  }

  private async setStatus(
    trx: CoreDeps['db'],
    ctx: RequestContext,
    row: repo.RuleSetRow,
    versionNo: number,
    status: RuleSetStatus,
    action: string,
  ): Promise<void> {
    const updated = await repo.updateRuleSet(trx, Number(row.id), versionNo, {
      status,
      updated_at: isoNow(this.core.clock),
    });
    if (!updated) throw new QcError('QC_ERR_CONFLICT');
    await this.core.audit.append(trx, ctx, {
      action,
      entityType: 'rule_set',
      entityId: String(row.id),
      before: { status: row.status },
      after: { status, code: row.code, version: row.version },
    });
  }

  /** Every stored version as domain rule sets (no access check: used by other credit services). */
  async all(): Promise<RuleSet[]> {
    return (await repo.listRuleSets(this.core.db)).map(toRuleSet);
  }
}
