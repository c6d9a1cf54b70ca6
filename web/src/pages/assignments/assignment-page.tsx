import { ArrowLeftOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { can, canOnUnit, ownUnitOnly } from '../../api/auth';
import { ApiError } from '../../api/client';
import type { ReportDetail } from '../../api/plan-types';
import { assignmentsApi } from '../../api/plans';
import { EntityHistory, formatInstant } from '../../components/entity-history';
import { LightDot, measureNo, ProgressCell, StateTag } from '../../components/plan-bits';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { AssignmentActions } from './assignment-actions';
import { LightPanel, MeasureCard, PeriodsCard } from './assignment-side';
import { ReportForm, reportablePeriods } from './report-form';
import { ReportList } from './report-list';

type FormState = { report?: ReportDetail } | null;

/** One assignment: its light and why, the measure, periods, reports, the next steps and the history. */
export default function AssignmentPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const [form, setForm] = useState<FormState>(null);
  const query = useQuery({
    queryKey: ['assignments', 'detail', id, asOf],
    queryFn: () => assignmentsApi.get(id, asOf),
  });

  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t('error.notFoundTitle') : t('error.loadFailed')}
        subTitle={errorText(t, query.error)}
        extra={<Button onClick={() => navigate('/admin/assignments')}>{t('asg.back')}</Button>}
      />
    );
  }
  const a = query.data;
  const mayWork = canOnUnit(me, 'assignments.work', a.unitCode);
  const needsSign = mayWork && a.allowedEvents.includes('sign');
  // Offer a new report only when a period is open for one (or the cadence is ad hoc, with no schedule).
  const mayReport = a.canReport && (reportablePeriods(a).length > 0 || a.periods.length === 0);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('asg.back')} />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="assignment-id">
            {a.externalId}
          </Typography.Title>
          <StateTag state={a.state} />
          <LightDot code={a.light.code} reasons={a.light.reasons} label />
          <div style={{ flex: 1 }} />
          <AssignmentActions assignment={a} />
          {mayReport && (
            <Button type="primary" icon={<FormOutlined />} onClick={() => setForm({})}>
              {t('report.new')}
            </Button>
          )}
        </div>
        {needsSign && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('asg.signFirst')} />}
        {a.stateReason && (
          <Alert
            type={a.state === 'disputed' || a.state === 'cancelled' ? 'warning' : 'info'}
            showIcon
            style={{ marginTop: 12 }}
            title={`${t.opt('state.', a.state)}:${a.stateReason}`}
          />
        )}
        <Row gutter={[24, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} xl={15}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'plan',
                  label: t('asg.plan'),
                  children: <Link to={`/admin/plans/${a.plan.id}`}>{a.plan.title}</Link>,
                  span: 2,
                },
                {
                  key: 'measure',
                  label: t('asg.measure'),
                  children: `${measureNo(t, a.measureNumber)}${a.measureTitle}`,
                  span: 2,
                },
                { key: 'unit', label: t('asg.unit'), children: `${a.unitName}(${a.unitCode})` },
                { key: 'role', label: t('asg.role'), children: t.opt('role.assignment.', a.role) },
                { key: 'dispatched', label: t('asg.dispatchedOn'), children: a.dispatchedOn },
                {
                  key: 'signed',
                  label: t('asg.signedAt'),
                  children: a.signedAt ? formatInstant(a.signedAt) : t('asg.notSigned'),
                },
                {
                  key: 'due',
                  label: t('asg.deadline'),
                  children: `${a.dueDate ?? t('asg.noDue')} · ${t.opt('deadline.', a.deadlineType)}`,
                },
                {
                  key: 'progress',
                  label: t('asg.progress'),
                  children: <ProgressCell value={a.progress} light={a.light.code} />,
                },
              ]}
            />
          </Col>
          <Col xs={24} xl={9}>
            <LightPanel assignment={a} />
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'reports',
                  label: `${t('asg.reports')} (${a.reports.length})`,
                  children: <ReportList assignment={a} onEdit={(report) => setForm({ report })} />,
                },
                // The audit trail answers unit staff only for their unit record, so the tab is for the office and leaders.
                ...(can(me, 'audit.read') && !ownUnitOnly(me)
                  ? [
                      {
                        key: 'history',
                        label: t('asg.history'),
                        children: (
                          <EntityHistory
                            entityType="assignment"
                            entityId={a.externalId}
                            related={a.reports.map((r) => ({ entityType: 'report', entityId: String(r.id) }))}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <PeriodsCard assignment={a} />
            <MeasureCard assignment={a} />
          </Space>
        </Col>
      </Row>
      {form && <ReportForm assignment={a} report={form.report} onClose={() => setForm(null)} />}
    </Space>
  );
}
