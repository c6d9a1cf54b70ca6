import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type PublicCreditPage, type PublicRecord, publicCreditApi } from '../../api/credit';
import { errorText, type TFunction, useT } from '../../i18n';
import { ObjectionPendingTag, StateTag } from '../credit/credit-bits';
import { PublicShell } from './public-shell';

const GRADE_COLORS: Record<string, string> = {
  AAA: '#237804',
  AA: '#389e0d',
  A: '#1677ff',
  B: '#d48806',
  C: '#cf1322',
};

/** Fixed widths so every category's table lines up; long texts wrap instead of scrolling. */
function recordColumns(t: TFunction): ColumnsType<PublicRecord> {
  return [
    {
      title: t('credit.col.summary'),
      dataIndex: 'summary',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <span>{r.summary}</span>
          {r.objectionPending && <ObjectionPendingTag />}
        </Space>
      ),
    },
    { title: t('credit.col.authority'), dataIndex: 'authority', width: 150, render: (v) => v ?? '—' },
    { title: t('credit.col.documentNo'), dataIndex: 'documentNo', width: 150, render: (v) => v ?? '—' },
    { title: t('credit.col.legalBasis'), dataIndex: 'legalBasis', width: 170, render: (v) => v ?? '—' },
    {
      title: t('credit.col.publication'),
      key: 'publication',
      width: 118,
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.publishedOn ?? '—'}
          <br />
          {t('credit.pub.until', { day: r.publicEndsOn ?? t('credit.longTerm') })}
        </span>
      ),
    },
    {
      title: t('credit.col.repairableFrom'),
      dataIndex: 'repairableFrom',
      width: 104,
      render: (v: string | null) => v ?? '—',
    },
  ];
}

/** Records grouped by their type (行政处罚, 抽查不合格 …), one table per type in the server's order. */
function RecordGroups({ records, empty, testId }: { records: PublicRecord[]; empty: string; testId: string }) {
  const t = useT();
  if (records.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  const groups = new Map<string, PublicRecord[]>();
  for (const r of records) groups.set(r.type, [...(groups.get(r.type) ?? []), r]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid={testId}>
      {[...groups.entries()].map(([type, rs]) => (
        <div key={type}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {rs[0]!.typeName}
            <Tag style={{ marginInlineStart: 8 }}>{rs.length}</Tag>
          </Typography.Title>
          <Table<PublicRecord>
            rowKey="id"
            size="small"
            columns={recordColumns(t)}
            dataSource={rs}
            tableLayout="fixed"
            pagination={rs.length > 10 ? { pageSize: 10 } : false}
          />
        </div>
      ))}
    </Space>
  );
}

function Basics({ page }: { page: PublicCreditPage }) {
  const t = useT();
  const e = page.enterprise;
  const former = (e.formerNames as { name?: string }[]).map((f) => f.name).filter(Boolean);
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'uscc', label: t('credit.col.uscc'), children: e.uscc ?? e.registrationNo ?? '—' },
        { key: 'rep', label: t('credit.pub.legalRep'), children: e.legalRepresentative ?? '—' },
        { key: 'district', label: t('credit.pub.district'), children: e.districtName ?? e.districtCode ?? '—' },
        { key: 'est', label: t('credit.pub.established'), children: e.establishedOn ?? '—' },
        { key: 'auth', label: t('credit.pub.authority'), children: e.registrationAuthority ?? '—' },
        { key: 'status', label: t('credit.pub.regStatus'), children: t.opt('credit.pub.status.', e.status) },
        { key: 'addr', label: t('credit.pub.address'), children: e.address ?? '—', span: 'filled' },
        ...(former.length > 0
          ? [
              {
                key: 'former',
                label: t('credit.pub.formerNames'),
                children: former.join('、'),
                span: 'filled' as const,
              },
            ]
          : []),
        ...(e.businessScope
          ? [{ key: 'scope', label: t('credit.pub.scope'), children: e.businessScope, span: 'filled' as const }]
          : []),
      ]}
    />
  );
}

