import type { QcMigration } from '../core/db/migrator.js';
import { migration0001 } from './0001-foundation.js';
import { migration0002 } from './0002-files.js';
import { migration0003 } from './0003-plans.js';
import { migration0005 } from './0005-subplans.js';
import { migration0006 } from './0006-notices-bulletins.js';
import { migration0007 } from './0007-credit-registry.js';
import { migration0008 } from './0008-credit-records.js';

/** Every migration, in the order it runs. Never edit or reorder a shipped entry; append. */
export const MIGRATIONS: readonly QcMigration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
];
