import type { Kysely } from 'kysely';
import { type Static, Type } from 'typebox';
import { authorize, can } from '../../core/auth/access.js';
import { isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { fromJson, paging } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { Nullable, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { type CreditRules, loadCreditRules } from './credit-rules.js';
import { REPAIR_KINDS, type RepairKind, type RepairVerdict, repairEligibility, repairSla } from './domain/repair.js';
import * as listsRepo from './lists.repository.js';
import type { ListService } from './lists.service.js';
import * as recordsRepo from './records.repository.js';
import { Id } from './records.schema.js';
import { type CreditService, ownUnit } from './records.service.js';
import * as repo from './repairs.repository.js';

const Checklist = Strict({
  obligationsFulfilled: Type.Optional(Type.Boolean()),
  rectified: Type.Optional(Type.Boolean()),
  harmRemoved: Type.Optional(Type.Boolean()),
  measureTermsExpired: Type.Optional(Type.Boolean()),
  cured: Type.Optional(Type.Boolean()),
});
export const RepairBody = Strict({
  kind: Type.Union(REPAIR_KINDS.map((k) => Type.Literal(k))),
  recordId: Type.Optional(Id),
  entryId: Type.Optional(Id),
  checklist: Checklist,
  commitmentSigned: Type.Boolean({ description: 'signed 守信承诺书' }),
});
export type RepairBodyT = Static<typeof RepairBody>;
export const RepairDecideBody = Strict({
  action: Type.Union([
    Type.Literal('accept'),
    Type.Literal('approve'),
    Type.Literal('reject'),
    Type.Literal('depublish'),
  ]),
  decision: Text(2000),
});
export const RepairQuery = Strict({ status: Type.Optional(Text(30)), ...PageQuery });
export const Eligibility = Type.Object({
  eligible: Type.Boolean(),
  earliestOn: Nullable(Type.String()),
  refusal: Nullable(Type.String()),
  reasons: Type.Array(Type.String()),
});
export const RepairApplication = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  kind: Type.String(),
  recordId: Nullable(Type.Integer()),
  entryId: Nullable(Type.Integer()),
  status: Type.String(),
  unitCode: Nullable(Type.String()),
  appliedOn: Type.String(),
  acceptDueOn: Type.String(),
  acceptedOn: Nullable(Type.String()),
  decideDueOn: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  depublishDueOn: Nullable(Type.String()),
  depublishedOn: Nullable(Type.String()),
  earliestOn: Nullable(Type.String()),
  checklist: Type.Unknown(),
  decision: Nullable(Type.String()),
});
export type RepairApplicationT = Static<typeof RepairApplication>;

type Row = repo.RepairRow;
const OPEN = ['SUBMITTED', 'ACCEPTED'];

/**
 * Credit repair (信用修复, credit.md §5.6): one workflow for abnormal removal, early serious-list removal and
 * early stop of penalty publicity, decided by the unit that listed or recorded ("谁列入谁修复").
 * SUBMITTED → ACCEPTED → APPROVED → DEPUBLISHED, or REJECTED.
 */
export class RepairService {
  constructor(
    private readonly core: CoreDeps,
    private readonly credit: CreditService,
    private readonly lists: ListService,
  ) {}

  /** Eligibility with reasons, for the applicant before applying (no write). */
  async eligibility(ctx: RequestContext, body: RepairBodyT): Promise<RepairVerdict> {
    const own = await this.credit.ownEnterpriseId(ctx);
    const rules = await loadCreditRules(this.core.db);
    return (await this.facts(this.core.db, rules, own, body)).verdict;
  }

