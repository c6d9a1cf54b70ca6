import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Spin, Typography } from 'antd';
import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { publicCreditApi } from '../../api/credit';
import { LanguageSwitch } from '../../components/language-switch';
import { errorText, useT } from '../../i18n';

/** On paper only the A4 sheet: the toolbar goes, the frame loses its shadow and grows to the sheet's height. */
const PRINT_CSS = `
@media print {
  .credit-report-toolbar { display: none !important; }
  .credit-report-page { background: #fff !important; padding: 0 !important; }
  .credit-report-sheet { box-shadow: none !important; width: auto !important; }
}`;

/**
 * The printable credit report (credit.md §7.3). The sheet is the server's HTML exactly as hashed, so a printed
 * copy matches the SHA-256 that /verify/:reportId confirms; each visit issues (and registers) a new report.
 */
export default function CreditReportPage() {
  const t = useT();
  const id = Number(useParams().id);
  const frame = useRef<HTMLIFrameElement>(null);
  const report = useQuery({
    queryKey: ['credit-report', id],
    queryFn: () => publicCreditApi.report(id),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
  const verifyPath = report.data ? `/verify/${report.data.reportId}` : '';
  const fitHeight = () => {
    const doc = frame.current?.contentDocument;
    if (frame.current && doc) frame.current.style.height = `${doc.documentElement.scrollHeight + 16}px`;
  };

  return (
    <div
      className="credit-report-page"
      style={{ background: '#eef1f5', minHeight: '100vh', padding: '16px 16px 48px' }}
    >
      <style>{PRINT_CSS}</style>
      <div className="credit-report-toolbar" style={{ maxWidth: 840, margin: '0 auto 16px' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Link to={`/credit/enterprises/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('credit.pub.back')}</Button>
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('credit.pub.printTitle')}
          </Typography.Title>
          <Space>
            <LanguageSwitch compact />
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              disabled={!report.data}
              onClick={() => frame.current?.contentWindow?.print()}
              data-testid="print-report"
            >
              {t('credit.pub.print')}
            </Button>
          </Space>
        </Space>
        {report.data && (
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12, background: '#fff', padding: 12, borderRadius: 8 }}
            items={[
              {
                key: 'id',
                label: t('credit.pub.reportId'),
                children: (
                  <Typography.Text copyable data-testid="report-id">
                    {report.data.reportId}
                  </Typography.Text>
                ),
              },
              {
                key: 'sha',
                label: 'SHA-256',
                children: (
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {report.data.sha256}
                  </Typography.Text>
                ),
              },
              {
                key: 'verify',
                label: t('credit.pub.verifyLink'),
                children: (
                  <Link to={verifyPath} data-testid="verify-link">
                    {window.location.origin}
                    {verifyPath}
                  </Link>
                ),
              },
            ]}
            extra={<Typography.Text type="secondary">{t('credit.pub.reportHint')}</Typography.Text>}
          />
        )}
      </div>
      {report.isPending && (
        <Spin style={{ display: 'block', margin: '80px auto' }} description={t('credit.pub.issuing')} />
      )}
      {report.isError && (
        <Alert
          style={{ maxWidth: 840, margin: '0 auto' }}
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={errorText(t, report.error)}
        />
      )}
      {report.data && (
        <iframe
          ref={frame}
          className="credit-report-sheet"
          title={t('credit.pub.printTitle')}
          srcDoc={report.data.html}
          onLoad={fitHeight}
          style={{
            display: 'block',
            width: '210mm',
            maxWidth: '100%',
            minHeight: '297mm',
            margin: '0 auto',
            border: 'none',
            background: '#fff',
            boxShadow: '0 2px 12px rgba(0,0,0,0.15)',
          }}
        />
      )}
    </div>
  );
}
