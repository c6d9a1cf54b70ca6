import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { bulletinsApi } from '../../api/bulletins';
import { errorText, useT } from '../../i18n';
import { DocumentView } from './document-view';

/**
 * The printable bulletin: only the A4 sheet on a grey desk and a toolbar; the toolbar is left off the
 * printout, so 打印 gives exactly the document (the same content as the DOCX).
 */
export default function BulletinPrintPage() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useQuery({
    queryKey: ['bulletins', 'detail', id],
    queryFn: () => bulletinsApi.get(id),
    enabled: id > 0,
  });

  return (
    <div style={{ background: '#e9ebee', minHeight: '100vh', paddingBottom: 32 }}>
      <div
        className="no-print"
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#fff',
          borderBottom: '1px solid #d9d9d9',
          padding: '10px 24px',
          marginBottom: 24,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
        }}
      >
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/admin/bulletins/${id}`)}>
          {t('bul.backToBulletin')}
        </Button>
        <Typography.Text strong style={{ flex: 1 }}>
          {query.data ? `${query.data.document.masthead?.title ?? ''} ${query.data.no}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary">{t('bul.printHint')}</Typography.Text>
        <Space>
          <Button icon={<DownloadOutlined />} href={bulletinsApi.docxUrl(id)} disabled={!query.data}>
            {t('bul.docx')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!query.data}>
            {t('bul.print')}
          </Button>
        </Space>
      </div>
      {query.isPending && <Spin style={{ display: 'block', margin: '80px auto' }} />}
      {query.isError && (
        <Alert type="error" showIcon title={errorText(t, query.error)} style={{ maxWidth: 600, margin: '0 auto' }} />
      )}
      {query.data && <DocumentView doc={query.data.document} />}
    </div>
  );
}
