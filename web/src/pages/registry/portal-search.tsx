import { SearchOutlined } from '@ant-design/icons';
import { Input, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n';

/** The portal's entry to the public enterprise search: one box that opens /credit with the query. */
export function PortalSearch() {
  const t = useT();
  const navigate = useNavigate();
  const go = (value: string) => {
    const q = value.trim();
    navigate(q ? `/credit?q=${encodeURIComponent(q)}` : '/credit');
  };
  return (
    <div data-testid="portal-search" style={{ maxWidth: 680, margin: '8px 0 24px' }}>
      <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
        {t('portal.searchTitle')}
      </Typography.Text>
      <Input.Search
        size="large"
        style={{ marginTop: 8 }}
        placeholder={t('reg.search.placeholder')}
        aria-label={t('reg.search.placeholder')}
        maxLength={100}
        enterButton={
          <Space size={4}>
            <SearchOutlined />
            {t('reg.search.button')}
          </Space>
        }
        onSearch={go}
      />
      <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', display: 'block', marginTop: 6 }}>
        {t('portal.searchHint')}{' '}
        <Typography.Link onClick={() => go('')} style={{ color: '#fff', textDecoration: 'underline' }}>
          {t('portal.searchOpen')}
        </Typography.Link>
      </Typography.Text>
    </div>
  );
}
