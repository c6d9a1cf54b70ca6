import { isOle2, ole2EntryNames, readZipEntry, zipEntries } from './containers.js';

/**
 * What an uploaded file really is, judged from its bytes alone (pure, no I/O). Only the types
 * evidence and imports need are accepted; everything else is refused with a named reason, so an
 * executable renamed to .pdf never reaches storage.
 */

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'text';

/** The accepted result: a kind, its canonical MIME type, and a short label for messages. */
export interface Sniffed {
  ok: true;
  kind: FileKind;
  mime: string;
  label: string;
}

/** A refused result: the label names what the bytes look like (EXE, ZIP, HTML …). */
export interface Refused {
  ok: false;
  label: string;
}

export type SniffResult = Sniffed | Refused;

interface KindInfo {
  mime: string;
  label: string;
  extensions: readonly string[];
  /** Declared MIME types a browser or client may honestly send for this kind, besides `mime`. */
  alsoDeclared: readonly string[];
}

const ZIP_DECLARED = ['application/zip', 'application/x-zip-compressed'];

const KINDS: Record<FileKind, KindInfo> = {
  pdf: { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'], alsoDeclared: ['application/x-pdf'] },
  png: { mime: 'image/png', label: 'PNG', extensions: ['png'], alsoDeclared: [] },
  jpeg: {
    mime: 'image/jpeg',
    label: 'JPEG',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    alsoDeclared: ['image/pjpeg', 'image/jpg'],
  },
  gif: { mime: 'image/gif', label: 'GIF', extensions: ['gif'], alsoDeclared: [] },
  webp: { mime: 'image/webp', label: 'WebP', extensions: ['webp'], alsoDeclared: [] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'DOCX',
    extensions: ['docx'],
    alsoDeclared: ZIP_DECLARED,
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'XLSX',
    extensions: ['xlsx'],
    alsoDeclared: ZIP_DECLARED,
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PPTX',
    extensions: ['pptx'],
    alsoDeclared: ZIP_DECLARED,
  },
  doc: { mime: 'application/msword', label: 'DOC', extensions: ['doc'], alsoDeclared: [] },
  xls: { mime: 'application/vnd.ms-excel', label: 'XLS', extensions: ['xls'], alsoDeclared: [] },
  text: {
    mime: 'text/plain',
    label: 'TEXT',
    extensions: ['txt', 'csv', 'tsv', 'log', 'md'],
    // Windows with Excel installed declares .csv as application/vnd.ms-excel.
    alsoDeclared: [
      'text/csv',
      'text/x-csv',
      'application/csv',
      'text/comma-separated-values',
      'text/tab-separated-values',
      'text/markdown',
      'text/x-markdown',
      'application/vnd.ms-excel',
    ],
  },
};

/** MIME types of text files by extension, so a .csv is stored as text/csv. */
const TEXT_MIME_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  md: 'text/markdown',
};

/** Declared types that claim nothing; the file name's extension still has to fit. */
const GENERIC_DECLARED = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
  'application/x-download',
  'application/force-download',
]);

