import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { AuditService } from '../audit/service.js';
import { unitOfAssignment, unitOfReport } from './plan.repository.js';

const asTarget = (unitCode: string | null) => (unitCode ? { unitCode } : null);

/**
 * Tells the audit trail which unit owns each plan entity, so unit staff can read the history of their
 * own assignments, reports and district filings (and only those).
 */
export function registerPlanAuditScopes(audit: AuditService, db: Kysely<DB>): void {
  audit.registerEntityScope('assignment', async (externalId) => asTarget(await unitOfAssignment(db, externalId)));
  audit.registerEntityScope('report', async (id) =>
    /^\d{1,10}$/.test(id) ? asTarget(await unitOfReport(db, Number(id))) : null,
  );
  // Sub-plan audit ids are `${planId}-${districtCode}`.
  audit.registerEntityScope('sub_plan', async (id) => asTarget(/^\d+-(\w+)$/.exec(id)?.[1] ?? null));
}
