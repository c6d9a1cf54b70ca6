import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Layout, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { login, ME_KEY, useMeta } from '../../api/auth';
import { ApiError } from '../../api/client';
import type { DemoAccount } from '../../api/types';
import { LanguageSwitch } from '../../components/language-switch';
import { errorText, useT } from '../../i18n';
import { BrandMark } from '../portal/brand-mark';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths: `next` must not send the user to another origin. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/admin';
}

/** Login form with the server's localised error, the expired-session notice and (demo only) the demo accounts. */
export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Credentials>();
  const meta = useMeta();

  // Whatever was cached belongs to the previous session.
  useEffect(() => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
  }, [queryClient]);

  const mutation = useMutation({
    mutationFn: (c: Credentials) => login(c.username.trim(), c.password),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
      queryClient.setQueryData(ME_KEY, me);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  const err = mutation.error;
  const locked = err instanceof ApiError && err.code === 'QC_ERR_AUTH_LOCKED';
  let notice: { type: 'warning' | 'info' | 'success'; text: string } | null = null;
  if (params.get('expired')) notice = { type: 'warning', text: t('auth.expired') };
  else if (params.get('bye')) notice = { type: 'success', text: t('auth.loggedOut') };
  else if (params.get('next')) notice = { type: 'info', text: t('auth.needLogin') };

  const demoAccounts = meta.data?.demo ? (meta.data.demoAccounts ?? []) : [];
  const fillAccount = (a: DemoAccount) => {
    form.setFieldsValue({ username: a.username, password: a.password });
    mutation.reset();
  };

  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #0f3b7a 0%, #1656a8 45%, #f0f2f5 45%)' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', padding: '12px 24px' }}>
        <Link to="/" style={{ color: '#fff' }}>
          ← {t('auth.backToPortal')}
        </Link>
        <LanguageSwitch light />
      </div>
      <div style={{ width: '100%', maxWidth: 440, margin: '24px auto', padding: '0 16px' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 24, color: '#fff' }}>
          <BrandMark size={40} />
          <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
        </div>
        <Card title={t('auth.loginTitle')}>
          {notice && !err && <Alert type={notice.type} showIcon title={notice.text} style={{ marginBottom: 16 }} />}
          {err && (
            <Alert
              type="error"
              showIcon
              icon={locked ? <LockOutlined /> : undefined}
              title={errorText(t, err)}
              style={{ marginBottom: 16 }}
              role="alert"
              data-testid="login-error"
            />
          )}
          <Form<Credentials>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => mutation.mutate(values)}
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[
                { required: true, whitespace: true, message: t('common.required', { field: t('auth.username') }) },
              ]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
              {t('auth.submit')}
            </Button>
          </Form>
        </Card>
        {demoAccounts.length > 0 && (
          <Card title={t('auth.demoTitle')} size="small" style={{ marginTop: 16 }} data-testid="demo-accounts">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('auth.demoText')}
            </Typography.Paragraph>
            <Table<DemoAccount>
              size="small"
              rowKey="username"
              pagination={false}
              dataSource={demoAccounts}
              onRow={(a) => ({ onClick: () => fillAccount(a), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('users.displayName'), dataIndex: 'label' },
                { title: t('auth.username'), dataIndex: 'username', render: (v: string) => <code>{v}</code> },
                { title: t('auth.password'), dataIndex: 'password', render: (v: string) => <code>{v}</code> },
              ]}
            />
          </Card>
        )}
      </div>
    </Layout>
  );
}
