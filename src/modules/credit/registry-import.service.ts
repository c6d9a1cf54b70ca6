import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Insertable, Kysely } from 'kysely';
import { authorize } from '../../core/auth/access.js';
import type { RequestContext } from '../../core/context.js';
import { bulkInserter } from '../../core/db/bulk.js';
import type { DB } from '../../core/db/schema.js';
import type { EnterpriseTable, ImportJobTable } from '../../core/db/schema-credit.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import type { FileService } from '../../core/files/files.service.js';
import { searchColumns } from '../../core/search/tokenize.js';
import {
  type EnterpriseRecord,
  enterpriseSearchFields,
  mapHeader,
  parseRegistryRow,
  type RowFinding,
  rowKey,
} from './domain/registry-row.js';
import { usccReference } from './reference.js';
import * as repo from './registry.repository.js';
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

type JobRow = Awaited<ReturnType<typeof repo.jobById>> & {};

/** Columns a comparison looks at; everything the file can say about an enterprise. */
const COMPARED = [
  'registration_no',
  'org_code',
  'name',
  'former_names',
  'entity_type',
  'legal_rep',
  'legal_rep_id_hash',
  'registered_capital',
  'currency',
  'established_on',
  'operating_term_to',
  'registration_authority',
  'registration_region_code',
  'district_code',
  'address',
  'business_scope',
  'industry_code',
  'status',
  'status_date',
  'code_warnings',
  'source_record_id',
] as const;

const INSERT_COLUMNS = [
  'uscc',
  ...COMPARED,
  'source',
  'last_synced_at',
  'last_import_job_id',
  'demo',
  'list_flags',
  'search_text',
  'search_terms',
  'created_at',
  'updated_at',
  'version',
] as const;

/** ID numbers are kept only as a hash for cross-links; the prefix keeps them apart from other SHA-256 uses. */
export function hashPersonId(id: string | null): string | null {
  return id ? crypto.createHash('sha256').update(`qcity:person:${id.toUpperCase()}`).digest('hex') : null;
}

