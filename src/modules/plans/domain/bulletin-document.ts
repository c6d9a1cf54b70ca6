/**
 * The bulletin as a document (R-S14): masthead, sections 一 to 六 with their tables, in Chinese, as the
 * official document is Chinese whatever the reader's UI language. Pure; the DOCX renderer and the printable
 * page both draw what this returns.
 */

import nzhcn from 'nzh/cn';
import type { BulletinContent, BulletinStatus } from './bulletin.js';
import type { LightCode } from './lights.js';
import { chineseDate, type DocBlock, type DocCell, type OfficialDocument } from './official-document.js';

/** The issuing office printed in the masthead. */
export const DEFAULT_BULLETIN_ISSUER = '青岛市质量发展工作领导小组办公室';
export const BULLETIN_TITLE = '质量工作督查情况通报';

export const LIGHT_LABELS: Readonly<Record<LightCode, string>> = {
  ON_TRACK: '正常推进',
  NEAR: '临近期限',
  BEHIND: '进度滞后',
  OVERDUE: '逾期未完成',
  DONE: '已办结',
  NOT_SET: '未设期限',
};

const STATUS_MARKS: Readonly<Record<BulletinStatus, string | null>> = {
  draft: '(草稿)',
  approved: '(待印发)',
  issued: null,
};

const LEVEL_LABELS = { E1: '催办单', E2: '督办单' } as const;

/** What the masthead needs besides the content. */
export interface BulletinHeader {
  no: string;
  status: BulletinStatus;
  issuer: string;
  /** The day printed under the title: the issue day once issued, else today. */
  date: string;
}

const cn = (n: number) => nzhcn.encodeS(n);
/** (八) — how the plan numbers its measures. */
export const measureLabel = (n: number) => `(${cn(n)})`;
const pct = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const signed = (v: number) => (v > 0 ? `+${v}` : String(v));
const quoted = (title: string) => (title.startsWith('《') ? title : `《${title}》`);

/** 2015-09 → 2015年9月; 2015-Q3 → 2015年第三季度; a day → 2015年9月14日. */
export function periodText(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}年第${cn(Number(q[2]))}季度`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return chineseDate(key);
  return `${Number(key.slice(0, 4))}年${Number(key.slice(5, 7))}月`;
}

/** A light reason code (DUE_PASSED:12, REPORT_MISSING:2015-09, …) as a short phrase. */
export function reasonText(reason: string): string {
  const [code, detail = ''] = reason.split(/:(.*)/s);
  switch (code) {
    case 'DUE_PASSED':
      return '逾期未完成';
    case 'OCCURRENCE_MISSED':
      return `${chineseDate(detail)}节点未完成`;
    case 'UNSIGNED':
      return '未按时签收';
    case 'REPORT_MISSING':
      return `${periodText(detail)}进展未报送`;
    case 'REPORT_RETURNED':
      return `${periodText(detail)}进展退回未重报`;
    case 'PROGRESS_BEHIND':
      return '进度滞后于计划';
    default:
      return reason;
  }
}

function countLine(parts: [string, number][]): string {
  return parts
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label}${n}项`)
    .join('、');
}

function summaryBlocks(c: BulletinContent): DocBlock[] {
  const s = c.summary;
  const light = (code: LightCode) => s.lights.find((l) => l.light === code);
  const asOf = chineseDate(c.asOf);
  const breakdown = countLine(
    (['DONE', 'ON_TRACK', 'NEAR', 'BEHIND', 'OVERDUE', 'NOT_SET'] as LightCode[]).map((code) => [
      LIGHT_LABELS[code],
      light(code)?.count ?? 0,
    ]),
  );
  let text = `截至${asOf},共交办任务${s.assignments}项,涉及${s.measures}项措施、${s.units}个责任单位`;
  if (breakdown) text += `。其中${breakdown}`;
  text += `;整体进度${pct(s.progress)}%`;
  if (c.previous && s.progress !== null && s.previousProgress !== null) {
    const delta = Math.round((s.progress - s.previousProgress) * 10) / 10;
    const than = `较上期(${c.previous.no},截至${chineseDate(c.previous.asOf)})`;
    text += delta === 0 ? `,与上期持平` : `,${than}${delta > 0 ? '提高' : '下降'}${Math.abs(delta).toFixed(1)}个百分点`;
  }
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: `${text}。` }];
  if (c.previous) {
    const changes = s.lights
      .filter((l) => l.previous !== null && l.count !== l.previous)
      .map(
        (l) => `${LIGHT_LABELS[l.light]}${l.count > l.previous! ? '增加' : '减少'}${Math.abs(l.count - l.previous!)}项`,
      );
    blocks.push({
      kind: 'paragraph',
      text: changes.length ? `与上期相比,${changes.join(',')}。` : '与上期相比,各类任务数量无变化。',
    });
  }
  const row = (label: string, count: number, previous: number | null): DocCell[] => [
    label,
    String(count),
    previous === null ? '—' : String(previous),
    previous === null ? '—' : signed(count - previous),
  ];
  const columns = (first: string) => [
    { title: first, width: 40 },
    { title: '本期', width: 20, align: 'center' as const },
    { title: '上期', width: 20, align: 'center' as const },
    { title: '增减', width: 20, align: 'center' as const },
  ];
  blocks.push({
    kind: 'table',
    columns: columns('按进度状态'),
    rows: s.lights.map((l) => row(LIGHT_LABELS[l.light], l.count, l.previous)),
  });
  blocks.push({
    kind: 'table',
    columns: columns('按办理环节'),
    rows: s.states
      .filter((st) => st.count > 0 || (st.previous ?? 0) > 0)
      .map((st) => row(st.label, st.count, st.previous)),
  });
  return blocks;
}

