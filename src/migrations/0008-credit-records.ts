import { type Kysely, sql } from 'kysely';
import { columns, flagCheck } from '../core/db/columns.js';
import type { Dialect } from '../core/db/connect.js';
import type { QcMigration } from '../core/db/migrator.js';

/**
 * Credit records, versioned rule sets, the holiday calendar, lists with their lifecycles, objections, credit
 * repair, grade history and 双随机 draws (credit.md §3–§6). Records and transitions are never deleted.
 */
export const migration0008: QcMigration = {
  name: '0008-credit-records',
  async up(db: Kysely<any>, dialect: Dialect) {
    const c = columns(dialect);

    await c
      .id(db.schema.createTable('rule_sets'))
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('version', 'text', (col) => col.notNull())
      .addColumn('effective_from', c.date)
      .addColumn('effective_to', c.date)
      .addColumn('basis', 'text', (col) => col.notNull())
      .addColumn('params_json', 'text', (col) => col.notNull())
      .addColumn('applies_to_existing', 'integer', (col) => col.notNull().check(flagCheck('applies_to_existing')))
      /** draft | active | retired */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version_no', 'integer', (col) => col.notNull())
      .addUniqueConstraint('rule_sets_code_version', ['code', 'version'])
      .execute();

    await db.schema
      .createTable('holidays')
      .addColumn('day', c.date, (col) => col.primaryKey())
      /** holiday | workday (a make-up working day, 调休) */
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('name', 'text')
      .addColumn('year', 'integer', (col) => col.notNull())
      .execute();

    await c
      .id(db.schema.createTable('credit_records'))
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      .addColumn('type', 'text', (col) => col.notNull())
      /** + | - | 0 */
      .addColumn('polarity', 'text', (col) => col.notNull())
      .addColumn('severity', 'text')
      .addColumn('source_module', 'text', (col) => col.notNull())
      .addColumn('source_record_id', 'text', (col) => col.notNull())
      .addColumn('authority', 'text')
      .addColumn('unit_code', 'text')
      .addColumn('document_no', 'text')
      .addColumn('legal_basis', 'text')
      .addColumn('summary', 'text', (col) => col.notNull())
      .addColumn('conduct_ended_on', c.date)
      .addColumn('decided_on', c.date)
      .addColumn('published_on', c.date)
      .addColumn('public_ends_on', c.date)
      /** PUBLIC | SHARED | SUBJECT | INTERNAL */
      .addColumn('visibility', 'text', (col) => col.notNull())
      /** ACTIVE | EXPIRED | REPAIRED | REVOKED | WITHDRAWN | SUPERSEDED */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('rule_set_code', 'text')
      .addColumn('rule_set_version', 'text')
      /** Comma-separated data-quality flags (CONDUCT_END_UNKNOWN, …). */
      .addColumn('data_flags', 'text', (col) => col.notNull())
      .addColumn('redacted_text', 'text')
      /** Type-specific details (penalty kind, amounts, award level, …) as JSON. */
      .addColumn('details_json', 'text', (col) => col.notNull())
      .addColumn('supersedes_id', c.ref, (col) => col.references('credit_records.id'))
      .addColumn('demo', 'integer', (col) => col.notNull().check(flagCheck('demo')))
      .addColumn('created_by', c.ref, (col) => col.references('users.id'))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('credit_records_enterprise')
      .on('credit_records')
      .columns(['enterprise_id', 'status'])
      .execute();
    // recordEvent is idempotent on (source module, source record, type): one live row per key.
    await db.schema
      .createIndex('credit_records_source_live')
      .on('credit_records')
      .columns(['source_module', 'source_record_id', 'type'])
      .unique()
      .where(sql.ref('status'), '<>', 'SUPERSEDED')
      .execute();
    await db.schema
      .createIndex('credit_records_public_end')
      .on('credit_records')
      .columns(['status', 'public_ends_on'])
      .execute();

    await c
      .id(db.schema.createTable('credit_record_files'))
      .addColumn('record_id', c.ref, (col) => col.notNull().references('credit_records.id'))
      .addColumn('file_id', c.ref, (col) => col.notNull().references('files.id'))
      .addColumn('name', 'text', (col) => col.notNull())
      .execute();

    await c
      .id(db.schema.createTable('list_entries'))
      /** SERIOUS | ABNORMAL | QUALITY_BLACKLIST | TOURISM | TOURISM_WATCH | WATER_BLACKLIST … */
      .addColumn('list_code', 'text', (col) => col.notNull())
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      /** A natural person listed (tourism staff), else null. */
      .addColumn('person_name', 'text')
      /** PROPOSED | NOTIFIED | APPROVAL_PENDING | LISTED | PUBLISHED | EXPIRED | REMOVED_EARLY | REMOVED_ON_CURE | REVOKED */
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('ground', 'text')
      .addColumn('reason_category', 'text')
      .addColumn('rule_set_code', 'text', (col) => col.notNull())
      .addColumn('rule_set_version', 'text', (col) => col.notNull())
      .addColumn('unit_code', 'text')
      .addColumn('triggered_on', c.date)
      .addColumn('notified_on', c.date)
      .addColumn('statement_due_on', c.date)
      .addColumn('decided_on', c.date)
      .addColumn('listed_on', c.date)
      .addColumn('published_on', c.date)
      .addColumn('expires_on', c.date)
      .addColumn('repairable_from', c.date)
      .addColumn('removed_on', c.date)
      .addColumn('removal_reason', 'text')
      /** Publicity due (working days from the decision); abnormal list: the 3-year escalation mark and warning start. */
      .addColumn('publish_due_on', c.date)
      .addColumn('escalation_on', c.date)
      .addColumn('escalation_warning_from', c.date)
      .addColumn('warned_on', c.date)
      /** The serious-list entry this abnormal entry's escalation proposed (or the entry that proposed this one). */
      .addColumn('linked_entry_id', c.ref, (col) => col.references('list_entries.id'))
      .addColumn('judgment_json', 'text', (col) => col.notNull())
      .addColumn('measures_json', 'text', (col) => col.notNull())
      .addColumn('record_id', c.ref, (col) => col.references('credit_records.id'))
      .addColumn('demo', 'integer', (col) => col.notNull().check(flagCheck('demo')))
      .addColumn('created_by', c.ref, (col) => col.references('users.id'))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('list_entries_list').on('list_entries').columns(['list_code', 'state']).execute();
    await db.schema.createIndex('list_entries_enterprise').on('list_entries').column('enterprise_id').execute();
    // The daily job's sweeps: in-force entries by expiry and by escalation mark.
    await db.schema.createIndex('list_entries_expiry').on('list_entries').columns(['state', 'expires_on']).execute();
    await db.schema
      .createIndex('list_entries_escalation')
      .on('list_entries')
      .columns(['state', 'escalation_warning_from'])
      .execute();

    await c
      .id(db.schema.createTable('list_transitions'))
      .addColumn('entry_id', c.ref, (col) => col.notNull().references('list_entries.id'))
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (col) => col.notNull())
      .addColumn('on_day', c.date, (col) => col.notNull())
      .addColumn('at', c.instant, (col) => col.notNull())
      .addColumn('actor_user_id', c.ref, (col) => col.references('users.id'))
      .addColumn('reason', 'text')
      .addColumn('documents_json', 'text', (col) => col.notNull())
      .addColumn('rule_set_version', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('list_transitions_entry').on('list_transitions').columns(['entry_id', 'id']).execute();

    await c
      .id(db.schema.createTable('objections'))
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      .addColumn('record_id', c.ref, (col) => col.references('credit_records.id'))
      .addColumn('entry_id', c.ref, (col) => col.references('list_entries.id'))
      /** SUBMITTED | EXTERNAL_VERIFICATION | UPHELD | REJECTED */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('unit_code', 'text')
      .addColumn('filed_on', c.date, (col) => col.notNull())
      .addColumn('due_on', c.date, (col) => col.notNull())
      .addColumn('decided_on', c.date)
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('decision', 'text')
      /** Day an overdue objection was escalated to the unit head (the daily job). */
      .addColumn('escalated_on', c.date)
      .addColumn('filed_by', c.ref, (col) => col.references('users.id'))
      .addColumn('decided_by', c.ref, (col) => col.references('users.id'))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('objections_status').on('objections').columns(['status', 'due_on']).execute();
    await db.schema.createIndex('objections_enterprise').on('objections').columns(['enterprise_id', 'id']).execute();

    await c
      .id(db.schema.createTable('repair_applications'))
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      /** ABNORMAL_REMOVAL | SERIOUS_EARLY_REMOVAL | PENALTY_EARLY_STOP */
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('record_id', c.ref, (col) => col.references('credit_records.id'))
      .addColumn('entry_id', c.ref, (col) => col.references('list_entries.id'))
      /** SUBMITTED | ACCEPTED | APPROVED | REJECTED | DEPUBLISHED */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('unit_code', 'text')
      .addColumn('applied_on', c.date, (col) => col.notNull())
      .addColumn('accept_due_on', c.date, (col) => col.notNull())
      .addColumn('decide_due_on', c.date)
      .addColumn('depublish_due_on', c.date)
      .addColumn('accepted_on', c.date)
      .addColumn('decided_on', c.date)
      .addColumn('depublished_on', c.date)
      .addColumn('earliest_on', c.date)
      .addColumn('checklist_json', 'text', (col) => col.notNull())
      .addColumn('commitment_signed', 'integer', (col) => col.notNull().check(flagCheck('commitment_signed')))
      .addColumn('decision', 'text')
      .addColumn('created_by', c.ref, (col) => col.references('users.id'))
      .addColumn('decided_by', c.ref, (col) => col.references('users.id'))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();

    await db.schema
      .createIndex('repair_applications_enterprise')
      .on('repair_applications')
      .columns(['enterprise_id', 'id'])
      .execute();
    await db.schema
      .createIndex('repair_applications_status')
      .on('repair_applications')
      .columns(['status', 'id'])
      .execute();

    // Issued credit reports (§7.3): /verify/{reportId} compares a printed report's SHA-256 with this row.
    await db.schema
      .createTable('credit_reports')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      .addColumn('as_of', c.date, (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('issued_at', c.instant, (col) => col.notNull())
      .addColumn('issued_by', c.ref, (col) => col.references('users.id'))
      .execute();
    await db.schema
      .createIndex('credit_reports_enterprise')
      .on('credit_reports')
      .columns(['enterprise_id', 'issued_at'])
      .execute();

    await c
      .id(db.schema.createTable('enterprise_grades'))
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      .addColumn('as_of', c.date, (col) => col.notNull())
      .addColumn('score', 'integer', (col) => col.notNull())
      .addColumn('grade', 'text', (col) => col.notNull())
      .addColumn('risk_class', 'text', (col) => col.notNull())
      .addColumn('scorecard_version', 'text', (col) => col.notNull())
      .addColumn('explanation_json', 'text', (col) => col.notNull())
      .addColumn('at', c.instant, (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('enterprise_grades_enterprise')
      .on('enterprise_grades')
      .columns(['enterprise_id', 'as_of'])
      .execute();

    await c
      .id(db.schema.createTable('inspectors'))
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('unit_code', 'text')
      .addColumn('active', 'integer', (col) => col.notNull().check(flagCheck('active')))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('inspector_conflicts')
      .addColumn('inspector_id', c.ref, (col) => col.notNull().references('inspectors.id'))
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      .addColumn('reason', 'text')
      .addPrimaryKeyConstraint('inspector_conflicts_pk', ['inspector_id', 'enterprise_id'])
      .execute();

    await c
      .id(db.schema.createTable('inspection_draws'))
      .addColumn('title', 'text', (col) => col.notNull())
      /** The business day of the draw: "drawn in the last N months" exclusions compare against it. */
      .addColumn('drawn_on', c.date, (col) => col.notNull())
      .addColumn('seed', 'text', (col) => col.notNull())
      .addColumn('rule_set_version', 'text', (col) => col.notNull())
      /** Per class {frame, selected} and the inspector load cap, as the draw computed them. */
      .addColumn('counts_json', 'text', (col) => col.notNull())
      .addColumn('load_cap', 'integer', (col) => col.notNull())
      .addColumn('filter_json', 'text', (col) => col.notNull())
      .addColumn('frame_size', 'integer', (col) => col.notNull())
      .addColumn('frame_hash', 'text', (col) => col.notNull())
      .addColumn('per_enterprise', 'integer', (col) => col.notNull())
      /** [{enterpriseId, riskClass, inspectors: [inspector codes]}] in draw order. */
      .addColumn('selection_json', 'text', (col) => col.notNull())
      .addColumn('operator_id', c.ref, (col) => col.references('users.id'))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .execute();
    // The selection again as rows: "drawn in the last N months" filters on it (JSON is never filtered).
    await db.schema
      .createTable('inspection_draw_members')
      .addColumn('draw_id', c.ref, (col) => col.notNull().references('inspection_draws.id'))
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      .addColumn('risk_class', 'text', (col) => col.notNull())
      /** Inspector codes, comma-separated, in assignment order. */
      .addColumn('inspectors', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('inspection_draw_members_pk', ['draw_id', 'position'])
      .execute();
    await db.schema
      .createIndex('inspection_draw_members_enterprise')
      .on('inspection_draw_members')
      .columns(['enterprise_id', 'draw_id'])
      .execute();

    // Full grade recomputes (§6.1): one row per run, checkpointed per chunk so a killed run resumes.
    await c
      .id(db.schema.createTable('grade_runs'))
      .addColumn('as_of', c.date, (col) => col.notNull())
      .addColumn('scorecard_version', 'text', (col) => col.notNull())
      /** running | completed | failed */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('total', 'integer', (col) => col.notNull())
      .addColumn('processed', 'integer', (col) => col.notNull())
      .addColumn('changed', 'integer', (col) => col.notNull())
      .addColumn('grade_changes', 'integer', (col) => col.notNull())
      /** The last enterprise id committed; the next chunk starts after it. */
      .addColumn('last_id', 'integer', (col) => col.notNull())
      .addColumn('error', 'text')
      .addColumn('started_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('finished_at', c.instant)
      .execute();
    await db.schema.createIndex('grade_runs_status').on('grade_runs').columns(['status', 'id']).execute();
  },
};
