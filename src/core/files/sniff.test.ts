import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  contentTypes,
  docxBytes,
  gifBytes,
  jpegBytes,
  ole2Of,
  pdfBytes,
  pngBytes,
  pptxBytes,
  webpBytes,
  xlsxBytes,
  zipOf,
} from '../../../test/support/file-fixtures.js';
import { ole2EntryNames, zipEntries } from './containers.js';
import { checkDeclared, extensionOf, type SniffResult, sniffType } from './sniff.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

function kindOf(result: SniffResult): string {
  return result.ok ? result.kind : `refused: ${result.label}`;
}

describe('sniffType: accepted kinds', () => {
  it('recognises PDF and images by signature', () => {
    assert.deepEqual(sniffType(pdfBytes()), { ok: true, kind: 'pdf', mime: 'application/pdf', label: 'PDF' });
    assert.equal(kindOf(sniffType(pngBytes())), 'png');
    assert.equal(kindOf(sniffType(jpegBytes())), 'jpeg');
    assert.equal(kindOf(sniffType(gifBytes())), 'gif');
    assert.equal(kindOf(sniffType(webpBytes())), 'webp');
  });

  it('needs the IHDR chunk after a PNG signature', () => {
    const broken = pngBytes();
    broken.write('XXXX', 12, 'latin1');
    assert.equal(kindOf(sniffType(broken)), 'refused: PNG (damaged)');
  });

  it('tells DOCX, XLSX and PPTX apart by their main part and content type', async () => {
    assert.equal(kindOf(sniffType(docxBytes())), 'docx');
    assert.equal(kindOf(sniffType(pptxBytes())), 'pptx');
    const xlsx = await xlsxBytes();
    assert.deepEqual(sniffType(xlsx), { ok: true, kind: 'xlsx', mime: XLSX_MIME, label: 'XLSX' });
    // Stored (uncompressed) members read the same as deflated ones.
    const stored = zipOf(
      { '[Content_Types].xml': contentTypes('xl/workbook.xml', XLSX_MAIN), 'xl/workbook.xml': '<workbook/>' },
      { stored: true },
    );
    assert.equal(kindOf(sniffType(stored)), 'xlsx');
  });

  it('reads the whole central directory of an exceljs workbook', async () => {
    const names = zipEntries(await xlsxBytes())?.map((e) => e.name) ?? [];
    assert.ok(names.includes('[Content_Types].xml'));
    assert.ok(names.includes('xl/workbook.xml'));
    assert.ok(names.includes('xl/worksheets/sheet1.xml'));
  });

  it('tells legacy DOC and XLS apart by their OLE2 streams', () => {
    assert.deepEqual(ole2EntryNames(ole2Of(['WordDocument', '\u0001CompObj'])), [
      'Root Entry',
      'WordDocument',
      '\u0001CompObj',
    ]);
    assert.equal(kindOf(sniffType(ole2Of(['WordDocument']))), 'doc');
    assert.equal(kindOf(sniffType(ole2Of(['Workbook']))), 'xls');
    assert.equal(kindOf(sniffType(ole2Of(['Book']))), 'xls');
  });

  it('accepts UTF-8 text and CSV, with or without a BOM', () => {
    assert.equal(kindOf(sniffType(Buffer.from('单位,进度\n市教育局,80%\r\n'))), 'text');
    assert.equal(kindOf(sniffType(Buffer.from('\uFEFF说明\t备注\n'))), 'text');
    assert.equal(kindOf(sniffType(Buffer.from('MZ-2025 批次,合格\n'))), 'text');
    assert.equal(kindOf(sniffType(Buffer.from('a < b, "<scripted>" is fine only without the tag\n'))), 'text');
  });
});

