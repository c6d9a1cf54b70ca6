import { Button, Result, Spin } from 'antd';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { can, useMe } from '../api/auth';
import { isAuthLost, onAuthLost } from '../api/client';
import type { Me } from '../api/types';
import { errorText, useT } from '../i18n';

const MeContext = createContext<Me | null>(null);

/** The logged-in user; only valid below <RequireAuth>. */
export function useCurrentUser(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser() needs <RequireAuth>');
  return me;
}

/** The login URL that brings the user back to `path` afterwards. */
export function loginUrl(path: string, expired: boolean): string {
  const params = new URLSearchParams();
  if (expired) params.set('expired', '1');
  if (path && path !== '/admin') params.set('next', path);
  const qs = params.toString();
  return qs ? `/login?${qs}` : '/login';
}

/**
 * Renders its children only for a logged-in user. Without a session it sends the user to /login;
 * when any request later finds the session gone it sends them there with "登录已过期".
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const me = useMe();
  const [lost, setLost] = useState(false);
  const here = `${location.pathname}${location.search}`;

  useEffect(() => onAuthLost(() => setLost(true)), []);

  if (lost || (me.isError && isAuthLost(me.error))) return <Navigate to={loginUrl(here, true)} replace />;
  if (me.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('error.loadFailed')}
        subTitle={errorText(t, me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) return <Navigate to={loginUrl(here, false)} replace />;
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

/** Shows a 403 page instead of its children when the user lacks the permission. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  if (!can(me, permission)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('error.forbidden')}
        extra={
          <Button type="primary" onClick={() => navigate('/admin')}>
            {t('common.backWorkspace')}
          </Button>
        }
      />
    );
  }
  return <>{children}</>;
}
