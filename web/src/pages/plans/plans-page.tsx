import { ImportOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { can } from '../../api/auth';
import type { PlanSummary } from '../../api/plan-types';
import { plansApi } from '../../api/plans';
import type { ListParams, Page } from '../../api/types';
import { formatInstant } from '../../components/entity-history';
import { ListPage } from '../../components/list-page';
import { PlanStatusTag } from '../../components/plan-bits';
import { useCurrentUser } from '../../components/require-auth';
import { useT } from '../../i18n';

/** GET /api/plans answers the whole (short) list; search and paging happen here. */
async function fetchPlans(params: ListParams): Promise<Page<PlanSummary>> {
  const all = await plansApi.list(params.status ? String(params.status) : undefined);
  const q = String(params.q ?? '').toLowerCase();
  const items = q
    ? all.filter((p) => [p.code, p.title, p.docNumber ?? ''].some((v) => v.toLowerCase().includes(q)))
    : all;
  const page = Number(params.page) || 1;
  const pageSize = Number(params.pageSize) || 20;
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
}

/** The action plans: drafts and published plans, with the way to import a new one. */
export default function PlansPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();

  const columns: ColumnsType<PlanSummary> = [
    { title: t('plans.code'), dataIndex: 'code', width: 110 },
    {
      title: t('plans.planTitle'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Link to={`/admin/plans/${p.id}`} onClick={(e) => e.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    { title: t('plans.year'), dataIndex: 'year', width: 80 },
    { title: t('plans.docNumber'), dataIndex: 'docNumber', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => <PlanStatusTag status={s} />,
    },
    {
      title: t('plans.publishedAt'),
      dataIndex: 'publishedAt',
      render: (v: string | null) => (v ? formatInstant(v).slice(0, 16) : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, p) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" onClick={() => navigate(`/admin/plans/${p.id}`)}>
            {t('plans.open')}
          </Button>
          {p.status === 'published' && (
            <>
              <Button type="link" size="small" onClick={() => navigate(`/admin/plans/${p.id}/dashboard`)}>
                {t('plan.openDashboard')}
              </Button>
              <Button type="link" size="small" onClick={() => navigate(`/admin/assignments?planId=${p.id}`)}>
                {t('plan.openAssignments')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <ListPage<PlanSummary>
      title={t('nav.plans')}
      description={t('plans.intro')}
      queryKey="plans"
      fetch={fetchPlans}
      columns={columns}
      rowKey={(p) => String(p.id)}
      searchPlaceholder={t('plans.searchPlaceholder')}
      filters={[
        {
          name: 'status',
          type: 'select',
          placeholder: t('plans.allStatuses'),
          options: (['draft', 'published', 'closed', 'archived'] as const).map((s) => ({
            value: s,
            label: t(`plans.status.${s}`),
          })),
        },
      ]}
      onRow={(p) => ({ onClick: () => navigate(`/admin/plans/${p.id}`), style: { cursor: 'pointer' } })}
      toolbar={
        can(me, 'plans.manage') && (
          <Button type="primary" icon={<ImportOutlined />} onClick={() => navigate('/admin/plans/import')}>
            {t('plans.import')}
          </Button>
        )
      }
    />
  );
}
