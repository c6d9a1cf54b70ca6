import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { tokensApi } from '../../api/tokens';
import type { ApiToken, CreatedToken } from '../../api/types';
import { formatInstant } from '../../components/entity-history';
import { errorText, useT } from '../../i18n';
import { CreateTokenModal, ShowTokenModal } from './token-modals';

/** My API tokens: list, create (shown once), revoke. */
export default function TokensPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: tokensApi.list });
  const permissions = useQuery({ queryKey: ['tokens', 'permissions'], queryFn: tokensApi.permissions });
  const describe = new Map((permissions.data ?? []).map((p) => [p.permission, p.description]));

  const revoke = useMutation({
    mutationFn: (id: number) => tokensApi.revoke(id),
    onSuccess: () => {
      void message.success(t('tokens.revoked'));
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const status = (tk: ApiToken) => {
    if (tk.revokedAt) return <Tag>{t('tokens.revoked')}</Tag>;
    if (tk.expiresAt && dayjs(tk.expiresAt).isBefore(dayjs())) return <Tag color="orange">{t('tokens.expired')}</Tag>;
    return <Tag color="green">{t('tokens.valid')}</Tag>;
  };

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      {tokens.isError && (
        <Alert type="error" showIcon title={errorText(t, tokens.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<ApiToken>
        rowKey="id"
        loading={tokens.isPending}
        dataSource={tokens.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          {
            title: t('tokens.prefix'),
            dataIndex: 'prefix',
            render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
          },
          {
            title: t('tokens.permissions'),
            dataIndex: 'permissions',
            render: (ps: string[]) => (
              <Space size={[4, 4]} wrap>
                {ps.map((p) => (
                  <Tooltip key={p} title={describe.get(p)}>
                    <Tag>{p}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          { title: t('common.status'), key: 'status', render: (_, tk) => status(tk) },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
          { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => formatInstant(v) },
          {
            title: t('tokens.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v ? formatInstant(v) : t('tokens.never')),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, tk) =>
              !tk.revokedAt && (
                <Popconfirm
                  title={t('tokens.revokeConfirm', { name: tk.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutateAsync(tk.id).catch(() => undefined)}
                >
                  <Button type="link" danger size="small">
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <CreateTokenModal
          permissions={permissions.data ?? []}
          onClose={(token) => {
            setCreating(false);
            if (token) setCreated(token);
          }}
        />
      )}
      {created && <ShowTokenModal token={created} onClose={() => setCreated(null)} />}
    </Card>
  );
}
