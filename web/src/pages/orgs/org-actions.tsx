import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { orgsApi } from '../../api/orgs';
import type { OrgUnit } from '../../api/types';
import { OrgPicker } from '../../components/org-picker';
import { errorText, useT } from '../../i18n';
import { useOrgMutation } from './use-org-mutation';

/** Rename a unit after confirmation; the server keeps the old name as a former-name alias. */
export function RenameModal({ org, onClose }: { org: OrgUnit; onClose: () => void }) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const mutation = useOrgMutation((name: string) => orgsApi.rename(org.code, name, org.version), {
    successText: (o) => t('orgs.renamed', { name: o.name }),
    onSuccess: onClose,
    inlineErrors: true,
  });
  const submit = async () => {
    const { name } = await form.validateFields();
    const newName = name.trim();
    modal.confirm({
      title: t('orgs.rename'),
      content: t('orgs.renameConfirm', { old: org.name, name: newName }),
      onOk: () => mutation.mutateAsync(newName).catch(() => undefined),
    });
  };
  return (
    <Modal
      open
      title={`${t('orgs.rename')}:${org.name}`}
      okText={t('orgs.rename')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('orgs.renameHint', { name: org.name })} style={{ marginBottom: 16 }} />
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" name="rename">
        <Form.Item
          name="name"
          label={t('orgs.newName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orgs.newName') }) }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RetireValues {
  validTo: Dayjs;
  successorCode?: string | null;
}

/** Retire a unit on a date, optionally naming its successor, after confirmation. */
export function RetireModal({ org, onClose }: { org: OrgUnit; onClose: () => void }) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<RetireValues>();
  const mutation = useOrgMutation(
    (v: { validTo: string; successorCode?: string }) => orgsApi.retire(org.code, { ...v, version: org.version }),
    { successText: (o) => t('orgs.retired', { name: o.name }), onSuccess: onClose, inlineErrors: true },
  );
  const submit = async () => {
    const v = await form.validateFields();
    const validTo = v.validTo.format('YYYY-MM-DD');
    modal.confirm({
      title: t('orgs.retire'),
      content: t('orgs.retireConfirm', { name: org.name, date: validTo }),
      okButtonProps: { danger: true },
      onOk: () =>
        mutation
          .mutateAsync({ validTo, ...(v.successorCode ? { successorCode: v.successorCode } : {}) })
          .catch(() => undefined),
    });
  };
  return (
    <Modal
      open
      title={`${t('orgs.retire')}:${org.name}`}
      okText={t('orgs.retire')}
      okButtonProps={{ danger: true }}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('orgs.retireHint')} style={{ marginBottom: 16 }} />
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" name="retire" initialValues={{ validTo: dayjs() }}>
        <Form.Item
          name="validTo"
          label={t('orgs.validTo')}
          rules={[{ required: true, message: t('common.required', { field: t('orgs.validTo') }) }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="successorCode" label={t('orgs.successor')}>
          <OrgPicker exclude={org.code} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
