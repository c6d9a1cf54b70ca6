import type { Kysely } from 'kysely';
import { AuditLog } from './audit/audit-log.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { DatabaseHandle, Dialect } from './db/connect.js';
import type { DB } from './db/schema.js';
import { type SearchIndex, searchIndex } from './search/search-index.js';

/** What every module service is built from: database, clock, configuration, audit and search. */
export interface CoreDeps {
  handle: DatabaseHandle;
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  audit: AuditLog;
  search: SearchIndex;
}

/** Builds the shared dependencies once per process (server or CLI command). */
export function createCore(config: Config, handle: DatabaseHandle, clock: Clock = systemClock): CoreDeps {
  return {
    handle,
    db: handle.db,
    dialect: handle.dialect,
    clock,
    config,
    audit: new AuditLog(handle.dialect, clock),
    search: searchIndex(handle.dialect),
  };
}
