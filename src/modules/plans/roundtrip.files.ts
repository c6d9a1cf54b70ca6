import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type Lang, QcError } from '../../core/errors.js';
import { sniffType } from '../../core/files/sniff.js';
import {
  type Cell,
  COLUMNS,
  cellText,
  SHEET_NAMES,
  type SheetInput,
  type SheetName,
  type SheetRow,
  type Value,
} from './domain/roundtrip.js';
import { findingMessage } from './domain/roundtrip-messages.js';
import type { Finding } from './domain/roundtrip-model.js';

/**
 * Reading and writing the round trip's files (R-S13): an .xlsx workbook with the sheets measures, actions
 * and assignments, or one UTF-8 CSV (with BOM, RFC 4180) per sheet. No database; the service calls these
 * outside its transaction.
 */

/** Above this many data rows a file is refused: a plan has hundreds, so more is a wrong file. */
export const MAX_ROWS = 20_000;

/** The kind of an uploaded file, judged from its bytes. */
export type FileFormat = 'xlsx' | 'csv';

/** The sheet name CSV uploads and exports carry in their file name (QD2015-assignments.csv). */
export function sheetOfFileName(fileName: string): SheetName | null {
  const found = SHEET_NAMES.filter((s) => fileName.toLowerCase().includes(s));
  return found.length === 1 ? found[0]! : null;
}

/** The uploaded file's sheets, with the format; refuses anything but .xlsx and CSV text. */
export async function readUpload(
  bytes: Buffer,
  fileName: string,
  sheet: SheetName | undefined,
): Promise<{ format: FileFormat; sheets: SheetInput[] }> {
  const sniffed = sniffType(bytes);
  if (sniffed.ok && sniffed.kind === 'xlsx') return { format: 'xlsx', sheets: await readWorkbook(bytes) };
  // Excel on Chinese Windows saves "CSV" as GB18030 unless "CSV UTF-8" is chosen.
  const gb = !sniffed.ok && sniffed.label === 'text not in UTF-8';
  if ((sniffed.ok && sniffed.kind === 'text') || gb) {
    const name = sheet ?? sheetOfFileName(fileName);
    if (!name) throw new QcError('QC_ERR_IMPORT_CSV_SHEET');
    const text = new TextDecoder(gb ? 'gb18030' : 'utf-8').decode(bytes);
    return { format: 'csv', sheets: [readCsv(text, name)] };
  }
  throw new QcError('QC_ERR_IMPORT_FILE', [sniffed.label]);
}

function readCsv(text: string, sheet: SheetName): SheetInput {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (err) {
    throw new QcError('QC_ERR_IMPORT_FILE', [`CSV: ${(err as Error).message}`]);
  }
  if (records.length - 1 > MAX_ROWS) throw new QcError('QC_ERR_IMPORT_TOO_MANY_ROWS', [MAX_ROWS]);
  const [header = [], ...data] = records;
  // Row numbers count records, as a spreadsheet shows the file: the header is row 1.
  return { sheet, header, rows: data.map((cells, i) => ({ row: i + 2, cells: cells.map((value) => ({ value })) })) };
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new QcError('QC_ERR_IMPORT_FILE', [`xlsx: ${(err as Error).message}`]);
  }
  return wb;
}

const sheetName = (ws: ExcelJS.Worksheet) => ws.name.trim().toLowerCase() as SheetName;

// Sheets other than the three (an `errors` sheet of an error file, notes) are skipped.
async function readWorkbook(bytes: Buffer): Promise<SheetInput[]> {
  const wb = await loadWorkbook(bytes);
  const out: SheetInput[] = [];
  let total = 0;
  for (const ws of wb.worksheets) {
    const sheet = sheetName(ws);
    if (!SHEET_NAMES.includes(sheet)) continue;
    const headerRow = ws.getRow(1);
    const width = headerRow.cellCount;
    const header = Array.from({ length: width }, (_, i) => cellText(toCell(headerRow.getCell(i + 1))));
    const rows: SheetRow[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      rows.push({ row: r, cells: Array.from({ length: width }, (_, i) => toCell(row.getCell(i + 1))) });
    }
    total += rows.length;
    if (total > MAX_ROWS) throw new QcError('QC_ERR_IMPORT_TOO_MANY_ROWS', [MAX_ROWS]);
    out.push({ sheet, header, rows });
  }
  if (out.length === 0) throw new QcError('QC_ERR_IMPORT_FILE', [`no sheet named ${SHEET_NAMES.join(', ')}`]);
  return out;
}

