import type { Kysely } from 'kysely';
import { columns } from '../core/db/columns.js';
import type { Dialect } from '../core/db/connect.js';
import type { QcMigration } from '../core/db/migrator.js';

/**
 * Uploaded files, one row per distinct content. The bytes live on disk under their SHA-256;
 * names belong to the records that reference a file, since the same bytes may be uploaded under many.
 */
export const migration0002: QcMigration = {
  name: '0002-files',
  async up(db: Kysely<any>, dialect: Dialect) {
    const c = columns(dialect);
    await c
      .id(db.schema.createTable('files'))
      .addColumn('sha256', 'text', (col) => col.notNull().unique())
      .addColumn('size', c.bigint, (col) => col.notNull())
      .addColumn('mime', 'text', (col) => col.notNull())
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('created_by', c.ref, (col) => col.references('users.id'))
      .execute();
  },
};
