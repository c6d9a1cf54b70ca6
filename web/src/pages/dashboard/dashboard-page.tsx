import { DiffOutlined, DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Select, Space, Spin, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { Dashboard } from '../../api/dashboard-types';
import { plansApi } from '../../api/plans';
import { LIGHT_HEX, useDefaultAsOf } from '../../components/plan-bits';
import { errorText, useT } from '../../i18n';
import { usePlanOptions } from '../assignments/use-plan-options';
import { LightsDonut, MeasureBars, TrendChart } from './charts';
import { CompareDrawer } from './compare-drawer';
import { OverdueList, UnitTable } from './dash-tables';
import { Heatmap } from './heatmap';

function Kpis({ data }: { data: Dashboard }) {
  const t = useT();
  const p = data.plan;
  const kpi = (title: string, value: number | null, suffix: string, extra?: string, colour?: string) => (
    <Col xs={12} lg={6}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic
          title={title}
          value={value ?? '—'}
          precision={suffix === '%' && value !== null ? 1 : undefined}
          suffix={value === null ? undefined : suffix}
          styles={{ content: { color: colour, fontSize: 28 } }}
        />
        {extra && <Typography.Text type="secondary">{extra}</Typography.Text>}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]} data-testid="kpis">
      {kpi(t('kpi.progress'), p.progress, '%', t('kpi.assignments', { count: p.assignments }), '#1656a8')}
      {kpi(t('kpi.signed'), p.signedPct, '%')}
      {kpi(t('kpi.onTime'), p.onTimeReportRate, '%')}
      {kpi(
        t('kpi.overdue'),
        p.overdue,
        '',
        t('kpi.overdueOf', { count: p.assignments }),
        p.overdue > 0 ? LIGHT_HEX.OVERDUE : undefined,
      )}
    </Row>
  );
}

/** 督查看板 of one plan at an as-of date: KPIs, lights, measures, heatmap, units, overdue, trend, compare. */
export default function DashboardPage() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const defaultAsOf = useDefaultAsOf();
  const asOf = params.get('asOf') ?? defaultAsOf;
  const [comparing, setComparing] = useState(false);
  const planOptions = usePlanOptions();
  const query = useQuery({
    queryKey: ['plans', 'dashboard', id, asOf],
    queryFn: () => plansApi.dashboard(id, asOf),
    enabled: asOf !== undefined,
    placeholderData: keepPreviousData,
  });
  const setAsOf = (d: string | null) => {
    const next = new URLSearchParams(params);
    if (d && d !== defaultAsOf) next.set('asOf', d);
    else next.delete('asOf');
    setParams(next);
  };
  const data = query.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.dashboard')}
          </Typography.Title>
          <Select
            value={String(id)}
            options={planOptions}
            onChange={(v) => navigate(`/admin/plans/${v}/dashboard${params.toString() ? `?${params}` : ''}`)}
            style={{ minWidth: 260, flex: '0 1 420px' }}
            aria-label={t('dash.plan')}
          />
          <div style={{ flex: 1 }} />
          <Space size={4}>
            <Typography.Text type="secondary">{t('dash.asOf')}</Typography.Text>
            <DatePicker
              value={asOf ? dayjs(asOf) : null}
              allowClear={false}
              onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : null)}
              aria-label={t('dash.asOf')}
              data-testid="dash-asof"
            />
          </Space>
          <Button icon={<DiffOutlined />} onClick={() => setComparing(true)} disabled={!asOf}>
            {t('dash.compare')}
          </Button>
          <Button icon={<DownloadOutlined />} href={plansApi.exportUrl(id, asOf)} download>
            {t('dash.export')}
          </Button>
        </div>
      </Card>
      {query.isError && (
        <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(t, query.error)} />
      )}
      {!data && query.isPending && <Spin style={{ display: 'block', margin: '80px auto' }} />}
      {data && (
        <Spin spinning={query.isFetching} delay={200}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Kpis data={data} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('dash.lights')} style={{ height: '100%' }}>
                  <LightsDonut data={data} />
                </Card>
              </Col>
              <Col xs={24} xl={16}>
                <Card
                  size="small"
                  title={t('dash.measures')}
                  extra={<Typography.Text type="secondary">{t('dash.measuresHint')}</Typography.Text>}
                  style={{ height: '100%' }}
                >
                  <MeasureBars data={data} />
                </Card>
              </Col>
            </Row>
            <Card size="small" title={t('dash.heatmap')}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('dash.heatmapHint')}
              </Typography.Paragraph>
              <Heatmap data={data} />
            </Card>
            <Card size="small" title={t('dash.units')}>
              <UnitTable data={data} />
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card size="small" title={`${t('dash.overdue')} (${data.overdue.length})`} style={{ height: '100%' }}>
                  <OverdueList data={data} />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('dash.trend')} style={{ height: '100%' }}>
                  <TrendChart data={data} />
                </Card>
              </Col>
            </Row>
          </Space>
        </Spin>
      )}
      {asOf && <CompareDrawer planId={id} to={asOf} open={comparing} onClose={() => setComparing(false)} />}
    </Space>
  );
}
