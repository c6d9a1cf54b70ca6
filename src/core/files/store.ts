import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { QcError } from '../errors.js';

/** What `put` stored: the content's SHA-256 (lower-case hex) and its size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The SHA-256 of some bytes, lower-case hex. */
export function sha256Of(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed bytes on disk: `<root>/ab/cd/<sha256>`. A file appears under its final name only
 * once complete (temp file, fsync, rename), so a crash leaves either nothing or the whole content,
 * and storing the same content twice is a no-op.
 */
export class FileStore {
  /** Temp files live under the root so the final rename never crosses a file system. */
  private readonly tmpDir: string;

  constructor(
    readonly root: string,
    readonly maxBytes: number,
  ) {
    this.tmpDir = path.join(root, 'tmp');
  }

  /** Where the content with this hash lives; throws on anything but a SHA-256, so no path escapes the root. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new QcError('QC_ERR_FILE_NOT_FOUND', [sha256]);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the bytes under their SHA-256, durably; returns at once when that content is already there. */
  async put(bytes: Uint8Array): Promise<StoredBlob> {
    if (bytes.length > this.maxBytes) throw new QcError('QC_ERR_FILE_TOO_LARGE', [this.maxBytes]);
    const sha256 = sha256Of(bytes);
    const target = this.pathOf(sha256);
    // A same-sized file under the hash is that content; another size means a damaged copy to replace.
    if ((await statOrNull(target))?.size === bytes.length) return { sha256, size: bytes.length };

    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${sha256}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
    try {
      const handle = await fs.promises.open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // rename() replaces atomically, so concurrent puts of the same content each land a complete file.
      await fs.promises.rename(tmp, target);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
    await syncDir(path.dirname(target));
    return { sha256, size: bytes.length };
  }

  /** True when the content with this hash is stored. */
  async exists(sha256: string): Promise<boolean> {
    return SHA256.test(sha256) && (await statOrNull(this.pathOf(sha256)))?.isFile() === true;
  }

  /** A stream of the stored content; throws QC_ERR_FILE_MISSING when it is not on disk. */
  async open(sha256: string): Promise<Readable> {
    let handle: fs.promises.FileHandle;
    try {
      // Opening first turns a missing file into an error here rather than later, mid-response.
      handle = await fs.promises.open(this.pathOf(sha256), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new QcError('QC_ERR_FILE_MISSING', [sha256]);
      throw err;
    }
    return handle.createReadStream();
  }
}

async function statOrNull(file: string): Promise<fs.Stats | null> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? stat : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Makes a rename durable: without it a power cut can lose the new directory entry. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
