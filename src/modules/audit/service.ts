import { type AccessTarget, authorize } from '../../core/auth/access.js';
import type { RequestContext } from '../../core/context.js';
import { paging } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import * as repo from './repository.js';

function parse(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** Names the unit an entity belongs to, so unit staff may read that entity's history. */
export type EntityScopeResolver = (entityId: string) => Promise<AccessTarget | null>;

/** Reading the audit trail: the history of any entity, and verification of the hash chain. */
export class AuditService {
  private readonly scopes = new Map<string, EntityScopeResolver>([['org_unit', async (code) => ({ unitCode: code })]]);

  constructor(private readonly core: CoreDeps) {}

  /**
   * Higher modules declare who owns their entities (an assignment belongs to its unit); the audit
   * module itself knows nothing of them.
   */
  registerEntityScope(entityType: string, resolver: EntityScopeResolver): void {
    this.scopes.set(entityType, resolver);
  }

  /** A page of audit rows, newest first. Unit staff may read the history of entities of their own unit only. */
  async list(
    ctx: RequestContext,
    query: {
      entityType?: string;
      entityId?: string;
      actor?: string;
      action?: string;
      page?: number;
      pageSize?: number;
    },
  ) {
    const resolver = query.entityType && query.entityId ? this.scopes.get(query.entityType) : undefined;
    const target = resolver && query.entityId ? await resolver(query.entityId) : null;
    authorize(ctx, 'audit.read', target ?? undefined);
    const { page, pageSize, offset } = paging(query.page, query.pageSize);
    const filter = { entityType: query.entityType, entityId: query.entityId, actor: query.actor, action: query.action };
    const [total, rows] = await Promise.all([
      repo.countEntries(this.core.db, filter),
      repo.listEntries(this.core.db, filter, offset, pageSize),
    ]);
    return {
      items: rows.map((r) => ({
        seq: Number(r.seq),
        at: r.at,
        actorName: r.actor_name,
        role: r.role,
        scope: r.scope,
        source: r.source,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: parse(r.before_json),
        after: parse(r.after_json),
        requestId: r.request_id,
      })),
      total,
      page,
      pageSize,
    };
  }

  /** Walks the chain; `brokenSeq` names the first row that was altered, inserted or removed. */
  async verify(ctx: RequestContext) {
    authorize(ctx, 'audit.verify');
    const result = await this.core.audit.verify(this.core.db);
    return { ok: result.ok, checked: result.checked, brokenSeq: result.brokenSeq };
  }
}
