import { Button, Result } from 'antd';
import { isRouteErrorResponse, useLocation, useNavigate, useRouteError } from 'react-router';
import { CrashScreen } from '../../components/error-boundary';
import { LanguageSwitch } from '../../components/language-switch';
import { useT } from '../../i18n';

/** 404 for any unknown path; inside /admin it keeps the admin frame and links back to the workspace. */
export function NotFoundPage() {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const inAdmin = location.pathname.startsWith('/admin');
  const result = (
    <Result
      status="404"
      title={`404 · ${t('error.notFoundTitle')}`}
      subTitle={t('error.notFoundText', { path: location.pathname })}
      extra={
        <Button type="primary" onClick={() => navigate(inAdmin ? '/admin' : '/')}>
          {inAdmin ? t('common.backWorkspace') : t('common.backHome')}
        </Button>
      }
    />
  );
  if (inAdmin) return result;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8', paddingTop: 24 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '0 24px' }}>
        <LanguageSwitch />
      </div>
      {result}
    </div>
  );
}

/** The router's errorElement: a thrown 404 shows the 404 page, anything else the error page. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8', paddingTop: 48 }}>
      <CrashScreen error={error} />
    </div>
  );
}
