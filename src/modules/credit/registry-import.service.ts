import fs from 'node:fs';
import type { Insertable } from 'kysely';
import { authorize } from '../../core/auth/access.js';
import type { RequestContext } from '../../core/context.js';
import type { ImportJobTable } from '../../core/db/schema-credit.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import type { FileService } from '../../core/files/files.service.js';
import { mapHeader, parseRegistryRow } from './domain/registry-row.js';
import { usccReference } from './reference.js';
import * as repo from './registry.repository.js';
import { commitBatch, type FreshLoad, type JobRow, type Parsed } from './registry-import.batch.js';
import { type ImportFileInfo, inspectImportFile, readImportRows } from './registry-import.reader.js';

export const IMPORT_KIND = 'enterprises';

/** Progress of a running import, for the CLI bar and the job row the web page polls. */
export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Continue a killed or failed job after its last committed batch. */
  resumeJobId?: number;
  /** Data rows per transaction (stack.md §2.4: 50,000 on the CLI; smaller in the server so requests interleave). */
  batchSize?: number;
  fileId?: number | null;
  fileName?: string;
  storedSha256?: string;
  onProgress?: (p: ImportProgress) => void;
  /** CLI and seeding: the console operator is trusted, no caller check. */
  system?: boolean;
}

/**
 * Imports the enterprise register (credit.md §2): streamed, validated row by row (pure domain), upserted by
 * credit code else registration number in batch transactions that also write rejects, the checkpoint and
 * one audit row; a killed job resumes after its last committed batch.
 */
export class RegistryImportService {
  /** Jobs running in this process (web uploads), so tests and shutdown can wait for them. */
  private readonly running = new Map<number, Promise<unknown>>();

  constructor(
    private readonly core: CoreDeps,
    private readonly files: FileService,
  ) {}

  /**
   * A web upload: the bytes go to the file store, the job row is created (format and encoding checked
   * first, so a refused file writes nothing) and the import runs in the background in small batches.
   */
  async startUpload(
    ctx: RequestContext,
    upload: { fileName: string; bytes: Uint8Array },
    options: { dryRun?: boolean } = {},
  ): Promise<number> {
    authorize(ctx, 'enterprises.manage');
    if (upload.bytes.length === 0) throw new QcError('QC_ERR_REGISTRY_IMPORT_EMPTY');
    const blob = await this.files.store.put(upload.bytes);
    return this.startStored(ctx, { sha256: blob.sha256, fileName: upload.fileName, dryRun: options.dryRun });
  }

  /**
   * Commits what a finished dry run checked, from the stored file: the office reviews the dry run's counts and
   * reject file, then confirms without uploading the file again. Returns the new (committing) job.
   */
  async commitDryRun(ctx: RequestContext, dryRunJobId: number): Promise<number> {
    authorize(ctx, 'enterprises.manage');
    const job = await repo.jobById(this.core.db, dryRunJobId);
    if (!job) throw new QcError('QC_ERR_REGISTRY_IMPORT_JOB_NOT_FOUND', [dryRunJobId]);
    if (!job.dry_run || job.status !== 'completed' || !job.stored_sha256) {
      throw new QcError('QC_ERR_REGISTRY_IMPORT_NOT_COMMITTABLE', [dryRunJobId]);
    }
    return this.startStored(ctx, { sha256: job.stored_sha256, fileName: job.file_name, dryRun: false });
  }

