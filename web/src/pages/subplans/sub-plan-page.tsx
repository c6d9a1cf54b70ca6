import { ArrowLeftOutlined, CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Progress, Result, Space, Spin, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../api/auth';
import { ApiError } from '../../api/client';
import { subPlansApi } from '../../api/plans';
import type { SubPlanDetail } from '../../api/subplan-types';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { SubPlanForm } from './sub-plan-form';
import { SubPlanReview } from './sub-plan-review';
import { findingText, isEditable, SubPlanStatusTag, subPlanKey, Timeliness } from './subplan-bits';

function Findings({ detail }: { detail: SubPlanDetail }) {
  const t = useT();
  if (detail.findings.length === 0) {
    return <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('sub.noFindings')} />;
  }
  const jump = (measure?: string | null) =>
    measure && document.getElementById(`measure-${measure}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  return (
    <Card size="small" title={t('sub.findings', { count: detail.findings.length })} data-testid="subplan-findings">
      <List
        size="small"
        dataSource={detail.findings}
        renderItem={(f) => {
          const measure = f.measureExternalId ?? (f.task ? detail.tasks[f.task - 1]?.measureExternalId : undefined);
          return (
            <List.Item data-testid="subplan-finding" data-code={f.code}>
              <Space>
                <ExclamationCircleOutlined style={{ color: '#faad14' }} />
                <Typography.Link onClick={() => jump(measure)}>{findingText(t, f, detail)}</Typography.Link>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** One district's implementation plan: header, gaps, the measure-by-measure editor, filing and review. */
export default function SubPlanPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useQuery({ queryKey: subPlanKey(id), queryFn: () => subPlansApi.get(id), enabled: id > 0 });

  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t('error.notFoundTitle') : t('error.loadFailed')}
        subTitle={errorText(t, query.error)}
        extra={<Button onClick={() => navigate('/admin/sub-plans')}>{t('sub.back')}</Button>}
      />
    );
  }
  const d = query.data;
  const canFile = can(me, 'subplans.file');
  const editable = isEditable(d, canFile);
  const reviewable = can(me, 'subplans.review') && d.status === 'filed';
  let notice: string | null = null;
  if (d.status === 'filed') notice = t('sub.readOnly.filed');
  else if (d.status === 'accepted') notice = t('sub.readOnly.accepted');
  else if (!canFile) notice = t('sub.readOnly.office');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(`/admin/plans/${d.planId}#sub-plans`)}
            aria-label={t('sub.back')}
          />
          <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 240 }} data-testid="subplan-title">
            {d.title || t('sub.pageTitle', { district: d.districtName })}
          </Typography.Title>
          <SubPlanStatusTag status={d.status} />
          {reviewable && <SubPlanReview detail={d} />}
        </div>
        <Descriptions
          style={{ marginTop: 12 }}
          column={{ xs: 1, sm: 2, xl: 3 }}
          size="small"
          items={[
            { key: 'district', label: t('sub.district'), children: `${d.districtName}(${d.districtCode})` },
            {
              key: 'plan',
              label: t('sub.plan'),
              children: <Link to={`/admin/plans/${d.planId}`}>{d.planTitle}</Link>,
              span: 2,
            },
            { key: 'due', label: t('sub.dueDate'), children: d.dueDate },
            { key: 'filed', label: t('sub.filedAt'), children: d.filedAt ? d.filedAt.slice(0, 10) : '—' },
            {
              key: 'late',
              label: t('sub.timeliness'),
              children: <Timeliness lateDays={d.lateDays} overdue={!d.filedAt} dueDate={d.dueDate} />,
            },
            {
              key: 'coverage',
              label: t('sub.coverage'),
              children: <Progress percent={Math.round(d.coverage)} size="small" style={{ width: 160, margin: 0 }} />,
            },
          ]}
        />
        {d.status === 'returned' && d.returnReason && (
          <Alert
            type="error"
            showIcon
            data-testid="subplan-return-reason"
            title={t('sub.returnedAlert', { reason: d.returnReason })}
            style={{ marginTop: 12 }}
          />
        )}
        {notice && <Alert type="info" showIcon title={notice} style={{ marginTop: 12 }} />}
      </Card>
      <Findings detail={d} />
      <SubPlanForm key={d.version} detail={d} editable={editable} />
    </Space>
  );
}
