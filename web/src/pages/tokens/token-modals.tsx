import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { tokensApi } from '../../api/tokens';
import type { CreatedToken, TokenPermission } from '../../api/types';
import { errorText, useT } from '../../i18n';

interface Values {
  name: string;
  permissions: string[];
  expiresInDays: number;
}

/** Form for a new token: name, permissions (from the server's list) and lifetime in days. */
export function CreateTokenModal({
  permissions,
  onClose,
}: {
  permissions: TokenPermission[];
  onClose: (created?: CreatedToken) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) => tokensApi.create({ ...v, name: v.name.trim() }),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      onClose(token);
    },
  });
  return (
    <Modal
      open
      title={t('tokens.add')}
      okText={t('common.create')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        name="token"
        layout="vertical"
        initialValues={{ name: '', permissions: [], expiresInDays: 90 }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tokens.name') }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('tokens.permissions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('tokens.permissionsRequired') }]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {permissions.map((p) => (
              <Checkbox key={p.permission} value={p.permission}>
                <Typography.Text code>{p.permission}</Typography.Text> {p.description}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Shows a newly created token once, with a copy button. */
export function ShowTokenModal({ token, onClose }: { token: CreatedToken; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open
      title={t('tokens.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('tokens.createdWarning')} />
        <Typography.Paragraph
          copyable={{ text: token.token, tooltips: [t('common.copy'), t('tokens.copied')] }}
          code
          data-testid="new-token"
          style={{ wordBreak: 'break-all', fontSize: 15 }}
        >
          {token.token}
        </Typography.Paragraph>
      </Space>
    </Modal>
  );
}
