/**
 * CSV/Excel round trip of a plan (R-S13), part 1: the columns of the three sheets, reading cells into
 * typed values and checking headers. Pure: the service hands in cells already read from the file
 * (exceljs or csv-parse); nothing here touches a file, the database or the clock.
 */

import { ASSIGNMENT_STATES, STATE_LABELS } from './lifecycle.js';
import { toHundredths } from './rollup.js';

export const SHEET_NAMES = ['measures', 'actions', 'assignments'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

export const DEADLINE_TYPES = ['absolute', 'relative', 'periodic', 'ongoing', 'unscheduled', 'default'] as const;
export const ROLES = ['lead', 'co', 'shared'] as const;
export const CADENCES = ['monthly', 'quarterly', 'adhoc'] as const;
export const OPS = ['delete'] as const;

/**
 * How a column's cells are read. `id`: text even when Excel stored a number (370282 stays "370282");
 * `weight`: a sibling weight 0–1, stored in basis points; `percent`: progress 0–100, stored in hundredths.
 */
export type ColumnKind = 'id' | 'text' | 'int' | 'weight' | 'date' | 'percent' | 'choice';

export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  /** Exported for reading; an edited cell is ignored with READONLY_IGNORED. */
  readOnly?: boolean;
  choices?: readonly string[];
  /** Shown as the header cell's note in the workbook. */
  hint: string;
}

const col = (name: string, kind: ColumnKind, hint: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  kind,
  hint,
  ...extra,
});

/** The columns of each sheet, in export order (R-S13). Import accepts exactly these names, in any order. */
export const COLUMNS: Readonly<Record<SheetName, readonly ColumnDef[]>> = {
  measures: [
    col('external_id', 'id', '措施编号;留空表示新建(导入后返回新编号)'),
    col('section_no', 'int', '所属部分序号(一、二……记为 1、2……)'),
    col('no', 'int', '措施在部分内的序号'),
    col('title', 'text', '措施标题'),
    col('weight', 'weight', '同级权重 0–1,可留空'),
    col('responsibility_raw', 'text', '责任单位原文(仅文字,不会改动已交办的任务)'),
  ],
  actions: [
    col('external_id', 'id', '具体举措编号;留空表示新建'),
    col('measure_external_id', 'id', '所属措施编号(已有举措不可改)'),
    col('ord', 'int', '举措在措施内的顺序'),
    col('text', 'text', '举措内容'),
    col('deadline_type', 'choice', '时限类型', { choices: DEADLINE_TYPES }),
    col('due_date', 'date', '截止日期 YYYY-MM-DD,可留空'),
    col('weight', 'weight', '同级权重 0–1,可留空'),
  ],
  assignments: [
    col('external_id', 'id', '任务编号;留空表示新建'),
    col('action_external_id', 'id', '具体举措编号;按措施整体交办的任务填措施编号(已有任务不可改)'),
    col('unit_code', 'id', '责任单位代码(已有任务不可改)'),
    col('unit_name', 'text', '单位名称(只读)', { readOnly: true }),
    col('role', 'choice', 'lead 牵头 / co 配合 / shared 共同', { choices: ROLES }),
    col('deadline_type', 'choice', '时限类型', { choices: DEADLINE_TYPES }),
    col('due_date', 'date', '截止日期 YYYY-MM-DD,可留空'),
    col('cadence', 'choice', '报送周期 monthly / quarterly / adhoc', { choices: CADENCES }),
    col('state', 'choice', '状态;只能按流程走一步(维持交办、撤销、重新办理、销号)', { choices: ASSIGNMENT_STATES }),
    col('progress', 'percent', '进度 0–100;调低须在 note 说明原因'),
    col('light', 'text', '灯色(只读)', { readOnly: true }),
    col('last_report_on', 'date', '最近报送日期(只读)', { readOnly: true }),
    col('note', 'text', '备注/理由:撤销、重新办理、调低进度时必填'),
    col('_op', 'choice', '填 delete 表示撤销该任务(进入回收站,可重新办理恢复)', { choices: OPS }),
  ],
};

