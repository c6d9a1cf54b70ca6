import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { type Inspector, inspectorsApi } from '../../api/credit-admin';
import { OrgPicker } from '../../components/org-picker';
import { errorText, useT } from '../../i18n';
import { EnterprisePicker } from '../credit/credit-bits';

/** Conflicts (回避) of one inspector: the draw never sends them to these enterprises. */
function ConflictsDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [enterpriseId, setEnterpriseId] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: ['credit-inspector', id],
    queryFn: () => inspectorsApi.get(id!),
    enabled: id !== null,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['credit-inspector', id] });
    void queryClient.invalidateQueries({ queryKey: ['credit-inspectors'] });
  };
  const add = useMutation({
    mutationFn: () => inspectorsApi.addConflict(id!, enterpriseId!, reason.trim() || undefined),
    onSuccess: () => {
      message.success(t('ca.insp.conflictAdded'));
      setEnterpriseId(undefined);
      setReason('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (enterprise: number) => inspectorsApi.removeConflict(id!, enterprise),
    onSuccess: refresh,
  });
  const d = q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={d ? t('ca.insp.conflictsOf', { name: d.name, code: d.code }) : ''}
    >
      <Typography.Paragraph type="secondary">{t('ca.insp.conflictHelp')}</Typography.Paragraph>
      {(add.error ?? remove.error) && (
        <Alert type="error" showIcon title={errorText(t, add.error ?? remove.error)} style={{ marginBottom: 12 }} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <EnterprisePicker value={enterpriseId} onChange={(v) => setEnterpriseId(v)} width={300} />
        <Input
          placeholder={t('ca.insp.reason')}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          style={{ width: 180 }}
        />
        <Button type="primary" disabled={!enterpriseId} loading={add.isPending} onClick={() => add.mutate()}>
          {t('ca.insp.addConflict')}
        </Button>
      </Space>
      <Table
        rowKey="enterpriseId"
        size="small"
        loading={q.isLoading}
        dataSource={d?.conflicts ?? []}
        pagination={false}
        locale={{ emptyText: t('ca.insp.noConflicts') }}
        columns={[
          { title: t('ca.col.enterprise'), dataIndex: 'name' },
          { title: t('ca.col.uscc'), dataIndex: 'uscc', render: (v) => v ?? '—' },
          { title: t('ca.insp.reason'), dataIndex: 'reason', render: (v) => v ?? '—' },
          {
            title: t('common.actions'),
            key: 'a',
            width: 80,
            render: (_, c) => (
              <Popconfirm
                title={t('ca.insp.removeConfirm', { name: c.name })}
                onConfirm={() => remove.mutateAsync(c.enterpriseId)}
              >
                <Button size="small" danger>
                  {t('ca.insp.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

/** The inspector pool: add, rename, (de)activate (never delete: draws hash the code), conflicts. */
export function InspectorsPanel() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [conflictsOf, setConflictsOf] = useState<number | null>(null);
  const [form] = Form.useForm<{ code: string; name: string; unitCode?: string }>();
  const q = useQuery({ queryKey: ['credit-inspectors'], queryFn: inspectorsApi.list });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['credit-inspectors'] });
  const create = useMutation({
    mutationFn: inspectorsApi.create,
    onSuccess: () => {
      message.success(t('common.saved'));
      setCreating(false);
      form.resetFields();
      void invalidate();
    },
  });
  const toggle = useMutation({
    mutationFn: (i: Inspector) => inspectorsApi.update(i.id, { version: i.version, active: !i.active }),
    onSuccess: () => void invalidate(),
    onError: (err) => message.error(errorText(t, err)),
  });
  const active = (q.data ?? []).filter((i) => i.active).length;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('ca.insp.new')}
        </Button>
        <Typography.Text type="secondary">{t('ca.insp.count', { active, total: q.data?.length ?? 0 })}</Typography.Text>
      </Space>
      {q.error && <Alert type="error" showIcon title={errorText(t, q.error)} />}
      <Table<Inspector>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('ca.insp.code'), dataIndex: 'code', width: 110 },
          { title: t('ca.insp.name'), dataIndex: 'name' },
          { title: t('ca.insp.unit'), dataIndex: 'unitCode', width: 120, render: (v) => v ?? '—' },
          {
            title: t('ca.insp.active'),
            dataIndex: 'active',
            width: 100,
            render: (v: boolean, i) => (
              <Switch
                checked={v}
                size="small"
                loading={toggle.isPending && toggle.variables?.id === i.id}
                onChange={() => toggle.mutate(i)}
              />
            ),
          },
          {
            title: t('ca.insp.conflicts'),
            dataIndex: 'conflictCount',
            width: 160,
            render: (n: number, i) => (
              <Space>
                {n > 0 ? <Tag color="orange">{n}</Tag> : <Tag>0</Tag>}
                <Button size="small" onClick={() => setConflictsOf(i.id)}>
                  {t('ca.insp.manageConflicts')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('ca.insp.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        {create.error && (
          <Alert type="error" showIcon title={errorText(t, create.error)} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => create.mutate({ code: v.code.trim(), name: v.name, unitCode: v.unitCode ?? null })}
        >
          <Form.Item
            name="code"
            label={t('ca.insp.code')}
            extra={t('ca.insp.codeHelp')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, message: t('ca.insp.codeBad') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('ca.insp.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitCode" label={t('ca.insp.unit')}>
            <OrgPicker />
          </Form.Item>
        </Form>
      </Modal>
      <ConflictsDrawer id={conflictsOf} onClose={() => setConflictsOf(null)} />
    </>
  );
}
