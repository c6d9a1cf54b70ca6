import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Input, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { publicCreditApi } from '../../api/credit';
import { formatInstant } from '../../components/entity-history';
import { errorText, useT } from '../../i18n';
import { PublicShell } from './public-shell';

/** Whether a printed credit report is genuine: the registered id, enterprise, day and SHA-256, and a comparison. */
export default function VerifyPage() {
  const t = useT();
  const reportId = useParams().reportId ?? '';
  const [printed, setPrinted] = useState('');
  const q = useQuery({ queryKey: ['verify-report', reportId], queryFn: () => publicCreditApi.verify(reportId) });
  const missing = q.isError && q.error instanceof ApiError && q.error.status === 404;
  const typed = printed.trim().toLowerCase();

  return (
    <PublicShell>
      <Card style={{ maxWidth: 760, margin: '0 auto' }} title={t('credit.pub.verifyTitle')}>
        {q.isPending && <Skeleton active />}
        {missing && (
          <Result
            status="error"
            icon={<CloseCircleFilled />}
            title={<span data-testid="verify-result">{t('credit.pub.notGenuine')}</span>}
            subTitle={t('credit.pub.notGenuineText', { id: reportId })}
          />
        )}
        {q.isError && !missing && (
          <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(t, q.error)} />
        )}
        {q.data && (
          <>
            <Result
              status="success"
              icon={<CheckCircleFilled />}
              title={<span data-testid="verify-result">{t('credit.pub.genuine')}</span>}
              subTitle={t('credit.pub.genuineText', {
                name: q.data.enterpriseName,
                issued: formatInstant(q.data.issuedAt),
                asOf: q.data.asOf,
              })}
              style={{ paddingBottom: 8 }}
            />
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'id', label: t('credit.pub.reportId'), children: q.data.reportId },
                {
                  key: 'ent',
                  label: t('credit.col.enterprise'),
                  children: <Link to={`/credit/enterprises/${q.data.enterpriseId}`}>{q.data.enterpriseName}</Link>,
                },
                { key: 'asof', label: t('credit.pub.asOf', { day: '' }).trim(), children: q.data.asOf },
                { key: 'issued', label: t('credit.pub.issued'), children: formatInstant(q.data.issuedAt) },
                {
                  key: 'sha',
                  label: 'SHA-256',
                  children: (
                    <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="verify-sha">
                      {q.data.sha256}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <Input
              style={{ marginTop: 16 }}
              placeholder={t('credit.pub.compare')}
              aria-label={t('credit.pub.compare')}
              value={printed}
              onChange={(e) => setPrinted(e.target.value)}
              allowClear
            />
            {typed !== '' &&
              (typed === q.data.sha256 ? (
                <Alert style={{ marginTop: 8 }} type="success" showIcon title={t('credit.pub.match')} />
              ) : (
                <Alert style={{ marginTop: 8 }} type="error" showIcon title={t('credit.pub.mismatch')} />
              ))}
            <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
              <Link to={`/credit/enterprises/${q.data.enterpriseId}`}>{t('credit.pub.viewEnterprise')}</Link>
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </PublicShell>
  );
}
