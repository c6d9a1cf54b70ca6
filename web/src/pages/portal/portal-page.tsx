import {
  AlertOutlined,
  BarChartOutlined,
  FileProtectOutlined,
  LoginOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SearchOutlined,
  TeamOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Layout, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { LanguageSwitch } from '../../components/language-switch';
import { type MsgKey, useT } from '../../i18n';
import { PortalCreditLists } from '../credit-public/portal-credit-lists';
import { PortalSearch } from '../registry/portal-search';
import { BrandMark } from './brand-mark';

const FEATURES: [ReactNode, MsgKey, MsgKey][] = [
  [<ScheduleOutlined key="i" />, 'portal.f.plans', 'portal.f.plansText'],
  [<BarChartOutlined key="i" />, 'portal.f.assessment', 'portal.f.assessmentText'],
  [<SafetyCertificateOutlined key="i" />, 'portal.f.credit', 'portal.f.creditText'],
  [<FileProtectOutlined key="i" />, 'portal.f.declarations', 'portal.f.declarationsText'],
  [<AlertOutlined key="i" />, 'portal.f.safety', 'portal.f.safetyText'],
  [<TrophyOutlined key="i" />, 'portal.f.awards', 'portal.f.awardsText'],
  [<TeamOutlined key="i" />, 'portal.f.participation', 'portal.f.participationText'],
];

const SERVICES: [ReactNode, MsgKey, MsgKey][] = [
  [<SearchOutlined key="i" />, 'portal.s.credit', 'portal.s.creditText'],
  [<RollbackOutlined key="i" />, 'portal.s.recalls', 'portal.s.recallsText'],
  [<WarningOutlined key="i" />, 'portal.s.warnings', 'portal.s.warningsText'],
];

const HEADER_BG = 'linear-gradient(90deg, #0f3b7a 0%, #1656a8 100%)';
const CONTAINER = { maxWidth: 1128, margin: '0 auto', paddingInline: 24 } as const;

/** The public landing page: what the platform does, the (coming) public services and the way in. */
export function PortalPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const loggedIn = !!me.data;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ background: HEADER_BG, display: 'flex', alignItems: 'center', gap: 12, paddingInline: 24 }}
      >
        <BrandMark />
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, flex: 1 }} ellipsis>
          {t('app.title')}
        </Typography.Text>
        <LanguageSwitch light />
        <Button
          icon={<LoginOutlined />}
          onClick={() => navigate(loggedIn ? '/admin' : '/login')}
          data-testid="portal-login"
        >
          {loggedIn ? t('portal.enterAdmin') : t('portal.login')}
        </Button>
      </Layout.Header>

      <Layout.Content>
        <section style={{ background: HEADER_BG, color: '#fff', padding: '48px 0 56px' }}>
          <div style={CONTAINER}>
            <Typography.Title level={1} style={{ color: '#fff', marginTop: 0 }}>
              {t('portal.heroTitle')}
            </Typography.Title>
            <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.9)', fontSize: 16, maxWidth: 760 }}>
              {t('portal.heroText')}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.7)' }}>{t('portal.basis')}</Typography.Paragraph>
            <PortalSearch />
            <Button
              size="large"
              type="primary"
              style={{ background: '#fff', color: '#0f3b7a' }}
              onClick={() => navigate(loggedIn ? '/admin' : '/login')}
            >
              {loggedIn ? t('portal.enterAdmin') : t('portal.login')}
            </Button>
          </div>
        </section>

        <section style={{ ...CONTAINER, paddingTop: 40 }}>
          <Typography.Title level={3}>{t('portal.featuresTitle')}</Typography.Title>
          <Row gutter={[16, 16]}>
            {FEATURES.map(([icon, title, text]) => (
              <Col key={title} xs={24} sm={12} lg={6}>
                <Card style={{ height: '100%' }}>
                  <Space align="start">
                    <span style={{ fontSize: 24, color: '#1656a8' }}>{icon}</span>
                    <div>
                      <Typography.Text strong>{t(title)}</Typography.Text>
                      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                        {t(text)}
                      </Typography.Paragraph>
                    </div>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </section>

        <PortalCreditLists style={{ ...CONTAINER, paddingTop: 40 }} />

        <section style={{ ...CONTAINER, paddingTop: 40, paddingBottom: 48 }}>
          <Typography.Title level={3}>{t('portal.servicesTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('portal.servicesNote')}</Typography.Paragraph>
          <Row gutter={[16, 16]} data-testid="public-services">
            {SERVICES.map(([icon, title, text]) => (
              <Col key={title} xs={24} md={8}>
                <Card style={{ height: '100%', background: '#fafafa' }}>
                  <Space align="start">
                    <span style={{ fontSize: 22, color: '#8c8c8c' }}>{icon}</span>
                    <div>
                      <Space wrap size={8}>
                        <Typography.Text strong>{t(title)}</Typography.Text>
                        {title === 'portal.s.credit' ? (
                          <Link to="/credit">{t('portal.searchOpen')}</Link>
                        ) : (
                          <Tag color="orange">{t('portal.comingSoon')}</Tag>
                        )}
                      </Space>
                      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                        {t(text)}
                      </Typography.Paragraph>
                    </div>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </section>
      </Layout.Content>

      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c' }}>
        {t('portal.footer')} · {t('app.title')}
      </Layout.Footer>
    </Layout>
  );
}
