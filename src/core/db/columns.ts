import type { ColumnDataType, CreateTableBuilder, Expression } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from './connect.js';

/**
 * The only place migrations branch on the dialect for column types (stack.md §2.2).
 * Everything else in a migration uses Kysely's portable schema builders.
 */
export interface Columns {
  /** Identity primary key. */
  id<T extends string, C extends string>(t: CreateTableBuilder<T, C>, name?: string): CreateTableBuilder<T, C>;
  /** A foreign-key-compatible integer referencing an identity key. */
  ref: ColumnDataType;
  instant: ColumnDataType;
  date: ColumnDataType;
  json: ColumnDataType;
  /** A plain 64-bit integer (audit sequence numbers, counters). */
  bigint: ColumnDataType;
}

/** Column helpers for one dialect. */
export function columns(dialect: Dialect): Columns {
  if (dialect === 'postgres') {
    return {
      id: (t, name = 'id') =>
        t.addColumn(name, 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity()) as typeof t,
      ref: 'bigint',
      instant: 'timestamptz',
      date: 'date',
      json: 'jsonb',
      bigint: 'bigint',
    };
  }
  return {
    id: (t, name = 'id') => t.addColumn(name, 'integer', (c) => c.primaryKey()) as typeof t,
    ref: 'integer',
    instant: 'text',
    date: 'text',
    json: 'text',
    bigint: 'integer',
  };
}

/** `check (col in (0, 1))` for flag columns, identical on both databases. */
export function flagCheck(column: string): Expression<unknown> {
  return sql`${sql.ref(column)} in (0, 1)`;
}