/** The main part each Office Open XML kind must have, with its content type in [Content_Types].xml. */
const OOXML: readonly { kind: FileKind; part: string; contentType: string }[] = [
  {
    kind: 'docx',
    part: 'word/document.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  },
  {
    kind: 'xlsx',
    part: 'xl/workbook.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  },
  {
    kind: 'pptx',
    part: 'ppt/presentation.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
  },
];

function accepted(kind: FileKind): Sniffed {
  return { ok: true, kind, mime: KINDS[kind].mime, label: KINDS[kind].label };
}

function refused(label: string): Refused {
  return { ok: false, label };
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((v, i) => bytes[at + i] === v);
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** Binary signatures of things that are never accepted, checked before anything else. */
const REFUSED_SIGNATURES: readonly [string, readonly number[], number?][] = [
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['Mach-O', [0xcf, 0xfa, 0xed, 0xfe]],
  ['Mach-O', [0xce, 0xfa, 0xed, 0xfe]],
  ['Mach-O/Java class', [0xca, 0xfe, 0xba, 0xbe]],
  ['WebAssembly', [0x00, 0x61, 0x73, 0x6d]],
  ['RAR', [...ascii('Rar!'), 0x1a, 0x07]],
  ['7Z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['GZIP', [0x1f, 0x8b]],
  ['XZ', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['ZSTD', [0x28, 0xb5, 0x2f, 0xfd]],
  ['TAR', [...ascii('ustar'), 0], 257],
  ['TAR', ascii('ustar  '), 257],
];

function sniffZip(bytes: Uint8Array): SniffResult {
  const entries = zipEntries(bytes);
  if (!entries) return refused('ZIP (damaged)');
  const byName = new Map(entries.map((e) => [e.name, e]));
  const types = byName.get('[Content_Types].xml');
  if (!types) return refused('ZIP');
  // Macros run code on open; an Office file carrying them is refused whatever its name says.
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return refused('Office with macros');
  const xml = readZipEntry(bytes, types)?.toString('utf8');
  if (!xml) return refused('ZIP (damaged)');
  if (/macroEnabled/i.test(xml)) return refused('Office with macros');
  for (const o of OOXML) {
    if (byName.has(o.part) && xml.includes(o.contentType)) return accepted(o.kind);
  }
  return refused('Office Open XML (other)');
}

function sniffOle2(bytes: Uint8Array): SniffResult {
  const names = ole2EntryNames(bytes);
  if (!names) return refused('OLE2 (damaged)');
  // Password-protected OOXML lives in an OLE2 wrapper; its content cannot be checked.
  if (names.includes('EncryptedPackage')) return refused('encrypted Office');
  if (names.includes('WordDocument')) return accepted('doc');
  if (names.includes('Workbook') || names.includes('Book')) return accepted('xls');
  return refused('OLE2 (MSI/PPT/other)');
}

/** True for a byte no text file contains: NUL and control characters other than tab, line breaks, form feed, ESC. */
function isBinaryByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f;
}

/** A Windows/DOS executable: "MZ" followed by a PE header, or by the NUL bytes every DOS header has. */
function isExecutable(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ascii('MZ')) || bytes.length < 64) return false;
  const peAt = (bytes[0x3c]! | (bytes[0x3d]! << 8) | (bytes[0x3e]! << 16)) >>> 0;
  return startsWith(bytes, [0x50, 0x45, 0, 0], peAt) || bytes.subarray(0, 64).includes(0);
}
/** Markup a browser or viewer would render or run, judged from the first tag. */
const MARKUP_START = /^\s*<(?:!doctype|html|head|body|svg|\?xml|script|iframe|object|embed|meta|xsl)\b/i;

function sniffText(bytes: Uint8Array): SniffResult {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return refused('UTF-16 text');
  if (bytes.some(isBinaryByte)) return refused('binary');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Mostly GBK/GB18030 text saved by older Chinese Windows programs.
    return refused('text not in UTF-8');
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.startsWith('#!')) return refused('script (#!)');
  if (MARKUP_START.test(body) || /<script\b/i.test(body)) return refused('HTML/SVG/XML');
  return accepted('text');
}

/** Detects the real type of a file from its bytes; only the accepted kinds come back with `ok: true`. */
export function sniffType(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return refused('empty');
  if (isExecutable(bytes)) return refused('EXE/DLL');
  for (const [label, signature, at] of REFUSED_SIGNATURES) {
    if (startsWith(bytes, signature, at)) return refused(label);
  }
  if (startsWith(bytes, ascii('%PDF-'))) return accepted('pdf');
  // PNG: the 8-byte signature followed by the IHDR chunk of length 13.
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return startsWith(bytes, [0, 0, 0, 13, ...ascii('IHDR')], 8) ? accepted('png') : refused('PNG (damaged)');
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return accepted('jpeg');
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return accepted('gif');
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBPVP8'), 8)) return accepted('webp');
  if (startsWith(bytes, ascii('PK\u0003\u0004')) || startsWith(bytes, ascii('PK\u0005\u0006'))) return sniffZip(bytes);
  if (isOle2(bytes)) return sniffOle2(bytes);
  return sniffText(bytes);
}

/** The outcome of comparing what the uploader claims with what the bytes are. */
export type DeclaredCheck = { ok: true; mime: string } | { ok: false; declared: string; detected: string };

/** The lower-case extension of a file name (any client-side path removed), or '' without one. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * Accepts an upload only when its content is an accepted kind and both its name's extension and its
 * declared MIME type (unless generic, like application/octet-stream) fit that kind; returns the MIME
 * type to store.
 */
export function checkDeclared(fileName: string, declaredMime: string, sniffed: SniffResult): DeclaredCheck {
  const mime = declaredMime.split(';')[0]!.trim().toLowerCase();
  const declared = `${fileName.split(/[\\/]/).pop() || '(no name)'} (${mime || 'no type'})`;
  if (!sniffed.ok) return { ok: false, declared, detected: sniffed.label };
  const info = KINDS[sniffed.kind];
  const extension = extensionOf(fileName);
  const extensionFits = info.extensions.includes(extension);
  const mimeFits = GENERIC_DECLARED.has(mime) || mime === info.mime || info.alsoDeclared.includes(mime);
  if (!extensionFits || !mimeFits) return { ok: false, declared, detected: sniffed.label };
  return { ok: true, mime: sniffed.kind === 'text' ? (TEXT_MIME_BY_EXTENSION[extension] ?? info.mime) : info.mime };
}
