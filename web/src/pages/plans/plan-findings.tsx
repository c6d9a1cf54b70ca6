import { CheckCircleOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { orgsApi } from '../../api/orgs';
import type { PlanDetail, PlanWarning } from '../../api/plan-types';
import { plansApi } from '../../api/plans';
import { OrgPicker } from '../../components/org-picker';
import { errorText, type TFunction, useT } from '../../i18n';
import type { SourceTarget } from './source-viewer';

interface Closest {
  code: string;
  name: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The finding in the UI language, filled from its data; the parser's own message otherwise. */
export function findingText(t: TFunction, w: PlanWarning): string {
  const text = t.opt('finding.', w.code);
  if (text === w.code) return w.message;
  return text.replace('{name}', str(w.data?.name));
}

function closestOf(w: PlanWarning): Closest | null {
  const c = w.data?.closest as Partial<Closest> | null | undefined;
  return c?.code && c.name ? { code: c.code, name: c.name } : null;
}

/** Adds an unresolved name as an alias of a unit, then parses the draft again so the name resolves. */
function useAliasFix(planId: number) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (v: { code: string; alias: string }) => {
      const org = await orgsApi.addAlias(v.code, v.alias);
      await plansApi.reparse(planId);
      return org;
    },
    onSuccess: (org, v) => {
      void message.success(t('findings.aliasDone', { alias: v.alias, name: org.name }));
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: ['orgs'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
}

function UnresolvedFix({ planId, warning }: { planId: number; warning: PlanWarning }) {
  const t = useT();
  const alias = str(warning.data?.name);
  const closest = closestOf(warning);
  const [picked, setPicked] = useState<string | null>(null);
  const fix = useAliasFix(planId);
  if (!alias) return null;
  return (
    <Space wrap size={8} style={{ marginTop: 6 }}>
      {closest && (
        <>
          <Typography.Text type="secondary">
            {t('findings.closest', { name: closest.name, code: closest.code })}
          </Typography.Text>
          <Popconfirm
            title={t('findings.aliasConfirm', { alias, name: closest.name })}
            onConfirm={() => fix.mutateAsync({ code: closest.code, alias }).catch(() => undefined)}
          >
            <Button size="small" type="primary" ghost loading={fix.isPending && fix.variables?.code === closest.code}>
              {t('findings.aliasTo', { name: closest.name })}
            </Button>
          </Popconfirm>
        </>
      )}
      <Typography.Text type="secondary">{t('findings.pickOther')}</Typography.Text>
      <OrgPicker
        value={picked}
        onChange={setPicked}
        placeholder={t('findings.pickPlaceholder')}
        style={{ width: 240 }}
      />
      <Popconfirm
        title={t('findings.aliasConfirm', { alias, name: picked ?? '' })}
        disabled={!picked}
        onConfirm={() => (picked ? fix.mutateAsync({ code: picked, alias }).catch(() => undefined) : undefined)}
      >
        <Button size="small" disabled={!picked} loading={fix.isPending && fix.variables?.code === picked}>
          {t('findings.aliasPicked')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** The parser's findings: errors block publishing; each links to its place in the source text. */
export function PlanFindings({
  plan,
  canFix,
  onShowSource,
}: {
  plan: PlanDetail;
  canFix: boolean;
  onShowSource: (target: SourceTarget) => void;
}) {
  const t = useT();
  const errors = plan.warnings.filter((w) => w.severity === 'error');
  const sorted = [...errors, ...plan.warnings.filter((w) => w.severity !== 'error')];
  if (sorted.length === 0) {
    return plan.status === 'draft' ? (
      <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('findings.none')} />
    ) : null;
  }
  const draft = plan.status === 'draft';
  return (
    <Card
      size="small"
      data-testid="plan-findings"
      title={
        <Space>
          {t('findings.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('findings.summary', { errors: errors.length, warnings: sorted.length - errors.length })}
          </Typography.Text>
        </Space>
      }
    >
      {draft && !canFix && errors.some((w) => w.code === 'UNRESOLVED_UNIT') && (
        <Typography.Paragraph type="secondary">{t('findings.noManage')}</Typography.Paragraph>
      )}
      <div style={{ display: 'grid', gap: 10 }}>
        {sorted.map((w, i) => (
          <div
            // Findings have no id; code + offset + position is stable for one parse.
            key={`${w.code}:${w.offset}:${i}`}
            data-testid="finding"
            style={{
              padding: '8px 12px',
              borderRadius: 6,
              background: w.severity === 'error' ? '#fff2f0' : '#fffbe6',
              border: `1px solid ${w.severity === 'error' ? '#ffccc7' : '#ffe58f'}`,
            }}
          >
            <Space wrap size={8}>
              <Tag color={w.severity === 'error' ? 'error' : 'warning'}>
                {w.severity === 'error' ? t('findings.error') : t('findings.warning')}
              </Tag>
              <Tooltip title={t('findings.serverMessage', { message: w.message })}>
                <Typography.Text code>{w.code}</Typography.Text>
              </Tooltip>
              <Typography.Text>{findingText(t, w)}</Typography.Text>
              {w.offset !== null && (
                <Button
                  size="small"
                  type="link"
                  icon={<FileSearchOutlined />}
                  onClick={() => onShowSource({ offset: w.offset ?? 0, length: str(w.data?.name).length || undefined })}
                >
                  {t('findings.showSource')}
                </Button>
              )}
            </Space>
            {draft && canFix && w.code === 'UNRESOLVED_UNIT' && <UnresolvedFix planId={plan.id} warning={w} />}
          </div>
        ))}
      </div>
    </Card>
  );
}
