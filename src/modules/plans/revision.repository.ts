import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/** The stored measures of a plan in order, with their actions and live (non-cancelled) assignments. */
export async function storedStructure(db: Kysely<DB>, planId: number) {
  const [measures, actions, assignments] = await Promise.all([
    db
      .selectFrom('plan_measures')
      .select(['id', 'external_id', 'number', 'title', 'responsibility_raw'])
      .where('plan_id', '=', planId)
      .orderBy('ord')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('plan_actions')
      .select(['measure_id', 'external_id', 'text', 'deadline_type', 'due_date'])
      .where('plan_id', '=', planId)
      .orderBy('measure_id')
      .orderBy('ord')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('assignments')
      .select(['measure_id', 'unit_code', 'role'])
      .where('plan_id', '=', planId)
      .where('state', '!=', 'cancelled')
      .where('kind', '=', 'task')
      .execute(),
  ]);
  return { measures, actions, assignments };
}
