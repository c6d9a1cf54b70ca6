import { CheckOutlined } from '@ant-design/icons';
import { Progress, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMeta } from '../api/auth';
import type { AssignmentState, LightCode, PlanStatus, ReportStatus } from '../api/plan-types';
import { type TFunction, useT } from '../i18n';

/**
 * Light colours (scheme 三色 "sanse"): green on track / done, blue near, yellow behind, red overdue, grey unset.
 * DONE is a darker green (and carries a check mark) so charts can tell it from ON_TRACK.
 */
export const LIGHT_HEX: Record<LightCode, string> = {
  ON_TRACK: '#52c41a',
  DONE: '#237804',
  NEAR: '#1677ff',
  BEHIND: '#faad14',
  OVERDUE: '#ff4d4f',
  NOT_SET: '#bfbfbf',
};

/** Worst first, as the server orders them. */
export const LIGHT_ORDER: LightCode[] = ['OVERDUE', 'BEHIND', 'NEAR', 'NOT_SET', 'ON_TRACK', 'DONE'];

/** "DUE_PASSED:12" → "已超过完成时限 12 天". */
export function reasonText(t: TFunction, reason: string): string {
  const i = reason.indexOf(':');
  const code = i < 0 ? reason : reason.slice(0, i);
  const detail = i < 0 ? '' : reason.slice(i + 1);
  const text = t.opt('reason.', code);
  return text === code ? reason : text.replace('{detail}', detail);
}

/** A coloured dot with the light's name as tooltip (and label when `label`). */
export function LightDot({
  code,
  label = false,
  reasons,
}: {
  code: LightCode | null | undefined;
  label?: boolean;
  reasons?: string[];
}) {
  const t = useT();
  if (!code) return <span style={{ color: '#bfbfbf' }}>—</span>;
  const name = t.opt('light.', code);
  const tip = reasons?.length ? `${name}:${reasons.map((r) => reasonText(t, r)).join(';')}` : name;
  return (
    <Tooltip title={tip}>
      <Space size={6} data-light={code} aria-label={name}>
        <span
          style={{
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            width: 14,
            height: 14,
            borderRadius: '50%',
            background: LIGHT_HEX[code],
            color: '#fff',
            fontSize: 9,
            boxShadow: '0 0 0 2px rgba(0,0,0,0.04)',
          }}
        >
          {code === 'DONE' && <CheckOutlined />}
        </span>
        {label && <span>{name}</span>}
      </Space>
    </Tooltip>
  );
}

const STATE_COLOURS: Record<AssignmentState, string> = {
  registered: 'default',
  dispatched: 'gold',
  disputed: 'magenta',
  signed: 'cyan',
  in_progress: 'blue',
  completion_requested: 'purple',
  completed: 'green',
  closed: 'default',
  cancelled: 'default',
};

/** The lifecycle state (立项/交办/签收/…), with plan-specific labels when given. */
export function StateTag({ state, labels }: { state: string; labels?: Record<string, string> }) {
  const t = useT();
  const colour = STATE_COLOURS[state as AssignmentState] ?? 'default';
  const text = t.lang === 'zh-CN' && labels?.[state] ? labels[state] : t.opt('state.', state);
  return (
    <Tag color={colour} style={state === 'cancelled' ? { textDecoration: 'line-through' } : undefined}>
      {text}
    </Tag>
  );
}

const REPORT_COLOURS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'error',
};

export function ReportStatusTag({ status }: { status: string }) {
  const t = useT();
  return <Tag color={REPORT_COLOURS[status as ReportStatus] ?? 'default'}>{t.opt('report.status.', status)}</Tag>;
}

const PLAN_COLOURS: Record<PlanStatus, string> = {
  draft: 'orange',
  published: 'green',
  closed: 'default',
  archived: 'default',
};

export function PlanStatusTag({ status }: { status: string }) {
  const t = useT();
  return <Tag color={PLAN_COLOURS[status as PlanStatus] ?? 'default'}>{t.opt('plans.status.', status)}</Tag>;
}

/** A compact progress bar; "—" before any accepted report. */
export function ProgressCell({ value, light }: { value: number | null | undefined; light?: LightCode | null }) {
  if (value === null || value === undefined) return <span style={{ color: '#8c8c8c' }}>—</span>;
  return (
    <Progress
      percent={Math.round(value * 10) / 10}
      size="small"
      style={{ width: 120, margin: 0 }}
      strokeColor={light ? LIGHT_HEX[light] : undefined}
      status="normal"
    />
  );
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 as Chinese numerals (一 … 十八 … 九十九). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

/** "(一)" in Chinese, "(1)" in English. */
export function measureNo(t: TFunction, n: number): string {
  return t.lang === 'zh-CN' ? `(${chineseNumeral(n)})` : `(${n})`;
}

/** "一、" in Chinese, "1." in English. */
export function sectionNo(t: TFunction, n: number): string {
  return t.lang === 'zh-CN' ? `${chineseNumeral(n)}、` : `${n}. `;
}

/** "2015-08" → "2015年8月", "2015-Q3" → "2015年第3季度"; other keys as they are. */
export function periodLabel(t: TFunction, key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return t.lang === 'zh-CN' ? `${m[1]}年${Number(m[2])}月` : dayjs(`${key}-01`).format('MMM YYYY');
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return t.lang === 'zh-CN' ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`;
  return key;
}

/** Percent with one decimal, or "—". */
export function pct(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${Math.round(value * 10) / 10}%`;
}

/** The date lights and dashboards are seen at by default: meta.asOf (2015-10-15 in demo mode), else today. */
export function useDefaultAsOf(): string | undefined {
  const meta = useMeta();
  if (meta.isPending) return undefined;
  return meta.data?.asOf ?? dayjs().format('YYYY-MM-DD');
}