function measureBlocks(c: BulletinContent): DocBlock[] {
  return [
    { kind: 'paragraph', text: `截至${chineseDate(c.asOf)},各项措施进展情况如下:` },
    {
      kind: 'table',
      columns: [
        { title: '序号', width: 6, align: 'center' },
        { title: '措施', width: 38 },
        { title: '任务数', width: 9, align: 'center' },
        { title: '进度(%)', width: 11, align: 'center' },
        { title: '较上期', width: 9, align: 'center' },
        { title: '已办结', width: 9, align: 'center' },
        { title: '滞后', width: 8, align: 'center' },
        { title: '逾期', width: 8, align: 'center' },
      ],
      rows: c.measures.map((m) => [
        cn(m.number),
        m.title,
        String(m.assignments),
        pct(m.progress),
        m.progress === null || m.previousProgress === null
          ? '—'
          : signed(Math.round((m.progress - m.previousProgress) * 10) / 10),
        String(m.done),
        String(m.behind),
        String(m.overdue),
      ]),
    },
  ];
}

function problemBlocks(c: BulletinContent): DocBlock[] {
  const asOf = chineseDate(c.asOf);
  const overdue = c.problems.filter((p) => p.light === 'OVERDUE').length;
  const behind = c.problems.length - overdue;
  const blocks: DocBlock[] = [];
  if (c.problems.length === 0) {
    blocks.push({ kind: 'paragraph', text: `截至${asOf},无逾期未完成或进度滞后的任务。` });
  } else {
    const escalated = c.problems.filter((p) => p.level === 'E2').length;
    const parts = [overdue ? `逾期未完成任务${overdue}项` : '', behind ? `进度滞后任务${behind}项` : '']
      .filter(Boolean)
      .join('、');
    blocks.push({
      kind: 'paragraph',
      text: `截至${asOf},${parts}${escalated ? `,其中已进入督办程序的${escalated}项` : ''}。具体如下:`,
    });
    blocks.push({
      kind: 'table',
      columns: [
        { title: '序号', width: 5, align: 'center' },
        { title: '措施', width: 20 },
        { title: '责任单位', width: 13 },
        { title: '存在问题', width: 23 },
        { title: '截止日期', width: 14, align: 'center' },
        { title: '逾期天数', width: 8, align: 'center' },
        { title: '督办级别', width: 17, align: 'center' },
      ],
      rows: c.problems.map((p, i) => [
        String(i + 1),
        `${measureLabel(p.measureNumber)}${p.measureTitle}`,
        p.unitName,
        p.reasons.map(reasonText).join(';') || (p.light === 'OVERDUE' ? '逾期未完成' : '进度滞后'),
        p.due ?? '—',
        p.daysOverdue === null ? '—' : String(p.daysOverdue),
        p.level ? `${LEVEL_LABELS[p.level]}${p.noticeNo ? `\n${p.noticeNo}` : ''}` : '—',
      ]),
    });
  }
  const since = c.previous ? '上期通报以来' : periodText(c.period);
  if (c.escalations.length === 0) {
    blocks.push({ kind: 'paragraph', text: `${since},未发出督办单。` });
  } else {
    blocks.push({ kind: 'paragraph', text: `${since},共发出督办单${c.escalations.length}份,列示如下:` });
    blocks.push({
      kind: 'table',
      columns: [
        { title: '督办单号', width: 22, align: 'center' },
        { title: '发出日期', width: 14, align: 'center' },
        { title: '责任单位', width: 22 },
        { title: '措施', width: 42 },
      ],
      rows: c.escalations.map((e) => [e.no, e.runDay, e.unitName, `${measureLabel(e.measureNumber)}${e.measureTitle}`]),
    });
  }
  return blocks;
}