  private async startStored(
    ctx: RequestContext,
    stored: { sha256: string; fileName: string; dryRun?: boolean },
  ): Promise<number> {
    const filePath = this.files.store.pathOf(stored.sha256);
    const id = await this.createJob(ctx, filePath, {
      dryRun: stored.dryRun,
      fileName: stored.fileName,
      storedSha256: stored.sha256,
    });
    await repo.updateJob(this.core.db, id, { total_rows: quickLineCount(filePath) });
    const done = this.run(ctx, filePath, { resumeJobId: id, batchSize: 5000 })
      .catch(() => {
        // The job row records the failure; the poller shows it.
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, done);
    return id;
  }

  /** Resolves when a background job of this process has finished (at once if none runs). */
  async settled(id: number): Promise<void> {
    await this.running.get(id);
  }

  /** Waits for every background job (graceful stop). */
  async drain(): Promise<void> {
    await Promise.all(this.running.values());
  }

  /** The import permission alone, so an upload route can refuse before reading the body. */
  authorize(ctx: RequestContext): void {
    authorize(ctx, 'enterprises.manage');
  }

  /** Creates the job row for a file (checked for format and encoding first) and returns its id. */
  async createJob(ctx: RequestContext, filePath: string, options: ImportOptions = {}): Promise<number> {
    if (!options.system) authorize(ctx, 'enterprises.manage');
    const info = inspectImportFile(filePath);
    await checkHeader(filePath, info);
    const now = this.core.clock.now().toISOString();
    const job: Insertable<ImportJobTable> = {
      kind: IMPORT_KIND,
      file_id: options.fileId ?? null,
      file_name: options.fileName ?? filePath,
      status: 'pending',
      dry_run: options.dryRun ? 1 : 0,
      total_rows: null,
      checkpoint_row: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      warnings: 0,
      encoding: info.encoding ?? info.format,
      file_size: info.size,
      file_fingerprint: info.fingerprint,
      stored_sha256: options.storedSha256 ?? null,
      error: null,
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    };
    return this.core.db.transaction().execute(async (trx) => {
      const id = await repo.insertJob(trx, job);
      await this.core.audit.append(trx, ctx, {
        action: 'enterprises.import.start',
        entityType: 'import_job',
        entityId: String(id),
        after: { file: job.file_name, dryRun: Boolean(job.dry_run), size: info.size, encoding: job.encoding },
      });
      return id;
    });
  }

  /** Runs (or resumes) a job to the end; the job row records failure and the error is rethrown. */
  async run(ctx: RequestContext, filePath: string, options: ImportOptions = {}): Promise<JobRow> {
    if (!options.system) authorize(ctx, 'enterprises.manage');
    const jobId = options.resumeJobId ?? (await this.createJob(ctx, filePath, options));
    const job = await repo.jobById(this.core.db, jobId);
    if (!job || job.kind !== IMPORT_KIND) throw new QcError('QC_ERR_REGISTRY_IMPORT_JOB_NOT_FOUND', [jobId]);
    if (!['pending', 'running', 'failed'].includes(job.status)) {
      throw new QcError('QC_ERR_REGISTRY_IMPORT_JOB_STATE', [jobId, job.status]);
    }
    const info = inspectImportFile(filePath);
    if (options.resumeJobId && info.fingerprint !== job.file_fingerprint) {
      throw new QcError('QC_ERR_REGISTRY_IMPORT_FILE_CHANGED', [jobId]);
    }
    await repo.updateJob(this.core.db, jobId, { status: 'running', error: null, updated_at: this.now() });
    try {
      await this.process(ctx, { ...job, status: 'running' }, filePath, info, options);
    } catch (err) {
      const message = err instanceof QcError ? err.messageIn('zh') : (err as Error).message;
      await repo.updateJob(this.core.db, jobId, { status: 'failed', error: message, updated_at: this.now() });
      throw err;
    }
    return (await repo.jobById(this.core.db, jobId))!;
  }

  private now(): string {
    return this.core.clock.now().toISOString();
  }

  private async process(
    ctx: RequestContext,
    job: JobRow,
    filePath: string,
    info: ImportFileInfo,
    options: ImportOptions,
  ): Promise<void> {
    const dryRun = job.dry_run === 1;
    const batchSize = options.batchSize ?? 50_000;
    const ref = usccReference();
    const counts = {
      inserted: job.inserted,
      updated: job.updated,
      unchanged: job.unchanged,
      rejected: job.rejected,
      warnings: job.warnings,
    };
    const progress: ImportProgress = { rows: job.checkpoint_row, bytes: 0, totalBytes: info.size, ...counts };
    // Dry runs write no enterprise rows, so duplicates across batches are remembered here instead.
    const dryRunKeys = dryRun ? new Set<string>() : null;
    const fresh = dryRun ? null : await this.prepareLoad(job.id);
    let header: ReturnType<typeof mapHeader> | null = null;
    let dataRow = 0;
    let batch: Parsed[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      await commitBatch(this.core, ctx, job, rows, dataRow, counts, dryRunKeys, fresh);
      Object.assign(progress, counts, { rows: dataRow });
      options.onProgress?.(progress);
    };

    try {
      for await (const values of readImportRows(filePath, info, (n) => {
        progress.bytes += n;
      })) {
        if (!header) {
          header = mapHeader(values);
          if (header.duplicate) throw new QcError('QC_ERR_REGISTRY_IMPORT_DUPLICATE_COLUMN', [header.duplicate]);
          if (header.missing.length)
            throw new QcError('QC_ERR_REGISTRY_IMPORT_MISSING_COLUMN', [header.missing.join('、')]);
          continue;
        }
        dataRow += 1;
        if (dataRow <= job.checkpoint_row) continue;
        const parsed = parseRegistryRow(values, header.index, ref);
        // Line numbers as a spreadsheet shows them: the header is line 1.
        batch.push({ line: dataRow + 1, ...parsed });
        if (batch.length >= batchSize) await flush();
      }
      if (!header) throw new QcError('QC_ERR_REGISTRY_IMPORT_EMPTY');
      await flush();
    } finally {
      // Also after a failed batch: the committed rows must be searchable. A killed process skips this; its
      // resumed or next job repairs the same way in prepareLoad.
      if (fresh) await this.repairLoad();
    }
    if (dataRow === 0) throw new QcError('QC_ERR_REGISTRY_IMPORT_EMPTY');
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateJob(trx, job.id, {
        status: 'completed',
        total_rows: dataRow,
        checkpoint_row: dataRow,
        updated_at: this.now(),
        finished_at: this.now(),
      });
      await this.core.audit.append(trx, ctx, {
        action: 'enterprises.import.finish',
        entityType: 'import_job',
        entityId: String(job.id),
        after: { rows: dataRow, dryRun, ...counts },
      });
    });
  }

  /**
   * Before writing: a registry with only this job's rows gets the fast path (search index suspended, the
   * secondary indexes dropped, both rebuilt set-based at the end, stack.md §2.4); otherwise whatever a killed
   * load left suspended or dropped is repaired first.
   */
  private async prepareLoad(jobId: number): Promise<FreshLoad | null> {
    const db = this.core.db;
    if (await repo.hasRowsOutsideJob(db, jobId)) {
      await this.repairLoad();
      return null;
    }
    await db.transaction().execute((trx) => this.core.search.suspend(trx, 'enterprises'));
    await repo.dropLoadIndexes(db);
    return { regNos: new Set(await repo.usccLessRegistrationNos(db, jobId)) };
  }

  /** Indexes what a fast load inserted and restores per-row indexing and the secondary indexes; idempotent. */
  async repairLoad(): Promise<void> {
    await this.core.db.transaction().execute((trx) => this.core.search.resume(trx, 'enterprises'));
    await repo.restoreLoadIndexes(this.core.db);
  }
}

/** Reads only the header row, so a file without the needed columns is refused before any job exists. */
async function checkHeader(filePath: string, info: ImportFileInfo): Promise<void> {
  const rows = readImportRows(filePath, info);
  const first = await rows.next();
  await rows.return(undefined);
  if (first.done) throw new QcError('QC_ERR_REGISTRY_IMPORT_EMPTY');
  const header = mapHeader(first.value);
  if (header.duplicate) throw new QcError('QC_ERR_REGISTRY_IMPORT_DUPLICATE_COLUMN', [header.duplicate]);
  if (header.missing.length) throw new QcError('QC_ERR_REGISTRY_IMPORT_MISSING_COLUMN', [header.missing.join('、')]);
}

/** Counts data lines of a small CSV for a progress total (big files show bytes instead). */
export function quickLineCount(filePath: string, limitBytes = 64 << 20): number | null {
  const size = fs.statSync(filePath).size;
  if (size > limitBytes) return null;
  const buf = fs.readFileSync(filePath);
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n += 1;
  if (buf.length && buf[buf.length - 1] !== 10) n += 1;
  return Math.max(0, n - 1);
}
