import type { Kysely } from 'kysely';
import { authorize } from '../../core/auth/access.js';
import { isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import type { DB } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { runOnce } from '../../core/jobs/runs.js';
import { loadCreditRules } from './credit-rules.js';
import { escalationStep } from './domain/list-lifecycle.js';
import * as listsRepo from './lists.repository.js';
import type { ListService } from './lists.service.js';
import type { ObjectionService } from './objections.service.js';
import * as recordsRepo from './records.repository.js';
import type { CreditService } from './records.service.js';

export const CREDIT_EXPIRY_JOB = 'credit-expiry';

/** Rows per batch: keeps each statement under the parameter caps and the job's memory flat at 2M entities. */
const BATCH = 5000;

export interface ExpiryResult {
  day: string;
  recordsExpired: number;
  entriesExpired: number;
  escalationWarnings: number;
  escalationProposals: number;
  objectionsEscalated: number;
}

/**
 * The daily credit job (credit.md §5.1, §5.3, §5.5). Expiry is already evaluated at query time everywhere;
 * the job only materialises it (status EXPIRED, list flags), proposes abnormal → serious escalations, and
 * escalates overdue objections. Once per day through the job ledger; a rerun of a day changes nothing.
 */
export class ExpiryService {
  constructor(
    private readonly core: CoreDeps,
    private readonly credit: CreditService,
    private readonly lists: ListService,
    private readonly objections: ObjectionService,
  ) {}

  async run(ctx: RequestContext, day: string | undefined, options: { system?: boolean } = {}) {
    if (!options.system) authorize(ctx, 'credit.decide');
    const today = this.credit.today();
    const runDay = day ?? today;
    if (!isCalendarDate(runDay) || runDay > today) throw new QcError('QC_ERR_VALIDATION', [`day=${runDay}`]);
    const outcome = await runOnce(this.core, CREDIT_EXPIRY_JOB, runDay, ctx.source, (trx) =>
      this.sweep(trx, ctx, runDay),
    );
    return { ...(outcome.result as ExpiryResult), ran: outcome.ran };
  }

  private async sweep(trx: Kysely<DB>, ctx: RequestContext, day: string): Promise<ExpiryResult> {
    const result: ExpiryResult = {
      day,
      recordsExpired: 0,
      entriesExpired: 0,
      escalationWarnings: 0,
      escalationProposals: 0,
      objectionsEscalated: 0,
    };
    const now = isoNow(this.core.clock);
    const touched = new Set<number>();
    // Records: set-based in batches; each batch leaves the sweep condition, so the loop ends.
    for (;;) {
      const rows = await recordsRepo.expiredRecordIds(trx, day, BATCH);
      if (rows.length === 0) break;
      await recordsRepo.markExpired(
        trx,
        rows.map((r) => Number(r.id)),
        now,
      );
      for (const r of rows) touched.add(Number(r.enterprise_id));
      result.recordsExpired += rows.length;
    }
    const rules = await loadCreditRules(trx);
    for (;;) {
      const rows = await listsRepo.expiredEntries(trx, day, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        await this.lists.apply(trx, ctx, rules, row, 'expire', day, 'term ended', [], true);
        result.entriesExpired += 1;
      }
    }
    for (;;) {
      const rows = await listsRepo.escalationDue(trx, day, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        const step = escalationStep(
          { state: row.state, escalationOn: row.escalation_on, escalationWarningFrom: row.escalation_warning_from },
          day,
        );
        if (step === 'propose') {
          // Still uncured at the 3-year mark: a PROPOSED serious entry for the officer (v2014 Art. 17).
          const proposal = await this.lists
            .insertProposal(trx, ctx, rules, {
              listCode: 'SERIOUS',
              enterpriseId: Number(row.enterprise_id),
              triggeredOn: row.escalation_on ?? day,
              reason: `abnormal list entry ${row.id} uncured for 3 years`,
              unitCode: row.unit_code,
              judgment: { escalatedFrom: Number(row.id) },
              linkedEntryId: Number(row.id),
              ruleVersion: 'v2014',
            })
            .catch((err: unknown) => {
              // Already on (or proposed for) the serious list: link nothing new, but stop re-proposing.
              if (err instanceof QcError && err.code === 'QC_ERR_LIST_DUPLICATE') return null;
              throw err;
            });
          await listsRepo.linkEscalation(trx, row.id, proposal ? proposal.id : row.id, row.warned_on ?? day);
          if (proposal) result.escalationProposals += 1;
        } else {
          await listsRepo.markEscalationWarned(trx, row.id, day);
          await this.core.audit.append(trx, ctx, {
            action: 'credit.list.escalation_warning',
            entityType: 'list_entry',
            entityId: String(row.id),
            after: { day, escalationOn: row.escalation_on },
          });
          result.escalationWarnings += 1;
        }
      }
    }
    for (const id of touched) await this.credit.afterWrite(trx, ctx, id);
    result.objectionsEscalated = await this.objections.escalateOverdue(trx, ctx, day);
    await this.core.audit.append(trx, ctx, {
      action: 'credit.expiry.run',
      entityType: 'job',
      entityId: `${CREDIT_EXPIRY_JOB}:${day}`,
      after: result,
    });
    return result;
  }
}
