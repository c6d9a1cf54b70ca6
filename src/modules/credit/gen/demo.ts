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
  await seedDemoInspectors(core);
  return { enterprises, records };
}

/** A small inspector pool so that the 双随机 draw page works out of the box (only into an empty pool). */
async function seedDemoInspectors(core: CoreDeps): Promise<void> {
  const any = await core.db.selectFrom('inspectors').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const now = core.clock.now().toISOString();
  const names = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '孙丽', '周涛', '吴敏', '郑浩', '冯雪'];
  await core.db
    .insertInto('inspectors')
    .values(
      names.map((name, i) => ({
        code: `JC${String(i + 1).padStart(3, '0')}`,
        name,
        unit_code: i % 2 === 0 ? 'QTS' : 'MSR',
        active: 1,
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    )
    .execute();
}
