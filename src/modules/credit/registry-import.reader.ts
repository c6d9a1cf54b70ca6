import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { QcError } from '../../core/errors.js';
import { csvRecords } from './registry-import.csv.js';

/**
 * Streams the rows of a registry import file (CSV in UTF-8 or GBK/GB18030, or XLSX) without holding the
 * file in memory: a 2-million-row register is a few hundred megabytes.
 */
export interface ImportFileInfo {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gb18030' | null;
  size: number;
  /** SHA-256 of the size and the first MiB: cheap, and enough to tell a resumed file from another one. */
  fingerprint: string;
}

const SAMPLE = 1 << 20;

/** Cuts a sample at its last newline so a multi-byte character split by the sample edge is not an error. */
function wholeLines(sample: Buffer, complete: boolean): Buffer {
  if (complete) return sample;
  const nl = sample.lastIndexOf(0x0a);
  return nl > 0 ? sample.subarray(0, nl) : sample.subarray(0, Math.max(0, sample.length - 4));
}

/** Detects the format and, for CSV, the encoding; refuses binaries and undecodable text clearly. */
export function inspectImportFile(filePath: string): ImportFileInfo {
  const size = fs.statSync(filePath).size;
  const fd = fs.openSync(filePath, 'r');
  const sample = Buffer.alloc(Math.min(size, SAMPLE));
  try {
    fs.readSync(fd, sample, 0, sample.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const fingerprint = crypto.createHash('sha256').update(String(size)).update(sample).digest('hex');
  if (sample[0] === 0x50 && sample[1] === 0x4b) return { format: 'xlsx', encoding: null, size, fingerprint };
  if (sample.subarray(0, 5).toString('latin1') === '%PDF-' || sample.subarray(0, 4).toString('hex') === 'd0cf11e0') {
    throw new QcError('QC_ERR_REGISTRY_IMPORT_FORMAT', ['binary document']);
  }
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new QcError('QC_ERR_REGISTRY_IMPORT_ENCODING', ['UTF-16']);
  }
  if (sample.includes(0)) throw new QcError('QC_ERR_REGISTRY_IMPORT_FORMAT', ['binary data (NUL bytes)']);
  const text = wholeLines(sample, size <= SAMPLE);
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(text);
      return { format: 'csv', encoding, size, fingerprint };
    } catch {
      // try the next encoding
    }
  }
  throw new QcError('QC_ERR_REGISTRY_IMPORT_ENCODING', ['invalid byte sequence']);
}

/** A stream transform decoding bytes with TextDecoder (which knows GB18030, a superset of GBK, in Node 20). */
function decoder(encoding: string): Transform {
  const d = new TextDecoder(encoding, { fatal: true });
  // Strings out, for the CSV splitter.
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, d.decode(chunk, { stream: true }));
      } catch {
        done(new QcError('QC_ERR_REGISTRY_IMPORT_ENCODING', [`invalid ${encoding} bytes`]));
      }
    },
    flush(done) {
      try {
        done(null, d.decode());
      } catch {
        done(new QcError('QC_ERR_REGISTRY_IMPORT_ENCODING', [`invalid ${encoding} bytes at the end`]));
      }
    },
  });
}

/** Rows of the file as text cells, header first; `onBytes` reports progress through the file. */
export async function* readImportRows(
  filePath: string,
  info: ImportFileInfo,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string[]> {
  if (info.format === 'xlsx') {
    yield* readXlsx(filePath);
    return;
  }
  const source = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  if (onBytes) source.on('data', (c) => onBytes(c.length));
  const text = source.pipe(decoder(info.encoding ?? 'utf-8'));
  source.on('error', (e) => text.destroy(e));
  try {
    yield* csvRecords(text);
  } finally {
    source.destroy();
  }
}

async function* readXlsx(filePath: string): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const out: string[] = [];
      for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
      yield out;
    }
    // Only the first sheet is the register.
    break;
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return '';
  }
  return String(v);
}
