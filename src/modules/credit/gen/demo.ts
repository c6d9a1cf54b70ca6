import type { CoreDeps } from '../../../core/deps.js';
import { generateCreditData } from './credit-data.js';
import { generateRegistry, PRESETS } from './generate.js';

/** The seed of the demo registry; the demo enterprise account `qiye` is its enterprise number 0. */
export const DEMO_SEED = 2015;

/**
 * Demo mode's first start loads the small preset (20,000 enterprises with records and lists, all demo = 1)
 * so the public portal and credit pages are alive; later starts find it and do nothing.
 */
export async function loadDemoRegistry(core: CoreDeps): Promise<{ enterprises: number; records: number } | null> {
  const any = await core.db.selectFrom('enterprises').select('id').where('demo', '=', 1).limit(1).executeTakeFirst();
  if (any) return null;
  const enterprises = await generateRegistry(core, { seed: DEMO_SEED, count: PRESETS.small });
  const { records } = await generateCreditData(core, { seed: DEMO_SEED });
  return { enterprises, records };
}