describe('sniffType: refused content', () => {
  const cases: [string, Buffer, string][] = [
    ['empty', Buffer.alloc(0), 'empty'],
    [
      'Windows executable',
      (() => {
        const b = Buffer.alloc(256);
        b.write('MZ', 0, 'latin1');
        b.writeUInt32LE(0x80, 0x3c);
        b.write('PE\0\0', 0x80, 'latin1');
        return b;
      })(),
      'EXE/DLL',
    ],
    ['ELF', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]), 'ELF'],
    ['shell script', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'script (#!)'],
    ['HTML', Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'), 'HTML/SVG/XML'],
    [
      'SVG with script',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'HTML/SVG/XML',
    ],
    ['XML prolog', Buffer.from('  <?xml version="1.0"?><a/>'), 'HTML/SVG/XML'],
    ['script tag inside text', Buffer.from('名称,备注\n甲,<SCRIPT src=x>\n'), 'HTML/SVG/XML'],
    ['plain ZIP', zipOf({ 'a.txt': 'hello' }), 'ZIP'],
    ['damaged ZIP', zipOf({ 'a.txt': 'hello' }).subarray(0, 40), 'ZIP (damaged)'],
    [
      'macro workbook',
      zipOf({
        '[Content_Types].xml': contentTypes('xl/workbook.xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
        'xl/workbook.xml': '<workbook/>',
      }),
      'Office with macros',
    ],
    [
      'workbook with a VBA project',
      zipOf({
        '[Content_Types].xml': contentTypes('xl/workbook.xml', XLSX_MAIN),
        'xl/workbook.xml': '<workbook/>',
        'xl/vbaProject.bin': Buffer.alloc(8),
      }),
      'Office with macros',
    ],
    ['OpenDocument', zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }), 'ZIP'],
    [
      'ZIP claiming a workbook without its part',
      zipOf({ '[Content_Types].xml': contentTypes('xl/workbook.xml', XLSX_MAIN) }),
      'Office Open XML (other)',
    ],
    [
      'installer (OLE2 without a document stream)',
      ole2Of(['\u0005SummaryInformation', 'Binary.x']),
      'OLE2 (MSI/PPT/other)',
    ],
    ['encrypted Office', ole2Of(['EncryptionInfo', 'EncryptedPackage']), 'encrypted Office'],
    ['damaged OLE2', ole2Of(['WordDocument']).subarray(0, 700), 'OLE2 (damaged)'],
    ['GZIP', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'GZIP'],
    ['RAR', Buffer.concat([Buffer.from('Rar!\u001a\u0007\u0000', 'latin1'), Buffer.alloc(16)]), 'RAR'],
    ['7Z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), '7Z'],
    [
      'TAR',
      (() => {
        const b = Buffer.alloc(1024);
        b.write('evil.sh', 0, 'latin1');
        b.write('ustar\0', 257, 'latin1');
        return b;
      })(),
      'TAR',
    ],
    ['UTF-16 text', Buffer.from('\uFEFF质量', 'utf16le'), 'UTF-16 text'],
    ['GBK text', Buffer.from([0xd6, 0xca, 0xc1, 0xbf, 0x2c, 0x31, 0x0a]), 'text not in UTF-8'],
    ['binary with NUL', Buffer.from([0x41, 0x00, 0x42]), 'binary'],
    ['control characters', Buffer.from('abc\u0001def'), 'binary'],
  ];
  for (const [name, bytes, label] of cases) {
    it(`refuses ${name} as ${label}`, () => {
      assert.deepEqual(sniffType(bytes), { ok: false, label });
    });
  }

  it('never throws on damaged containers (mutated OOXML and OLE2 bytes)', async () => {
    const seeds = [docxBytes(), await xlsxBytes(), ole2Of(['WordDocument', 'Data']), pngBytes()];
    let state = 42;
    const random = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state;
    };
    for (const seed of seeds) {
      for (let round = 0; round < 300; round++) {
        const bytes = Buffer.from(seed);
        for (let k = 0; k < 1 + (round % 8); k++) bytes[random() % bytes.length] = random() & 0xff;
        const cut = round % 5 === 0 ? bytes.subarray(0, random() % bytes.length) : bytes;
        assert.doesNotThrow(() => sniffType(cut));
      }
    }
  });
});

