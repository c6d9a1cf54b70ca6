/**
 * Header, notice wrapper and plan title (R-P2), read from the lines before the first heading.
 */

import type { ParseContext } from './context.js';
import { toNumber } from './headings.js';
import type { Line } from './normalize.js';
import type { Field, Header, Notice, OrgRef } from './types.js';

/** Converts `YYYY年M月D日`, `YYYY-MM-DD` (or `/`, `.`) and 二〇一五年七月二十一日 to ISO; null otherwise. */
export function toIsoDate(s: string): string | null {
  let m = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?/.exec(s);
  let y: number;
  let mo: number;
  let d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/.exec(s);
    if (!m) return null;
    y = Number([...m[1]!].map((c) => '〇一二三四五六七八九'.indexOf(c.replace(/[零○]/, '〇'))).join(''));
    mo = toNumber(m[2]!) ?? 0;
    d = toNumber(m[3]!) ?? 0;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DOC_NUMBER = /^[\u4e00-\u9fa5]+〔\d{4}〕\d+号$/;
const NOTICE_TITLE = /^(.*?)关于印发(.+)的通知(?:\((.+)\))?$/;
const WRAPPER = /《(.+?)》.*?(?:印发给你们|印发给你单位|现予印发|现印发)/;
const TITLE_ENDINGS = /(行动计划|实施方案|工作要点|工作方案|行动方案|实施计划|工作计划)(\(\d{4}[-—~]\d{4}年?\))?$/;
const LABEL = /^(发文单位|发文机关|年度期数|总期刊数|成文日期|发布日期|发文字号|文号)\s*:?\s*(.+)$/;
const SIGNATURE = /^[\u4e00-\u9fa5]+(办公厅|办公室|人民政府|委员会|领导小组|局|厅)$/;
const DATE_LINE =
  /^\(?(\d{4}年\d{1,2}月\d{1,2}日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\)?$/;

export interface HeaderResult {
  header: Header;
  notice: Notice;
  /** Index into the lines of the plan title, or -1. */
  titleIndex: number;
}

/** An org named in the header, resolved without warnings (addressees and issuers are never assigned). */
function orgRef(ctx: ParseContext, start: number, end: number): OrgRef {
  const node = ctx.node(start, end);
  const name = ctx.writtenName(start, end);
  const res = ctx.resolver.resolve(node.text);
  if (res.kind === 'unresolved') return { ...node, name, kind: 'unknown' };
  return { ...node, name, code: res.code, kind: res.kind };
}

function field(ctx: ParseContext, start: number, end: number, value?: string): Field {
  const node = ctx.node(start, end);
  return { value: value ?? node.text, raw: node.raw, span: node.span };
}

/** Index of the plan title among lines [0, limit): the line equal to X, else one ending like a plan, else a short first line. */
function findTitle(lines: Line[], limit: number, planTitle: string | null): number {
  const candidates = lines.slice(0, limit);
  const plain = (s: string) => s.replace(/[《》\s]/g, '');
  if (planTitle) {
    const i = candidates.findIndex((l) => plain(l.text) === plain(planTitle));
    if (i >= 0) return i;
  }
  const isHeaderish = (t: string) =>
    NOTICE_TITLE.test(t) ||
    LABEL.test(t) ||
    DOC_NUMBER.test(t) ||
    WRAPPER.test(t) ||
    /^各.*:$/.test(t) ||
    // 青岛市人民政府办公厅文件, a signature or a date above the title is no title.
    /文件$/.test(t) ||
    SIGNATURE.test(t) ||
    DATE_LINE.test(t);
  const i = candidates.findIndex((l) => TITLE_ENDINGS.test(l.text) && !l.text.includes('。') && !isHeaderish(l.text));
  if (i >= 0) return i;
  return candidates.findIndex((l) => [...l.text].length <= 60 && !/[。:]/.test(l.text) && !isHeaderish(l.text));
}

/**
 * Reads document number, issuer, dates and gazette numbers, the notice title, addressees and
 * wrapper, and finds the plan title among the lines before `firstHeading` (R-P2).
 */
export function readHeader(ctx: ParseContext, lines: Line[], firstHeading: number): HeaderResult {
  const header: Header = {
    docNumber: null,
    issuer: null,
    writtenOn: null,
    publishedOn: null,
    gazetteIssue: null,
    gazetteSerial: null,
  };
  const notice: Notice = { title: null, date: null, planTitle: null, addressees: [], body: null, other: [] };
  const limit = firstHeading < 0 ? lines.length : firstHeading;
  for (const l of lines.slice(0, limit)) {
    const n = NOTICE_TITLE.exec(l.text) ?? WRAPPER.exec(l.text);
    if (n) {
      notice.planTitle = n[2] ?? n[1]!;
      break;
    }
  }
  const titleIndex = findTitle(lines, limit, notice.planTitle);
  const headerLines = lines.slice(0, Math.max(titleIndex, 0));
  for (const l of headerLines) {
    const t = l.text;
    const at = (sub: string, from = 0) => l.start + t.indexOf(sub, from);
    const label = LABEL.exec(t);
    const noticeTitle = label ? null : NOTICE_TITLE.exec(t);
    if (label) {
      const [, name, value] = label as unknown as [string, string, string];
      const vs = at(value, name.length);
      const ve = l.end;
      if (name === '发文单位' || name === '发文机关') header.issuer = orgRef(ctx, vs, ve);
      else if (name === '成文日期') header.writtenOn = field(ctx, vs, ve, toIsoDate(value) ?? value);
      else if (name === '发布日期') header.publishedOn = field(ctx, vs, ve, toIsoDate(value) ?? value);
      else if (name === '年度期数') header.gazetteIssue = field(ctx, vs, ve);
      else if (name === '总期刊数') header.gazetteSerial = field(ctx, vs, ve);
      else header.docNumber = field(ctx, vs, ve);
    } else if (DOC_NUMBER.test(t)) {
      header.docNumber ??= field(ctx, l.start, l.end);
    } else if (noticeTitle) {
      const m = noticeTitle;
      const titleEnd = m[3] ? l.end - m[3].length - 2 : l.end;
      notice.title = field(ctx, l.start, titleEnd);
      if (m[3]) {
        const ds = l.start + t.lastIndexOf(`(${m[3]})`) + 1;
        notice.date = field(ctx, ds, ds + m[3].length, toIsoDate(m[3]) ?? m[3]);
      }
      // 国务院办公厅关于印发…: the issuer precedes 关于.
      if (m[1] && !header.issuer) header.issuer = orgRef(ctx, l.start, l.start + m[1].length);
    } else if (/^各.*:$/.test(t) && notice.addressees.length === 0) {
      let start = l.start;
      for (const piece of t.slice(0, -1).split(',')) {
        const s = start + (piece.length - piece.trimStart().length);
        const e = start + piece.trimEnd().length;
        if (e > s) notice.addressees.push(orgRef(ctx, s, e));
        start += piece.length + 1;
      }
    } else if (WRAPPER.test(t) && !notice.body) {
      notice.body = field(ctx, l.start, l.end);
    } else if (DATE_LINE.test(t) && !header.writtenOn) {
      header.writtenOn = field(ctx, l.start, l.end, toIsoDate(t) ?? t);
    } else if (
      !header.issuer &&
      [...t].length <= 30 &&
      (ctx.resolver.resolve(t).kind === 'unit' || SIGNATURE.test(t))
    ) {
      // A signature line above the plan title names the issuer.
      header.issuer = orgRef(ctx, l.start, l.end);
    } else {
      notice.other.push(ctx.node(l.start, l.end));
    }
  }
  return { header, notice, titleIndex };
}

/** The plan year: the year in the title, else the year of the written-on date (R-P2). */
export function planYear(title: string | null, writtenOn: string | null): number | null {
  const m = title ? /((?:19|20)\d{2})/.exec(title) : null;
  if (m) return Number(m[1]);
  return writtenOn && /^\d{4}-/.test(writtenOn) ? Number(writtenOn.slice(0, 4)) : null;
}
