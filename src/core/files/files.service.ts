import path from 'node:path';
import type { Readable } from 'node:stream';
import { authorize } from '../auth/access.js';
import type { RequestContext } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import type { FileRow } from '../db/schema.js';
import type { CoreDeps } from '../deps.js';
import { QcError } from '../errors.js';
import * as repo from './repository.js';
import { checkDeclared, sniffType } from './sniff.js';
import { FileStore } from './store.js';

/** One upload as received: the client's file name and MIME type are claims, the bytes are the truth. */
export interface UploadInput {
  fileName: string;
  declaredMime: string;
  bytes: Uint8Array;
}

/** A stored file as the API shows it. */
export interface FileInfo {
  id: number;
  sha256: string;
  size: number;
  mime: string;
}

/** A stored file opened for reading. */
export interface FileDownload extends FileInfo {
  stream: Readable;
}

function toInfo(row: FileRow): FileInfo {
  return { id: Number(row.id), sha256: row.sha256, size: Number(row.size), mime: row.mime };
}

/**
 * Uploads for every module (evidence, imports): type checked from the content, size-capped, stored
 * once per content hash. Modules keep the file's name and reference `files.id` in their own tables.
 */
export class FileService {
  readonly store: FileStore;

  constructor(private readonly core: CoreDeps) {
    this.store = new FileStore(path.join(core.config.dataDir, 'files'), core.config.uploadLimitBytes);
  }

  /** The upload permission check alone, so a route can refuse before reading a large body. */
  authorizeUpload(ctx: RequestContext): void {
    authorize(ctx, 'files.upload');
  }

  /**
   * Checks and stores one file; the same content uploaded again returns the existing row. Nothing is
   * written for a refused file; bytes are stored before the row, so a row never points at nothing.
   */
  async upload(ctx: RequestContext, input: UploadInput): Promise<FileInfo> {
    authorize(ctx, 'files.upload');
    const { bytes } = input;
    if (bytes.length === 0) throw new QcError('QC_ERR_FILE_EMPTY');
    const limit = this.core.config.uploadLimitBytes;
    if (bytes.length > limit) throw new QcError('QC_ERR_FILE_TOO_LARGE', [limit]);
    const check = checkDeclared(input.fileName, input.declaredMime, sniffType(bytes));
    if (!check.ok) {
      throw new QcError('QC_ERR_FILE_TYPE', [check.declared, check.detected], {
        declared: check.declared,
        detected: check.detected,
      });
    }

    // Hashing and disk writes stay outside the transaction (stack.md §2.5).
    const blob = await this.store.put(bytes);
    const insert = this.core.db.transaction().execute(async (trx) => {
      const existing = await repo.findBySha256(trx, blob.sha256);
      if (existing) return existing;
      const row = await repo.insertFile(trx, {
        sha256: blob.sha256,
        size: blob.size,
        mime: check.mime,
        created_at: this.core.clock.now().toISOString(),
        created_by: ctx.actor?.userId ?? null,
      });
      await this.core.audit.append(trx, ctx, {
        action: 'file.upload',
        entityType: 'file',
        entityId: String(row.id),
        after: toInfo(row),
      });
      return row;
    });
    const row = await insert.catch(async (err: unknown) => {
      // A concurrent upload of the same content inserted first (PostgreSQL); its row is the answer.
      const winner = isUniqueViolation(err) ? await repo.findBySha256(this.core.db, blob.sha256) : undefined;
      if (!winner) throw err;
      return winner;
    });
    return toInfo(row);
  }

  /**
   * Opens a stored file. It checks no permission on the file itself: files have no owner, so the
   * calling module must first check access to the record that references this id.
   */
  async download(ctx: RequestContext, id: number): Promise<FileDownload> {
    if (!ctx.actor && !ctx.systemActor) throw new QcError(ctx.authProblem ?? 'QC_ERR_AUTH_REQUIRED');
    const row = await repo.findById(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_FILE_NOT_FOUND', [id]);
    return { ...toInfo(row), stream: await this.store.open(row.sha256) };
  }
}
