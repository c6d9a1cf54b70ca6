import { LinkOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { Evidence, ReportDetail } from '../../api/plan-types';
import { reportsApi } from '../../api/plans';
import { formatInstant } from '../../components/entity-history';
import { pct, periodLabel, ReportStatusTag } from '../../components/plan-bits';
import { useT } from '../../i18n';

function sizeText(bytes: number | null): string {
  if (!bytes) return '';
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Evidence as download links (stored files) or external links. */
export function EvidenceList({ reportId, evidence }: { reportId: number; evidence: Evidence[] }) {
  const t = useT();
  if (evidence.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2} data-testid="evidence-list">
      {evidence.map((e) =>
        e.kind === 'link' && e.url ? (
          <a key={e.id} href={e.url} target="_blank" rel="noopener noreferrer">
            <LinkOutlined /> {e.name}
          </a>
        ) : (
          <span key={e.id}>
            <a href={reportsApi.evidenceUrl(reportId, e.id)} target="_blank" rel="noopener noreferrer">
              <PaperClipOutlined /> {e.name}
            </a>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {[e.mime, sizeText(e.size)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </span>
        ),
      )}
    </Space>
  );
}

const para = (v: string | null | undefined) =>
  v ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v}</Typography.Paragraph> : '—';

/** One report in full: status, progress, narrative, problems, next steps, key results, evidence, review. */
export function ReportView({ report, lastAccepted }: { report: ReportDetail; lastAccepted?: number | null }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="report-view">
      {report.status === 'returned' && report.returnReason && (
        <Alert
          type="error"
          showIcon
          title={t('report.reviewReason')}
          description={<span data-testid="return-reason">{report.returnReason}</span>}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'period',
            label: t('report.period'),
            children: (
              <Space size={4}>
                {periodLabel(t, report.period)}
                <ReportStatusTag status={report.status} />
                {report.late && <Tag color="orange">{t('report.late')}</Tag>}
                {report.requestClose && <Tag color="purple">{t('report.requestCloseTag')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'progress',
            label: t('report.progress'),
            children: (
              <Space size={8}>
                <Typography.Text strong>{pct(report.progress)}</Typography.Text>
                {lastAccepted !== undefined && lastAccepted !== null && (
                  <Typography.Text type="secondary">
                    {t('report.lastAccepted', { value: lastAccepted })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { key: 'submitted', label: t('report.submittedAt'), children: formatInstant(report.submittedAt) || '—' },
          { key: 'reviewed', label: t('report.reviewedAt'), children: formatInstant(report.reviewedAt) || '—' },
          { key: 'narrative', label: t('report.narrative'), children: para(report.narrative), span: 2 },
          { key: 'issues', label: t('report.issues'), children: para(report.issues), span: 2 },
          { key: 'next', label: t('report.nextSteps'), children: para(report.nextSteps), span: 2 },
          ...(report.regressReason
            ? [{ key: 'regress', label: t('report.regressReason'), children: para(report.regressReason), span: 2 }]
            : []),
          {
            key: 'evidence',
            label: t('report.evidence'),
            children: <EvidenceList reportId={report.id} evidence={report.evidence} />,
            span: 2,
          },
        ]}
      />
      {report.keyResults.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => r.name}
          dataSource={report.keyResults}
          title={() => t('report.keyResults')}
          columns={[
            { title: t('report.kr.name'), dataIndex: 'name' },
            { title: t('report.kr.target'), dataIndex: 'target' },
            { title: t('report.kr.actual'), dataIndex: 'actual' },
          ]}
        />
      )}
    </Space>
  );
}
