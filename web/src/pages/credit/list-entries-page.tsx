import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { can } from '../../api/auth';
import { creditApi, LIST_STATES, type ListEntry, type ProposeBody } from '../../api/credit';
import { ListPage } from '../../components/list-page';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { EnterprisePicker, listOptions, StateTag } from './credit-bits';
import { EntryDrawer } from './entry-drawer';

const REASON_CATEGORIES = ['food', 'drugs', 'quality_safety', 'consumer', 'competition', 'refusal'] as const;
const JUDGMENT = ['breachOfLaw', 'seriousCircumstances', 'heavierPenalty', 'provenNoIntent'] as const;

/** Proposing a listing: the list, the enterprise, the trigger day, ground or reason category and the judgment. */
function ProposeModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (e: ListEntry) => void;
}) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const listCode = Form.useWatch('listCode', form) as string | undefined;
  const save = async () => {
    const v = (await form.validateFields().catch(() => null)) as {
      listCode: ProposeBody['listCode'];
      enterpriseId: number;
      triggeredOn: Dayjs;
      ground?: string;
      reasonCategory?: string;
      personName?: string;
      judgment?: string[];
      reason: string;
    } | null;
    if (!v) return;
    const body: ProposeBody = {
      listCode: v.listCode,
      enterpriseId: v.enterpriseId,
      triggeredOn: v.triggeredOn.format('YYYY-MM-DD'),
      reason: v.reason.trim(),
      ...(v.ground?.trim() ? { ground: v.ground.trim() } : {}),
      ...(v.reasonCategory ? { reasonCategory: v.reasonCategory } : {}),
      ...(v.personName?.trim() ? { personName: v.personName.trim() } : {}),
      ...(v.listCode === 'SERIOUS'
        ? { judgment: Object.fromEntries(JUDGMENT.map((k) => [k, (v.judgment ?? []).includes(k)])) }
        : {}),
    };
    modal.confirm({
      title: t('credit.confirmTitle'),
      content: `${t(`credit.list.${v.listCode}`)}`,
      okText: t('credit.le.propose'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const e = await creditApi.propose(body);
          void message.success(t('credit.le.proposed'));
          form.resetFields();
          onDone(e);
          onClose();
        } catch (err) {
          setError(errorText(t, err));
        }
      },
    });
  };
  return (
    <Modal
      open={open}
      title={t('credit.le.proposeTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('credit.le.propose')}
      cancelText={t('common.cancel')}
      width={680}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="listCode"
          label={t('credit.le.list')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={listOptions(t)} />
        </Form.Item>
        <Form.Item
          name="enterpriseId"
          label={t('credit.rec.enterprise')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <EnterprisePicker />
        </Form.Item>
        <Form.Item
          name="triggeredOn"
          label={t('credit.le.triggeredOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker />
        </Form.Item>
        {listCode === 'SERIOUS' ? (
          <>
            <Form.Item
              name="reasonCategory"
              label={t('credit.le.reasonCategory')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select options={REASON_CATEGORIES.map((c) => ({ value: c, label: t(`credit.le.rc.${c}`) }))} />
            </Form.Item>
            <Form.Item name="judgment" label={t('credit.le.judgment')}>
              <Checkbox.Group options={JUDGMENT.map((k) => ({ value: k, label: t(`credit.le.j.${k}`) }))} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="ground" label={t('credit.le.ground')} extra={t('credit.le.groundHelp')}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="personName" label={t('credit.le.personName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('credit.reason')}
          rules={[{ required: true, whitespace: true, message: t('credit.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** List entries for government users: filter by list and state, propose, open one to move it along. */
export default function ListEntriesPage() {
  const t = useT();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<number | null>(null);
  const [proposing, setProposing] = useState(false);
  const columns: ColumnsType<ListEntry> = [
    { title: 'ID', dataIndex: 'id', width: 70 },
    { title: t('credit.col.list'), dataIndex: 'listCode', width: 170, render: (c: string) => t.opt('credit.list.', c) },
    {
      title: t('credit.col.enterprise'),
      key: 'ent',
      render: (_, e) => (
        <>
          <Typography.Link onClick={() => setOpen(e.id)}>{e.enterpriseName}</Typography.Link>
          <br />
          <Typography.Text type="secondary">{e.enterpriseUscc}</Typography.Text>
        </>
      ),
    },
    { title: t('credit.col.state'), dataIndex: 'state', width: 120, render: (s: string) => <StateTag state={s} /> },
    { title: t('credit.le.triggeredOn'), dataIndex: 'triggeredOn', width: 110, render: (v) => v ?? '—' },
    { title: t('credit.col.listedOn'), dataIndex: 'listedOn', width: 110, render: (v) => v ?? '—' },
    { title: t('credit.col.expiresOn'), dataIndex: 'expiresOn', width: 110, render: (v) => v ?? '—' },
    { title: t('credit.col.unit'), dataIndex: 'unitCode', width: 80, render: (v) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, e) => (
        <Button size="small" onClick={() => setOpen(e.id)}>
          {t('common.details')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <ListPage<ListEntry>
        title={t('credit.le.title')}
        description={t('credit.le.help')}
        queryKey="credit-entries"
        fetch={creditApi.entries}
        columns={columns}
        rowKey="id"
        filters={[
          {
            name: 'listCode',
            type: 'select',
            placeholder: t('credit.le.filterList'),
            options: listOptions(t),
            width: 200,
          },
          {
            name: 'state',
            type: 'select',
            placeholder: t('credit.le.filterState'),
            options: LIST_STATES.map((s) => ({ value: s, label: t(`credit.state.${s}`) })),
          },
        ]}
        toolbar={
          can(me, 'credit.decide') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
              {t('credit.le.propose')}
            </Button>
          )
        }
        emptyText={t('credit.le.empty')}
      />
      <ProposeModal
        open={proposing}
        onClose={() => setProposing(false)}
        onDone={(e) => {
          void queryClient.invalidateQueries({ queryKey: ['credit-entries'] });
          setOpen(e.id);
        }}
      />
      <EntryDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
