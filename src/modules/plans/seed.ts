import fs from 'node:fs';
import type { RequestContext } from '../../core/context.js';
import { dataFile } from '../../paths.js';
import type { PlanService } from './plan.service.js';

/** The default plan: Qingdao's 2015 action plan, shipped in data/. */
export const DEFAULT_PLAN_FILE = 'qingdao-2015-quality-action-plan.txt';

/**
 * On first start (no plan at all) imports the default plan; in demo mode also publishes it, dated
 * the day the plan was issued so the 2015 plan year reads as it did.
 */
export async function importDefaultPlan(plans: PlanService, ctx: RequestContext, options: { publish: boolean }) {
  if ((await plans.countAll()) > 0) return null;
  const text = fs.readFileSync(dataFile(DEFAULT_PLAN_FILE), 'utf8');
  const draft = await plans.importText(ctx, { text, sourceName: DEFAULT_PLAN_FILE }, { system: true });
  if (!options.publish) return draft;
  return plans.publish(
    ctx,
    draft.id,
    { version: draft.version, dispatchDate: draft.writtenOn ?? undefined },
    { system: true },
  );
}
