import { type Kysely, sql } from 'kysely';
import { columns, flagCheck } from '../core/db/columns.js';
import type { Dialect } from '../core/db/connect.js';
import type { QcMigration } from '../core/db/migrator.js';
import { searchIndex } from '../core/search/search-index.js';

/** Org registry, accounts, sessions, API tokens and the append-only audit log. */
export const migration0001: QcMigration = {
  name: '0001-foundation',
  async up(db: Kysely<any>, dialect: Dialect) {
    const c = columns(dialect);

    await c
      .id(db.schema.createTable('org_units'))
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('full_name', 'text')
      .addColumn('short_name', 'text')
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('parent_code', 'text', (col) => col.references('org_units.code'))
      .addColumn('division_code', 'text')
      .addColumn('valid_from', c.date)
      .addColumn('valid_to', c.date)
      .addColumn('successor_code', 'text', (col) => col.references('org_units.code'))
      .addColumn('assessed', 'integer', (col) => col.notNull().check(flagCheck('assessed')))
      .addColumn('display_order', 'integer', (col) => col.notNull())
      .addColumn('contact_person', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('note', 'text')
      .addColumn('search_text', 'text', (col) => col.notNull())
      .addColumn('search_terms', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .execute();
    await db.schema.createIndex('org_units_kind').on('org_units').columns(['kind', 'display_order']).execute();
    await db.schema.createIndex('org_units_division').on('org_units').column('division_code').execute();
    await searchIndex(dialect).create(db, 'org_units');

    await c
      .id(db.schema.createTable('org_aliases'))
      .addColumn('unit_code', 'text', (col) => col.notNull().references('org_units.code'))
      .addColumn('alias', 'text', (col) => col.notNull())
      .addColumn('alias_norm', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addUniqueConstraint('org_aliases_unit_alias', ['unit_code', 'alias_norm'])
      .execute();
    await db.schema.createIndex('org_aliases_norm').on('org_aliases').column('alias_norm').execute();

    await db.schema
      .createTable('org_groups')
      .addColumn('code', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('rule', 'text', (col) => col.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .execute();
    await c
      .id(db.schema.createTable('org_group_aliases'))
      .addColumn('group_code', 'text', (col) => col.notNull().references('org_groups.code'))
      .addColumn('alias', 'text', (col) => col.notNull())
      .addColumn('alias_norm', 'text', (col) => col.notNull().unique())
      .execute();
    await c
      .id(db.schema.createTable('org_group_members'))
      .addColumn('group_code', 'text', (col) => col.notNull().references('org_groups.code'))
      .addColumn('unit_code', 'text', (col) => col.notNull().references('org_units.code'))
      .addColumn('valid_from', c.date)
      .addColumn('valid_to', c.date)
      .execute();
    await db.schema
      .createIndex('org_group_members_group')
      .on('org_group_members')
      .columns(['group_code', 'unit_code'])
      .execute();

    await c
      .id(db.schema.createTable('users'))
      .addColumn('username', 'text', (col) => col.notNull().unique())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('disabled', 'integer', (col) => col.notNull().check(flagCheck('disabled')))
      .addColumn('is_demo', 'integer', (col) => col.notNull().check(flagCheck('is_demo')))
      .addColumn('locale', 'text', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('password_changed_at', c.instant, (col) => col.notNull())
      .execute();

    await c
      .id(db.schema.createTable('user_roles'))
      .addColumn('user_id', c.ref, (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('scope', 'text')
      .execute();
    await db.schema.createIndex('user_roles_user').on('user_roles').column('user_id').execute();
    await db.schema.createIndex('user_roles_scope').on('user_roles').columns(['role', 'scope']).execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', c.ref, (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('last_seen_at', c.instant, (col) => col.notNull())
      .addColumn('expires_at', c.instant, (col) => col.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('revoked_at', c.instant)
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await c
      .id(db.schema.createTable('login_attempts'))
      .addColumn('username', 'text', (col) => col.notNull())
      .addColumn('at', c.instant, (col) => col.notNull())
      .addColumn('success', 'integer', (col) => col.notNull().check(flagCheck('success')))
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('login_attempts_user_at').on('login_attempts').columns(['username', 'at']).execute();

    await c
      .id(db.schema.createTable('api_tokens'))
      .addColumn('user_id', c.ref, (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('prefix', 'text', (col) => col.notNull())
      .addColumn('token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('permissions', 'text', (col) => col.notNull())
      .addColumn('expires_at', c.instant, (col) => col.notNull())
      .addColumn('revoked_at', c.instant)
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('last_used_at', c.instant)
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', c.bigint, (col) => col.primaryKey())
      .addColumn('at', c.instant, (col) => col.notNull())
      .addColumn('actor_user_id', c.ref)
      .addColumn('actor_name', 'text', (col) => col.notNull())
      .addColumn('role', 'text')
      .addColumn('scope', 'text')
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('entity_type', 'text', (col) => col.notNull())
      .addColumn('entity_id', 'text', (col) => col.notNull())
      // Text on both databases: the hash covers these exact bytes, which jsonb would reorder.
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .addColumn('request_id', 'text')
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_entity')
      .on('audit_log')
      .columns(['entity_type', 'entity_id', 'seq'])
      .execute();
    await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_user_id', 'seq']).execute();

    if (dialect === 'sqlite') {
      await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
        db,
      );
      await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
        db,
      );
    } else {
      await sql`create function qc_audit_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only'; end $$`.execute(
        db,
      );
      await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function qc_audit_append_only()`.execute(
        db,
      );
      await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function qc_audit_append_only()`.execute(
        db,
      );
    }
  },
};
