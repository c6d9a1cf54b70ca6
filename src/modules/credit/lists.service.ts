import type { Kysely } from 'kysely';
import { authorize, can } from '../../core/auth/access.js';
import { isoNow } from '../../core/clock.js';
import type { Actor, RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { fromJson, paging } from '../../core/db/rows.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { type CreditRules, loadCreditRules } from './credit-rules.js';
import {
  allowedListActions,
  LIST_DEFAULTS,
  type ListAction,
  type ListCode,
  type ListState,
  listingDates,
  nextListState,
  statementDueOn,
} from './domain/list-lifecycle.js';
import * as repo from './lists.repository.js';
import type { EntryQueryT, ListEntryT, ProposeBodyT, TransitionBodyT } from './lists.schema.js';
import * as recordsRepo from './records.repository.js';
import { type CreditService, ownUnit } from './records.service.js';

const SERIOUS_REASONS = ['food', 'drugs', 'quality_safety', 'consumer', 'competition', 'refusal'];
const ABNORMAL_GROUNDS = ['1', '2', '3', '4', '5'];

/**
 * Lists with their legal lifecycles (credit.md §5): proposals, notice and statement window, decision,
 * higher approval, publicity, removal; each transition stored with actor, reason, documents and rule version.
 */
export class ListService {
  constructor(
    private readonly core: CoreDeps,
    private readonly credit: CreditService,
  ) {}

  /** Proposes a listing (credit.decide, own unit). Entry conditions are checked per list. */
  async propose(ctx: RequestContext, body: ProposeBodyT): Promise<ListEntryT> {
    const actor = authorize(ctx, 'credit.decide');
    const unitCode = ownUnit(actor, body.unitCode ?? null);
    checkDay(body.triggeredOn, this.credit.today());
    checkEntryConditions(body);
    return this.core.db.transaction().execute(async (trx) => {
      const rules = await loadCreditRules(trx);
      const row = await this.insertProposal(trx, ctx, rules, { ...body, unitCode, judgment: body.judgment ?? {} });
      return this.view(trx, row, true);
    });
  }

  /** Inserts a PROPOSED entry (also used by the job's abnormal → serious escalation). */
  async insertProposal(
    trx: Kysely<DB>,
    ctx: RequestContext,
    rules: CreditRules,
    p: {
      listCode: ListCode;
      enterpriseId: number;
      triggeredOn: string;
      reason: string;
      unitCode: string | null;
      ground?: string;
      reasonCategory?: string;
      personName?: string;
      judgment: object;
      linkedEntryId?: number;
      ruleVersion?: string;
    },
  ): Promise<repo.EntryRow> {
    if (!(await recordsRepo.enterpriseBasics(trx, p.enterpriseId))) {
      throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [p.enterpriseId]);
    }
    const open = await repo.openEntry(trx, p.listCode, p.enterpriseId);
    if (open) throw new QcError('QC_ERR_LIST_DUPLICATE', [Number(open.id)]);
    const pinned = rules.list(p.listCode, p.triggeredOn);
    const now = isoNow(this.core.clock);
    const row = await repo.insertEntry(trx, {
      list_code: p.listCode,
      enterprise_id: p.enterpriseId,
      person_name: p.personName ?? null,
      state: 'PROPOSED',
      ground: p.ground ?? null,
      reason_category: p.reasonCategory ?? null,
      rule_set_code: pinned.ruleSetCode,
      rule_set_version: p.ruleVersion ?? pinned.version,
      unit_code: p.unitCode,
      triggered_on: p.triggeredOn,
      judgment_json: JSON.stringify(p.judgment),
      measures_json: '[]',
      linked_entry_id: p.linkedEntryId ?? null,
      demo: 0,
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    await this.logTransition(trx, ctx, row, null, 'PROPOSED', this.credit.today(), p.reason, []);
    return row;
  }

  /** One lifecycle step; anything the state machine does not allow fails with LIST_BAD_TRANSITION. */
  async transition(ctx: RequestContext, id: number, body: TransitionBodyT): Promise<ListEntryT> {
    const actor = authorize(ctx, 'credit.decide');
    const today = this.credit.today();
    const day = body.day ?? today;
    checkDay(day, today);
    return this.core.db.transaction().execute(async (trx) => {
      const row = await repo.entryById(trx, id);
      if (!row) throw new QcError('QC_ERR_LIST_ENTRY_NOT_FOUND', [id]);
      this.checkActor(actor, row, body.action);
      const rules = await loadCreditRules(trx);
      const moved = await this.apply(
        trx,
        ctx,
        rules,
        row,
        body.action,
        day,
        body.reason,
        body.documents ?? [],
        isHigherLevel(actor),
      );
      return this.view(trx, moved, true);
    });
  }

  /** Deciding unit acts on its own entries; approval must come from elsewhere (the office / next level). */
  private checkActor(actor: Actor, row: repo.EntryRow, action: ListAction): void {
    if (isHigherLevel(actor)) return;
    const scope = (actor.activeGrant ?? actor.roles[0])?.scope ?? null;
    if (action === 'approve') {
      if (row.unit_code === scope) throw new QcError('QC_ERR_LIST_APPROVAL_SAME_UNIT');
      return;
    }
    ownUnit(actor, row.unit_code);
  }

  /**
   * Applies an action inside the caller's transaction (routes, the repair workflow and the daily job share it):
   * dates from the pinned rule version, the mirrored credit record, list flags, the transition row and audit.
   */
  async apply(
    trx: Kysely<DB>,
    ctx: RequestContext,
    rules: CreditRules,
    row: repo.EntryRow,
    action: ListAction,
    day: string,
    reason: string,
    documents: unknown[],
    byHigherLevel: boolean,
  ): Promise<repo.EntryRow> {
    const code = row.list_code as ListCode;
    const r = rules.pinned(code, row.rule_set_version);
    const to = nextListState(row.state as ListState, action, r, byHigherLevel);
    if (!to) throw new QcError('QC_ERR_LIST_BAD_TRANSITION', [row.state, action]);
    const set: Parameters<typeof repo.updateEntry>[2] = { state: to, updated_at: isoNow(this.core.clock) };
    if (action === 'notify') {
      set.notified_on = day;
      set.statement_due_on = statementDueOn(rules.calendar, day, r);
    }
    if (action === 'decide') {
      if (row.statement_due_on && day <= row.statement_due_on) {
        throw new QcError('QC_ERR_LIST_STATEMENT_WINDOW', [row.statement_due_on]);
      }
      set.decided_on = day;
    }
    if (to === 'LISTED') {
      const d = listingDates(rules.calendar, day, r);
      Object.assign(set, {
        listed_on: d.listedOn,
        expires_on: d.expiresOn,
        repairable_from: d.repairableFrom,
        publish_due_on: d.publishDueOn,
        escalation_on: d.escalationOn,
        escalation_warning_from: d.escalationWarningFrom,
      });
    }
    if (action === 'publish') set.published_on = day;
    if (['remove_early', 'cure', 'revoke', 'expire'].includes(action)) {
      set.removed_on = day;
      set.removal_reason = reason;
    }
    const moved = await repo.updateEntry(trx, row, set);
    if (!moved) throw new QcError('QC_ERR_CONFLICT');
    await this.mirrorRecord(trx, ctx, moved, action, r.recordType, reason);
    await this.logTransition(trx, ctx, moved, row.state, to, day, reason, documents);
    await repo.refreshListFlags(trx, Number(row.enterprise_id), this.credit.today());
    await this.credit.afterWrite(trx, ctx, Number(row.enterprise_id));
    return (await repo.entryById(trx, Number(row.id)))!;
  }

  /** A published entry is also a credit record (public term = the listing); removal takes it off public view. */
  private async mirrorRecord(
    trx: Kysely<DB>,
    ctx: RequestContext,
    entry: repo.EntryRow,
    action: ListAction,
    recordType: string,
    reason: string,
  ): Promise<void> {
    if (action === 'publish') {
      const { record } = await this.credit.recordEvent(
        ctx,
        {
          sourceModule: 'credit',
          sourceRecordId: `list:${entry.id}`,
          type: recordType,
          enterpriseId: Number(entry.enterprise_id),
          unitCode: entry.unit_code,
          authority: entry.unit_code,
          summary: reason,
          // The listing is the conduct's consequence; its own term governs, capped like any negative record.
          conductEndedOn: entry.triggered_on,
          decidedOn: entry.decided_on ?? entry.listed_on,
          publishedOn: entry.published_on,
          details: { listEntryId: Number(entry.id), listExpiresOn: entry.expires_on, ground: entry.ground },
        },
        trx,
      );
      await repo.linkEntryRecord(trx, entry.id, record.id);
      return;
    }
    if (!entry.record_id || !['remove_early', 'cure', 'revoke'].includes(action)) return;
    const rec = await recordsRepo.recordById(trx, Number(entry.record_id));
    if (rec && rec.status === 'ACTIVE') {
      await this.credit.setStatus(trx, ctx, rec, action === 'revoke' ? 'REVOKED' : 'REPAIRED', reason);
    }
  }

  private async logTransition(
    trx: Kysely<DB>,
    ctx: RequestContext,
    row: repo.EntryRow,
    from: string | null,
    to: string,
    day: string,
    reason: string,
    documents: unknown[],
  ): Promise<void> {
    await repo.insertTransition(trx, {
      entry_id: row.id,
      from_state: from,
      to_state: to,
      on_day: day,
      at: isoNow(this.core.clock),
      actor_user_id: ctx.actor?.userId ?? null,
      reason,
      documents_json: JSON.stringify(documents),
      rule_set_version: row.rule_set_version,
    });
    await this.core.audit.append(trx, ctx, {
      action: from === null ? 'credit.list.propose' : `credit.list.${to.toLowerCase()}`,
      entityType: 'list_entry',
      entityId: String(row.id),
      before: from === null ? undefined : { state: from },
      after: { state: to, day, reason, listCode: row.list_code, ruleSetVersion: row.rule_set_version },
    });
  }

  /** Entries for government users (credit.read) or an enterprise's own (credit.self). */
  async list(ctx: RequestContext, q: EntryQueryT) {
    const { page, pageSize, offset } = paging(q.page, q.pageSize);
    let enterpriseId = q.enterpriseId;
    if (can(ctx.actor, 'credit.read')) authorize(ctx, 'credit.read');
    else {
      const own = await this.credit.ownEnterpriseId(ctx);
      if (enterpriseId !== undefined && enterpriseId !== own) throw new QcError('QC_ERR_FORBIDDEN');
      enterpriseId = own;
    }
    const { items, total } = await repo.listEntries(this.core.db, {
      listCode: q.listCode,
      enterpriseId,
      state: q.state,
      unitCode: q.unitCode,
      offset,
      limit: pageSize,
    });
    const views = items.map((r) => toView(r, r.enterprise_name, r.enterprise_uscc));
    return { items: views, total, page, pageSize };
  }

  /** One entry with its transitions. */
  async get(ctx: RequestContext, id: number): Promise<ListEntryT> {
    const row = await repo.entryById(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_LIST_ENTRY_NOT_FOUND', [id]);
    if (can(ctx.actor, 'credit.read')) authorize(ctx, 'credit.read');
    else if ((await this.credit.ownEnterpriseId(ctx)) !== Number(row.enterprise_id))
      throw new QcError('QC_ERR_FORBIDDEN');
    return this.view(this.core.db, row, true);
  }

  async view(db: Kysely<DB>, row: repo.EntryRow, withTransitions: boolean): Promise<ListEntryT> {
    const e = await recordsRepo.enterpriseBasics(db, Number(row.enterprise_id));
    const v = toView(row, e?.name ?? '', e?.uscc ?? null);
    if (withTransitions) {
      v.transitions = (await repo.transitionsOf(db, Number(row.id))).map((t) => ({
        fromState: t.from_state,
        toState: t.to_state,
        onDay: t.on_day,
        at: t.at,
        actorUserId: t.actor_user_id === null ? null : Number(t.actor_user_id),
        reason: t.reason,
        documents: fromJson(t.documents_json),
        ruleSetVersion: t.rule_set_version,
      }));
    }
    return v;
  }
}

/** The city office (admin) is the higher level for county and prefecture decisions. */
function isHigherLevel(actor: Actor): boolean {
  return actor.roles.some((g) => g.role === 'admin');
}

function checkDay(day: string, today: string): void {
  if (!isCalendarDate(day)) throw new QcError('QC_ERR_VALIDATION', [`day=${day}`]);
  if (day > today) throw new QcError('QC_ERR_VALIDATION', [`day ${day} is after today ${today}`]);
}

/** §5.2 entry conditions (all three; proven lack of intent blocks), §5.3 grounds. */
function checkEntryConditions(b: ProposeBodyT): void {
  if (b.listCode === 'SERIOUS') {
    const j = b.judgment ?? {};
    const missing = (['breachOfLaw', 'seriousCircumstances', 'heavierPenalty'] as const).filter((k) => !j[k]);
    if (missing.length) throw new QcError('QC_ERR_LIST_ENTRY_CONDITIONS', [missing.join(', ')]);
    if (j.provenNoIntent) throw new QcError('QC_ERR_LIST_ENTRY_CONDITIONS', ['provenNoIntent']);
    if (!b.reasonCategory || !SERIOUS_REASONS.includes(b.reasonCategory)) {
      throw new QcError('QC_ERR_LIST_ENTRY_CONDITIONS', [`reasonCategory ∈ ${SERIOUS_REASONS.join('|')}`]);
    }
  }
  if (b.listCode === 'ABNORMAL' && (!b.ground || !ABNORMAL_GROUNDS.includes(b.ground))) {
    throw new QcError('QC_ERR_LIST_ENTRY_CONDITIONS', ['ground ∈ 1..5']);
  }
}

function toView(r: repo.EntryRow, name: string, uscc: string | null): ListEntryT {
  return {
    id: Number(r.id),
    listCode: r.list_code,
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: name,
    enterpriseUscc: uscc,
    personName: r.person_name,
    state: r.state,
    ground: r.ground,
    reasonCategory: r.reason_category,
    ruleSetCode: r.rule_set_code,
    ruleSetVersion: r.rule_set_version,
    unitCode: r.unit_code,
    triggeredOn: r.triggered_on,
    notifiedOn: r.notified_on,
    statementDueOn: r.statement_due_on,
    decidedOn: r.decided_on,
    listedOn: r.listed_on,
    publishDueOn: r.publish_due_on,
    publishedOn: r.published_on,
    expiresOn: r.expires_on,
    repairableFrom: r.repairable_from,
    escalationOn: r.escalation_on,
    escalationWarningFrom: r.escalation_warning_from,
    removedOn: r.removed_on,
    removalReason: r.removal_reason,
    judgment: fromJson(r.judgment_json),
    linkedEntryId: r.linked_entry_id === null ? null : Number(r.linked_entry_id),
    recordId: r.record_id === null ? null : Number(r.record_id),
    // Whether a list is curable is structural (abnormal operations), the same in every rule set version.
    allowedActions: allowedListActions(r.state as ListState, {
      curable: LIST_DEFAULTS[r.list_code as ListCode]?.curable ?? false,
    }),
  };
}
