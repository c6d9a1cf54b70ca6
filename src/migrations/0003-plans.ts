import type { Kysely } from 'kysely';
import { columns, flagCheck } from '../core/db/columns.js';
import type { Dialect } from '../core/db/connect.js';
import type { QcMigration } from '../core/db/migrator.js';

/**
 * Plan supervision: plans with their parsed structure, responsible parties, assignments to units,
 * progress reports with evidence, and document counters. Progress is stored as integer hundredths of
 * a percent (0–10000) and weights as basis points (stack.md §2.3: no numeric columns).
 */
export const migration0003: QcMigration = {
  name: '0003-plans',
  async up(db: Kysely<any>, dialect: Dialect) {
    const c = columns(dialect);

    await c
      .id(db.schema.createTable('plans'))
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('doc_number', 'text')
      .addColumn('issuer_code', 'text')
      .addColumn('written_on', c.date)
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('parent_plan_id', c.ref, (col) => col.references('plans.id'))
      .addColumn('district_code', 'text', (col) => col.references('org_units.code'))
      .addColumn('settings_json', 'text', (col) => col.notNull())
      .addColumn('source_name', 'text')
      .addColumn('source_text', 'text', (col) => col.notNull())
      .addColumn('parse_json', 'text', (col) => col.notNull())
      .addColumn('published_at', c.instant)
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();

    await c
      .id(db.schema.createTable('plan_sections'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('ord', 'integer', (col) => col.notNull())
      .addColumn('number', 'integer', (col) => col.notNull())
      .addColumn('title', 'text')
      .execute();
    await db.schema.createIndex('plan_sections_plan').on('plan_sections').columns(['plan_id', 'ord']).execute();

    await c
      .id(db.schema.createTable('plan_measures'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('section_id', c.ref, (col) => col.notNull().references('plan_sections.id').onDelete('cascade'))
      .addColumn('external_id', 'text', (col) => col.notNull().unique())
      .addColumn('ord', 'integer', (col) => col.notNull())
      .addColumn('number', 'integer', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('responsibility_raw', 'text')
      .addColumn('non_exhaustive', 'integer', (col) => col.notNull().check(flagCheck('non_exhaustive')))
      .addColumn('weight_bp', 'integer')
      .execute();
    await db.schema.createIndex('plan_measures_plan').on('plan_measures').columns(['plan_id', 'ord']).execute();

    await c
      .id(db.schema.createTable('plan_actions'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('measure_id', c.ref, (col) => col.notNull().references('plan_measures.id').onDelete('cascade'))
      .addColumn('external_id', 'text', (col) => col.notNull().unique())
      .addColumn('ord', 'integer', (col) => col.notNull())
      .addColumn('text', 'text', (col) => col.notNull())
      .addColumn('deadline_type', 'text', (col) => col.notNull())
      .addColumn('due_date', c.date)
      .addColumn('deadline_rule', 'text')
      .addColumn('deadline_raw', 'text')
      .addColumn('mentions_districts', 'integer', (col) => col.notNull().check(flagCheck('mentions_districts')))
      .addColumn('links', 'text', (col) => col.notNull())
      .addColumn('weight_bp', 'integer')
      .execute();
    await db.schema.createIndex('plan_actions_measure').on('plan_actions').columns(['measure_id', 'ord']).execute();

    await c
      .id(db.schema.createTable('plan_parties'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('measure_id', c.ref, (col) => col.notNull().references('plan_measures.id').onDelete('cascade'))
      .addColumn('action_id', c.ref, (col) => col.references('plan_actions.id').onDelete('cascade'))
      .addColumn('ord', 'integer', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('unit_code', 'text', (col) => col.references('org_units.code'))
      .addColumn('group_code', 'text', (col) => col.references('org_groups.code'))
      .addColumn('role', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('plan_parties_measure').on('plan_parties').columns(['measure_id', 'ord']).execute();

    await c
      .id(db.schema.createTable('assignments'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('measure_id', c.ref, (col) => col.notNull().references('plan_measures.id').onDelete('cascade'))
      .addColumn('action_id', c.ref, (col) => col.references('plan_actions.id').onDelete('cascade'))
      .addColumn('external_id', 'text', (col) => col.notNull().unique())
      .addColumn('unit_code', 'text', (col) => col.notNull().references('org_units.code'))
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('deadline_type', 'text', (col) => col.notNull())
      .addColumn('due_date', c.date)
      .addColumn('cadence', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('progress', 'integer', (col) => col.notNull())
      .addColumn('dispatched_on', c.date, (col) => col.notNull())
      .addColumn('signed_at', c.instant)
      .addColumn('completed_at', c.instant)
      .addColumn('state_reason', 'text')
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('assignments_plan').on('assignments').columns(['plan_id', 'measure_id']).execute();
    await db.schema.createIndex('assignments_unit').on('assignments').columns(['unit_code', 'plan_id']).execute();

    await c
      .id(db.schema.createTable('progress_reports'))
      .addColumn('assignment_id', c.ref, (col) => col.notNull().references('assignments.id').onDelete('cascade'))
      .addColumn('period', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('progress', 'integer', (col) => col.notNull())
      .addColumn('narrative', 'text', (col) => col.notNull())
      .addColumn('issues', 'text')
      .addColumn('next_steps', 'text')
      .addColumn('key_results', 'text', (col) => col.notNull())
      .addColumn('request_close', 'integer', (col) => col.notNull().check(flagCheck('request_close')))
      .addColumn('regress_reason', 'text')
      .addColumn('late', 'integer', (col) => col.notNull().check(flagCheck('late')))
      .addColumn('supersedes_id', c.ref, (col) => col.references('progress_reports.id'))
      .addColumn('submitted_at', c.instant)
      .addColumn('reviewed_at', c.instant)
      .addColumn('reviewed_by', c.ref, (col) => col.references('users.id'))
      .addColumn('return_reason', 'text')
      .addColumn('created_by', c.ref, (col) => col.references('users.id'))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('progress_reports_assignment')
      .on('progress_reports')
      .columns(['assignment_id', 'period', 'id'])
      .execute();

    await c
      .id(db.schema.createTable('report_evidence'))
      .addColumn('report_id', c.ref, (col) => col.notNull().references('progress_reports.id').onDelete('cascade'))
      .addColumn('file_id', c.ref, (col) => col.references('files.id'))
      .addColumn('url', 'text')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .execute();
    await db.schema.createIndex('report_evidence_report').on('report_evidence').column('report_id').execute();

    await db.schema
      .createTable('counters')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'integer', (col) => col.notNull())
      .execute();
  },
};
