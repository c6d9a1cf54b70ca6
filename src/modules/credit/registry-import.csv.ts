/**
 * A streaming CSV record splitter (RFC 4180: comma, double quote, "" inside quotes, LF or CRLF) for the
 * registry import. csv-parse cost ~5 µs per row, a quarter of the whole import; a register line without a
 * quote is one `split(',')` here, and only lines with quotes take the character loop. Lenient the way the
 * import used csv-parse: any column count, empty lines skipped, a quote inside an unquoted field is text.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;

interface Parsed {
  /** null for an empty line. */
  fields: string[] | null;
  next: number;
}

/** One record from `s` at `pos`; null when the record may continue past the end of `s` (unless `final`). */
function record(s: string, pos: number, final: boolean): Parsed | null {
  const nl = s.indexOf('\n', pos);
  if (nl === -1 && !final) return null;
  const end = nl === -1 ? s.length : nl;
  let line = s.slice(pos, end);
  if (line.includes('"')) return quoted(s, pos, final);
  if (line.endsWith('\r')) line = line.slice(0, -1);
  return { fields: line === '' ? null : line.split(','), next: end + 1 };
}

/** The character loop for a record with quotes, which may hold commas and line breaks. */
function quoted(s: string, pos: number, final: boolean): Parsed | null {
  const fields: string[] = [];
  let i = pos;
  for (;;) {
    let field = '';
    if (s.charCodeAt(i) === QUOTE) {
      i += 1;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q === -1) {
          if (!final) return null;
          // An unterminated quote runs to the end of the file.
          field += s.slice(i);
          i = s.length;
          break;
        }
        if (q + 1 >= s.length && !final) return null;
        if (s.charCodeAt(q + 1) === QUOTE) {
          field += s.slice(i, q + 1);
          i = q + 2;
          continue;
        }
        field += s.slice(i, q);
        i = q + 1;
        break;
      }
    }
    let j = i;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === COMMA || c === LF) break;
      j += 1;
    }
    if (j >= s.length && !final) return null;
    let tail = s.slice(i, j);
    if (j >= s.length || s.charCodeAt(j) === LF) {
      if (tail.endsWith('\r')) tail = tail.slice(0, -1);
      fields.push(field + tail);
      return { fields, next: j + 1 };
    }
    fields.push(field + tail);
    i = j + 1;
  }
}

/** Records of a decoded text stream, in order; a leading byte-order mark is dropped. */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let buf = '';
  let started = false;
  for await (const chunk of chunks) {
    buf += chunk;
    if (!started && buf.length > 0) {
      started = true;
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
    }
    let pos = 0;
    for (;;) {
      const r = record(buf, pos, false);
      if (!r) break;
      pos = r.next;
      if (r.fields) yield r.fields;
    }
    buf = buf.slice(pos);
  }
  let pos = 0;
  while (pos < buf.length) {
    const r = record(buf, pos, true)!;
    pos = r.next;
    if (r.fields) yield r.fields;
  }
}
