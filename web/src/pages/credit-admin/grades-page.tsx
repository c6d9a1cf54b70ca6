import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { can } from '../../api/auth';
import { GRADES, type GradeExplanation, type GradeRun, gradesApi, RISK_CLASSES } from '../../api/credit-admin';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, type TFunction, useT } from '../../i18n';
import { EnterprisePicker } from '../credit/credit-bits';
import { Chart } from '../dashboard/chart';
import { ClassTag } from './draw-detail-page';

const pts = (hundredths: number) => (hundredths / 100).toFixed(2).replace(/\.00$/, '');

function RunCard() {
  const t = useT();
  const { modal } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: ['credit-grade-run'],
    queryFn: gradesApi.latestRun,
    // Poll while a run is going; the list refreshes when it ends.
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const start = useMutation({
    mutationFn: gradesApi.start,
    onSuccess: (r) => queryClient.setQueryData(['credit-grade-run'], r),
  });
  const r: GradeRun | null | undefined = run.data;
  const running = r?.status === 'running';
  const [seenRunning, setSeenRunning] = useState(false);
  if (running && !seenRunning) setSeenRunning(true);
  if (!running && seenRunning && r) {
    setSeenRunning(false);
    void queryClient.invalidateQueries({ queryKey: ['credit-grade-distribution'] });
  }
  const pct = r && r.total > 0 ? Math.floor((r.processed * 100) / r.total) : running ? 0 : 100;
  return (
    <Card
      size="small"
      title={t('ca.grade.run')}
      extra={
        can(me, 'enterprises.manage') && (
          <Button
            type="primary"
            disabled={running}
            loading={start.isPending}
            onClick={() =>
              modal.confirm({
                title: t('ca.grade.startConfirm'),
                content: t('ca.grade.startText'),
                onOk: () => start.mutateAsync(),
              })
            }
          >
            {t('ca.grade.start')}
          </Button>
        )
      }
    >
      {(start.error ?? run.error) && <Alert type="error" showIcon title={errorText(t, start.error ?? run.error)} />}
      {r ? (
        <>
          <Progress
            percent={pct}
            status={r.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
            data-testid="grade-run-progress"
          />
          <Typography.Text type="secondary" data-testid="grade-run-status">
            {t(`ca.grade.status.${r.status}` as 'ca.grade.status.running', {
              processed: r.processed.toLocaleString(),
              total: r.total.toLocaleString(),
              changed: r.gradeChanges.toLocaleString(),
              asOf: r.asOf,
              version: r.scorecardVersion,
              at: (r.finishedAt ?? r.updatedAt).slice(0, 19).replace('T', ' '),
            })}
          </Typography.Text>
          {r.error && <Alert type="error" showIcon title={r.error} style={{ marginTop: 8 }} />}
        </>
      ) : (
        !run.isLoading && <Typography.Text type="secondary">{t('ca.grade.noRun')}</Typography.Text>
      )}
    </Card>
  );
}

function bars(t: TFunction, names: readonly string[], values: number[], color: string, label: (n: string) => string) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 16, top: 16, bottom: 30 },
    xAxis: { type: 'category', data: names.map(label) },
    yAxis: { type: 'value', name: t('ca.grade.enterprises') },
    series: [{ type: 'bar', data: values, itemStyle: { color }, label: { show: true, position: 'top' } }],
  };
}

function Distribution() {
  const t = useT();
  const q = useQuery({ queryKey: ['credit-grade-distribution'], queryFn: gradesApi.distribution });
  const rows = q.data ?? [];
  const sum = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).reduce((s, r) => s + r.count, 0);
  const byGrade = GRADES.map((g) => sum((r) => r.grade === g));
  const byClass = RISK_CLASSES.map((c) => sum((r) => r.riskClass === c));
  const ungraded = sum((r) => r.grade === null);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('ca.grade.byGrade')} loading={q.isLoading}>
          {q.error && <Alert type="error" showIcon title={errorText(t, q.error)} />}
          <Chart testId="grade-chart" option={bars(t, GRADES, byGrade, '#1677ff', (g) => g)} />
          {ungraded > 0 && (
            <Typography.Text type="secondary">{t('ca.grade.ungraded', { n: ungraded })}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t('ca.grade.byClass')}
          extra={<Tag color="red">{t('ca.internalOnly')}</Tag>}
          loading={q.isLoading}
        >
          <Chart option={bars(t, RISK_CLASSES, byClass, '#fa8c16', (c) => t('ca.class', { c }))} />
        </Card>
      </Col>
    </Row>
  );
}

function Explain() {
  const t = useT();
  const [id, setId] = useState<number | undefined>();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const day = asOf?.format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: ['credit-grade-explain', id, day],
    queryFn: () => gradesApi.explain(id!, day),
    enabled: id !== undefined,
  });
  const e: GradeExplanation | undefined = q.data;
  return (
    <Card size="small" title={t('ca.grade.explain')} style={{ marginTop: 16 }}>
      <Space wrap style={{ marginBottom: 12 }}>
        <EnterprisePicker value={id} onChange={(v) => setId(v)} width={360} />
        <DatePicker value={asOf} onChange={setAsOf} placeholder={t('ca.grade.asOf')} />
      </Space>
      {q.error && <Alert type="error" showIcon title={errorText(t, q.error)} />}
      {e && (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 4 }}
            items={[
              { key: 'score', label: t('ca.grade.score'), children: pts(e.score) },
              { key: 'grade', label: t('ca.grade.grade'), children: <Tag color="blue">{e.grade}</Tag> },
              { key: 'class', label: t('ca.col.riskClass'), children: <ClassTag c={e.riskClass} /> },
              {
                key: 'v',
                label: t('ca.grade.version'),
                children: `QUALITY_SCORECARD ${e.scorecardVersion} · ${e.asOf}`,
              },
            ]}
          />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={e.lines}
            columns={[
              {
                title: t('ca.grade.component'),
                dataIndex: 'component',
                width: 120,
                render: (c: string) => t.opt('ca.grade.c.', c),
              },
              { title: t('ca.grade.record'), dataIndex: 'recordId', width: 80, render: (v) => v ?? '—' },
              {
                title: t('ca.grade.type'),
                key: 'type',
                render: (_, l) => [l.type, l.severity].filter(Boolean).join(' · ') || '—',
              },
              {
                title: t('ca.grade.decay'),
                dataIndex: 'decayBp',
                width: 80,
                render: (v: number | null) => (v === null ? '—' : `×${v / 10000}`),
              },
              {
                title: t('ca.grade.points'),
                dataIndex: 'points',
                width: 90,
                align: 'right',
                render: (v: number) => (
                  <Typography.Text type={v < 0 ? 'danger' : v > 0 ? 'success' : undefined}>
                    {v > 0 ? '+' : ''}
                    {pts(v)}
                  </Typography.Text>
                ),
              },
              { title: t('ca.grade.note'), dataIndex: 'note', render: (v) => v ?? '' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** Quality-credit grades: the full recompute with progress, the distribution, one enterprise explained. */
export default function GradesPage() {
  const t = useT();
  return (
    <>
      <Typography.Title level={3}>{t('ca.grade.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ca.grade.help')}</Typography.Paragraph>
      <RunCard />
      <Distribution />
      <Explain />
    </>
  );
}
