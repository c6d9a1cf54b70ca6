import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvRecords } from './registry-import.csv.js';

/** Feeds `text` in chunks of `size` characters, so records straddle chunk borders. */
async function records(text: string, size: number): Promise<string[][]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out: string[][] = [];
  for await (const r of csvRecords(chunks())) out.push(r);
  return out;
}

// The import's own splitter must read what csv-parse (RFC 4180) reads, whatever the chunking.
const SAMPLES = [
  'uscc,name\r\n91370200163562681G,青岛测试有限公司\r\n',
  'a,b,c\n1,"two, with comma",3\n',
  'a,b\n"line\nbreak","say ""hi"""\n',
  'a,b\n\n1,2\n\n\n3,4',
  '\uFEFFa,b\n"",x\n,\n',
  'a,b\r\n"海润（青岛）贸易有限公司","地址,第一行\r\n第二行"\r\n',
];

describe('registry CSV splitter', () => {
  for (const [i, sample] of SAMPLES.entries()) {
    it(`reads sample ${i + 1} as csv-parse does, in any chunking`, async () => {
      const expected = parse(sample.replace(/^\uFEFF/, ''), {
        relax_column_count: true,
        skip_empty_lines: true,
      }) as string[][];
      for (const size of [1, 2, 3, 7, 1024]) {
        assert.deepEqual(await records(sample, size), expected, `chunks of ${size}`);
      }
    });
  }
});
