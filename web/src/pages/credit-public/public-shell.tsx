import { LoginOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { LanguageSwitch } from '../../components/language-switch';
import { useT } from '../../i18n';
import { BrandMark } from '../portal/brand-mark';

const HEADER_BG = 'linear-gradient(90deg, #0f3b7a 0%, #1656a8 100%)';
export const PUBLIC_CONTAINER = { maxWidth: 1128, margin: '0 auto', padding: '24px 24px 48px' } as const;

/** The frame of the public credit pages (no login): the portal's header, a centred column, the footer. */
export function PublicShell({ children }: { children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const loggedIn = !!me.data;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ background: HEADER_BG, display: 'flex', alignItems: 'center', gap: 12, paddingInline: 24 }}
      >
        <Link to="/" aria-label={t('credit.pub.home')} style={{ display: 'flex' }}>
          <BrandMark />
        </Link>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, flex: 1 }} ellipsis>
          {t('app.title')} · {t('credit.pub.title')}
        </Typography.Text>
        <Space>
          <LanguageSwitch light />
          <Button icon={<LoginOutlined />} onClick={() => navigate(loggedIn ? '/admin' : '/login')}>
            {loggedIn ? t('portal.enterAdmin') : t('portal.login')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content>
        <div style={PUBLIC_CONTAINER}>{children}</div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c' }}>
        {t('portal.footer')} · {t('app.title')}
      </Layout.Footer>
    </Layout>
  );
}
