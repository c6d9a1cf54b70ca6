import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { docxOfLines } from '../../../test/support/file-fixtures.js';
import { QcError } from '../../core/errors.js';
import { dataFile } from '../../paths.js';
import { extractPlanText } from './extract.js';

/** A valid one-page PDF whose page shows `lines` in Helvetica (ASCII only), or nothing. */
function pdfWithLines(lines: string[]): Buffer {
  const content = lines.length
    ? `BT /F1 11 Tf 14 TL 50 780 Td ${lines.map((l) => `(${l.replace(/[()\\]/g, '')}) Tj T*`).join(' ')} ET`
    : '';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function refusal(bytes: Buffer): Promise<QcError> {
  try {
    await extractPlanText(bytes);
  } catch (err) {
    assert.ok(err instanceof QcError);
    return err;
  }
  assert.fail('extractPlanText accepted the input');
}

const seed = fs.readFileSync(dataFile('qingdao-2015-quality-action-plan.txt'), 'utf8');

describe('extractPlanText', () => {
  it('reads UTF-8 text (with or without BOM) and GB18030 text', async () => {
    assert.equal((await extractPlanText(Buffer.from(seed))).text, seed);
    assert.equal((await extractPlanText(Buffer.from(`\uFEFF${seed}`))).text, seed);
    const gb = new Uint8Array([0xc7, 0xe0, 0xb5, 0xba, 0xca, 0xd0]); // 青岛市 in GB18030
    assert.equal((await extractPlanText(Buffer.from(gb))).text, '青岛市');
  });

  it('reads a Word document paragraph by paragraph', async () => {
    const lines = seed.split('\n').slice(0, 40);
    const out = await extractPlanText(docxOfLines(lines));
    assert.equal(out.format, 'docx');
    assert.ok(out.text.includes('(一)提高劳动者技能。'));
    assert.ok(out.text.includes('青政办发〔2015〕15号'));
  });

  it('reads the text layer of a PDF, joining wrapped lines later in the parser', async () => {
    const out = await extractPlanText(pdfWithLines(['Quality action plan 2015', 'Measure one: train workers.']));
    assert.equal(out.format, 'pdf');
    assert.equal(out.joinLines, true);
    assert.match(out.text, /Quality action plan 2015/);
    assert.match(out.text, /Measure one: train workers\./);
  });

  it('refuses a scanned PDF (no text layer), binary data and an empty file by name', async () => {
    assert.equal((await refusal(pdfWithLines([]))).code, 'QC_ERR_PLAN_NO_TEXT');
    assert.equal((await refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))).code, 'QC_ERR_PLAN_FILE_TYPE');
    assert.equal((await refusal(Buffer.alloc(0))).code, 'QC_ERR_PLAN_PARSE');
  });
});
