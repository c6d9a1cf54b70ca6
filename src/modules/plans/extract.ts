import { TextDecoder } from 'node:util';
import { QcError } from '../../core/errors.js';

/** What an uploaded plan document turned out to be, with its text. */
export interface ExtractedText {
  text: string;
  format: 'text' | 'docx' | 'pdf';
  /** PDF text layers wrap lines; the parser joins them (R-P1). */
  joinLines: boolean;
}

const PDF = Buffer.from('%PDF-');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Government sites still publish GB2312/GBK/GB18030 text files.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Text of a plan document, by its content (not its name): plain text (UTF-8 or GB18030), .docx via
 * mammoth, or a PDF's text layer via pdf-parse. A scanned PDF without text is refused, not guessed.
 */
export async function extractPlanText(input: Uint8Array): Promise<ExtractedText> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) throw new QcError('QC_ERR_PLAN_PARSE', ['EMPTY_INPUT: the file is empty']);
  if (bytes.subarray(0, 5).equals(PDF)) {
    const { PDFParse } = await import('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    try {
      const result = await parser.getText();
      const text = result.text.replace(/\f/g, '\n');
      if (text.replace(/\s|--\s*\d+\s*of\s*\d+\s*--/g, '').length < 20) throw new QcError('QC_ERR_PLAN_NO_TEXT');
      return { text, format: 'pdf', joinLines: true };
    } catch (err) {
      if (err instanceof QcError) throw err;
      throw new QcError('QC_ERR_PLAN_FILE_TYPE', [`PDF: ${(err as Error).message}`]);
    } finally {
      await parser.destroy();
    }
  }
  if (bytes.subarray(0, 4).equals(ZIP)) {
    const mammoth = await import('mammoth');
    try {
      const { value } = await mammoth.extractRawText({ buffer: bytes });
      return { text: value, format: 'docx', joinLines: false };
    } catch (err) {
      throw new QcError('QC_ERR_PLAN_FILE_TYPE', [`DOCX: ${(err as Error).message}`]);
    }
  }
  if (bytes.includes(0)) throw new QcError('QC_ERR_PLAN_FILE_TYPE', ['binary file']);
  return { text: decodeText(bytes), format: 'text', joinLines: false };
}
