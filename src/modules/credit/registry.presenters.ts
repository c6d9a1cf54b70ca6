import type { Selectable } from 'kysely';
import type { ImportJobTable } from '../../core/db/schema-credit.js';
import type { ImportJob } from './registry.schema.js';

export type ImportJobRowLike = Selectable<ImportJobTable>;

/** An import job row as the API shows it. */
export function toImportJob(j: ImportJobRowLike): ImportJob {
  return {
    id: Number(j.id),
    fileName: j.file_name.split('/').pop() ?? j.file_name,
    status: j.status,
    dryRun: j.dry_run === 1,
    totalRows: j.total_rows === null ? null : Number(j.total_rows),
    checkpointRow: Number(j.checkpoint_row),
    inserted: Number(j.inserted),
    updated: Number(j.updated),
    unchanged: Number(j.unchanged),
    rejected: Number(j.rejected),
    warnings: Number(j.warnings),
    encoding: j.encoding,
    error: j.error,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  };
}
