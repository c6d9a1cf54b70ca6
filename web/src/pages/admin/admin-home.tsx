import { Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../components/require-auth';
import { useT } from '../../i18n';
import { navFor } from './nav';

/** Workspace home: who am I, my roles with their scopes, and links to what I may open. */
export default function AdminHome() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const withHint = navFor(me).filter((i) => i.hint);
  const links = [...withHint.filter((i) => i.featured), ...withHint.filter((i) => !i.featured)];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('home.me')} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('users.username'), children: me.username },
                { key: 'displayName', label: t('users.displayName'), children: me.displayName },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('home.roles')} style={{ height: '100%' }} data-testid="my-roles">
            {me.roles.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noRoles')} />
            ) : (
              <Space orientation="vertical">
                {me.roles.map((r) => (
                  <div key={`${r.role}:${r.scope ?? ''}`}>
                    <Tag color="blue">{t.opt('role.', r.role)}</Tag>
                    <Typography.Text>
                      {r.scope ? `${r.scopeName ?? r.scope}(${r.scope})` : t('users.scopeNone')}
                    </Typography.Text>
                  </div>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('home.quickLinks')}>
        <Row gutter={[16, 16]}>
          {links.map((i) => (
            <Col key={i.path} xs={24} sm={12} xl={8}>
              <Card hoverable size="small" style={{ height: '100%' }} onClick={() => navigate(i.path)}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 22, color: '#1656a8' }}>{i.icon}</span>}
                  title={t(i.label)}
                  description={i.hint ? t(i.hint) : null}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0' }}>
          {t('home.moreSoon')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
