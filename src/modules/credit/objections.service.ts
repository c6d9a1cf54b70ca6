import type { Kysely } from 'kysely';
import { type Static, Type } from 'typebox';
import { authorize, can } from '../../core/auth/access.js';
import { isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { paging } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { Nullable, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';
import { loadCreditRules } from './credit-rules.js';
import { objectionDueOn } from './domain/repair.js';
import * as listsRepo from './lists.repository.js';
import type { ListService } from './lists.service.js';
import * as repo from './objections.repository.js';
import * as recordsRepo from './records.repository.js';
import { Id } from './records.schema.js';
import { type CreditService, ownUnit } from './records.service.js';

export const FileObjectionBody = Strict({
  recordId: Type.Optional(Id),
  entryId: Type.Optional(Id),
  reason: Text(2000),
});
export const DecideObjectionBody = Strict({
  action: Type.Union([Type.Literal('verify_externally'), Type.Literal('uphold'), Type.Literal('reject')]),
  decision: Text(2000),
});
export const ObjectionQuery = Strict({
  status: Type.Optional(Text(30)),
  overdue: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export const Objection = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  recordId: Nullable(Type.Integer()),
  entryId: Nullable(Type.Integer()),
  status: Type.String(),
  unitCode: Nullable(Type.String()),
  filedOn: Type.String(),
  dueOn: Type.String({ description: '3 working days, 7 with external verification' }),
  decidedOn: Nullable(Type.String()),
  escalatedOn: Nullable(Type.String()),
  reason: Type.String(),
  decision: Nullable(Type.String()),
});
export type ObjectionT = Static<typeof Objection>;

const PENDING = ['SUBMITTED', 'EXTERNAL_VERIFICATION'];

/**
 * Objections (异议, credit.md §5.5): the enterprise files against its own record or listing; the deciding unit
 * (or the office) upholds or rejects within 3 working days (7 with external verification). Upheld: the record
 * is withdrawn (or the listing revoked) at once.
 */
export class ObjectionService {
  constructor(
    private readonly core: CoreDeps,
    private readonly credit: CreditService,
    private readonly lists: ListService,
  ) {}

  async file(ctx: RequestContext, body: Static<typeof FileObjectionBody>): Promise<ObjectionT> {
    const own = await this.credit.ownEnterpriseId(ctx);
    if ((body.recordId === undefined) === (body.entryId === undefined)) throw new QcError('QC_ERR_OBJECTION_TARGET');
    return this.core.db.transaction().execute(async (trx) => {
      let unitCode: string | null = null;
      if (body.recordId !== undefined) {
        const rec = await recordsRepo.recordById(trx, body.recordId);
        // Someone else's record answers like a missing one would be a leak; it is refused as not own.
        if (!rec || Number(rec.enterprise_id) !== own) throw new QcError('QC_ERR_OBJECTION_NOT_OWN');
        if (rec.visibility === 'INTERNAL' || rec.visibility === 'SHARED') throw new QcError('QC_ERR_OBJECTION_NOT_OWN');
        unitCode = rec.unit_code;
      } else {
        const entry = await listsRepo.entryById(trx, body.entryId!);
        if (!entry || Number(entry.enterprise_id) !== own) throw new QcError('QC_ERR_OBJECTION_NOT_OWN');
        unitCode = entry.unit_code;
      }
      const pending = await repo.objectionOnTarget(
        trx,
        body.recordId !== undefined ? 'record_id' : 'entry_id',
        (body.recordId ?? body.entryId)!,
        PENDING,
      );
      if (pending) throw new QcError('QC_ERR_OBJECTION_PENDING', [Number(pending.id)]);
      const rules = await loadCreditRules(trx);
      const today = this.credit.today();
      const sd = rules.sdCredit(today);
      const now = isoNow(this.core.clock);
      const row = await repo.insertObjection(trx, {
        enterprise_id: own,
        record_id: body.recordId ?? null,
        entry_id: body.entryId ?? null,
        status: 'SUBMITTED',
        unit_code: unitCode,
        filed_on: today,
        due_on: objectionDueOn(rules.calendar, today, false, {
          plain: sd.objectionDays,
          external: sd.objectionExternalDays,
        }),
        reason: body.reason,
        filed_by: ctx.actor?.userId ?? null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await this.core.audit.append(trx, ctx, {
        action: 'credit.objection.file',
        entityType: 'objection',
        entityId: String(row.id),
        after: row,
      });
      return this.view(trx, row);
    });
  }

  /** External verification extends the deadline to 7 working days from filing; uphold/reject decide it. */
  async decide(ctx: RequestContext, id: number, body: Static<typeof DecideObjectionBody>): Promise<ObjectionT> {
    const actor = authorize(ctx, 'credit.decide');
    return this.core.db.transaction().execute(async (trx) => {
      const row = await repo.objectionById(trx, id);
      if (!row) throw new QcError('QC_ERR_OBJECTION_NOT_FOUND', [id]);
      ownUnit(actor, row.unit_code);
      const allowed = body.action === 'verify_externally' ? ['SUBMITTED'] : PENDING;
      if (!allowed.includes(row.status)) throw new QcError('QC_ERR_OBJECTION_STATE', [row.status]);
      const today = this.credit.today();
      const rules = await loadCreditRules(trx);
      const sd = rules.sdCredit(today);
      const set =
        body.action === 'verify_externally'
          ? {
              status: 'EXTERNAL_VERIFICATION',
              due_on: objectionDueOn(rules.calendar, row.filed_on, true, {
                plain: sd.objectionDays,
                external: sd.objectionExternalDays,
              }),
            }
          : {
              status: body.action === 'uphold' ? 'UPHELD' : 'REJECTED',
              decided_on: today,
              decided_by: ctx.actor?.userId ?? null,
            };
      const updated = await repo.updateObjectionIfVersion(trx, id, row.version, {
        ...set,
        decision: body.decision,
        updated_at: isoNow(this.core.clock),
      });
      if (!updated) throw new QcError('QC_ERR_CONFLICT');
      await this.core.audit.append(trx, ctx, {
        action: `credit.objection.${body.action}`,
        entityType: 'objection',
        entityId: String(id),
        before: { status: row.status },
        after: { status: updated.status, decision: body.decision },
      });
      if (body.action === 'uphold') await this.applyUpheld(trx, ctx, updated, body.decision);
      return this.view(trx, updated);
    });
  }

  /** Upheld: the record is withdrawn (the unit re-records a corrected one), or the listing is revoked. */
  private async applyUpheld(
    trx: Kysely<DB>,
    ctx: RequestContext,
    o: { record_id: number | null; entry_id: number | null },
    reason: string,
  ) {
    if (o.record_id !== null) {
      const rec = await recordsRepo.recordById(trx, Number(o.record_id));
      if (rec && rec.status === 'ACTIVE') await this.credit.setStatus(trx, ctx, rec, 'WITHDRAWN', reason);
    } else if (o.entry_id !== null) {
      const entry = await listsRepo.entryById(trx, Number(o.entry_id));
      if (entry && !['EXPIRED', 'REMOVED_EARLY', 'REMOVED_ON_CURE', 'REVOKED'].includes(entry.state)) {
        const rules = await loadCreditRules(trx);
        await this.lists.apply(trx, ctx, rules, entry, 'revoke', this.credit.today(), reason, [], true);
      }
    }
  }

  /** Government users see all (credit.read), an enterprise its own. */
  async list(ctx: RequestContext, q: Static<typeof ObjectionQuery>) {
    const { page, pageSize, offset } = paging(q.page, q.pageSize);
    let enterpriseId: number | undefined;
    if (can(ctx.actor, 'credit.read')) authorize(ctx, 'credit.read');
    else enterpriseId = await this.credit.ownEnterpriseId(ctx);
    const { items: rows, total } = await repo.listObjections(this.core.db, {
      enterpriseId,
      status: q.status,
      overdue: q.overdue ? { statuses: PENDING, before: this.credit.today() } : undefined,
      offset,
      limit: pageSize,
    });
    const items = await Promise.all(rows.map((r) => this.view(this.core.db, r)));
    return { items, total, page, pageSize };
  }

  /** The daily job: pending objections past their due day are escalated to the unit head once. */
  async escalateOverdue(trx: Kysely<DB>, ctx: RequestContext, day: string): Promise<number> {
    const rows = await repo.escalateOverdueObjections(trx, PENDING, day, isoNow(this.core.clock));
    for (const r of rows) {
      await this.core.audit.append(trx, ctx, {
        action: 'credit.objection.escalate',
        entityType: 'objection',
        entityId: String(r.id),
        after: { escalatedOn: day, to: 'unit_head' },
      });
    }
    return rows.length;
  }

  private async view(db: Kysely<DB>, r: repo.ObjectionRow): Promise<ObjectionT> {
    const e = await recordsRepo.enterpriseBasics(db, Number(r.enterprise_id));
    return {
      id: Number(r.id),
      enterpriseId: Number(r.enterprise_id),
      enterpriseName: e?.name ?? '',
      recordId: r.record_id === null ? null : Number(r.record_id),
      entryId: r.entry_id === null ? null : Number(r.entry_id),
      status: r.status,
      unitCode: r.unit_code,
      filedOn: r.filed_on,
      dueOn: r.due_on,
      decidedOn: r.decided_on,
      escalatedOn: r.escalated_on,
      reason: r.reason,
      decision: r.decision,
    };
  }
}
