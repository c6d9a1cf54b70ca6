import type { Kysely } from 'kysely';
import { columns, flagCheck } from '../core/db/columns.js';
import type { Dialect } from '../core/db/connect.js';
import type { QcMigration } from '../core/db/migrator.js';
import { searchIndex } from '../core/search/search-index.js';

/**
 * The enterprise registry (credit.md §2) at city scale (about 2 million rows): one row per market entity with
 * its Chinese search index, current grade and list flags kept on the row for set-based recompute and facets,
 * the field-change history, and checkpointed import jobs with their rejected rows.
 */
export const migration0007: QcMigration = {
  name: '0007-credit-registry',
  async up(db: Kysely<any>, dialect: Dialect) {
    const c = columns(dialect);

    await c
      .id(db.schema.createTable('enterprises'))
      .addColumn('uscc', 'text', (col) => col.unique())
      .addColumn('registration_no', 'text')
      .addColumn('org_code', 'text')
      .addColumn('name', 'text', (col) => col.notNull())
      /** JSON array of {name, until} (searchable through search_terms). */
      .addColumn('former_names', 'text', (col) => col.notNull())
      .addColumn('entity_type', 'text')
      .addColumn('legal_rep', 'text')
      /** SHA-256 of the representative's ID number, for cross-links; the number itself is never stored. */
      .addColumn('legal_rep_id_hash', 'text')
      .addColumn('registered_capital', c.bigint)
      .addColumn('currency', 'text')
      .addColumn('established_on', c.date)
      .addColumn('operating_term_to', c.date)
      .addColumn('registration_authority', 'text')
      .addColumn('registration_region_code', 'text')
      .addColumn('district_code', 'text')
      .addColumn('address', 'text')
      .addColumn('business_scope', 'text')
      .addColumn('industry_code', 'text')
      /** active | revoked | deregistered | moved_out */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('status_date', c.date)
      /** Comma-separated validator warnings of the codes (USCC_LEGACY_PILOT_CODE, …). */
      .addColumn('code_warnings', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('source_record_id', 'text')
      .addColumn('last_synced_at', c.instant)
      /** The import job that last wrote or confirmed the row: a second row of one file with the same key is a duplicate. */
      .addColumn('last_import_job_id', c.ref)
      .addColumn('demo', 'integer', (col) => col.notNull().check(flagCheck('demo')))
      /** Current quality-credit score (hundredths), grade and internal risk class (§6), set by recompute. */
      .addColumn('score', 'integer')
      .addColumn('grade', 'text')
      .addColumn('risk_class', 'text')
      .addColumn('scorecard_version', 'text')
      .addColumn('graded_at', c.instant)
      /** Comma-separated codes of the lists the enterprise is on now (SERIOUS, ABNORMAL, …). */
      .addColumn('list_flags', 'text', (col) => col.notNull())
      .addColumn('search_text', 'text', (col) => col.notNull())
      .addColumn('search_terms', 'text', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('enterprises_registration_no').on('enterprises').column('registration_no').execute();
    await db.schema.createIndex('enterprises_legal_rep').on('enterprises').column('legal_rep').execute();
    await db.schema
      .createIndex('enterprises_district')
      .on('enterprises')
      .columns(['district_code', 'status'])
      .execute();
    await db.schema.createIndex('enterprises_risk').on('enterprises').columns(['risk_class', 'id']).execute();
    await searchIndex(dialect).create(db, 'enterprises');

    await c
      .id(db.schema.createTable('enterprise_changes'))
      .addColumn('enterprise_id', c.ref, (col) => col.notNull().references('enterprises.id'))
      .addColumn('field', 'text', (col) => col.notNull())
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('at', c.instant, (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('enterprise_changes_enterprise')
      .on('enterprise_changes')
      .columns(['enterprise_id', 'at'])
      .execute();

    await c
      .id(db.schema.createTable('import_jobs'))
      /** enterprises (later modules add kinds) */
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('file_id', c.ref, (col) => col.references('files.id'))
      .addColumn('file_name', 'text', (col) => col.notNull())
      /** pending | running | completed | failed | cancelled */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('dry_run', 'integer', (col) => col.notNull().check(flagCheck('dry_run')))
      .addColumn('total_rows', 'integer')
      /** Rows fully committed: a resumed job continues after this many data rows. */
      .addColumn('checkpoint_row', 'integer', (col) => col.notNull())
      .addColumn('inserted', 'integer', (col) => col.notNull())
      .addColumn('updated', 'integer', (col) => col.notNull())
      .addColumn('unchanged', 'integer', (col) => col.notNull())
      .addColumn('rejected', 'integer', (col) => col.notNull())
      .addColumn('encoding', 'text')
      /** Size and SHA-256 of the first MiB: a resumed job must be given the same file. */
      .addColumn('file_size', c.bigint)
      .addColumn('file_fingerprint', 'text')
      /** Web uploads: the SHA-256 the bytes are stored under in the file store, so the job can run and resume. */
      .addColumn('stored_sha256', 'text')
      .addColumn('warnings', 'integer', (col) => col.notNull())
      .addColumn('error', 'text')
      .addColumn('created_by', c.ref, (col) => col.references('users.id'))
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('finished_at', c.instant)
      .execute();

    await c
      .id(db.schema.createTable('import_rejects'))
      .addColumn('job_id', c.ref, (col) => col.notNull().references('import_jobs.id').onDelete('cascade'))
      .addColumn('line', 'integer', (col) => col.notNull())
      .addColumn('field', 'text')
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('message', 'text', (col) => col.notNull())
      .addColumn('severity', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('import_rejects_job').on('import_rejects').columns(['job_id', 'line']).execute();
  },
};
