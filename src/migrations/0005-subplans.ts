import type { Kysely } from 'kysely';
import { columns } from '../core/db/columns.js';
import type { Dialect } from '../core/db/connect.js';
import type { QcMigration } from '../core/db/migrator.js';

/**
 * District implementation plans (R-S10, 备案): one per district the city plan cascades to, with tasks
 * derived from city measures and the measures a district marks not applicable.
 */
export const migration0005: QcMigration = {
  name: '0005-subplans',
  async up(db: Kysely<any>, dialect: Dialect) {
    const c = columns(dialect);

    await c
      .id(db.schema.createTable('sub_plans'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('district_code', 'text', (col) => col.notNull().references('org_units.code'))
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('due_date', c.date, (col) => col.notNull())
      .addColumn('title', 'text')
      .addColumn('filed_at', c.instant)
      .addColumn('late_days', 'integer')
      .addColumn('decided_at', c.instant)
      .addColumn('return_reason', 'text')
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addUniqueConstraint('sub_plans_plan_district', ['plan_id', 'district_code'])
      .execute();

    await c
      .id(db.schema.createTable('sub_plan_tasks'))
      .addColumn('sub_plan_id', c.ref, (col) => col.notNull().references('sub_plans.id').onDelete('cascade'))
      .addColumn('measure_id', c.ref, (col) => col.notNull().references('plan_measures.id'))
      .addColumn('action_id', c.ref, (col) => col.references('plan_actions.id'))
      .addColumn('ord', 'integer', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('dept_name', 'text')
      .addColumn('responsible_person', 'text')
      .addColumn('due_date', c.date)
      .execute();
    await db.schema.createIndex('sub_plan_tasks_plan').on('sub_plan_tasks').columns(['sub_plan_id', 'ord']).execute();

    await c
      .id(db.schema.createTable('sub_plan_exclusions'))
      .addColumn('sub_plan_id', c.ref, (col) => col.notNull().references('sub_plans.id').onDelete('cascade'))
      .addColumn('measure_id', c.ref, (col) => col.notNull().references('plan_measures.id'))
      .addColumn('reason', 'text', (col) => col.notNull())
      .addUniqueConstraint('sub_plan_exclusions_measure', ['sub_plan_id', 'measure_id'])
      .execute();
  },
};
