import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin } from 'antd';
import { Navigate } from 'react-router';
import { plansApi } from '../../api/plans';
import { errorText, useT } from '../../i18n';

/** The 实施方案备案 menu entry: the district filings of the newest published plan. */
export default function SubPlansEntry() {
  const t = useT();
  const query = useQuery({ queryKey: ['plans', 'list', 'published'], queryFn: () => plansApi.list('published') });
  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.isError) return <Alert type="error" showIcon title={errorText(t, query.error)} />;
  const newest = [...query.data].sort((a, b) => b.year - a.year || b.id - a.id)[0];
  if (newest) return <Navigate to={`/admin/plans/${newest.id}#sub-plans`} replace />;
  return <Empty description={t('sub.noPublished')} style={{ marginTop: 80 }} />;
}
