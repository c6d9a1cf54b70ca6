import type { Kysely } from 'kysely';
import { columns, flagCheck } from '../core/db/columns.js';
import type { Dialect } from '../core/db/connect.js';
import type { QcMigration } from '../core/db/migrator.js';

/**
 * Reminders and escalations (R-S8) with their per-user read and acknowledge marks, the scheduler's run
 * ledger that makes a daily job idempotent, the monthly bulletins (R-S14), and the reviewer's flag on a
 * report worth citing as typical experience (典型经验) in a bulletin.
 */
export const migration0006: QcMigration = {
  name: '0006-notices-bulletins',
  async up(db: Kysely<any>, dialect: Dialect) {
    const c = columns(dialect);

    await c
      .id(db.schema.createTable('notices'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('assignment_id', c.ref, (col) => col.notNull().references('assignments.id').onDelete('cascade'))
      .addColumn('unit_code', 'text', (col) => col.notNull())
      .addColumn('level', 'text', (col) => col.notNull())
      .addColumn('notice_key', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('run_day', c.date, (col) => col.notNull())
      .addColumn('due_date', c.date)
      /** Comma-separated recipient roles: handler, unit_head, leader. */
      .addColumn('recipients', 'text', (col) => col.notNull())
      .addColumn('no', 'text', (col) => col.notNull())
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('sent_at', c.instant, (col) => col.notNull())
      .addUniqueConstraint('notices_once_a_day', ['assignment_id', 'notice_key', 'run_day'])
      .addUniqueConstraint('notices_number', ['no'])
      .execute();
    await db.schema.createIndex('notices_unit_day').on('notices').columns(['unit_code', 'run_day']).execute();
    await db.schema.createIndex('notices_plan_day').on('notices').columns(['plan_id', 'run_day']).execute();

    await c
      .id(db.schema.createTable('notice_marks'))
      .addColumn('notice_id', c.ref, (col) => col.notNull().references('notices.id').onDelete('cascade'))
      .addColumn('user_id', c.ref, (col) => col.notNull().references('users.id'))
      .addColumn('read_at', c.instant)
      .addColumn('ack_at', c.instant)
      .addUniqueConstraint('notice_marks_user', ['notice_id', 'user_id'])
      .execute();
    await db.schema.createIndex('notice_marks_by_user').on('notice_marks').columns(['user_id', 'notice_id']).execute();

    await c
      .id(db.schema.createTable('job_runs'))
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('run_key', 'text', (col) => col.notNull())
      /** running | succeeded | failed */
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('started_at', c.instant, (col) => col.notNull())
      .addColumn('finished_at', c.instant)
      .addColumn('result_json', 'text')
      .addColumn('error', 'text')
      .addUniqueConstraint('job_runs_once', ['job', 'run_key'])
      .execute();

    await c
      .id(db.schema.createTable('bulletins'))
      .addColumn('plan_id', c.ref, (col) => col.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('seq', 'integer', (col) => col.notNull())
      /** 2015年第3期 */
      .addColumn('no', 'text', (col) => col.notNull())
      /** The month reported on, YYYY-MM. */
      .addColumn('period', 'text', (col) => col.notNull())
      .addColumn('as_of', c.date, (col) => col.notNull())
      /** draft | approved | issued */
      .addColumn('status', 'text', (col) => col.notNull())
      /** The frozen content every rendering (HTML, DOCX) is made from. */
      .addColumn('content_json', 'text', (col) => col.notNull())
      /** Section 6 下步工作, written by the office. */
      .addColumn('next_steps', 'text', (col) => col.notNull())
      .addColumn('created_by', c.ref, (col) => col.references('users.id'))
      .addColumn('approved_at', c.instant)
      .addColumn('issued_at', c.instant)
      .addColumn('created_at', c.instant, (col) => col.notNull())
      .addColumn('updated_at', c.instant, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addUniqueConstraint('bulletins_number', ['plan_id', 'year', 'seq'])
      .addUniqueConstraint('bulletins_period', ['plan_id', 'period'])
      .execute();

    await db.schema
      .alterTable('progress_reports')
      .addColumn('exemplary', 'integer', (col) => col.notNull().defaultTo(0).check(flagCheck('exemplary')))
      .execute();
    // unit: filed by the unit; import: a progress figure the office set through the Excel round trip, which
    // moves progress like an accepted report but never counts as the unit's report for its period.
    await db.schema
      .alterTable('progress_reports')
      .addColumn('origin', 'text', (col) => col.notNull().defaultTo('unit'))
      .execute();
  },
};