/** A cell's value as the reader takes it: formulas by their result, rich text and links by their text. */
function toCell(cell: ExcelJS.Cell): Cell {
  const percent = /%/.test(cell.numFmt ?? '');
  const plain = (v: unknown): Cell['value'] => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return plain(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return plain(o.text);
    if ('error' in o) return String(o.error);
    return null;
  };
  return { value: plain(cell.value), percent };
}

const WIDTHS: Record<string, number> = {
  external_id: 24,
  measure_external_id: 18,
  action_external_id: 22,
  title: 40,
  text: 60,
  responsibility_raw: 40,
  unit_name: 18,
  note: 30,
};

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };

/** The export workbook: one sheet per table, IDs, codes and dates as text cells, read-only columns grey. */
export async function writeWorkbook(rows: Record<SheetName, Value[][]>, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '质量强市';
  wb.title = title;
  for (const sheet of SHEET_NAMES) {
    const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    const columns = COLUMNS[sheet];
    ws.columns = columns.map((c) => ({ header: c.name, key: c.name, width: WIDTHS[c.name] ?? 14 }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.note = c.readOnly ? `${c.hint}。只读,修改会被忽略` : c.hint;
      if (c.readOnly) cell.fill = GREY;
    });
    for (const values of rows[sheet]) ws.addRow(values.map((v) => v ?? null));
    // Spare rows get the same formats and lists, so new rows typed below the export keep codes as text.
    const last = rows[sheet].length + 201;
    columns.forEach((c, i) => {
      const text = c.kind !== 'int' && c.kind !== 'weight' && c.kind !== 'percent';
      const list = c.choices ? [`"${c.choices.join(',')}"`] : null;
      for (let r = 2; r <= last; r++) {
        const cell = ws.getRow(r).getCell(i + 1);
        if (text) cell.numFmt = '@';
        if (c.readOnly) cell.fill = GREY;
        if (list) cell.dataValidation = { type: 'list', allowBlank: true, formulae: list };
      }
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One sheet as CSV: UTF-8 with BOM (so Excel reads the Chinese), CRLF, quoted where RFC 4180 needs it. */
export function writeCsv(sheet: SheetName, rows: Value[][]): Buffer {
  const body = stringify([COLUMNS[sheet].map((c) => c.name), ...rows.map((r) => r.map((v) => v ?? ''))], {
    record_delimiter: '\r\n',
  });
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}

const FINDING_HEADER = ['sheet', 'row', 'column', 'external_id', 'code', 'severity', 'message'];

const findingRow = (f: Finding, lang: Lang) => [
  f.sheet,
  f.row,
  f.column ?? '',
  f.externalId ?? '',
  f.code,
  f.severity,
  findingMessage(f, lang),
];

/**
 * The uploaded workbook with its findings: each cell in question filled (red for errors, yellow for
 * warnings) with the message as a note, and an `errors` sheet listing them. The import skips that sheet, so
 * the corrected file can be imported as it is.
 */
export async function errorWorkbook(bytes: Buffer, findings: readonly Finding[], lang: Lang): Promise<Buffer> {
  const wb = await loadWorkbook(bytes);
  for (const ws of wb.worksheets) {
    const sheet = sheetName(ws);
    if (!SHEET_NAMES.includes(sheet)) continue;
    const headerRow = ws.getRow(1);
    const position = new Map<string, number>();
    for (let i = 1; i <= headerRow.cellCount; i++) position.set(cellText(toCell(headerRow.getCell(i))), i);
    for (const f of findings.filter((x) => x.sheet === sheet)) {
      const cell = ws.getRow(f.row).getCell(position.get(f.column ?? 'external_id') ?? 1);
      const colour = f.severity === 'error' ? 'FFFFCCC7' : 'FFFFF1B8';
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour } };
      const previous = typeof cell.note === 'string' && cell.note.startsWith('[') ? `${cell.note}\n` : '';
      cell.note = `${previous}[${f.code}] ${findingMessage(f, lang)}`;
    }
  }
  const old = wb.getWorksheet('errors');
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet('errors', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = FINDING_HEADER.map((h) => ({ header: h, width: h === 'message' ? 70 : 16 }));
  ws.getRow(1).font = { bold: true };
  for (const f of findings) ws.addRow(findingRow(f, lang));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The findings of a CSV upload as CSV (UTF-8 with BOM): sheet, row, column, ID, code, severity, message. */
export function errorCsv(findings: readonly Finding[], lang: Lang): Buffer {
  const body = stringify([FINDING_HEADER, ...findings.map((f) => findingRow(f, lang))], { record_delimiter: '\r\n' });
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}
