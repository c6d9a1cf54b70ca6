import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { changePassword } from '../../api/auth';
import { errorText, useT } from '../../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; the server checks the current one and the strength rule. */
export default function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) => changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('auth.passwordChanged'));
    },
  });

  return (
    <Card title={t('auth.changePassword')} style={{ maxWidth: 560 }}>
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} name="password" layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="currentPassword"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('auth.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[{ required: true, message: t('common.required', { field: t('auth.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('auth.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
