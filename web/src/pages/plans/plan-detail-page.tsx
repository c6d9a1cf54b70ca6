import { ArrowLeftOutlined, DashboardOutlined, DiffOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { can } from '../../api/auth';
import { ApiError } from '../../api/client';
import type { PlanDetail } from '../../api/plan-types';
import { plansApi } from '../../api/plans';
import { EntityHistory } from '../../components/entity-history';
import { PlanStatusTag } from '../../components/plan-bits';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { SubPlansCard } from '../subplans/sub-plans-card';
import { DraftActions } from './plan-actions';
import { PlanFindings } from './plan-findings';
import { PlanHeader } from './plan-header';
import { RoundTripActions } from './plan-roundtrip';
import { PlanSettingsPanel } from './plan-settings';
import { PlanTree } from './plan-tree';
import { type SourceTarget, SourceViewer } from './source-viewer';

export const planKey = (id: number) => ['plans', 'detail', id] as const;

function BasisTab({ plan }: { plan: PlanDetail }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5}>{t('plan.basis')}</Typography.Title>
        {plan.basis.length === 0 && <Typography.Text type="secondary">{t('plan.noBasis')}</Typography.Text>}
        <ol style={{ paddingInlineStart: 20, margin: 0 }}>
          {plan.basis.map((b) => (
            <li key={`${b.title}:${b.docNumber}`}>
              {b.issuer && <Typography.Text type="secondary">{b.issuer} </Typography.Text>}《{b.title}》
              {b.docNumber && <Tag style={{ marginInlineStart: 8 }}>{b.docNumber}</Tag>}
            </li>
          ))}
        </ol>
      </div>
      {plan.closing.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('plan.closing')}</Typography.Title>
          {plan.closing.map((c) => (
            <Typography.Paragraph key={c}>{c}</Typography.Paragraph>
          ))}
        </div>
      )}
      {plan.obligations.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('plan.obligations')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('plan.obligationsText', { count: plan.obligations.length })}
          </Typography.Paragraph>
          <Space size={[4, 8]} wrap>
            {plan.obligations.map((o) => (
              <Tag key={o.districtCode}>
                {o.districtName}({o.districtCode})
              </Tag>
            ))}
          </Space>
        </div>
      )}
    </Space>
  );
}

/** One plan: the draft preview (findings, quick fixes, settings, publish) or the published plan's structure. */
export default function PlanDetailPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [source, setSource] = useState<SourceTarget | null>(null);
  const query = useQuery({ queryKey: planKey(id), queryFn: () => plansApi.get(id), enabled: id > 0 });
  const manage = can(me, 'plans.manage');

  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t('error.notFoundTitle') : t('error.loadFailed')}
        subTitle={errorText(t, query.error)}
        extra={<Button onClick={() => navigate('/admin/plans')}>{t('plan.back')}</Button>}
      />
    );
  }
  const plan = query.data;
  const draft = plan.status === 'draft';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/admin/plans')} aria-label={t('plan.back')} />
          <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 240 }} data-testid="plan-title">
            {plan.title}
          </Typography.Title>
          <PlanStatusTag status={plan.status} />
          {draft && manage && <DraftActions plan={plan} />}
          {!draft && (
            <Space wrap>
              <Button icon={<DashboardOutlined />} onClick={() => navigate(`/admin/plans/${plan.id}/dashboard`)}>
                {t('plan.openDashboard')}
              </Button>
              <Button icon={<UnorderedListOutlined />} onClick={() => navigate(`/admin/assignments?planId=${plan.id}`)}>
                {t('plan.openAssignments')}
              </Button>
              {manage && <RoundTripActions plan={plan} />}
              {manage && (
                <Button icon={<DiffOutlined />} onClick={() => navigate(`/admin/plans/${plan.id}/revision`)}>
                  {t('revision.open')}
                </Button>
              )}
            </Space>
          )}
        </div>
        <div style={{ marginTop: 12 }}>
          {draft ? (
            <Alert type="info" showIcon title={t('plan.draftNotice')} />
          ) : (
            <Alert type="success" showIcon title={t('plan.publishedNotice', { count: plan.counts.assignments })} />
          )}
        </div>
      </Card>
      {!draft && can(me, 'subplans.read') && <SubPlansCard plan={plan} />}
      <PlanHeader plan={plan} />
      <PlanFindings plan={plan} canFix={manage} onShowSource={setSource} />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'structure',
              label: t('plan.tab.structure'),
              children: plan.sections.length ? <PlanTree plan={plan} /> : <Empty description={t('tree.empty')} />,
            },
            { key: 'basis', label: t('plan.tab.basis'), children: <BasisTab plan={plan} /> },
            {
              key: 'settings',
              label: t('plan.tab.settings'),
              children: <PlanSettingsPanel key={plan.version} plan={plan} editable={manage} />,
            },
            ...(can(me, 'audit.read') && manage
              ? [
                  {
                    key: 'history',
                    label: t('plan.tab.history'),
                    children: <EntityHistory entityType="plan" entityId={String(plan.id)} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <SourceViewer planId={plan.id} target={source} onClose={() => setSource(null)} />
    </Space>
  );
}