  private async facts(db: Kysely<DB>, rules: CreditRules, own: number, body: RepairBodyT) {
    const today = this.credit.today();
    const entry = body.entryId !== undefined ? await listsRepo.entryById(db, body.entryId) : undefined;
    const record = body.recordId !== undefined ? await recordsRepo.recordById(db, body.recordId) : undefined;
    if ((entry && Number(entry.enterprise_id) !== own) || (record && Number(record.enterprise_id) !== own)) {
      throw new QcError('QC_ERR_FORBIDDEN');
    }
    const e = await recordsRepo.enterpriseBasics(db, own);
    const flags = (e?.list_flags ?? '').split(',');
    const details = record ? fromJson<Record<string, unknown>>(record.details_json) : {};
    let heavier = false;
    let repeated = false;
    if (entry?.listed_on) {
      heavier = (await recordsRepo.penaltiesSince(db, own, entry.listed_on)).some((p) => p.severity === 'HEAVY');
    }
    if (record?.decided_on && details.violationType) {
      repeated = (await recordsRepo.penaltiesSince(db, own, record.decided_on)).some(
        (p) =>
          Number(p.id) !== Number(record.id) &&
          fromJson<Record<string, unknown>>(p.details_json).violationType === details.violationType,
      );
    }
    const verdict = repairEligibility(
      {
        kind: body.kind,
        today,
        entry: entry
          ? {
              listCode: entry.list_code,
              state: entry.state,
              listedOn: entry.listed_on,
              repairableFrom: entry.repairable_from,
            }
          : null,
        record: record
          ? {
              type: record.type,
              status: record.status,
              publishedOn: record.published_on,
              penaltyKinds: (details.penaltyKinds as string[] | undefined) ?? [],
              sector: (details.sector as string | undefined) ?? null,
            }
          : null,
        onAbnormalOrSerious: flags.includes('ABNORMAL') || flags.includes('SERIOUS'),
        heavierPenaltySinceListing: heavier,
        repeatedViolation: repeated,
        checklist: body.checklist,
        commitmentSigned: body.commitmentSigned,
      },
      rules.repair(today),
    );
    return { verdict, entry, record, unitCode: entry?.unit_code ?? record?.unit_code ?? null, today };
  }

