import { authorize } from '../../core/auth/access.js';
import { businessToday } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import type { OrgService } from '../orgs/service.js';
import { planPublication } from './domain/publication.js';
import { addUnit, diffRevision, type RevisionDiff, type ShapeMeasure, shapeOfPublication } from './domain/revision.js';
import type { AssignmentRole } from './domain/settings.js';
import { extractPlanText } from './extract.js';
import * as planRepo from './plan.repository.js';
import { type PlanService, parseOrFail } from './plan.service.js';
import * as repo from './revision.repository.js';

export interface RevisionPreview extends RevisionDiff {
  planId: number;
  code: string;
  header: { field: string; old: string | number | null; new: string | number | null }[];
  warnings: { code: string; severity: string; message: string; offset: number }[];
  units: Record<string, string>;
}

/**
 * Re-importing a revised text of a published plan: shows what would change — header, measures, actions,
 * deadlines and responsible units — against what is stored now, without writing anything. Drafts are simply
 * re-imported; a published plan keeps its assignments and history, so changes to it go through the
 * Excel round trip or the assignment actions.
 */
export class RevisionService {
  constructor(
    private readonly core: CoreDeps,
    private readonly orgs: OrgService,
    private readonly plans: PlanService,
  ) {}

  async previewText(ctx: RequestContext, planId: number, input: { text: string; joinLines?: boolean }) {
    authorize(ctx, 'plans.manage');
    const row = await planRepo.findPlan(this.core.db, planId);
    if (!row) throw new QcError('QC_ERR_PLAN_NOT_FOUND', [planId]);
    if (row.status !== 'published') throw new QcError('QC_ERR_PLAN_NOT_PUBLISHED', [row.code]);
    const registry = await this.orgs.registry();
    const parse = parseOrFail(input.text, {
      registry,
      planCode: row.code,
      year: Number(row.year),
      joinLines: input.joinLines,
    });
    const settings = this.plans.settingsOf(row);
    const today = businessToday(this.core.clock, this.core.config.asOf);
    const revised = shapeOfPublication(
      planPublication(parse, registry, { dispatchDate: today, mode: settings.assignmentMode }),
    );
    const stored = await this.storedShape(planId);
    const diff = diffRevision(stored, revised);
    const header = [
      { field: 'title', old: row.title, new: parse.plan.title?.text ?? parse.notice.planTitle ?? row.title },
      { field: 'docNumber', old: row.doc_number, new: parse.header.docNumber?.value ?? null },
      {
        field: 'writtenOn',
        old: row.written_on,
        new: parse.header.writtenOn?.value ?? parse.header.publishedOn?.value ?? null,
      },
    ].filter((h) => h.old !== h.new);
    const names = new Map(registry.units.map((u) => [u.code, u.name]));
    const codes = new Set(
      diff.measures
        .flatMap((m) => [...m.units.added, ...m.units.removed, ...m.units.roleChanged])
        .map((u) => u.unitCode),
    );
    return {
      planId,
      code: row.code,
      header,
      ...diff,
      warnings: parse.warnings.map((w) => ({
        code: w.code,
        severity: w.severity,
        message: w.message,
        offset: w.offset,
      })),
      units: Object.fromEntries([...codes].sort().map((c) => [c, names.get(c) ?? c])),
    } satisfies RevisionPreview;
  }

  /** The permission alone, checked before an upload body is read. */
  authorizePreview(ctx: RequestContext): void {
    authorize(ctx, 'plans.manage');
  }

  async previewFile(ctx: RequestContext, planId: number, bytes: Uint8Array) {
    authorize(ctx, 'plans.manage');
    const extracted = await extractPlanText(bytes);
    return this.previewText(ctx, planId, { text: extracted.text, joinLines: extracted.joinLines });
  }

  private async storedShape(planId: number): Promise<ShapeMeasure[]> {
    const { measures, actions, assignments } = await repo.storedStructure(this.core.db, planId);
    const byMeasure = new Map<number, ShapeMeasure>();
    const out = measures.map((m) => {
      const shape: ShapeMeasure = {
        externalId: m.external_id,
        number: Number(m.number),
        title: m.title,
        responsibilityRaw: m.responsibility_raw,
        actions: [],
        units: {},
      };
      byMeasure.set(Number(m.id), shape);
      return shape;
    });
    for (const a of actions) {
      byMeasure.get(Number(a.measure_id))?.actions.push({
        externalId: a.external_id,
        text: a.text,
        deadlineType: a.deadline_type,
        dueDate: a.due_date,
      });
    }
    for (const a of assignments) {
      const shape = byMeasure.get(Number(a.measure_id));
      if (shape) addUnit(shape.units, a.unit_code, a.role as AssignmentRole);
    }
    return out;
  }
}
