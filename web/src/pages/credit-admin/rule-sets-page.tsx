import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type RuleSet, ruleSetsApi } from '../../api/credit-admin';
import { errorText, useT } from '../../i18n';
import { RuleSetDrawer, statusTag } from './rule-set-drawer';

interface NewForm {
  code: string;
  version: string;
  fromId?: number;
  effectiveFrom?: { format: (f: string) => string } | null;
  basis?: string;
}

/** Versioned rule sets (credit.md §4.1): every code with its versions, status and dates; drafts edited in a drawer. */
export default function RuleSetsPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [code, setCode] = useState<string | undefined>();
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewForm>();
  const q = useQuery({ queryKey: ['credit-rule-sets'], queryFn: () => ruleSetsApi.list() });
  const all = q.data ?? [];
  const codes = [...new Set(all.map((r) => r.code))];
  const rows = all.filter((r) => !code || r.code === code);
  const chosenCode = Form.useWatch('code', form);
  const create = useMutation({
    mutationFn: ruleSetsApi.create,
    onSuccess: (rs) => {
      message.success(t('ca.rs.created'));
      setCreating(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['credit-rule-sets'] });
      setOpenId(rs.id);
    },
  });
  const open = all.find((r) => r.id === openId) ?? null;

  return (
    <>
      <Typography.Title level={3}>{t('ca.rs.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ca.rs.help')}</Typography.Paragraph>
      {q.error && <Alert type="error" showIcon title={errorText(t, q.error)} />}
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('ca.rs.allCodes')}
          value={code}
          onChange={setCode}
          style={{ width: 240 }}
          options={codes.map((c) => ({ value: c, label: `${c} · ${t.opt('ca.rs.code.', c)}` }))}
        />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('ca.rs.new')}
        </Button>
      </Space>
      <Table<RuleSet>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          {
            title: t('ca.rs.code'),
            dataIndex: 'code',
            width: 230,
            render: (c: string) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{c}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.opt('ca.rs.code.', c)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('ca.rs.version'), dataIndex: 'version', width: 90 },
          {
            title: t('ca.rs.statusCol'),
            key: 'status',
            width: 150,
            render: (_, r) => (
              <Space size={4}>
                {statusTag(t, r.status)}
                {r.inForceToday && <Tag color="blue">{t('ca.rs.inForce')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('ca.rs.effective'),
            key: 'eff',
            width: 210,
            render: (_, r) => `${r.effectiveFrom ?? '—'} — ${r.effectiveTo ?? t('ca.rs.openEnd')}`,
          },
          { title: t('ca.rs.basis'), dataIndex: 'basis', ellipsis: true },
          {
            title: t('common.actions'),
            key: 'a',
            width: 90,
            render: (_, r) => (
              <Button size="small" onClick={() => setOpenId(r.id)}>
                {r.status === 'draft' ? t('common.edit') : t('ca.rs.view')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('ca.rs.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('ca.rs.newHelp')}</Typography.Paragraph>
        {create.error && (
          <Alert type="error" showIcon title={errorText(t, create.error)} style={{ marginBottom: 12 }} />
        )}
        <Form<NewForm>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate({
              code: v.code,
              version: v.version.trim(),
              ...(v.fromId ? { fromId: v.fromId } : {}),
              ...(v.basis?.trim() ? { basis: v.basis.trim() } : {}),
              ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') } : {}),
            })
          }
        >
          <Form.Item name="code" label={t('ca.rs.code')} rules={[{ required: true }]}>
            <Select options={codes.map((c) => ({ value: c, label: `${c} · ${t.opt('ca.rs.code.', c)}` }))} />
          </Form.Item>
          <Form.Item
            name="version"
            label={t('ca.rs.version')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, message: t('ca.rs.versionBad') }]}
          >
            <Input placeholder="v2026" />
          </Form.Item>
          <Form.Item name="fromId" label={t('ca.rs.copyFrom')} extra={t('ca.rs.copyFromHelp')}>
            <Select
              allowClear
              options={all
                .filter((r) => r.code === chosenCode)
                .map((r) => ({ value: r.id, label: `${r.version} (${t.opt('ca.rs.status.', r.status)})` }))}
            />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('ca.rs.effectiveFrom')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="basis" label={t('ca.rs.basis')}>
            <Input.TextArea maxLength={300} autoSize />
          </Form.Item>
        </Form>
      </Modal>
      <RuleSetDrawer rs={open} all={all} onClose={() => setOpenId(null)} />
    </>
  );
}
