import type { DatabaseHandle } from './connect.js';

/**
 * Support for reading ahead on a second SQLite connection (a worker thread) while this connection writes: a
 * long set-based recompute reads in one thread and writes in the other, so both cores work. What was read
 * elsewhere is only as fresh as that connection's snapshot, so the writer asks, inside each of its
 * transactions, whether anyone else has committed since its previous one: `data_version` changes when another
 * connection commits, `total_changes()` when another caller writes through this very connection (the server's
 * requests share it). PostgreSQL has no such cheap signal, so there it returns null and callers read in their
 * own transaction.
 */
export interface WriteWatch {
  /** Remembers the state; call inside the writer's transaction, after its own writes. */
  mark(): void;
  /** True when something other than this writer committed since `mark()` (or `mark()` was never called). */
  foreignWrites(): boolean;
}

/** The URL a reader in another thread can open, or null (PostgreSQL, or an in-memory SQLite database). */
export function readAheadUrl(handle: DatabaseHandle): string | null {
  if (handle.dialect !== 'sqlite' || !handle.sqlite || handle.sqlite.memory) return null;
  return handle.url;
}

/** A write watch on the handle's SQLite connection; null where reading ahead is not supported. */
export function writeWatch(handle: DatabaseHandle): WriteWatch | null {
  const sqlite = handle.sqlite;
  if (!readAheadUrl(handle) || !sqlite) return null;
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  const totalChanges = sqlite.prepare('select total_changes()').pluck();
  let last: [unknown, unknown] | null = null;
  return {
    mark() {
      last = [dataVersion.get(), totalChanges.get()];
    },
    foreignWrites() {
      return last === null || dataVersion.get() !== last[0] || totalChanges.get() !== last[1];
    },
  };
}
