import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../../api/auth';
import { LanguageSwitch } from '../../components/language-switch';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { BrandMark } from '../portal/brand-mark';
import { DemoBadge } from './demo-badge';
import { InboxBell } from './inbox-bell';
import { navFor, selectedNav } from './nav';

/** The admin frame: role-aware side menu, header with language switch, user menu and logout. */
export function AdminLayout() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [loggingOut, setLoggingOut] = useState(false);
  // On phones the header keeps only icons, so the logout button stays on screen.
  const wide = Grid.useBreakpoint().md !== false;
  const items = navFor(me);
  const selected = selectedNav(items, location.pathname);

  const doLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
      queryClient.clear();
      navigate('/login?bye=1', { replace: true });
    } catch (err) {
      setLoggingOut(false);
      void message.error(errorText(t, err));
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          paddingInline: 20,
          background: 'linear-gradient(90deg, #0f3b7a 0%, #1656a8 100%)',
        }}
      >
        <BrandMark />
        <Typography.Text strong style={{ color: '#fff', fontSize: 17, flex: 1 }} ellipsis>
          {t('app.title')}
        </Typography.Text>
        <DemoBadge compact={!wide} />
        <Space size={4}>
          <LanguageSwitch light compact={!wide} />
          <InboxBell />
          <Dropdown
            menu={{
              items: [
                {
                  key: 'profile',
                  icon: <UserOutlined />,
                  label: t('nav.profile'),
                  onClick: () => navigate('/admin/profile'),
                },
                { key: 'portal', icon: <GlobalOutlined />, label: t('nav.portal'), onClick: () => navigate('/') },
              ],
            }}
          >
            <Button
              type="text"
              icon={<UserOutlined />}
              style={{ color: '#fff' }}
              title={me.displayName}
              data-testid="current-user"
            >
              {wide && me.displayName}
            </Button>
          </Dropdown>
          <Button
            type="text"
            icon={<LogoutOutlined />}
            style={{ color: '#fff' }}
            loading={loggingOut}
            title={t('auth.logout')}
            aria-label={t('auth.logout')}
            onClick={() => void doLogout()}
          >
            {wide && t('auth.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={208}
          theme="light"
          breakpoint="lg"
          collapsedWidth={0}
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <Menu
            mode="inline"
            aria-label="main"
            selectedKeys={[selected]}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            items={items.map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: wide ? 24 : 12, background: '#f5f6f8', minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