/** Every column name of the writable and key columns, for typed access to a read row. */
export type ColumnName =
  | 'external_id'
  | 'section_no'
  | 'no'
  | 'title'
  | 'weight'
  | 'responsibility_raw'
  | 'measure_external_id'
  | 'ord'
  | 'text'
  | 'deadline_type'
  | 'due_date'
  | 'action_external_id'
  | 'unit_code'
  | 'role'
  | 'cadence'
  | 'state'
  | 'progress'
  | 'note'
  | '_op';

/** A cell as read from a workbook or CSV; `percent` marks a number shown with a % format (0.6 = 60 %). */
export interface Cell {
  value: string | number | boolean | Date | null;
  percent?: boolean;
}

/** A read cell value: text, a number, or empty. */
export type Value = string | number | null;

/** A problem with one cell that the reader finds before comparing with the plan. */
export interface CellProblem {
  code: 'INVALID_VALUE' | 'OUT_OF_RANGE';
  expected: string;
}

/** The whole file is refused: a header outside the export set, a missing or repeated one. */
export class HeaderError extends Error {
  constructor(
    readonly code: 'UNKNOWN_COLUMN' | 'MISSING_COLUMN' | 'DUPLICATE_COLUMN',
    readonly sheet: SheetName,
    readonly column: string,
  ) {
    super(`${code}: ${sheet}.${column}`);
    this.name = 'HeaderError';
  }
}

/** Excel's day 0 (1899-12-30, so that serial 60 is Lotus's phantom 1900-02-29) in ms since the epoch. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A calendar day `YYYY-MM-DD` of a Date as exceljs gives date cells (midnight UTC of the shown day). */
export function dayOfDate(d: Date): string {
  // A time of day a few ms off midnight (float serials) must not move the day.
  return new Date(Math.round(d.getTime() / 60_000) * 60_000).toISOString().slice(0, 10);
}

/** The calendar day of an Excel date serial (45000 → 2023-03-15), or null outside 1900–9999. */
export function dayOfSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  return dayOfDate(new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS)));
}

/** The text of a cell as shown: numbers without exponent noise, dates as days, trimmed, CRLF as LF. */
export function cellText(cell: Cell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return dayOfDate(v);
}

/** Full-width digits and punctuation to ASCII, for numbers and codes typed with a Chinese IME. */
const ascii = (s: string) => s.normalize('NFKC').trim();

/** A valid calendar day, or null. */
export function calendarDay(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

const STATE_BY_LABEL = new Map(Object.entries(STATE_LABELS).map(([state, label]) => [label, state]));

/** Reads one cell by its column's kind: the value, or a problem. Empty cells read as null. */
export function readCell(def: ColumnDef, cell: Cell | undefined): { value: Value } | { problem: CellProblem } {
  const raw = cell?.value ?? null;
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  const text = cellText(cell);
  switch (def.kind) {
    case 'id':
      return { value: ascii(text) };
    case 'text':
      return { value: text };
    case 'int': {
      const n = typeof raw === 'number' ? raw : /^\d{1,9}$/.test(ascii(text)) ? Number(ascii(text)) : Number.NaN;
      if (!Number.isInteger(n)) return { problem: { code: 'INVALID_VALUE', expected: 'integer' } };
      if (n < 1) return { problem: { code: 'OUT_OF_RANGE', expected: '≥ 1' } };
      return { value: n };
    }
    case 'weight': {
      // A weight of 0.25 may show as 25 % (a %-formatted cell still holds 0.25) or be typed as "25%".
      const n = decimal(raw, text, { cell: 1, typedPercent: 0.01 });
      if (n === null) return { problem: { code: 'INVALID_VALUE', expected: 'number 0–1' } };
      if (n < 0 || n > 1) return { problem: { code: 'OUT_OF_RANGE', expected: '0–1' } };
      return { value: Math.round(Number((n * 10_000).toPrecision(12))) };
    }
    case 'percent': {
      // Progress 60 may be a plain 60, "60%", or 0.6 in a %-formatted cell.
      const n = decimal(raw, text, { cell: cell?.percent ? 100 : 1, typedPercent: 1 });
      if (n === null) return { problem: { code: 'INVALID_VALUE', expected: 'number 0–100' } };
      if (n < 0 || n > 100) return { problem: { code: 'OUT_OF_RANGE', expected: '0–100' } };
      return { value: toHundredths(n) };
    }
    case 'date': {
      const day = readDay(raw, text);
      return day ? { value: day } : { problem: { code: 'INVALID_VALUE', expected: 'YYYY-MM-DD' } };
    }
    case 'choice': {
      const t = ascii(text);
      const found =
        def.choices?.find((c) => c.toLowerCase() === t.toLowerCase()) ??
        (def.name === 'state' ? STATE_BY_LABEL.get(t) : undefined);
      return found
        ? { value: found }
        : { problem: { code: 'INVALID_VALUE', expected: def.choices?.join(' | ') ?? '' } };
    }
  }
}

// A number cell times `scale.cell`; text is a decimal, and one ending in % is times `scale.typedPercent`.
function decimal(raw: Cell['value'], text: string, scale: { cell: number; typedPercent: number }): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? Number((raw * scale.cell).toPrecision(12)) : null;
  const m = /^([+-]?\d+(?:\.\d+)?)\s*(%?)$/.exec(ascii(text));
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] ? Number((n * scale.typedPercent).toPrecision(12)) : n;
}