describe('checkDeclared', () => {
  it('accepts a name and declared type that fit the content, returning the MIME type to store', async () => {
    assert.deepEqual(checkDeclared('报告.pdf', 'application/pdf', sniffType(pdfBytes())), {
      ok: true,
      mime: 'application/pdf',
    });
    assert.deepEqual(checkDeclared('SCAN.JPG', 'image/jpeg', sniffType(jpegBytes())), { ok: true, mime: 'image/jpeg' });
    assert.deepEqual(checkDeclared('进度.xlsx', XLSX_MIME, sniffType(await xlsxBytes())), {
      ok: true,
      mime: XLSX_MIME,
    });
  });

  it('ignores generic declared types and MIME parameters, but not the extension', () => {
    assert.equal(checkDeclared('a.pdf', 'application/octet-stream', sniffType(pdfBytes())).ok, true);
    assert.equal(checkDeclared('a.pdf', '', sniffType(pdfBytes())).ok, true);
    assert.deepEqual(checkDeclared('list.csv', 'text/csv; charset=utf-8', sniffType(Buffer.from('a,b\n'))), {
      ok: true,
      mime: 'text/csv',
    });
    assert.equal(checkDeclared('a.bin', 'application/octet-stream', sniffType(pdfBytes())).ok, false);
  });

  it('accepts what browsers and Windows really declare for CSV and Office files', () => {
    assert.deepEqual(checkDeclared('名单.csv', 'application/vnd.ms-excel', sniffType(Buffer.from('a,b\n'))), {
      ok: true,
      mime: 'text/csv',
    });
    assert.equal(checkDeclared('notes.txt', 'text/plain', sniffType(Buffer.from('x'))).ok, true);
    assert.equal(checkDeclared('a.docx', 'application/x-zip-compressed', sniffType(docxBytes())).ok, true);
    assert.equal(checkDeclared('a.xls', 'application/vnd.ms-excel', sniffType(ole2Of(['Workbook']))).ok, true);
  });

  it('refuses a PNG named .pdf and names both types', () => {
    assert.deepEqual(checkDeclared('整改报告.pdf', 'application/pdf', sniffType(pngBytes())), {
      ok: false,
      declared: '整改报告.pdf (application/pdf)',
      detected: 'PNG',
    });
  });

  it('refuses an .xlsx that is really text, and a PDF declared as an image', () => {
    assert.deepEqual(checkDeclared('进度.xlsx', XLSX_MIME, sniffType(Buffer.from('单位,进度\n'))), {
      ok: false,
      declared: `进度.xlsx (${XLSX_MIME})`,
      detected: 'TEXT',
    });
    assert.equal(checkDeclared('a.pdf', 'image/png', sniffType(pdfBytes())).ok, false);
    assert.equal(checkDeclared('a.doc', 'application/msword', sniffType(ole2Of(['Workbook']))).ok, false);
  });

  it('refuses text under an executable or unknown name, and names without an extension', () => {
    assert.equal(checkDeclared('run.exe', 'application/octet-stream', sniffType(Buffer.from('x'))).ok, false);
    assert.equal(checkDeclared('data.json', 'application/json', sniffType(Buffer.from('{}'))).ok, false);
    assert.deepEqual(checkDeclared('README', '', sniffType(Buffer.from('x'))), {
      ok: false,
      declared: 'README (no type)',
      detected: 'TEXT',
    });
  });

  it('refuses refused content whatever it claims', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
    assert.deepEqual(checkDeclared('a.pdf', 'application/pdf', sniffType(exe)), {
      ok: false,
      declared: 'a.pdf (application/pdf)',
      detected: 'EXE/DLL',
    });
  });

  it('takes the extension from the last path segment of a client path', () => {
    assert.equal(extensionOf('C:\\Users\\张三\\报告.PDF'), 'pdf');
    assert.equal(extensionOf('dir.v2/report'), '');
    assert.equal(extensionOf('.hidden'), '');
    assert.equal(checkDeclared('C:\\tmp\\r.pdf', 'application/pdf', sniffType(pdfBytes())).ok, true);
  });
});
