import { authorize } from '../../core/auth/access.js';
import { isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import { toBool, toFlag } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import * as repo from './draws.repository.js';
import type {
  AddConflictInput,
  ConflictDtoT,
  CreateInspectorInput,
  InspectorDtoT,
  UpdateInspectorInput,
} from './draws.schema.js';

function toDto(r: repo.InspectorRow, conflictCount: number): InspectorDtoT {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    unitCode: r.unit_code,
    active: toBool(r.active),
    conflictCount,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function audited(r: repo.InspectorRow) {
  return { code: r.code, name: r.name, unitCode: r.unit_code, active: toBool(r.active) };
}

/**
 * The inspector pool of 双随机 draws and their declared conflicts (回避). Inspectors are never deleted and
 * their code never changes: draws hash the code, and a re-run must find the same pool; leaving is `active: false`.
 */
export class InspectorService {
  constructor(private readonly core: CoreDeps) {}

  async list(ctx: RequestContext): Promise<InspectorDtoT[]> {
    authorize(ctx, 'credit.draws');
    const [rows, counts] = await Promise.all([repo.listInspectors(this.core.db), repo.conflictCounts(this.core.db)]);
    const byId = new Map(counts.map((c) => [Number(c.inspector_id), Number(c.n)]));
    return rows.map((r) => toDto(r, byId.get(Number(r.id)) ?? 0));
  }

  async get(ctx: RequestContext, id: number): Promise<InspectorDtoT & { conflicts: ConflictDtoT[] }> {
    authorize(ctx, 'credit.draws');
    const row = await this.row(id);
    const conflicts = (await repo.inspectorConflicts(this.core.db, id)).map((c) => ({
      enterpriseId: Number(c.enterprise_id),
      name: c.name,
      uscc: c.uscc,
      reason: c.reason,
    }));
    return { ...toDto(row, conflicts.length), conflicts };
  }

  private async row(id: number): Promise<repo.InspectorRow> {
    const row = await repo.inspectorById(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_INSPECTOR_NOT_FOUND', [id]);
    return row;
  }

  private async checkUnit(code: string | null | undefined): Promise<string | null> {
    const unit = code?.trim() || null;
    if (unit && !(await repo.unitExists(this.core.db, unit))) throw new QcError('QC_ERR_ORG_NOT_FOUND', [unit]);
    return unit;
  }

  async create(ctx: RequestContext, input: CreateInspectorInput) {
    authorize(ctx, 'credit.draws');
    const name = input.name.trim();
    if (!name) throw new QcError('QC_ERR_VALIDATION', ['name']);
    const unitCode = await this.checkUnit(input.unitCode);
    if (await repo.inspectorByCode(this.core.db, input.code)) {
      throw new QcError('QC_ERR_INSPECTOR_CODE_TAKEN', [input.code]);
    }
    const now = isoNow(this.core.clock);
    try {
      const id = await this.core.db.transaction().execute(async (trx) => {
        const row = await repo.insertInspector(trx, {
          code: input.code,
          name,
          unit_code: unitCode,
          active: toFlag(input.active ?? true),
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await this.core.audit.append(trx, ctx, {
          action: 'credit.inspector.create',
          entityType: 'inspector',
          entityId: String(row.id),
          after: audited(row),
        });
        return Number(row.id);
      });
      return this.get(ctx, id);
    } catch (err) {
      // Two creates racing past the check above: the unique index decides.
      if (isUniqueViolation(err)) throw new QcError('QC_ERR_INSPECTOR_CODE_TAKEN', [input.code]);
      throw err;
    }
  }

  async update(ctx: RequestContext, id: number, input: UpdateInspectorInput) {
    authorize(ctx, 'credit.draws');
    const before = await this.row(id);
    const name = input.name === undefined ? undefined : input.name.trim();
    if (name === '') throw new QcError('QC_ERR_VALIDATION', ['name']);
    const unitCode = input.unitCode === undefined ? undefined : await this.checkUnit(input.unitCode);
    await this.core.db.transaction().execute(async (trx) => {
      const after = await repo.updateInspector(trx, id, input.version, {
        ...(name !== undefined ? { name } : {}),
        ...(unitCode !== undefined ? { unit_code: unitCode } : {}),
        ...(input.active !== undefined ? { active: toFlag(input.active) } : {}),
        updated_at: isoNow(this.core.clock),
      });
      if (!after) throw new QcError('QC_ERR_CONFLICT');
      await this.core.audit.append(trx, ctx, {
        action: 'credit.inspector.update',
        entityType: 'inspector',
        entityId: String(id),
        before: audited(before),
        after: audited(after),
      });
    });
    return this.get(ctx, id);
  }

  async addConflict(ctx: RequestContext, id: number, input: AddConflictInput) {
    authorize(ctx, 'credit.draws');
    await this.row(id);
    const ent = await repo.enterpriseBrief(this.core.db, input.enterpriseId);
    if (!ent) throw new QcError('QC_ERR_ENTERPRISE_NOT_FOUND', [input.enterpriseId]);
    const reason = input.reason?.trim() || null;
    await this.core.db
      .transaction()
      .execute(async (trx) => {
        if (await repo.conflictOf(trx, id, input.enterpriseId)) {
          throw new QcError('QC_ERR_INSPECTOR_CONFLICT_EXISTS', [ent.name]);
        }
        await repo.insertConflict(trx, id, input.enterpriseId, reason);
        await this.core.audit.append(trx, ctx, {
          action: 'credit.inspector.conflict.add',
          entityType: 'inspector',
          entityId: String(id),
          after: { enterpriseId: input.enterpriseId, reason },
        });
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new QcError('QC_ERR_INSPECTOR_CONFLICT_EXISTS', [ent.name]);
        throw err;
      });
    return this.get(ctx, id);
  }

  async removeConflict(ctx: RequestContext, id: number, enterpriseId: number) {
    authorize(ctx, 'credit.draws');
    await this.row(id);
    await this.core.db.transaction().execute(async (trx) => {
      const existing = await repo.conflictOf(trx, id, enterpriseId);
      if (!existing) throw new QcError('QC_ERR_INSPECTOR_CONFLICT_NOT_FOUND', [enterpriseId]);
      await repo.deleteConflict(trx, id, enterpriseId);
      await this.core.audit.append(trx, ctx, {
        action: 'credit.inspector.conflict.remove',
        entityType: 'inspector',
        entityId: String(id),
        before: { enterpriseId, reason: existing.reason },
      });
    });
    return this.get(ctx, id);
  }
}
