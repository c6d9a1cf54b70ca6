import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { RequestContext } from '../context.js';
import type { Dialect } from '../db/connect.js';
import { LOCK_KEYS, lockForInvariant } from '../db/locks.js';
import type { AuditRow, DB } from '../db/schema.js';
import { type ChainedFields, firstBrokenRow, GENESIS_HASH, rowHash } from './chain.js';

/** What a service says about one write. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenSeq: number | null;
  reason?: 'sequence' | 'link' | 'hash';
}

const VERIFY_BATCH = 5000;

function toFields(row: AuditRow): ChainedFields & { hash: string } {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
    actorName: row.actor_name,
    role: row.role,
    scope: row.scope,
    source: row.source,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    beforeJson: row.before_json,
    afterJson: row.after_json,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The append-only, hash-chained audit trail. Appends happen inside the caller's transaction, so the
 * audit row commits or rolls back with the change it describes.
 */
export class AuditLog {
  constructor(
    private readonly dialect: Dialect,
    private readonly clock: Clock,
  ) {}

  /** Appends one row for a write; call it with the service's transaction. */
  async append(trx: Kysely<DB>, ctx: RequestContext, entry: AuditEntry): Promise<number> {
    // Serialises appenders so two transactions never link to the same previous row.
    await lockForInvariant(trx, this.dialect, LOCK_KEYS.audit);
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const grant = ctx.actor?.activeGrant ?? ctx.actor?.roles[0] ?? null;
    const fields: ChainedFields = {
      seq: last ? Number(last.seq) + 1 : 1,
      at: this.clock.now().toISOString(),
      actorUserId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.username ?? ctx.systemActor ?? 'system',
      role: grant?.role ?? null,
      scope: grant?.scope ?? null,
      source: ctx.source,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
      requestId: ctx.requestId,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const hash = rowHash(fields);
    await trx
      .insertInto('audit_log')
      .values({
        seq: fields.seq,
        at: fields.at,
        actor_user_id: fields.actorUserId,
        actor_name: fields.actorName,
        role: fields.role,
        scope: fields.scope,
        source: fields.source,
        action: fields.action,
        entity_type: fields.entityType,
        entity_id: fields.entityId,
        before_json: fields.beforeJson,
        after_json: fields.afterJson,
        request_id: fields.requestId,
        prev_hash: fields.prevHash,
        hash,
      })
      .execute();
    return fields.seq;
  }

  /** Walks the whole chain in batches; names the first row whose link or hash fails. */
  async verify(db: Kysely<DB>): Promise<VerifyResult> {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(VERIFY_BATCH)
        .execute();
      if (rows.length === 0) return { ok: true, checked, brokenSeq: null };
      const fields = rows.map(toFields);
      const broken = firstBrokenRow(fields, prev, expectedSeq);
      if (broken) {
        // Count the rows that passed, not the sequence distance: after a deleted row the two differ.
        const passed = fields.findIndex((f) => f.seq === broken.seq);
        return { ok: false, checked: checked + passed, brokenSeq: broken.seq, reason: broken.reason };
      }
      checked += rows.length;
      const lastRow = fields[fields.length - 1]!;
      prev = lastRow.hash;
      expectedSeq = lastRow.seq + 1;
    }
  }
}