interface Parsed {
  line: number;
  record: EnterpriseRecord | null;
  findings: RowFinding[];
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
    const filePath = this.files.store.pathOf(blob.sha256);
    const id = await this.createJob(ctx, filePath, {
      dryRun: options.dryRun,
      fileName: upload.fileName,
      storedSha256: blob.sha256,
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
    const inserter = bulkInserter(this.core.handle, 'enterprises', INSERT_COLUMNS);
    let header: ReturnType<typeof mapHeader> | null = null;
    let dataRow = 0;
    let batch: Parsed[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      await this.commitBatch(ctx, job, rows, dataRow, counts, inserter, dryRunKeys);
      Object.assign(progress, counts, { rows: dataRow });
      options.onProgress?.(progress);
    };

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

  /** One batch in one transaction: upserts, change history, rejects, counters, checkpoint and one audit row. */
  private async commitBatch(
    ctx: RequestContext,
    job: JobRow,
    rows: Parsed[],
    checkpoint: number,
    counts: { inserted: number; updated: number; unchanged: number; rejected: number; warnings: number },
    inserter: ReturnType<typeof bulkInserter<'enterprises'>>,
    dryRunKeys: Set<string> | null,
  ): Promise<void> {
    const now = this.now();
    const before = { ...counts };
    const write = async (trx: Kysely<DB>) => {
      const valid = rows.filter((r) => r.record) as (Parsed & { record: EnterpriseRecord })[];
      const byUscc = new Map(
        (await repo.enterprisesByUscc(trx, uniq(valid.map((r) => r.record.uscc)))).map((e) => [e.uscc!, e]),
      );
      const regNos = uniq(
        valid.filter((r) => !r.record.uscc || !byUscc.has(r.record.uscc)).map((r) => r.record.registration_no),
      );
      const byRegNo = new Map<string, repo.EnterpriseRow>();
      // A registration number matches only a row that has no credit code yet (an older record being upgraded).
      for (const e of await repo.enterprisesByRegistrationNo(trx, regNos)) {
        if (!e.uscc && !byRegNo.has(e.registration_no!)) byRegNo.set(e.registration_no!, e);
      }
      const seen = new Set<string>();
      const inserts: Insertable<EnterpriseTable>[] = [];
      const touched: number[] = [];
      const changes: Insertable<DB['enterprise_changes']>[] = [];
      const rejects: Insertable<DB['import_rejects']>[] = [];
      for (const row of rows) {
        for (const f of row.findings) {
          rejects.push({
            job_id: job.id,
            line: row.line,
            field: f.field,
            code: f.code,
            message: f.message,
            severity: f.severity,
          });
        }
        if (!row.record) {
          counts.rejected += 1;
          continue;
        }
        if (row.findings.length) counts.warnings += 1;
        const rec = row.record;
        const key = rowKey(rec);
        const existing =
          (rec.uscc && byUscc.get(rec.uscc)) || (rec.registration_no ? byRegNo.get(rec.registration_no) : undefined);
        const duplicate =
          seen.has(key) ||
          (rec.registration_no && seen.has(`R:${rec.registration_no}`) && !rec.uscc) ||
          (dryRunKeys?.has(key) ?? false) ||
          (existing !== undefined && Number(existing.last_import_job_id) === job.id);
        if (duplicate) {
          counts.rejected += 1;
          rejects.push({
            job_id: job.id,
            line: row.line,
            field: rec.uscc ? 'uscc' : 'registrationNo',
            code: 'ROW_DUPLICATE_IN_FILE',
            message: `${rec.uscc ?? rec.registration_no} appears more than once in this file`,
            severity: 'error',
          });
          continue;
        }
        seen.add(key);
        if (rec.registration_no) seen.add(`R:${rec.registration_no}`);
        dryRunKeys?.add(key);
        const values = this.columnsOf(rec);
        if (!existing) {
          counts.inserted += 1;
          const search = searchColumns(enterpriseSearchFields(rec.name, rec.former_names));
          inserts.push({
            uscc: rec.uscc,
            ...values,
            source: 'import',
            last_synced_at: now,
            last_import_job_id: job.id,
            demo: 0,
            list_flags: '',
            ...search,
            created_at: now,
            updated_at: now,
            version: 1,
          } as Insertable<EnterpriseTable>);
          continue;
        }
        const next: Record<string, string | number | null> = { ...values, uscc: rec.uscc };
        const old = existing as unknown as Record<string, string | number | null>;
        const diff: string[] = COMPARED.filter((c) => String(old[c] ?? '') !== String(next[c] ?? ''));
        // An older record matched by registration number gains its credit code.
        if (rec.uscc && existing.uscc !== rec.uscc) diff.push('uscc');
        if (diff.length === 0) {
          counts.unchanged += 1;
          touched.push(Number(existing.id));
          continue;
        }
        counts.updated += 1;
        const set: Record<string, unknown> = { last_synced_at: now, last_import_job_id: job.id, updated_at: now };
        for (const c of diff) {
          set[c] = next[c];
          changes.push({
            enterprise_id: Number(existing.id),
            field: c,
            old_value: old[c] === null || old[c] === undefined ? null : String(old[c]),
            new_value: next[c] === null || next[c] === undefined ? null : String(next[c]),
            source: `import:${job.id}`,
            at: now,
          });
        }
        if (diff.includes('name') || diff.includes('former_names')) {
          Object.assign(set, searchColumns(enterpriseSearchFields(rec.name, rec.former_names)));
        }
        set.version = Number(existing.version) + 1;
        if (!dryRunKeys) await repo.updateEnterprise(trx, Number(existing.id), set);
      }
      if (dryRunKeys) {
        await repo.insertRejects(trx, rejects);
      } else {
        await inserter.insert(trx, inserts);
        await repo.touchEnterprises(trx, touched, job.id, now);
        await repo.insertChanges(trx, changes);
        await repo.insertRejects(trx, rejects);
      }
      await repo.updateJob(trx, job.id, { ...counts, checkpoint_row: checkpoint, updated_at: now });
      if (!dryRunKeys) {
        await this.core.audit.append(trx, ctx, {
          action: 'enterprises.import.batch',
          entityType: 'import_job',
          entityId: String(job.id),
          after: {
            toRow: checkpoint,
            inserted: counts.inserted - before.inserted,
            updated: counts.updated - before.updated,
            unchanged: counts.unchanged - before.unchanged,
            rejected: counts.rejected - before.rejected,
          },
        });
      }
    };
    try {
      await this.core.db.transaction().execute(write);
    } catch (err) {
      // The batch rolled back whole; the counters must say so too before the job is marked failed.
      Object.assign(counts, before);
      throw err;
    }
  }

  private columnsOf(rec: EnterpriseRecord): Record<(typeof COMPARED)[number], string | number | null> {
    const { legal_rep_id, uscc: _uscc, ...rest } = rec;
    return { ...rest, legal_rep_id_hash: hashPersonId(legal_rep_id) };
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

function uniq(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
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
