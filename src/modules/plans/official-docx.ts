import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { DocBlock, DocCell, DocColumn, OfficialDocument } from './domain/official-document.js';

/**
 * Renders the plan module's document model (domain/official-document.ts) as a .docx in the look of a Chinese
 * official document (GB/T 9704-2012): A4, 仿宋 三号 body on a 28-point line, 黑体 headings, a red 简报
 * masthead, page numbers "— 1 —". Fonts are named, not embedded: the reader's Word or WPS supplies them.
 */

/** The MIME type of a .docx document. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const MM = 56.7; // twips per millimetre
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
// GB/T 9704 margins: top 37 mm, bottom 35 mm, binding side 28 mm, outer side 26 mm; landscape tables use 20 mm.
const PORTRAIT_MARGINS = { top: 37, bottom: 35, left: 28, right: 26 };
const LANDSCAPE_MARGINS = { top: 20, bottom: 20, left: 20, right: 20 };

const RED = 'C00000';
const FANGSONG = { eastAsia: '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEITI = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const KAITI = { eastAsia: '楷体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const SONGTI = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

// Sizes in half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt.
const SIZE = { title: 44, body: 32, table: 21, note: 24, pageNo: 28 };
const BODY_LINE = 560; // exact 28 pt
const INDENT_2_CHARS = 640; // two 16-point characters

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function body(text: string, lead?: string): Paragraph {
  const children: ParagraphChild[] = [];
  if (lead) children.push(new TextRun({ text: lead, font: KAITI, size: SIZE.body, bold: true }));
  children.push(new TextRun({ text, font: FANGSONG, size: SIZE.body }));
  return new Paragraph({
    children,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT_2_CHARS },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, font: HEITI, size: SIZE.body })],
    indent: { firstLine: INDENT_2_CHARS },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
  });
}

function note(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, font: FANGSONG, size: SIZE.note })],
    spacing: { before: 60, after: 120 },
  });
}

// Line breaks in a cell become paragraphs, so a notice number can sit under its level.
function cellParagraphs(text: string, align: DocColumn['align'], header: boolean): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : ALIGN[align ?? 'left'],
        children: [new TextRun({ text: line, font: header ? HEITI : FANGSONG, size: SIZE.table })],
      }),
  );
}

function table(columns: DocColumn[], rows: DocCell[][], textWidth: number): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.floor((textWidth * c.width) / total));
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c, i) =>
        new TableCell({
          children: cellParagraphs(c.title, 'center', true),
          width: { size: widths[i]!, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins,
        }),
    ),
  });
  const bodyRows = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        // A null cell is covered by a rowSpan above it; docx adds the continuation cell itself.
        children: row.flatMap((cell, i) => {
          if (cell === null) return [];
          const text = typeof cell === 'string' ? cell : cell.text;
          return [
            new TableCell({
              children: cellParagraphs(text, columns[i]?.align, false),
              width: { size: widths[i]!, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              margins,
              ...(typeof cell === 'string' ? {} : { rowSpan: cell.rowSpan }),
            }),
          ];
        }),
      }),
  );
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    rows: [headerRow, ...bodyRows],
    columnWidths: widths,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
  });
}

function masthead(doc: OfficialDocument): Paragraph[] {
  const m = doc.masthead!;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [new TextRun({ text: m.title, font: SONGTI, size: SIZE.title, bold: true, color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${m.number}${m.mark ?? ''}`, font: FANGSONG, size: SIZE.body })],
    }),
    // Issuer on the left, date on the right, over the red rule of a 简报.
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: Math.round((210 - 28 - 26) * MM) }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      spacing: { after: 360 },
      children: [new TextRun({ children: [m.issuer, new Tab(), m.date], font: FANGSONG, size: SIZE.body })],
    }),
  ];
}

function plainTitle(doc: OfficialDocument): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: doc.title, font: SONGTI, size: SIZE.title, bold: true })],
    }),
  ];
  if (doc.subtitle) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [new TextRun({ text: doc.subtitle, font: KAITI, size: SIZE.body })],
      }),
    );
  }
  return out;
}

function blockElements(block: DocBlock, textWidth: number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [heading(block.text)];
    case 'paragraph':
      return [body(block.text, block.lead)];
    case 'note':
      return [note(block.text)];
    case 'table':
      // An empty paragraph after a table keeps two tables from fusing into one.
      return [table(block.columns, block.rows, textWidth), new Paragraph({ spacing: { after: 120 }, children: [] })];
  }
}

/** The document as .docx bytes. */
export async function renderOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const landscape = doc.orientation === 'landscape';
  const mm = landscape ? LANDSCAPE_MARGINS : PORTRAIT_MARGINS;
  const pageWidth = landscape ? A4.height : A4.width;
  const textWidth = Math.round(pageWidth - (mm.left + mm.right) * MM);
  const children = [
    ...(doc.masthead ? masthead(doc) : plainTitle(doc)),
    ...doc.blocks.flatMap((b) => blockElements(b, textWidth)),
  ];
  const document = new Document({
    title: doc.title,
    creator: '质量强市',
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: {
              top: Math.round(mm.top * MM),
              bottom: Math.round(mm.bottom * MM),
              left: Math.round(mm.left * MM),
              right: Math.round(mm.right * MM),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: SIZE.pageNo }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
