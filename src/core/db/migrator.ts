import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.js';
import type { Dialect } from './connect.js';

/** A migration module: `up` receives the dialect, which Kysely by design does not pass. */
export interface QcMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

class DialectAwareProvider implements MigrationProvider {
  constructor(
    private readonly dialect: Dialect,
    private readonly list: readonly QcMigration[],
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of this.list) out[m.name] = { up: (db) => m.up(db, this.dialect) };
    return out;
  }
}

export interface MigrationOutcome {
  applied: string[];
  pending: number;
}

/** Applies pending forward-only migrations; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<any>,
  dialect: Dialect,
  list: readonly QcMigration[] = MIGRATIONS,
): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db,
    provider: new DialectAwareProvider(dialect, list),
    migrationTableName: 'qc_migration',
    migrationLockTableName: 'qc_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed} failed: ${reason}`);
  }
  return { applied, pending: 0 };
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new DialectAwareProvider(dialect, MIGRATIONS),
    migrationTableName: 'qc_migration',
    migrationLockTableName: 'qc_migration_lock',
  });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
