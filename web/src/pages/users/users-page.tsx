import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ROLES, type UserSummary } from '../../api/types';
import { usersApi } from '../../api/users';
import { formatInstant } from '../../components/entity-history';
import { ListPage } from '../../components/list-page';
import { errorText, useT } from '../../i18n';
import { ResetPasswordModal, UserFormModal } from './user-form-modal';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserSummary } | { kind: 'password'; user: UserSummary } | null;

/** Accounts: search, create with role/scope pairs, edit, disable/enable, reset password (admins only). */
export default function UsersPage() {
  const t = useT();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);

  const toggle = useMutation({
    mutationFn: (u: UserSummary) => usersApi.update(u.id, { disabled: !u.disabled }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const confirmToggle = (u: UserSummary) =>
    modal.confirm({
      title: u.disabled ? t('users.enable') : t('users.disable'),
      content: t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', {
        name: `${u.displayName}(${u.username})`,
      }),
      okButtonProps: { danger: !u.disabled },
      onOk: () => toggle.mutateAsync(u).catch(() => undefined),
    });

  const columns: ColumnsType<UserSummary> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (v: string, u) => (
        <Space size={4}>
          <Typography.Text code>{v}</Typography.Text>
          {u.isDemo && <Tag color="gold">{t('users.demo')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: UserSummary['roles']) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={`${r.role}:${r.scope ?? ''}`} color="blue">
              {t.opt('role.', r.role)}
              {r.scope ? ` · ${r.scopeName ?? r.scope}` : ''}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'disabled',
      render: (d: boolean) =>
        d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" danger={!u.disabled} onClick={() => confirmToggle(u)}>
            {u.disabled ? t('users.enable') : t('users.disable')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<UserSummary>
        title={t('nav.users')}
        queryKey="users"
        fetch={usersApi.list}
        columns={columns}
        rowKey={(u) => String(u.id)}
        searchPlaceholder={t('users.searchPlaceholder')}
        filters={[
          {
            name: 'role',
            type: 'select',
            placeholder: t('users.allRoles'),
            width: 180,
            options: ROLES.map((r) => ({ value: r, label: t.opt('role.', r) })),
          },
        ]}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users.add')}
          </Button>
        }
      />
      {dialog?.kind === 'create' && <UserFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}
