import { UnorderedListOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { LIST_CODES } from '../../api/credit';
import { useT } from '../../i18n';

/** The portal's links to the public list pages (no login). */
export function PortalCreditLists({ style }: { style?: CSSProperties }) {
  const t = useT();
  return (
    <section style={style} data-testid="portal-credit-lists">
      <Typography.Title level={3}>{t('portal.creditLists')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.creditListsText')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {LIST_CODES.map((code) => (
          <Col key={code} xs={24} sm={12} lg={6}>
            <Link to={`/credit/lists/${code}`}>
              <Card size="small" hoverable>
                <UnorderedListOutlined style={{ color: '#c41d2f', marginInlineEnd: 8 }} />
                {t(`credit.list.${code}`)}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </section>
  );
}
