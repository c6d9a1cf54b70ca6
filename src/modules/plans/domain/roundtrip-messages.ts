/** Texts of the round trip's row findings (R-S13) in Chinese and English, for the API and the error file. */

import type { Lang } from '../../../core/errors.js';
import type { Finding, FindingCode } from './roundtrip-model.js';

// {column}, {value} and {detail} are filled from the finding; NOT_ALLOWED and REASON_REQUIRED name their
// case in `detail` (see DETAILS).
const MESSAGES: Readonly<Record<FindingCode, Record<Lang, string>>> = {
  UNKNOWN_ID: {
    zh: '编号“{value}”在本计划中不存在(新建请把编号留空)',
    en: 'ID "{value}" does not exist in this plan (leave the ID empty to create)',
  },
  DUPLICATE_ID: { zh: '编号“{value}”在本表中重复出现', en: 'ID "{value}" appears more than once in this sheet' },
  REQUIRED: { zh: '{column} 不能为空', en: '{column} must not be empty' },
  INVALID_VALUE: {
    zh: '{column} 的值“{value}”无法识别,应为 {detail}',
    en: '{column}: "{value}" is not valid; expected {detail}',
  },
  OUT_OF_RANGE: { zh: '{column} 的值“{value}”超出范围 {detail}', en: '{column}: "{value}" is outside {detail}' },
  UNKNOWN_REF: { zh: '{column} 引用的“{value}”不存在', en: '{column}: "{value}" does not exist' },
  IDENTITY_CHANGED: {
    zh: '已有记录的 {column} 不能修改(原为“{detail}”);请撤销原任务后新建一行',
    en: '{column} of an existing row cannot change (was "{detail}"); cancel it and add a new row',
  },
  DUPLICATE_ASSIGNMENT: { zh: '任务“{value}”已存在', en: 'Assignment "{value}" already exists' },
  INVALID_TRANSITION: {
    zh: '状态不能从“{detail}”直接改为“{value}”',
    en: 'The state cannot go from "{detail}" to "{value}" in one step',
  },
  REASON_REQUIRED: { zh: '{detail}须在 note 列填写理由', en: '{detail} needs a reason in the note column' },
  NOT_ALLOWED: { zh: '不允许:{detail}', en: 'Not allowed: {detail}' },
  READONLY_IGNORED: {
    zh: '{column} 为只读列,修改已忽略(当前为“{detail}”)',
    en: '{column} is read-only; the edit is ignored (current: "{detail}")',
  },
};

const DETAILS: Readonly<Record<string, Record<Lang, string>>> = {
  cancel: { zh: '撤销任务', en: 'Cancelling' },
  reopen: { zh: '重新办理', en: 'Reopening' },
  regress: { zh: '调低进度', en: 'Lowering progress' },
  'create:delete': { zh: '新建行不能标记 delete', en: 'a new row cannot be marked delete' },
  'create:state': {
    zh: '新建任务的状态只能是 dispatched(交办)或 registered(立项)',
    en: 'a new assignment starts as dispatched or registered',
  },
  'create:progress': { zh: '新建任务的进度须为 0', en: 'a new assignment starts at progress 0' },
};

const STATE_CASES: Readonly<Record<string, Record<Lang, string>>> = {
  completed: { zh: '已办结', en: 'completed' },
  closed: { zh: '已销号', en: 'closed' },
  cancelled: { zh: '已撤销', en: 'cancelled' },
};

function detailText(detail: string | null, lang: Lang): string {
  if (detail === null) return '';
  const known = DETAILS[detail]?.[lang];
  if (known) return known;
  const [what, state] = detail.split(':');
  const stateText = STATE_CASES[state ?? '']?.[lang] ?? state;
  if (what === 'progress') return lang === 'zh' ? `${stateText}的任务不能修改进度` : `progress of ${stateText} work`;
  if (what === 'delete') return lang === 'zh' ? `${stateText}的任务不能撤销` : `cancelling ${stateText} work`;
  return detail;
}

/** The finding as one sentence in the caller's language. */
export function findingMessage(f: Finding, lang: Lang): string {
  const slots: Record<string, string> = {
    column: f.column ?? '',
    value: f.value ?? '',
    detail: detailText(f.detail, lang),
  };
  return MESSAGES[f.code][lang].replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '');
}
