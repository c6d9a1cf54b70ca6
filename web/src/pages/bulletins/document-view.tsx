import type { DocBlock, DocCell, OfficialDocument } from '../../api/bulletins';

/**
 * Draws the server's document model (the same one the DOCX is made from) as an A4 page in the look of a
 * Chinese official document: red masthead, 仿宋 body, 黑体 headings. On paper the page margins come from
 * @page, so the sheet itself loses its screen padding and shadow.
 */

const FANGSONG = "FangSong, '仿宋', STFangsong, 'FangSong_GB2312', 'Noto Serif CJK SC', serif";
const HEITI = "SimHei, '黑体', 'Heiti SC', 'Noto Sans CJK SC', sans-serif";
const SONGTI = "SimSun, '宋体', STSong, 'Noto Serif CJK SC', serif";

const CSS = `
.qc-doc { box-sizing: border-box; background: #fff; color: #000; font-family: ${FANGSONG}; font-size: 16pt;
  line-height: 28pt; margin: 0 auto; box-shadow: 0 1px 6px rgba(0,0,0,.15); }
.qc-doc.portrait { width: 210mm; min-height: 297mm; padding: 37mm 26mm 35mm 28mm; }
.qc-doc.landscape { width: 297mm; min-height: 210mm; padding: 20mm; }
.qc-doc .mast-title { font-family: ${SONGTI}; color: #c00000; font-size: 26pt; font-weight: bold; text-align: center;
  line-height: 1.4; margin: 0 0 12pt; letter-spacing: 2pt; }
.qc-doc .mast-number { text-align: center; margin: 0 0 12pt; }
.qc-doc .mast-line { display: flex; justify-content: space-between; border-bottom: 2px solid #c00000;
  padding-bottom: 4pt; margin-bottom: 18pt; }
.qc-doc .doc-title { font-family: ${SONGTI}; font-size: 22pt; font-weight: bold; text-align: center; margin: 0 0 8pt; }
.qc-doc .doc-subtitle { text-align: center; margin: 0 0 14pt; }
.qc-doc h2 { font-family: ${HEITI}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  line-height: 28pt; break-after: avoid; }
.qc-doc p { margin: 0; text-indent: 2em; text-align: justify; }
.qc-doc p .lead { font-family: 'KaiTi', '楷体', STKaiti, serif; font-weight: bold; }
.qc-doc .note { font-size: 12pt; line-height: 1.5; text-indent: 0; margin: 4pt 0 8pt; }
.qc-doc table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 6pt 0 10pt;
  font-size: 10.5pt; line-height: 1.45; }
.qc-doc th, .qc-doc td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; white-space: pre-line;
  word-break: break-all; }
.qc-doc th { font-family: ${HEITI}; font-weight: normal; text-align: center; }
.qc-doc tr { break-inside: avoid; }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  .qc-doc.portrait, .qc-doc.landscape { width: auto; min-height: 0; padding: 0; box-shadow: none; }
  .no-print { display: none !important; }
  body { background: #fff !important; }
}
`;

const cellText = (cell: DocCell) => (cell === null ? '' : typeof cell === 'string' ? cell : cell.text);

function Block({ block }: { block: DocBlock }) {
  switch (block.kind) {
    case 'heading':
      return <h2>{block.text}</h2>;
    case 'paragraph':
      return (
        <p>
          {block.lead && <span className="lead">{block.lead}</span>}
          {block.text}
        </p>
      );
    case 'note':
      return <p className="note">{block.text}</p>;
    case 'table': {
      const total = block.columns.reduce((s, c) => s + c.width, 0);
      return (
        <table>
          <colgroup>
            {block.columns.map((c) => (
              <col key={c.title} style={{ width: `${(100 * c.width) / total}%` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {block.columns.map((c) => (
                <th key={c.title}>{c.title}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) =>
                  cell === null ? null : (
                    <td
                      key={block.columns[i]?.title ?? i}
                      rowSpan={typeof cell === 'string' ? undefined : cell.rowSpan}
                      style={{ textAlign: block.columns[i]?.align ?? 'left' }}
                    >
                      {cellText(cell)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
  }
}

/** The document on an A4 sheet; `data-testid="official-document"`. */
export function DocumentView({ doc }: { doc: OfficialDocument }) {
  const m = doc.masthead;
  return (
    <article className={`qc-doc ${doc.orientation}`} data-testid="official-document">
      <style>{CSS}</style>
      {m ? (
        <header>
          <div className="mast-title">{m.title}</div>
          <div className="mast-number">
            {m.number}
            {m.mark}
          </div>
          <div className="mast-line">
            <span>{m.issuer}</span>
            <span>{m.date}</span>
          </div>
        </header>
      ) : (
        <header>
          <div className="doc-title">{doc.title}</div>
          {doc.subtitle && <div className="doc-subtitle">{doc.subtitle}</div>}
        </header>
      )}
      {doc.blocks.map((b, i) => (
        <Block key={i} block={b} />
      ))}
    </article>
  );
}
