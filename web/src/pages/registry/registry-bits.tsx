import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import type { CodeExplanation } from '../../api/registry';
import { type MsgKey, type TFunction, useT } from '../../i18n';

const STATUS_COLORS: Record<string, string> = {
  active: 'green',
  revoked: 'red',
  deregistered: 'default',
  moved_out: 'blue',
};
const GRADE_COLORS: Record<string, string> = {
  AAA: '#237804',
  AA: '#389e0d',
  A: '#1677ff',
  B: '#d48806',
  C: '#cf1322',
};

export function statusLabel(t: TFunction, status: string): string {
  return t.opt('reg.status.', status);
}

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{statusLabel(t, status)}</Tag>;
}

export function GradeTag({ grade }: { grade: string | null }) {
  const t = useT();
  if (!grade) return <Typography.Text type="secondary">{t('reg.facet.ungraded')}</Typography.Text>;
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ fontWeight: 600 }}>
      {grade}
    </Tag>
  );
}

/** A district's name in the UI language; the server's (Chinese) name or the code when it is not one of the ten. */
export function districtLabel(t: TFunction, code: string | null, serverName?: string | null): string {
  if (!code) return t('reg.facet.unknownDistrict');
  const label = t.opt('reg.district.', code);
  return label !== code ? label : (serverName ?? code);
}

export function listLabel(t: TFunction, code: string): string {
  return code === 'NONE' ? t('reg.facet.none') : t.opt('credit.list.', code);
}

/** Lower-cased NFKC per character, with where each normalised character came from in the original text. */
function normalizedWithIndex(text: string): { norm: string; from: number[] } {
  let norm = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) from.push(i);
    norm += n;
    i += ch.length;
  }
  from.push(i);
  return { norm, from };
}

/** The text with every occurrence of the query marked (NFKC, case-insensitive, like the server's match). */
export function Highlight({ text, query }: { text: string; query: string }) {
  const q = query.trim().normalize('NFKC').toLowerCase();
  if (!q) return <>{text}</>;
  const { norm, from } = normalizedWithIndex(text);
  const out: ReactNode[] = [];
  let last = 0;
  for (let at = norm.indexOf(q); at !== -1; at = norm.indexOf(q, at + q.length)) {
    const start = from[at]!;
    const end = from[at + q.length]!;
    if (start < last) continue;
    if (start > last) out.push(text.slice(last, start));
    out.push(
      <mark key={start} style={{ background: '#ffe58f', padding: 0, color: 'inherit' }}>
        {text.slice(start, end)}
      </mark>,
    );
    last = end;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}

/** Seconds to wait from a 429 answer (the server's details, else a minute). */
export function retryAfterSeconds(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.status !== 429) return null;
  const s = Number(err.details?.retryAfterSeconds);
  return Number.isFinite(s) && s > 0 ? Math.ceil(s) : 60;
}

type Finding = CodeExplanation['errors'][number];

function findingText(t: TFunction, f: Finding, e: CodeExplanation, kind: 'err' | 'warn') {
  const params = {
    char: e.parts.checkChar ?? '',
    expected: e.parts.expectedCheckChar ?? '?',
    position: f.position ?? '?',
    length: e.normalized.length,
  };
  const key = `reg.code.${kind}.${f.code}`;
  const text = t.opt('', key);
  return text === key ? f.message : t(key as MsgKey, params);
}

/** One line per kind of finding: the charset errors of several positions become "第 14、15 位 (I、O)". */
function groupedErrors(t: TFunction, e: CodeExplanation): { key: string; text: string }[] {
  const charset = e.errors.filter((f) => f.code === 'USCC_CHARSET');
  const rest = e.errors
    .filter((f) => f.code !== 'USCC_CHARSET')
    .map((f) => ({ key: f.code, text: findingText(t, f, e, 'err') }));
  if (charset.length === 0) return rest;
  const sep = t.lang === 'en' ? ', ' : '、';
  const positions = charset.map((f) => `${f.position} (${e.normalized[(f.position ?? 1) - 1] ?? '?'})`).join(sep);
  return [{ key: 'USCC_CHARSET', text: t('reg.code.err.USCC_CHARSET', { position: positions }) }, ...rest];
}

/** The explanation widget (credit.md §1.3, §7.4): each part of an 18-character code and what is wrong with it. */
export function CodeExplanationCard({ code, found }: { code: CodeExplanation; found: boolean }) {
  const t = useT();
  const p = code.parts;
  const legacy = code.warnings.some((w) => w.code === 'USCC_LEGACY_PILOT_CODE');
  const [icon, color, title] = !code.valid
    ? [<CloseCircleFilled key="i" />, '#cf1322', t('reg.code.invalid')]
    : code.warnings.length
      ? [<ExclamationCircleFilled key="i" />, '#d48806', t('reg.code.validWarn')]
      : [<CheckCircleFilled key="i" />, '#389e0d', t('reg.code.valid')];
  const unknown = <Typography.Text type="secondary">{t('reg.code.unknown')}</Typography.Text>;
  const checkOk = p.checkChar !== null && p.checkChar === p.expectedCheckChar;
  // The parts mean something only once length and characters are right (a wrong check character still explains).
  const readable = !code.errors.some((e) => e.code === 'USCC_LENGTH' || e.code === 'USCC_CHARSET');
  return (
    <Card
      size="small"
      data-testid="code-explanation"
      title={
        <Space>
          <span style={{ color }}>{icon}</span>
          <span>{t('reg.code.title')}</span>
          <Typography.Text code copyable>
            {code.normalized}
          </Typography.Text>
          <Tag color={code.valid ? (code.warnings.length ? 'gold' : 'green') : 'red'}>{title}</Tag>
        </Space>
      }
      style={{ marginBottom: 16, borderColor: code.valid ? undefined : '#ffa39e' }}
    >
      {groupedErrors(t, code).map((e) => (
        <Alert key={e.key} type="error" showIcon title={e.text} style={{ marginBottom: 8 }} />
      ))}
      {code.warnings.map((w) => (
        <Alert
          key={w.code}
          type="warning"
          showIcon
          title={findingText(t, w, code, 'warn')}
          style={{ marginBottom: 8 }}
        />
      ))}
      {readable && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('reg.code.department')}>
            {p.department} · {p.departmentName ?? unknown}
          </Descriptions.Item>
          <Descriptions.Item label={t('reg.code.type')}>
            {p.type} · {p.typeName ?? unknown}
          </Descriptions.Item>
          <Descriptions.Item label={t('reg.code.region')}>
            {p.regionCode} · {p.regionName ?? unknown}
            {p.districtCode && p.districtCode !== p.regionCode && (
              <Typography.Text type="secondary">
                {' '}
                ({t('reg.code.regionDistrict', { district: districtLabel(t, p.districtCode, p.districtName) })})
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('reg.code.orgCode')}>{p.orgCode}</Descriptions.Item>
          <Descriptions.Item label={t('reg.code.check')} span={2}>
            <Space wrap>
              <span
                style={{
                  color: checkOk || legacy ? undefined : '#cf1322',
                  fontWeight: checkOk || legacy ? undefined : 600,
                }}
              >
                {checkOk
                  ? t('reg.code.checkOk', { char: p.checkChar ?? '' })
                  : t(legacy ? 'reg.code.checkLegacy' : 'reg.code.checkWrong', {
                      char: p.checkChar ?? '',
                      expected: p.expectedCheckChar ?? '?',
                    })}
              </span>
              {legacy && <Tag color="gold">{t('reg.code.legacy')}</Tag>}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      )}
      {!found && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('reg.code.notFound')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
