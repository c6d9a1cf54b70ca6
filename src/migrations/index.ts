import type { QcMigration } from '../core/db/migrator.js';
import { migration0001 } from './0001-foundation.js';

/** Every migration, in the order it runs. Never edit or reorder a shipped entry; append. */
export const MIGRATIONS: readonly QcMigration[] = [migration0001];
