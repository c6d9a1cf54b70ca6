import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { can } from '../../api/auth';
import type { PlanDetail } from '../../api/plan-types';
import { subPlansApi } from '../../api/plans';
import type { SubPlanSummary } from '../../api/subplan-types';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { SubPlanStatusTag, subPlansKey, Timeliness, useOverdueDays } from './subplan-bits';

/** The district user's own filing: where it stands and the button to open it. */
function CallToAction({ row }: { row: SubPlanSummary }) {
  const t = useT();
  const navigate = useNavigate();
  const days = useOverdueDays(row.dueDate);
  const todo = ['not_started', 'draft', 'returned'].includes(row.status);
  let text = t('sub.cta.todo', { date: row.dueDate });
  if (row.status === 'returned') text = t('sub.cta.returned');
  else if (row.status === 'filed') text = t('sub.cta.filed');
  else if (row.status === 'accepted') text = t('sub.cta.accepted');
  else if (row.overdue) text = t('sub.cta.overdue', { days });
  const type =
    row.status === 'accepted' ? 'success' : todo && (row.overdue || row.status === 'returned') ? 'error' : 'info';
  return (
    <Alert
      type={type}
      showIcon
      title={text}
      data-testid="subplan-cta"
      style={{ marginBottom: 12 }}
      action={
        <Button type={todo ? 'primary' : 'default'} onClick={() => navigate(`/admin/sub-plans/${row.id}`)}>
          {todo ? t('sub.cta.edit') : t('sub.cta.view')}
        </Button>
      }
    />
  );
}

/** 区市实施方案 on a published plan's page: every district's filing (a district user sees only its own). */
export function SubPlansCard({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const me = useCurrentUser();
  const query = useQuery({ queryKey: subPlansKey(plan.id), queryFn: () => subPlansApi.list(plan.id) });
  const rows = query.data ?? [];
  const own = can(me, 'subplans.file') && rows.length === 1 ? rows[0] : undefined;
  return (
    <Card title={t('sub.card')} size="small" id="sub-plans" data-testid="sub-plans">
      <Typography.Paragraph type="secondary">{t('sub.intro')}</Typography.Paragraph>
      {query.isError && <Alert type="error" showIcon title={errorText(t, query.error)} />}
      {own && <CallToAction row={own} />}
      <Table<SubPlanSummary>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('sub.empty') }}
        columns={[
          {
            title: t('sub.district'),
            dataIndex: 'districtName',
            render: (name: string, r) => <Link to={`/admin/sub-plans/${r.id}`}>{name}</Link>,
          },
          {
            title: t('sub.status'),
            dataIndex: 'status',
            render: (_, r) => <SubPlanStatusTag status={r.status} />,
          },
          { title: t('sub.dueDate'), dataIndex: 'dueDate' },
          { title: t('sub.filedAt'), dataIndex: 'filedAt', render: (v: string | null) => (v ? v.slice(0, 10) : '—') },
          {
            title: t('sub.timeliness'),
            key: 'late',
            render: (_, r) => <Timeliness lateDays={r.lateDays} overdue={r.overdue} dueDate={r.dueDate} />,
          },
          {
            title: t('sub.coverage'),
            dataIndex: 'coverage',
            render: (v: number) => (
              <Progress percent={Math.round(v)} size="small" style={{ width: 120, margin: 0 }} status="normal" />
            ),
          },
          { title: t('sub.taskCount'), dataIndex: 'tasks', align: 'right' },
          {
            title: '',
            key: 'open',
            render: (_, r) => <Link to={`/admin/sub-plans/${r.id}`}>{t('sub.open')}</Link>,
          },
        ]}
      />
    </Card>
  );
}
