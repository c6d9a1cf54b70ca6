import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Draw, type DrawFilter, drawsApi, RISK_CLASSES } from '../../api/credit-admin';
import { QINGDAO_DISTRICTS, REGISTRY_STATUSES } from '../../api/registry';
import { errorText, type TFunction, useT } from '../../i18n';
import { InspectorsPanel } from './inspectors-panel';

interface DrawForm {
  title: string;
  seed?: string;
  districtCode?: string;
  status?: string;
  industryPrefix?: string;
  riskClasses: string[];
  excludeDrawnMonths?: number;
}

/** The filter in words, for the confirmation and the history table. */
export function filterText(t: TFunction, f: Partial<Draw['filter']>): string {
  const parts = [
    f.districtCode ? t.opt('reg.district.', f.districtCode) : t('ca.draw.allDistricts'),
    f.status ? t.opt('reg.status.', f.status) : t('ca.draw.anyStatus'),
    f.industryPrefix ? t('ca.draw.industryIs', { prefix: f.industryPrefix }) : null,
    t('ca.draw.classesAre', { classes: (f.riskClasses ?? RISK_CLASSES).join('、') }),
    f.excludeDrawnMonths ? t('ca.draw.excludeIs', { n: f.excludeDrawnMonths }) : null,
  ];
  return parts.filter(Boolean).join(';');
}

function NewDraw() {
  const t = useT();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DrawForm>();
  const create = useMutation({
    mutationFn: drawsApi.create,
    onSuccess: (d) => {
      message.success(t('ca.draw.done', { n: d.selected }));
      void queryClient.invalidateQueries({ queryKey: ['credit-draws'] });
      navigate(`/admin/credit/draws/${d.id}`);
    },
  });

  const submit = (v: DrawForm) => {
    const filter: DrawFilter = {
      ...(v.districtCode ? { districtCode: v.districtCode } : {}),
      ...(v.status ? { status: v.status } : {}),
      ...(v.industryPrefix ? { industryPrefix: v.industryPrefix.trim().toUpperCase() } : {}),
      riskClasses: v.riskClasses as DrawFilter['riskClasses'],
      ...(v.excludeDrawnMonths ? { excludeDrawnMonths: v.excludeDrawnMonths } : {}),
    };
    modal.confirm({
      title: t('ca.draw.confirmTitle'),
      content: (
        <Space orientation="vertical">
          <Typography.Text strong>{v.title}</Typography.Text>
          <Typography.Text>{filterText(t, filter)}</Typography.Text>
          <Typography.Text>
            {v.seed ? t('ca.draw.seedGiven', { seed: v.seed }) : t('ca.draw.seedRandom')}
          </Typography.Text>
          <Typography.Text type="warning">{t('ca.draw.immutable')}</Typography.Text>
        </Space>
      ),
      okText: t('ca.draw.run'),
      onOk: () => create.mutateAsync({ title: v.title, filter, ...(v.seed ? { seed: v.seed.trim() } : {}) }),
    });
  };

  return (
    <Card title={t('ca.draw.new')} size="small">
      {create.error && <Alert type="error" showIcon title={errorText(t, create.error)} style={{ marginBottom: 12 }} />}
      <Form<DrawForm>
        form={form}
        layout="vertical"
        initialValues={{ status: 'active', riskClasses: [...RISK_CLASSES], excludeDrawnMonths: 0 }}
        onFinish={submit}
      >
        <Space wrap align="start" size="middle">
          <Form.Item name="title" label={t('ca.draw.title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input style={{ width: 280 }} placeholder={t('ca.draw.titlePh')} />
          </Form.Item>
          <Form.Item name="districtCode" label={t('ca.draw.district')}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('ca.draw.allDistricts')}
              options={QINGDAO_DISTRICTS.map((c) => ({ value: c, label: t.opt('reg.district.', c) }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('ca.draw.status')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={REGISTRY_STATUSES.map((s) => ({ value: s, label: t.opt('reg.status.', s) }))}
            />
          </Form.Item>
          <Form.Item
            name="industryPrefix"
            label={t('ca.draw.industry')}
            rules={[{ pattern: /^[A-Za-z0-9]{1,5}$/, message: t('ca.draw.industryBad') }]}
          >
            <Input style={{ width: 120 }} placeholder="C13" />
          </Form.Item>
          <Form.Item
            name="riskClasses"
            label={t('ca.draw.classes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('ca.draw.classesRequired') }]}
          >
            <Checkbox.Group options={RISK_CLASSES.map((c) => ({ value: c, label: t('ca.class', { c }) }))} />
          </Form.Item>
          <Form.Item name="excludeDrawnMonths" label={t('ca.draw.exclude')}>
            <InputNumber min={0} max={60} addonAfter={t('ca.months')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item
            name="seed"
            label={t('ca.draw.seed')}
            tooltip={t('ca.draw.seedHelp')}
            rules={[{ pattern: /^[\x21-\x7e]{1,128}$/, message: t('ca.draw.seedBad') }]}
          >
            <Input style={{ width: 240 }} placeholder={t('ca.draw.seedPh')} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('ca.draw.run')}
        </Button>
      </Form>
    </Card>
  );
}

function DrawHistory() {
  const t = useT();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['credit-draws', page], queryFn: () => drawsApi.list(page, 10) });
  return (
    <Card title={t('ca.draw.history')} size="small" style={{ marginTop: 16 }}>
      {q.error && <Alert type="error" showIcon title={errorText(t, q.error)} />}
      <Table<Draw>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 60 },
          {
            title: t('ca.draw.title'),
            dataIndex: 'title',
            render: (v: string, d) => <Link to={`/admin/credit/draws/${d.id}`}>{v}</Link>,
          },
          { title: t('ca.draw.drawnOn'), dataIndex: 'drawnOn', width: 110 },
          { title: t('ca.draw.filter'), key: 'f', render: (_, d) => filterText(t, d.filter) },
          { title: t('ca.draw.frameSize'), dataIndex: 'frameSize', width: 100, align: 'right' },
          { title: t('ca.draw.selected'), dataIndex: 'selected', width: 90, align: 'right' },
          { title: t('ca.draw.operator'), dataIndex: 'operator', width: 100 },
        ]}
      />
    </Card>
  );
}

/** 双随机 draws: the filter form, the saved draws, and the inspector pool with conflicts. */
export default function DrawsPage() {
  const t = useT();
  return (
    <>
      <Typography.Title level={3}>{t('ca.draw.pageTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ca.draw.help')}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'draws',
            label: t('ca.draw.tab'),
            children: (
              <>
                <NewDraw />
                <DrawHistory />
              </>
            ),
          },
          { key: 'inspectors', label: t('ca.insp.tab'), children: <InspectorsPanel /> },
        ]}
      />
    </>
  );
}