  /** The enterprise applies; an ineligible application is refused with the first refusal code and reasons. */
  async apply(ctx: RequestContext, body: RepairBodyT): Promise<RepairApplicationT> {
    const own = await this.credit.ownEnterpriseId(ctx);
    return this.core.db.transaction().execute(async (trx) => {
      const rules = await loadCreditRules(trx);
      const f = await this.facts(trx, rules, own, body);
      const v = f.verdict;
      if (v.refusal === 'REPAIR_NOT_YET_ELIGIBLE')
        throw new QcError('QC_ERR_REPAIR_NOT_YET_ELIGIBLE', [v.earliestOn ?? '']);
      if (v.refusal) throw new QcError(`QC_ERR_${v.refusal}`, [v.reasons.join(', ')], { reasons: v.reasons });
      const open = await repo.repairOnTarget(
        trx,
        body.entryId !== undefined ? 'entry_id' : 'record_id',
        (body.entryId ?? body.recordId)!,
        OPEN,
      );
      if (open) throw new QcError('QC_ERR_REPAIR_PENDING', [Number(open.id)]);
      const sla = repairSla(rules.calendar, body.kind, f.today, rules.repair(f.today));
      const now = isoNow(this.core.clock);
      const row = await repo.insertRepair(trx, {
        enterprise_id: own,
        kind: body.kind,
        record_id: body.recordId ?? null,
        entry_id: body.entryId ?? null,
        status: 'SUBMITTED',
        unit_code: f.unitCode,
        applied_on: f.today,
        accept_due_on: sla.acceptDueOn,
        earliest_on: v.earliestOn,
        checklist_json: JSON.stringify(body.checklist),
        commitment_signed: body.commitmentSigned ? 1 : 0,
        created_by: ctx.actor?.userId ?? null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await this.core.audit.append(trx, ctx, {
        action: 'credit.repair.apply',
        entityType: 'repair',
        entityId: String(row.id),
        after: row,
      });
      return (await withNames(trx, [row]))[0]!;
    });
  }

  /** The deciding unit accepts, approves (removal / early stop at once), rejects, then confirms de-publication. */
  async decide(ctx: RequestContext, id: number, body: Static<typeof RepairDecideBody>): Promise<RepairApplicationT> {
    const actor = authorize(ctx, 'credit.decide');
    return this.core.db.transaction().execute(async (trx) => {
      const row = await repo.repairById(trx, id);
      if (!row) throw new QcError('QC_ERR_REPAIR_NOT_FOUND', [id]);
      ownUnit(actor, row.unit_code);
      const from: Record<string, string[]> = {
        accept: ['SUBMITTED'],
        approve: ['ACCEPTED'],
        reject: OPEN,
        depublish: ['APPROVED'],
      };
      if (!from[body.action]!.includes(row.status)) throw new QcError('QC_ERR_REPAIR_STATE', [row.status]);
      const rules = await loadCreditRules(trx);
      const today = this.credit.today();
      const sla = repairSla(rules.calendar, row.kind as RepairKind, row.applied_on, rules.repair(today));
      const set =
        body.action === 'accept'
          ? { status: 'ACCEPTED', accepted_on: today, decide_due_on: sla.decideDueFrom(today) }
          : body.action === 'approve'
            ? {
                status: 'APPROVED',
                decided_on: today,
                decided_by: ctx.actor?.userId ?? null,
                depublish_due_on: sla.depublishDueFrom(today),
              }
            : body.action === 'reject'
              ? { status: 'REJECTED', decided_on: today, decided_by: ctx.actor?.userId ?? null }
              : { status: 'DEPUBLISHED', depublished_on: today };
      const updated = await repo.updateRepairIfVersion(trx, id, row.version, {
        ...set,
        decision: body.decision,
        updated_at: isoNow(this.core.clock),
      });
      if (!updated) throw new QcError('QC_ERR_CONFLICT');
      await this.core.audit.append(trx, ctx, {
        action: `credit.repair.${body.action}`,
        entityType: 'repair',
        entityId: String(id),
        before: { status: row.status },
        after: { status: updated.status, decision: body.decision },
      });
      if (body.action === 'approve') await this.applyApproval(trx, ctx, rules, row, today, body.decision);
      return (await withNames(trx, [updated]))[0]!;
    });
  }

  /** Approval takes the listing or the record off public view at once; the audit keeps both. */
  private async applyApproval(
    trx: Kysely<DB>,
    ctx: RequestContext,
    rules: CreditRules,
    row: Row,
    day: string,
    reason: string,
  ) {
    if (row.entry_id !== null) {
      const entry = await listsRepo.entryById(trx, Number(row.entry_id));
      if (!entry) throw new QcError('QC_ERR_LIST_ENTRY_NOT_FOUND', [Number(row.entry_id)]);
      const action = row.kind === 'ABNORMAL_REMOVAL' ? 'cure' : 'remove_early';
      await this.lists.apply(trx, ctx, rules, entry, action, day, reason, [], true);
    } else if (row.record_id !== null) {
      const rec = await recordsRepo.recordById(trx, Number(row.record_id));
      if (rec && rec.status === 'ACTIVE') await this.credit.setStatus(trx, ctx, rec, 'REPAIRED', reason);
    }
  }

  async list(ctx: RequestContext, q: Static<typeof RepairQuery>) {
    const { page, pageSize, offset } = paging(q.page, q.pageSize);
    let enterpriseId: number | undefined;
    if (can(ctx.actor, 'credit.read')) authorize(ctx, 'credit.read');
    else enterpriseId = await this.credit.ownEnterpriseId(ctx);
    const { items: rows, total } = await repo.listRepairs(this.core.db, {
      enterpriseId,
      status: q.status,
      offset,
      limit: pageSize,
    });
    return { items: await withNames(this.core.db, rows), total, page, pageSize };
  }
}

/** Views with the enterprise's name (one query for the page: the office queue shows names, not ids). */
async function withNames(db: Kysely<DB>, rows: Row[]): Promise<RepairApplicationT[]> {
  const ids = [...new Set(rows.map((r) => Number(r.enterprise_id)))];
  const names = new Map<number, string>();
  if (ids.length > 0) {
    const found = await recordsRepo.enterpriseNames(db, ids);
    for (const e of found) names.set(Number(e.id), e.name);
  }
  return rows.map((r) => view(r, names.get(Number(r.enterprise_id)) ?? ''));
}

function view(r: Row, enterpriseName: string): RepairApplicationT {
  return {
    id: Number(r.id),
    enterpriseId: Number(r.enterprise_id),
    enterpriseName,
    kind: r.kind,
    recordId: r.record_id === null ? null : Number(r.record_id),
    entryId: r.entry_id === null ? null : Number(r.entry_id),
    status: r.status,
    unitCode: r.unit_code,
    appliedOn: r.applied_on,
    acceptDueOn: r.accept_due_on,
    acceptedOn: r.accepted_on,
    decideDueOn: r.decide_due_on,
    decidedOn: r.decided_on,
    depublishDueOn: r.depublish_due_on,
    depublishedOn: r.depublished_on,
    earliestOn: r.earliest_on,
    checklist: fromJson(r.checklist_json),
    decision: r.decision,
  };
}
