import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { ORG_SCOPED_ROLES, ROLES, type Role, type RoleInput, type UserSummary } from '../../api/types';
import { usersApi } from '../../api/users';
import { OrgPicker } from '../../components/org-picker';
import { errorText, useT } from '../../i18n';

interface Values {
  username: string;
  displayName: string;
  password: string;
  roles: { role?: Role; scope?: string | null }[];
}

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Create a user (no `user`) or edit one's display name and roles. Each role row picks its own scope. */
export function UserFormModal({ user, onClose }: { user?: UserSummary; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const scopeNames = new Map((user?.roles ?? []).map((r) => [r.scope, r.scopeName]));

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const roles: RoleInput[] = v.roles
        .filter((r): r is { role: Role; scope?: string | null } => !!r.role)
        .map((r) => ({ role: r.role, scope: scopeKind(r.role) === 'none' ? null : (r.scope?.trim() ?? null) }));
      if (user) return usersApi.update(user.id, { displayName: v.displayName.trim(), roles });
      return usersApi.create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        roles,
      });
    },
    onSuccess: (u) => {
      void message.success(user ? t('common.saved') : t('users.created', { name: u.username }));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['orgs', 'users'] });
      onClose();
    },
  });

  return (
    <Modal
      open
      width={680}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.add')}
      okText={t('common.save')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        name="user"
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{
          username: user?.username ?? '',
          displayName: user?.displayName ?? '',
          roles: user ? user.roles.map((r) => ({ role: r.role, scope: r.scope })) : [{}],
        }}
      >
        <Space align="start" wrap>
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('users.username') }) },
            ]}
          >
            <Input disabled={!!user} maxLength={64} autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) },
            ]}
          >
            <Input maxLength={64} style={{ width: 200 }} />
          </Form.Item>
          {!user && (
            <Form.Item
              name="password"
              label={t('users.initialPassword')}
              extra={t('auth.passwordRule')}
              rules={[{ required: true, message: t('common.required', { field: t('users.initialPassword') }) }]}
            >
              <Input.Password autoComplete="new-password" style={{ width: 200 }} />
            </Form.Item>
          )}
        </Space>
        <Typography.Text strong>{t('users.roles')}</Typography.Text>
        <Form.List
          name="roles"
          rules={[
            {
              validator: (_, rows: Values['roles']) =>
                rows?.some((r) => r?.role) ? Promise.resolve() : Promise.reject(new Error(t('users.rolesRequired'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'role']}
                    rules={[{ required: true, message: t('common.required', { field: t('users.role') }) }]}
                  >
                    <Select
                      placeholder={t('users.role')}
                      style={{ width: 190 }}
                      options={ROLES.map((r) => ({ value: r, label: t.opt('role.', r) }))}
                      onChange={() => form.setFieldValue(['roles', field.name, 'scope'], null)}
                    />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['roles', field.name, 'role']]}>
                    {() => {
                      const role = form.getFieldValue(['roles', field.name, 'role']) as Role | undefined;
                      return <ScopeField name={field.name} role={role} scopeNames={scopeNames} />;
                    }}
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('users.addRole')}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function scopeKind(role: Role | undefined): 'org' | 'credit' | 'none' {
  if (!role) return 'none';
  if (ORG_SCOPED_ROLES.includes(role)) return 'org';
  return role === 'enterprise' ? 'credit' : 'none';
}

function ScopeField({
  name,
  role,
  scopeNames,
}: {
  name: number;
  role?: Role;
  scopeNames: Map<string | null, string | null>;
}) {
  const t = useT();
  const kind = scopeKind(role);
  if (kind === 'none') {
    return (
      <Typography.Text type="secondary" style={{ lineHeight: '32px', display: 'inline-block', width: 280 }}>
        {role ? t('users.scopeNone') : ''}
      </Typography.Text>
    );
  }
  if (kind === 'credit') {
    return (
      <Form.Item
        name={[name, 'scope']}
        rules={[{ required: true, pattern: CREDIT_CODE, message: t('users.creditInvalid') }]}
      >
        <Input placeholder={t('users.scopeCredit')} maxLength={18} style={{ width: 280 }} />
      </Form.Item>
    );
  }
  return (
    <Form.Item name={[name, 'scope']} rules={[{ required: true, message: t('users.scopeOrg') }]}>
      <ScopeOrgPicker role={role} scopeNames={scopeNames} />
    </Form.Item>
  );
}

function ScopeOrgPicker(props: {
  role?: Role;
  scopeNames: Map<string | null, string | null>;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const t = useT();
  return (
    <OrgPicker
      value={props.value}
      onChange={props.onChange}
      kind={props.role === 'reporter' ? 'hospital' : undefined}
      initialLabel={props.scopeNames.get(props.value ?? null) ?? null}
      placeholder={t('users.scopeOrg')}
      style={{ width: 280 }}
    />
  );
}

/** Sets a new password for another user (the server checks strength). */
export function ResetPasswordModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const mutation = useMutation({
    mutationFn: (password: string) => usersApi.resetPassword(user.id, password),
    onSuccess: () => {
      void message.success(t('users.resetDone'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.username })}
      okText={t('common.save')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" name="reset" onFinish={(v) => mutation.mutate(v.password)}>
        <Form.Item
          name="password"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[{ required: true, message: t('common.required', { field: t('auth.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