function reportingBlocks(c: BulletinContent): DocBlock[] {
  const r = c.reporting;
  const month = periodText(c.period);
  if (r.owed === 0) return [{ kind: 'paragraph', text: `${month}无到期应报送的进展报告。` }];
  const counts = [
    `按时报送${r.onTime}份`,
    r.late ? `逾期报送${r.late}份` : '',
    r.returned ? `退回未重报${r.returned}份` : '',
    r.missing ? `未报送${r.missing}份` : '',
  ]
    .filter(Boolean)
    .join(',');
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `${month}应报送进展报告${r.owed}份(${r.unitsOwing}个单位),${counts},按时报送率${pct(r.onTimeRate)}%。`,
    },
  ];
  if (r.units.length === 0) {
    blocks.push({ kind: 'paragraph', text: '各责任单位均按时报送了进展报告。' });
    return blocks;
  }
  blocks.push({
    kind: 'paragraph',
    text: `以下${r.units.length}个单位存在逾期报送、退回未重报或未报送的情况,予以通报:`,
  });
  blocks.push({
    kind: 'table',
    columns: [
      { title: '序号', width: 6, align: 'center' },
      { title: '责任单位', width: 22 },
      { title: '应报', width: 8, align: 'center' },
      { title: '按时', width: 8, align: 'center' },
      { title: '逾期', width: 8, align: 'center' },
      { title: '退回未重报', width: 10, align: 'center' },
      { title: '未报', width: 8, align: 'center' },
      { title: '涉及措施', width: 30 },
    ],
    rows: r.units.map((u, i) => [
      String(i + 1),
      u.unitName,
      String(u.owed),
      String(u.onTime),
      String(u.late),
      String(u.returned),
      String(u.missing),
      [...new Set(u.items.map((it) => measureLabel(it.measureNumber)))].join(''),
    ]),
  });
  return blocks;
}

function experienceBlocks(c: BulletinContent): DocBlock[] {
  if (c.experiences.length === 0) return [{ kind: 'paragraph', text: '本期暂无推荐的典型经验。' }];
  return c.experiences.map((e, i) => ({
    kind: 'paragraph',
    lead: `(${cn(i + 1)})${e.unitName}:`,
    text: `围绕措施${measureLabel(e.measureNumber)}“${e.measureTitle}”,${e.excerpt}`,
  }));
}

/** The office's 下步工作 text as paragraphs, one per non-empty line. */
export function nextStepBlocks(nextSteps: string): DocBlock[] {
  const lines = nextSteps
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines.map((text) => ({ kind: 'paragraph', text })) : [{ kind: 'paragraph', text: '(待填写)' }];
}

/** The whole bulletin, masthead first; headings 一 to 六 in the order R-S14 lists the sections. */
export function bulletinDocument(header: BulletinHeader, c: BulletinContent, nextSteps: string): OfficialDocument {
  const sections: [string, DocBlock[]][] = [
    ['总体情况', summaryBlocks(c)],
    ['分项进展', measureBlocks(c)],
    ['存在问题', problemBlocks(c)],
    ['报送情况', reportingBlocks(c)],
    ['典型经验', experienceBlocks(c)],
    ['下步工作', nextStepBlocks(nextSteps)],
  ];
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `现将${quoted(c.planTitle)}重点任务截至${chineseDate(c.asOf)}的督查情况通报如下:`,
    },
  ];
  sections.forEach(([title, body], i) => {
    blocks.push({ kind: 'heading', text: `${cn(i + 1)}、${title}` });
    blocks.push(...body);
  });
  return {
    title: `${BULLETIN_TITLE}(${header.no})`,
    subtitle: null,
    masthead: {
      title: BULLETIN_TITLE,
      number: header.no,
      mark: STATUS_MARKS[header.status],
      issuer: header.issuer,
      date: chineseDate(header.date),
    },
    orientation: 'portrait',
    blocks,
  };
}

/** A first draft of 下步工作 from the figures, for the office to edit. */
export function defaultNextSteps(c: BulletinContent): string {
  const overdue = c.problems.filter((p) => p.light === 'OVERDUE').length;
  const behind = c.problems.length - overdue;
  const lines: string[] = [];
  const items = [overdue ? `逾期未完成的${overdue}项任务` : '', behind ? `进度滞后的${behind}项任务` : '']
    .filter(Boolean)
    .join('和');
  lines.push(
    items
      ? `一是加强跟踪督办。对${items},督促责任单位分析原因、制定整改措施、明确完成时限,督查室将持续跟踪督办,按程序发出催办单、督办单。`
      : '一是加强跟踪督办。继续按月跟踪各项任务进展,对临近期限的任务及时提醒,确保按期完成。',
  );
  lines.push(
    c.reporting.units.length
      ? `二是严格报送纪律。对本期逾期报送、未报送进展报告的${c.reporting.units.length}个单位予以通报,请相关单位于下一报送截止日前补报并说明原因。`
      : '二是严格报送纪律。请各责任单位继续按月按时报送进展情况和佐证材料。',
  );
  lines.push('三是推广典型经验。及时总结各单位好的做法和经验,发挥示范带动作用,推动各项任务落地见效。');
  return lines.join('\n');
}
