import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { Dashboard, DashboardOverdue, DashboardUnit } from '../../api/dashboard-types';
import { LIGHT_ORDER, LightDot, ProgressCell, pct } from '../../components/plan-bits';
import { useT } from '../../i18n';

const num = (v: number | null) => (v === null ? -1 : v);
const severity = (code: string | null) => (code ? LIGHT_ORDER.indexOf(code as never) : LIGHT_ORDER.length);

/** Per unit: assignments, signed %, on-time report rate, done %, overdue, progress, worst light (sortable). */
export function UnitTable({ data }: { data: Dashboard }) {
  const t = useT();
  const link = (u: DashboardUnit) =>
    `/admin/assignments?planId=${data.plan.id}&unitCode=${u.unitCode}&asOf=${data.asOf}`;
  return (
    <Table<DashboardUnit>
      size="small"
      rowKey="unitCode"
      data-testid="unit-table"
      dataSource={data.units}
      pagination={data.units.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('dash.unit.worst'),
          key: 'worst',
          width: 70,
          sorter: (a, b) => severity(a.worst) - severity(b.worst),
          render: (_, u) => <LightDot code={u.worst} />,
        },
        {
          title: t('asg.unit'),
          dataIndex: 'unitName',
          sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
          render: (name: string, u) => <Link to={link(u)}>{name}</Link>,
        },
        {
          title: t('dash.unit.assignments'),
          dataIndex: 'assignments',
          sorter: (a, b) => a.assignments - b.assignments,
        },
        {
          title: t('dash.unit.signedPct'),
          dataIndex: 'signedPct',
          sorter: (a, b) => num(a.signedPct) - num(b.signedPct),
          render: pct,
        },
        {
          title: t('dash.unit.onTime'),
          dataIndex: 'onTimeReportRate',
          sorter: (a, b) => num(a.onTimeReportRate) - num(b.onTimeReportRate),
          render: pct,
        },
        {
          title: t('dash.unit.donePct'),
          dataIndex: 'donePct',
          sorter: (a, b) => num(a.donePct) - num(b.donePct),
          render: pct,
        },
        {
          title: t('dash.unit.overdue'),
          dataIndex: 'overdue',
          sorter: (a, b) => a.overdue - b.overdue,
          render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v),
        },
        {
          title: t('dash.unit.progress'),
          dataIndex: 'progress',
          defaultSortOrder: undefined,
          sorter: (a, b) => num(a.progress) - num(b.progress),
          render: (v: number | null, u) => <ProgressCell value={v} light={u.worst} />,
        },
      ]}
    />
  );
}

/** Overdue assignments, most days first, with the escalation level reached. */
export function OverdueList({ data }: { data: Dashboard }) {
  const t = useT();
  return (
    <Table<DashboardOverdue>
      size="small"
      rowKey="assignmentId"
      data-testid="overdue-list"
      dataSource={data.overdue}
      locale={{ emptyText: t('dash.noOverdue') }}
      pagination={data.overdue.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      columns={[
        {
          title: t('asg.externalId'),
          dataIndex: 'externalId',
          render: (v: string, o) => (
            <div style={{ whiteSpace: 'nowrap' }}>
              <Link to={`/admin/assignments/${o.assignmentId}?asOf=${data.asOf}`}>{v}</Link>
              <div style={{ color: '#8c8c8c', fontSize: 12 }}>{o.unitName}</div>
            </div>
          ),
        },
        {
          title: t('asg.measure'),
          dataIndex: 'measureTitle',
          render: (v: string) => <div style={{ minWidth: 120, whiteSpace: 'normal' }}>{v}</div>,
        },
        {
          title: t('asg.dueDate'),
          dataIndex: 'dueDate',
          render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
        },
        {
          title: t('dash.overdue.days'),
          dataIndex: 'daysOverdue',
          render: (d: number) => (
            <Tag color="red" style={{ whiteSpace: 'nowrap' }}>
              {t('dash.overdue.daysValue', { days: d })}
            </Tag>
          ),
        },
        {
          title: t('dash.overdue.level'),
          dataIndex: 'level',
          render: (l: string | null) =>
            l ? <Tag color={l === 'E2' ? 'volcano' : 'orange'}>{t.opt('dash.level.', l)}</Tag> : '—',
        },
      ]}
    />
  );
}
