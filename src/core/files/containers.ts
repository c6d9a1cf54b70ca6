import zlib from 'node:zlib';

/**
 * Just enough of the ZIP and OLE2 (Compound File) formats to tell which document a container holds.
 * Pure and defensive: every offset comes from untrusted bytes, so each read is bounds-checked and a
 * malformed container yields null instead of an exception.
 */

/** One ZIP central-directory entry: what sniffing needs to know about a member. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** More members than any real Office document has; bounds the work a hostile archive can cause. */
const MAX_ENTRIES = 20_000;

function u16(b: Uint8Array, at: number): number | null {
  return at >= 0 && at + 2 <= b.length ? (b[at]! | (b[at + 1]! << 8)) >>> 0 : null;
}

function u32(b: Uint8Array, at: number): number | null {
  return at >= 0 && at + 4 <= b.length
    ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0
    : null;
}

/** The central directory of a ZIP held in memory, or null when it is missing, malformed or ZIP64. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  // The end record sits in the last 22 bytes plus an optional comment of up to 65,535 bytes.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (u32(bytes, i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === null || cdSize === null || cdOffset === null) return null;
  // ZIP64 markers: never needed under the upload cap, so treated as something else.
  if (count === 0xffff || cdOffset === 0xffffffff || count > MAX_ENTRIES) return null;
  if (cdOffset + cdSize > eocd) return null;
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (u32(bytes, at) !== CENTRAL_SIG) return null;
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const uncompressedSize = u32(bytes, at + 24);
    const nameLen = u16(bytes, at + 28);
    const extraLen = u16(bytes, at + 30);
    const commentLen = u16(bytes, at + 32);
    const localHeaderOffset = u32(bytes, at + 42);
    if (
      method === null ||
      compressedSize === null ||
      uncompressedSize === null ||
      nameLen === null ||
      extraLen === null ||
      commentLen === null ||
      localHeaderOffset === null ||
      at + 46 + nameLen > bytes.length
    ) {
      return null;
    }
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLen).toString('utf8');
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The bytes of one small member (stored or deflated), or null when unreadable or over `maxBytes`. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes = 1_048_576): Buffer | null {
  const at = entry.localHeaderOffset;
  const nameLen = u16(bytes, at + 26);
  const extraLen = u16(bytes, at + 28);
  if (u32(bytes, at) !== LOCAL_SIG || nameLen === null || extraLen === null) return null;
  const start = at + 30 + nameLen + extraLen;
  const end = start + entry.compressedSize;
  if (end > bytes.length || entry.uncompressedSize > maxBytes) return null;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) return null;
  try {
    // maxOutputLength stops a zip bomb that lies about its uncompressed size.
    return zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}

const OLE2_SIG = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;

/** True when the bytes start with the Compound File (OLE2) signature. */
export function isOle2(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && OLE2_SIG.every((v, i) => bytes[i] === v);
}

/**
 * Names of the streams and storages in a Compound File (e.g. `WordDocument`, `Workbook`), read
 * from its directory; null when the structure is broken.
 */
export function ole2EntryNames(bytes: Uint8Array): string[] | null {
  if (!isOle2(bytes)) return null;
  const shift = u16(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorAt = (s: number) => (s + 1) * sectorSize;
  const fatCount = u32(bytes, 0x2c);
  const firstDir = u32(bytes, 0x30);
  if (fatCount === null || firstDir === null) return null;
  const totalSectors = Math.floor(bytes.length / sectorSize);
  if (fatCount > totalSectors) return null;

  // FAT sector numbers: 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++)
    fatSectors.push(u32(bytes, 0x4c + i * 4) ?? END_OF_CHAIN);
  let difat = u32(bytes, 0x44) ?? END_OF_CHAIN;
  for (let guard = 0; fatSectors.length < fatCount && difat <= MAX_SECTOR; guard++) {
    if (guard > totalSectors) return null;
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) {
      fatSectors.push(u32(bytes, sectorAt(difat) + i * 4) ?? END_OF_CHAIN);
    }
    difat = u32(bytes, sectorAt(difat) + (perSector - 1) * 4) ?? END_OF_CHAIN;
  }
  const next = (sector: number): number | null => {
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined || fat > MAX_SECTOR) return null;
    return u32(bytes, sectorAt(fat) + (sector % perSector) * 4);
  };

  const names: string[] = [];
  let sector = firstDir;
  // A chain longer than the file has sectors is a loop.
  for (let guard = 0; sector !== END_OF_CHAIN; guard++) {
    if (sector > MAX_SECTOR || guard > totalSectors || sectorAt(sector) + sectorSize > bytes.length) return null;
    for (let e = 0; e < sectorSize / 128; e++) {
      const at = sectorAt(sector) + e * 128;
      const nameBytes = u16(bytes, at + 0x40) ?? 0;
      const type = bytes[at + 0x42];
      if ((type === 1 || type === 2 || type === 5) && nameBytes >= 2 && nameBytes <= 64) {
        names.push(Buffer.from(bytes.buffer, bytes.byteOffset + at, nameBytes - 2).toString('utf16le'));
      }
    }
    const following = next(sector);
    if (following === null) return null;
    sector = following;
  }
  return names;
}
