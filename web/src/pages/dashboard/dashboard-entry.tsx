import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Spin } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { can } from '../../api/auth';
import { plansApi } from '../../api/plans';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';

/** The 督查看板 menu entry: opens the dashboard of the newest published plan. */
export default function DashboardEntry() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['plans', 'list', 'published'], queryFn: () => plansApi.list('published') });
  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.isError) return <Alert type="error" showIcon title={errorText(t, query.error)} />;
  const newest = [...query.data].sort((a, b) => b.year - a.year || b.id - a.id)[0];
  if (newest) return <Navigate to={`/admin/plans/${newest.id}/dashboard`} replace />;
  return (
    <Empty description={t('dash.noPublished')} style={{ marginTop: 80 }}>
      {can(me, 'plans.manage') && (
        <Button type="primary" onClick={() => navigate('/admin/plans/import')}>
          {t('plans.import')}
        </Button>
      )}
    </Empty>
  );
}
