import { Tag } from 'antd';
import type { NoticeItem, NoticeLevel } from '../../api/notices';
import type { MsgKey, TFunction } from '../../i18n';

/** Colours follow the 三色督办 convention: reminders blue, chasers orange, escalation orders red. */
const LEVEL_COLOUR: Record<NoticeLevel, string> = {
  reminder: 'blue',
  sign_reminder: 'geekblue',
  report_reminder: 'cyan',
  E1: 'orange',
  E2: 'red',
};

export const NOTICE_LEVELS: NoticeLevel[] = ['E2', 'E1', 'reminder', 'sign_reminder', 'report_reminder'];

export function NoticeLevelTag({ t, level }: { t: TFunction; level: NoticeLevel }) {
  return (
    <Tag color={LEVEL_COLOUR[level]} style={{ marginInlineEnd: 0 }}>
      {t(`notice.level.${level}` as MsgKey)}
    </Tag>
  );
}

/** "OVERDUE:7" → "已超过完成时限 7 天"; an unknown code is shown as sent. */
export function noticeReasonText(t: TFunction, reason: string): string {
  const [code, detail = ''] = reason.split(/:(.*)/s);
  const key = `notice.reason.${code}` as MsgKey;
  const text = t(key, { detail });
  return text === key ? reason : text;
}

export function recipientsText(t: TFunction, notice: Pick<NoticeItem, 'recipients'>): string {
  return notice.recipients.map((r) => t.opt('notice.recipient.', r)).join('、');
}
