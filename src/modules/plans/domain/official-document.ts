/**
 * A small document model for the plan module's official documents (the monthly bulletin, the task table):
 * pure builders produce it, the DOCX renderer and the web's printable page both draw it, so the two
 * renderings cannot differ in content.
 */

/** A table column: heading, relative width (the renderer scales to the text width) and alignment. */
export interface DocColumn {
  title: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A table cell: text, text spanning rows below it, or null where a cell above spans over this one. */
export type DocCell = string | { text: string; rowSpan: number } | null;

/** A body block, drawn in order. */
export type DocBlock =
  /** 一、总体情况 — 黑体 */
  | { kind: 'heading'; text: string }
  /** Body text, 仿宋, first line indented two characters; `lead` is set in bold before it ((一)单位:). */
  | { kind: 'paragraph'; text: string; lead?: string }
  /** A small note under a table (source, definitions). */
  | { kind: 'note'; text: string }
  | { kind: 'table'; columns: DocColumn[]; rows: DocCell[][] };

/** The 简报 masthead: red title, issue number, issuer and date over a red rule. */
export interface DocMasthead {
  title: string;
  /** 2015年第1期 */
  number: string;
  /** Shown after the number while the document is not final, e.g. (草稿). */
  mark: string | null;
  issuer: string;
  /** 2015年10月8日 */
  date: string;
}

/** A whole document. */
export interface OfficialDocument {
  /** Used for the file's metadata and, without a masthead, as the centred title. */
  title: string;
  /** A line under a plain title (the plan a task table belongs to). */
  subtitle: string | null;
  masthead: DocMasthead | null;
  orientation: 'portrait' | 'landscape';
  blocks: DocBlock[];
}

/** The text of a cell ('' for a spanned-over one). */
export function cellText(cell: DocCell): string {
  if (cell === null) return '';
  return typeof cell === 'string' ? cell : cell.text;
}

/** A Chinese date line for a YYYY-MM-DD day: 2015年10月8日 (Arabic numerals, GB/T 9704-2012). */
export function chineseDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