/** The public enterprise credit page (credit.md §7.1): no login; grade but never the risk class. */
export default function EnterpriseCreditPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['public-credit', id],
    queryFn: () => publicCreditApi.enterprise(id),
    enabled: Number.isInteger(id) && id > 0,
  });

  if (q.isError && q.error instanceof ApiError && q.error.status === 404) {
    return (
      <PublicShell>
        <Result status="404" title={t('credit.pub.notFound')} extra={<Link to="/">{t('common.backHome')}</Link>} />
      </PublicShell>
    );
  }
  const page = q.data;
  return (
    <PublicShell>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ title: <Link to="/">{t('credit.pub.home')}</Link> }, { title: t('credit.pub.title') }]}
      />
      {q.isError && <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(t, q.error)} />}
      {q.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {page && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Row gutter={[24, 16]} align="middle">
              <Col flex="auto">
                <Typography.Title level={2} style={{ margin: 0 }} data-testid="enterprise-name">
                  {page.enterprise.name}
                </Typography.Title>
                <Typography.Text type="secondary">{t('credit.pub.asOf', { day: page.asOf })}</Typography.Text>
              </Col>
              <Col>
                <Space size={24} align="center">
                  <div style={{ textAlign: 'center' }} data-testid="grade">
                    <div style={{ color: '#8c8c8c' }}>{t('credit.pub.grade')}</div>
                    <div
                      style={{
                        fontSize: 36,
                        fontWeight: 700,
                        lineHeight: 1.2,
                        color: page.grade ? (GRADE_COLORS[page.grade.grade] ?? '#1677ff') : '#bfbfbf',
                      }}
                    >
                      {page.grade?.grade ?? t('credit.pub.gradeNone')}
                    </div>
                    {page.grade && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('credit.pub.gradeHint', { version: page.grade.scorecardVersion ?? '—' })}
                      </Typography.Text>
                    )}
                  </div>
                  <Link to={`/credit/enterprises/${id}/report`}>
                    <Button type="primary" icon={<PrinterOutlined />}>
                      {t('credit.pub.report')}
                    </Button>
                  </Link>
                </Space>
              </Col>
            </Row>
          </Card>
          <Card title={t('credit.pub.basics')}>
            <Basics page={page} />
          </Card>
          <Card title={t('credit.pub.onLists')}>
            {page.lists.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credit.pub.noLists')} />
            ) : (
              <List
                data-testid="enterprise-lists"
                dataSource={page.lists}
                renderItem={(l) => (
                  <List.Item>
                    <Space wrap>
                      <Link to={`/credit/lists/${l.listCode}`}>{t.opt('credit.list.', l.listCode)}</Link>
                      <StateTag state={l.state} />
                      <span>
                        {l.removedOn
                          ? t('credit.pub.removedOn', { from: l.listedOn ?? '—', to: l.removedOn })
                          : t('credit.pub.listedUntil', {
                              from: l.listedOn ?? '—',
                              to: l.expiresOn ?? t('credit.longTerm'),
                            })}
                      </span>
                      {l.repairableFrom && (
                        <Typography.Text type="secondary">
                          {t('credit.col.repairableFrom')} {l.repairableFrom}
                        </Typography.Text>
                      )}
                      <Typography.Text type="secondary">{t('credit.pub.basis', { rule: l.ruleSet })}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card title={t('credit.pub.negative')}>
            <RecordGroups records={page.negativeRecords} empty={t('credit.pub.noNegative')} testId="negative-records" />
          </Card>
          <Card title={t('credit.pub.positive')}>
            <RecordGroups records={page.positiveRecords} empty={t('credit.pub.noPositive')} testId="positive-records" />
          </Card>
          <Typography.Paragraph type="secondary">{t('credit.pub.hygiene')}</Typography.Paragraph>
        </Space>
      )}
    </PublicShell>
  );
}