function readDay(raw: Cell['value'], text: string): string | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : dayOfDate(raw);
  if (typeof raw === 'number') return dayOfSerial(raw);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(ascii(text));
  return m ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * Maps each export column to its position in the file's header row, or throws HeaderError: a header
 * outside the sheet's columns is UNKNOWN_COLUMN, a missing one MISSING_COLUMN. Empty header cells (a
 * spreadsheet's stray blank columns) are skipped.
 */
export function checkHeader(sheet: SheetName, header: readonly string[]): Map<string, number> {
  const names = new Set(COLUMNS[sheet].map((c) => c.name));
  const positions = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.replace(/^\uFEFF/, '').trim();
    if (name === '') return;
    if (!names.has(name)) throw new HeaderError('UNKNOWN_COLUMN', sheet, name);
    if (positions.has(name)) throw new HeaderError('DUPLICATE_COLUMN', sheet, name);
    positions.set(name, i);
  });
  for (const c of COLUMNS[sheet]) if (!positions.has(c.name)) throw new HeaderError('MISSING_COLUMN', sheet, c.name);
  return positions;
}

/** One data row of a sheet: its row number in the file (the header is row 1) and its cells by position. */
export interface SheetRow {
  row: number;
  cells: readonly (Cell | undefined)[];
}

/** A sheet as read from the file. */
export interface SheetInput {
  sheet: SheetName;
  header: readonly string[];
  rows: readonly SheetRow[];
}

/** A row read into values by column name, with the cells that could not be read. */
export interface ReadRow {
  row: number;
  values: Record<string, Value>;
  /** Read-only columns as shown, for noticing edits. */
  shown: Record<string, string>;
  problems: { column: string; problem: CellProblem; text: string }[];
}

/** Reads every non-empty row of a sheet whose header passed `checkHeader`. */
export function readRows(input: SheetInput): ReadRow[] {
  const positions = checkHeader(input.sheet, input.header);
  const out: ReadRow[] = [];
  for (const r of input.rows) {
    if (r.cells.every((c) => cellText(c) === '')) continue;
    const row: ReadRow = { row: r.row, values: {}, shown: {}, problems: [] };
    for (const def of COLUMNS[input.sheet]) {
      const cell = r.cells[positions.get(def.name)!];
      if (def.readOnly) row.shown[def.name] = def.kind === 'date' ? readDayText(cell) : cellText(cell);
      const read = readCell(def, cell);
      if ('problem' in read) {
        if (!def.readOnly) row.problems.push({ column: def.name, problem: read.problem, text: cellText(cell) });
        row.values[def.name] = null;
      } else {
        row.values[def.name] = read.value;
      }
    }
    out.push(row);
  }
  return out;
}

// A read-only date column compares as a day when it reads as one, so Excel turning the text into a
// date cell is not an edit.
function readDayText(cell: Cell | undefined): string {
  const text = cellText(cell);
  return (cell && readDay(cell.value, text)) ?? text;
}
