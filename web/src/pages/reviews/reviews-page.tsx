import { Button, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import type { ReportListItem } from '../../api/plan-types';
import { reportsApi } from '../../api/plans';
import type { ListParams } from '../../api/types';
import { formatInstant } from '../../components/entity-history';
import { ListPage } from '../../components/list-page';
import { measureNo, pct, periodLabel } from '../../components/plan-bits';
import { useT } from '../../i18n';
import { usePlanOptions } from '../assignments/use-plan-options';
import { ReviewDrawer } from './review-drawer';

/** The queue endpoint sorts oldest submission first itself and takes no sort or search. */
function fetchQueue(params: ListParams) {
  return reportsApi.list({ status: 'submitted', planId: params.planId, page: params.page, pageSize: params.pageSize });
}

/** 报告审核: submitted reports, oldest first; open one to accept it or return it with a reason. */
export default function ReviewsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const planOptions = usePlanOptions();
  const openId = Number(params.get('report')) || null;
  const open = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('report', String(id));
    else next.delete('report');
    setParams(next);
  };

  const columns: ColumnsType<ReportListItem> = [
    {
      title: t('review.submittedAt'),
      dataIndex: 'submittedAt',
      render: (v: string | null) => formatInstant(v).slice(0, 16),
    },
    { title: t('review.assignment'), dataIndex: 'assignmentExternalId' },
    { title: t('asg.unit'), dataIndex: 'unitName' },
    {
      title: t('asg.measure'),
      key: 'measure',
      render: (_, r) => (
        <div style={{ maxWidth: 220, whiteSpace: 'normal' }}>
          {measureNo(t, r.measureNumber)}
          {r.measureTitle}
        </div>
      ),
    },
    { title: t('report.period'), dataIndex: 'period', render: (p: string) => periodLabel(t, p) },
    { title: t('report.progress'), dataIndex: 'progress', render: (v: number) => pct(v) },
    {
      title: '',
      key: 'flags',
      render: (_, r) => (
        <Space size={4}>
          {r.late && <Tag color="orange">{t('report.late')}</Tag>}
          {r.requestClose && <Tag color="purple">{t('report.requestCloseTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          onClick={(e) => {
            e.stopPropagation();
            open(r.id);
          }}
        >
          {t('review.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <ListPage<ReportListItem>
        title={t('nav.reviews')}
        description={t('review.intro')}
        queryKey="reports"
        fetch={fetchQueue}
        columns={columns}
        rowKey={(r) => String(r.id)}
        emptyText={t('review.empty')}
        onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
        filters={[{ name: 'planId', type: 'select', placeholder: t('asg.allPlans'), options: planOptions, width: 240 }]}
      />
      <ReviewDrawer reportId={openId} onClose={() => open(null)} />
    </>
  );
}
