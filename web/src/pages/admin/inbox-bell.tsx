import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { can } from '../../api/auth';
import { noticesApi } from '../../api/notices';
import { useCurrentUser } from '../../components/require-auth';
import { useT } from '../../i18n';

/** The header bell: unread notices addressed to the user, refreshed every minute; opens the inbox. */
export function InboxBell() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const allowed = can(me, 'notices.read');
  const unread = useQuery({
    queryKey: ['inbox', 'bell'],
    queryFn: () => noticesApi.inbox({ status: 'unread', pageSize: 1 }),
    enabled: allowed,
    refetchInterval: 60_000,
    select: (page) => page.unread,
  });
  if (!allowed) return null;
  const n = unread.data ?? 0;
  return (
    <Button
      type="text"
      aria-label={t('inbox.bell', { n })}
      title={t('inbox.bell', { n })}
      data-testid="inbox-bell"
      onClick={() => navigate('/admin/inbox')}
      icon={
        <Badge count={n} size="small" overflowCount={99} offset={[4, -2]}>
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      }
    />
  );
}
