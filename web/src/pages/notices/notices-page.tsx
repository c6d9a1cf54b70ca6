import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { type JobRun, type NoticeItem, noticesApi } from '../../api/notices';
import { orgsApi } from '../../api/orgs';
import { formatInstant } from '../../components/entity-history';
import { ListPage } from '../../components/list-page';
import { measureNo, useDefaultAsOf } from '../../components/plan-bits';
import { errorText, type MsgKey, useT } from '../../i18n';
import { NOTICE_LEVELS, NoticeLevelTag, noticeReasonText, recipientsText } from './notice-bits';

/** The office's register of every notice issued, and the daily job: its runs and a manual run. */
export default function NoticesPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const today = useDefaultAsOf();
  const units = useQuery({ queryKey: ['orgs', 'all-units'], queryFn: () => orgsApi.list({ pageSize: 200 }) });
  const runs = useQuery({ queryKey: ['reminder-runs'], queryFn: noticesApi.runs });
  const run = useMutation({
    mutationFn: () => noticesApi.run(),
    onSuccess: (r) => {
      if (r.ran) void message.success(t('notices.run.done', { day: r.day, n: r.created }));
      else void message.info(t('notices.run.already', { day: r.day }));
      void queryClient.invalidateQueries({ queryKey: ['notices'] });
      void queryClient.invalidateQueries({ queryKey: ['reminder-runs'] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const columns: ColumnsType<NoticeItem> = [
    {
      title: t('notices.col.no'),
      dataIndex: 'no',
      width: 160,
      render: (no: string) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {no}
        </Typography.Text>
      ),
    },
    {
      title: t('notices.col.level'),
      dataIndex: 'level',
      width: 100,
      render: (_, n) => <NoticeLevelTag t={t} level={n.level} />,
    },
    { title: t('notices.col.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    {
      title: t('notices.col.measure'),
      key: 'measure',
      ellipsis: true,
      render: (_, n) => (
        <Link to={`/admin/assignments/${n.assignmentExternalId}`}>
          {measureNo(t, n.measureNumber)} {n.measureTitle}
        </Link>
      ),
    },
    { title: t('notices.col.reason'), key: 'reason', width: 200, render: (_, n) => noticeReasonText(t, n.reason) },
    { title: t('notices.col.due'), dataIndex: 'dueDate', width: 100, render: (d: string | null) => d ?? '—' },
    { title: t('notices.col.day'), dataIndex: 'runDay', width: 100 },
    { title: t('notices.col.to'), key: 'to', width: 130, ellipsis: true, render: (_, n) => recipientsText(t, n) },
  ];

  const runColumns: ColumnsType<JobRun> = [
    { title: t('notices.runs.day'), dataIndex: 'runKey', width: 120 },
    {
      title: t('notices.runs.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => (
        <Tag color={s === 'succeeded' ? 'green' : s === 'failed' ? 'red' : 'blue'}>
          {t.opt('notices.runs.status.', s)}
        </Tag>
      ),
    },
    {
      title: t('notices.runs.source'),
      dataIndex: 'source',
      width: 130,
      render: (s: string) => t.opt('notices.runs.source.', s),
    },
    {
      title: t('notices.runs.created'),
      key: 'created',
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{r.result?.created ?? 0}</span>
          {Object.entries(r.result?.byLevel ?? {}).map(([level, n]) => (
            <Tag key={level}>
              {t(`notice.level.${level}` as MsgKey)} {n}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('notices.runs.at'), dataIndex: 'startedAt', width: 180, render: (at: string) => formatInstant(at) },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ListPage<NoticeItem>
        title={t('notices.title')}
        description={t('notices.help')}
        queryKey="notices"
        fetch={noticesApi.register}
        columns={columns}
        rowKey={(n) => String(n.id)}
        searchPlaceholder={t('notices.search')}
        emptyText={t('notices.empty')}
        filters={[
          {
            name: 'level',
            type: 'select',
            placeholder: t('notices.filter.level'),
            width: 150,
            options: NOTICE_LEVELS.map((l) => ({ value: l, label: t(`notice.level.${l}` as MsgKey) })),
          },
          {
            name: 'unitCode',
            type: 'select',
            showSearch: true,
            width: 220,
            placeholder: t('notices.filter.unit'),
            options: (units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name })),
          },
          { name: 'from', type: 'date', placeholder: t('notices.filter.from') },
          { name: 'to', type: 'date', placeholder: t('notices.filter.to') },
        ]}
        toolbar={
          <Popconfirm
            title={t('notices.run')}
            description={<div style={{ maxWidth: 320 }}>{t('notices.run.confirm', { day: today ?? '' })}</div>}
            onConfirm={() => run.mutate()}
          >
            <Button type="primary" icon={<ThunderboltOutlined />} loading={run.isPending} data-testid="run-reminders">
              {t('notices.run')}
            </Button>
          </Popconfirm>
        }
      />
      <Card title={t('notices.runs')} size="small">
        <Table<JobRun>
          size="small"
          rowKey="id"
          loading={runs.isPending}
          dataSource={runs.data ?? []}
          columns={runColumns}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('notices.runs.empty') }}
        />
      </Card>
    </Space>
  );
}
