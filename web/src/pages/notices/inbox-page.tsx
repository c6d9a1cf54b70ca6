import { CheckOutlined, EyeOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Empty, List, Pagination, Select, Space, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { type InboxStatus, type NoticeItem, type NoticeLevel, noticesApi } from '../../api/notices';
import { formatInstant } from '../../components/entity-history';
import { measureNo } from '../../components/plan-bits';
import { errorText, type MsgKey, useT } from '../../i18n';
import { NOTICE_LEVELS, NoticeLevelTag, noticeReasonText, recipientsText } from './notice-bits';

const STATUSES: InboxStatus[] = ['unread', 'unacknowledged', 'all'];
const PAGE_SIZE = 20;

/** The caller's notices (提醒/催办/督办): read, acknowledge (已知悉), jump to the assignment. */
export default function InboxPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES.find((s) => s === params.get('status')) ?? 'unread') as InboxStatus;
  const level = (params.get('level') as NoticeLevel | null) ?? undefined;
  const page = Number(params.get('page')) || 1;

  const query = useQuery({
    queryKey: ['inbox', status, level, page],
    queryFn: () => noticesApi.inbox({ status, level, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['inbox'] });
  const mark = useMutation({
    mutationFn: ({ id, ack }: { id: number; ack: boolean }) => (ack ? noticesApi.ack(id) : noticesApi.read(id)),
    onSuccess: refresh,
    onError: (err) => void message.error(errorText(t, err)),
  });
  const readAll = useMutation({
    mutationFn: noticesApi.readAll,
    onSuccess: (r) => {
      void message.success(t('inbox.readAll.done', { n: r.marked }));
      void refresh();
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const data = query.data;

  return (
    <Card
      title={
        <Space>
          {t('inbox.title')}
          {data && data.unread > 0 && <Badge count={data.unread} overflowCount={999} />}
        </Space>
      }
      extra={
        <Button
          onClick={() => readAll.mutate()}
          loading={readAll.isPending}
          disabled={!data || data.unread === 0}
          data-testid="inbox-read-all"
        >
          {t('inbox.readAll')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('inbox.help')} style={{ marginBottom: 12 }} />
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Tabs
          activeKey={status}
          onChange={(key) => set({ status: key === 'unread' ? undefined : key })}
          items={STATUSES.map((s) => ({ key: s, label: t(`inbox.tab.${s}` as MsgKey) }))}
          style={{ marginBottom: 0 }}
        />
        <Select
          allowClear
          placeholder={t('inbox.level.all')}
          value={level}
          style={{ width: 180 }}
          onChange={(v?: string) => set({ level: v })}
          options={NOTICE_LEVELS.map((l) => ({ value: l, label: t(`notice.level.${l}` as MsgKey) }))}
        />
      </Space>
      {query.isError && <Alert type="error" showIcon message={errorText(t, query.error)} />}
      <List<NoticeItem>
        loading={query.isFetching && !data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t(`inbox.empty.${status}` as MsgKey)} /> }}
        renderItem={(n) => (
          <List.Item
            data-testid="inbox-item"
            style={{ background: n.readAt ? undefined : '#f6faff', paddingInline: 12 }}
            actions={[
              <Link key="open" to={`/admin/assignments/${n.assignmentExternalId}`}>
                {t('inbox.openAssignment')}
              </Link>,
              !n.readAt && (
                <Button
                  key="read"
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => mark.mutate({ id: n.id, ack: false })}
                >
                  {t('inbox.read')}
                </Button>
              ),
              n.ackAt ? (
                <Typography.Text key="acked" type="secondary">
                  {t('inbox.acked', { at: formatInstant(n.ackAt) })}
                </Typography.Text>
              ) : (
                <Button
                  key="ack"
                  size="small"
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => mark.mutate({ id: n.id, ack: true })}
                >
                  {t('inbox.ack')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap size={8}>
                  {!n.readAt && <Badge status="processing" />}
                  <NoticeLevelTag t={t} level={n.level} />
                  <Typography.Text strong>{n.no}</Typography.Text>
                  <Typography.Text>{noticeReasonText(t, n.reason)}</Typography.Text>
                </Space>
              }
              description={
                <Space direction="vertical" size={0}>
                  <Typography.Text>
                    {n.unitName} · {measureNo(t, n.measureNumber)} {n.measureTitle}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {[
                      t('inbox.issued', { day: n.runDay }),
                      n.dueDate ? t('inbox.due', { date: n.dueDate }) : null,
                      t('inbox.to', { who: recipientsText(t, n) }),
                      n.assignmentExternalId,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {data && data.total > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          showSizeChanger={false}
          onChange={(p) => set({ page: String(p) })}
        />
      )}
    </Card>
  );
}
