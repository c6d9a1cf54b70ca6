import { useQuery } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { creditApi, type EnterpriseHit, LIST_CODES, RECORD_STATUSES } from '../../api/credit';
import { errorText, type TFunction, useT } from '../../i18n';

const STATE_COLORS: Record<string, string> = {
  PROPOSED: 'default',
  NOTIFIED: 'processing',
  APPROVAL_PENDING: 'warning',
  LISTED: 'orange',
  PUBLISHED: 'red',
  EXPIRED: 'default',
  REMOVED_EARLY: 'green',
  REMOVED_ON_CURE: 'green',
  REVOKED: 'default',
};

/** A list entry's lifecycle state. */
export function StateTag({ state }: { state: string }) {
  const t = useT();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{t.opt('credit.state.', state)}</Tag>;
}

/** A record's status (ACTIVE …). */
export function RecordStatusTag({ status }: { status: string }) {
  const t = useT();
  return <Tag color={status === 'ACTIVE' ? 'blue' : 'default'}>{t.opt('credit.status.', status)}</Tag>;
}

/** Positive / negative / neutral marker of a record. */
export function PolarityTag({ polarity }: { polarity: string }) {
  const t = useT();
  const color = polarity === '+' ? 'green' : polarity === '-' ? 'red' : 'default';
  return <Tag color={color}>{t.opt('credit.polarity.', polarity)}</Tag>;
}

/** The public "异议处理中" marker. */
export function ObjectionPendingTag() {
  const t = useT();
  return (
    <Tag color="gold" data-testid="objection-pending">
      {t('credit.objectionPending')}
    </Tag>
  );
}

export function objectionStatusTag(t: TFunction, status: string) {
  const color = status === 'UPHELD' ? 'green' : status === 'REJECTED' ? 'default' : 'processing';
  return <Tag color={color}>{t.opt('credit.obj.status.', status)}</Tag>;
}

export function repairStatusTag(t: TFunction, status: string) {
  const color =
    status === 'DEPUBLISHED' || status === 'APPROVED' ? 'green' : status === 'REJECTED' ? 'default' : 'processing';
  return <Tag color={color}>{t.opt('credit.repair.status.', status)}</Tag>;
}

/** "2015-03-25 至 2018-03-25" (no end: 长期). */
export function periodText(t: TFunction, from: string | null, to: string | null): string {
  return t('credit.days', { from: from ?? '—', to: to ?? t('credit.longTerm') });
}

/** A due day: red with "已逾期" when past `today` and still open. */
export function DueDay({ day, today, open }: { day: string | null; today?: string; open: boolean }) {
  const t = useT();
  if (!day) return <>—</>;
  const overdue = open && today !== undefined && day < today;
  return overdue ? (
    <Space size={4} data-testid="overdue">
      <Typography.Text type="danger" strong>
        {day}
      </Typography.Text>
      <Tag color="red">{t('credit.overdue')}</Tag>
    </Space>
  ) : (
    <span>{day}</span>
  );
}

export const listOptions = (t: TFunction) => LIST_CODES.map((c) => ({ value: c, label: t(`credit.list.${c}`) }));
export const recordStatusOptions = (t: TFunction) =>
  RECORD_STATUSES.map((s) => ({ value: s, label: t(`credit.status.${s}`) }));

/** Record types from /api/credit/record-types, labelled in the UI language. */
export function useRecordTypes() {
  const t = useT();
  const q = useQuery({ queryKey: ['credit-record-types'], queryFn: creditApi.recordTypes, staleTime: Infinity });
  const options = (q.data ?? []).map((r) => ({ value: r.code, label: t.lang === 'en' ? r.en : r.zh }));
  return { types: q.data ?? [], options };
}

/** Picks an enterprise by searching the registry (name piece, credit code or prefix). */
export function EnterprisePicker({
  value,
  onChange,
  placeholder,
  width,
}: {
  value?: number;
  onChange?: (id: number | undefined, hit?: EnterpriseHit) => void;
  placeholder?: string;
  width?: number | string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setDebounced(q.trim()), 300);
    return () => clearTimeout(id);
  }, [q]);
  const search = useQuery({
    queryKey: ['enterprise-picker', debounced],
    queryFn: () => creditApi.searchEnterprises(debounced),
    enabled: debounced.length >= 2,
  });
  const hits = search.data?.items ?? [];
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={placeholder ?? t('credit.pickEnterprise')}
      aria-label={placeholder ?? t('credit.pickEnterprise')}
      loading={search.isFetching}
      notFoundContent={debounced.length >= 2 && !search.isFetching ? t('credit.noEnterprise') : null}
      onChange={(id) =>
        onChange?.(
          id,
          hits.find((h) => h.id === id),
        )
      }
      options={hits.map((h) => ({ value: h.id, label: `${h.name}(${h.uscc ?? h.registrationNo ?? h.id})` }))}
      style={{ width: width ?? '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}

/**
 * A decision with a required text and an explicit confirmation tick: every credit decision goes through it.
 * `onSubmit` returns the mutation's promise; the server's message is shown when it fails.
 */
export function DecisionModal({
  open,
  title,
  intro,
  label,
  confirmText,
  okText,
  danger,
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  title: ReactNode;
  intro?: ReactNode;
  label: string;
  confirmText: string;
  okText: string;
  danger?: boolean;
  onSubmit: (text: string, extra: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
  /** Extra form items (their values arrive in `extra`). */
  children?: ReactNode;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);
  const submit = async () => {
    // Invalid fields show their own messages; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const { text, confirmed: _c, ...extra } = values as { text: string; confirmed: boolean };
      await onSubmit(text.trim(), extra);
      onClose();
    } catch (err) {
      setError(errorText(t, err));
      void message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={okText}
      okButtonProps={{ danger, loading: busy, id: 'credit-decision-ok' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      <Form form={form} layout="vertical">
        {children}
        <Form.Item
          name="text"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('credit.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          name="confirmed"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('credit.obj.confirmRequired')))),
            },
          ]}
        >
          <Checkbox>{confirmText}</Checkbox>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
