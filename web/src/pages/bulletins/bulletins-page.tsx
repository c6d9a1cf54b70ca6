import { DownloadOutlined, FileAddOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type BulletinList, type BulletinSummary, bulletinsApi } from '../../api/bulletins';
import { plansApi } from '../../api/plans';
import { errorText, useT } from '../../i18n';
import { BulletinStatusTag } from './bulletin-bits';

/** The months a new bulletin may report on: ended by `today`, after the plan's latest bulletin. */
function monthAllowed(month: Dayjs, list: BulletinList): boolean {
  if (month.endOf('month').format('YYYY-MM-DD') > list.today) return false;
  const latest = list.items[0]?.period;
  return !latest || month.format('YYYY-MM') > latest;
}

/** The newest month a bulletin may be made for now, or null: last month unless today is a month end. */
function suggestedMonth(list: BulletinList): Dayjs | null {
  const today = dayjs(list.today);
  return [today, today.subtract(1, 'month')].find((m) => monthAllowed(m, list)) ?? null;
}

function CreateModal({ planId, list, onClose }: { planId: number; list: BulletinList; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState<Dayjs | null>(suggestedMonth(list));
  const mutation = useMutation({
    mutationFn: () => bulletinsApi.create(planId, month!.format('YYYY-MM')),
    onSuccess: (b) => {
      void queryClient.invalidateQueries({ queryKey: ['bulletins'] });
      onClose();
      navigate(`/admin/bulletins/${b.id}`);
    },
  });
  return (
    <Modal
      open
      title={t('bul.createTitle')}
      okText={t('bul.createOk')}
      okButtonProps={{ disabled: !month }}
      confirmLoading={mutation.isPending}
      onOk={() => mutation.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('bul.month')} extra={t('bul.monthHint', { today: list.today })}>
          <DatePicker
            picker="month"
            value={month}
            onChange={setMonth}
            allowClear={false}
            disabledDate={(d) => !monthAllowed(d, list)}
            data-testid="bulletin-month"
          />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={errorText(t, mutation.error)} />}
    </Modal>
  );
}

/** 督查情况通报: the bulletins of a published plan, newest month first; the office drafts new ones here. */
export default function BulletinsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const plans = useQuery({ queryKey: ['plans', 'list', 'published'], queryFn: () => plansApi.list('published') });
  const sorted = [...(plans.data ?? [])].sort((a, b) => b.year - a.year || b.id - a.id);
  const planId = Number(params.get('planId')) || sorted[0]?.id || 0;
  const list = useQuery({
    queryKey: ['bulletins', 'list', planId],
    queryFn: () => bulletinsApi.list(planId),
    enabled: planId > 0,
  });

  if (plans.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (plans.isError) return <Alert type="error" showIcon title={errorText(t, plans.error)} />;
  if (sorted.length === 0) return <Empty description={t('bul.noPublished')} style={{ marginTop: 80 }} />;

  const columns = [
    {
      title: t('bul.no'),
      dataIndex: 'no',
      render: (no: string, b: BulletinSummary) => <Link to={`/admin/bulletins/${b.id}`}>{no}</Link>,
    },
    { title: t('bul.period'), dataIndex: 'period' },
    { title: t('bul.asOf'), dataIndex: 'asOf' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: BulletinSummary['status']) => <BulletinStatusTag status={s} />,
    },
    {
      title: t('bul.issuedAt'),
      dataIndex: 'issuedAt',
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, b: BulletinSummary) => (
        <Space size={4} wrap>
          <Link to={`/admin/bulletins/${b.id}`}>{t('bul.open')}</Link>
          <Button type="link" size="small" icon={<PrinterOutlined />} href={`/print/bulletins/${b.id}`}>
            {t('bul.printView')}
          </Button>
          <Button type="link" size="small" icon={<DownloadOutlined />} href={bulletinsApi.docxUrl(b.id)}>
            {t('bul.docx')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('bul.title')}
      extra={
        <Space wrap>
          <Select
            value={planId}
            style={{ minWidth: 280 }}
            options={sorted.map((p) => ({ value: p.id, label: p.title }))}
            onChange={(id) => setParams({ planId: String(id) })}
            aria-label={t('bul.plan')}
          />
          {list.data?.canManage && (
            <Tooltip
              title={
                suggestedMonth(list.data)
                  ? undefined
                  : t('bul.nothingToCreate', { month: dayjs(list.data.today).format('YYYY-MM') })
              }
            >
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                disabled={!suggestedMonth(list.data)}
                onClick={() => setCreating(true)}
              >
                {t('bul.create')}
              </Button>
            </Tooltip>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {list.data?.canManage ? t('bul.introManage') : t('bul.intro')}
      </Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorText(t, list.error)} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('bul.empty')} /> }}
        data-testid="bulletin-list"
      />
      {creating && list.data && <CreateModal planId={planId} list={list.data} onClose={() => setCreating(false)} />}
    </Card>
  );
}
