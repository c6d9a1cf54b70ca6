import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type DrawMember, drawsApi, RISK_CLASSES } from '../../api/credit-admin';
import { errorText, useT } from '../../i18n';
import { filterText } from './draws-page';

const CLASS_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export function ClassTag({ c }: { c: string | null }) {
  return c ? <Tag color={CLASS_COLOR[c]}>{c}</Tag> : <Tag>—</Tag>;
}

/** One saved draw: its parameters (seed and frame hash, what is published), the re-run check and the results. */
export default function DrawDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const draw = useQuery({ queryKey: ['credit-draw', id], queryFn: () => drawsApi.get(id) });
  const members = useQuery({
    queryKey: ['credit-draw-members', id, page, pageSize],
    queryFn: () => drawsApi.members(id, page, pageSize),
  });
  const rerun = useMutation({ mutationFn: () => drawsApi.rerun(id) });

  if (draw.error) return <Alert type="error" showIcon title={errorText(t, draw.error)} />;
  const d = draw.data;
  const r = rerun.data;
  return (
    <>
      <Typography.Title level={3}>
        <Link to="/admin/credit/draws">{t('ca.draw.pageTitle')}</Link> / {d?.title ?? '…'}
      </Typography.Title>
      <Card
        size="small"
        loading={draw.isLoading}
        extra={
          <Space>
            <Button icon={<SafetyCertificateOutlined />} loading={rerun.isPending} onClick={() => rerun.mutate()}>
              {t('ca.draw.rerun')}
            </Button>
            <Button icon={<DownloadOutlined />} href={drawsApi.exportUrl(id)} download>
              {t('ca.draw.export')}
            </Button>
          </Space>
        }
        title={t('ca.draw.params')}
      >
        {rerun.error && <Alert type="error" showIcon title={errorText(t, rerun.error)} style={{ marginBottom: 12 }} />}
        {r && (
          <Alert
            style={{ marginBottom: 12 }}
            showIcon
            type={r.reproduced ? 'success' : 'warning'}
            title={r.reproduced ? t('ca.draw.reproduced') : t('ca.draw.notReproduced')}
            description={
              r.reproduced
                ? t('ca.draw.reproducedText', { n: r.frameSize })
                : [
                    r.error ? t('ca.draw.rerunError', { code: r.error }) : null,
                    r.frameMatches ? null : t('ca.draw.frameChanged', { n: r.frameSize }),
                    r.poolMatches ? null : t('ca.draw.poolChanged'),
                    r.selectionMatches ? null : t('ca.draw.selectionChanged', { pos: r.differences.join('、') }),
                  ]
                    .filter(Boolean)
                    .join(' ')
            }
          />
        )}
        {d && (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'on', label: t('ca.draw.drawnOn'), children: d.drawnOn },
              { key: 'op', label: t('ca.draw.operator'), children: d.operator ?? '—' },
              {
                key: 'seed',
                label: t('ca.draw.seed'),
                span: 2,
                children: (
                  <Typography.Text code copyable data-testid="draw-seed">
                    {d.seed}
                  </Typography.Text>
                ),
              },
              {
                key: 'hash',
                label: t('ca.draw.frameHash'),
                span: 2,
                children: (
                  <Typography.Text code copyable data-testid="draw-frame-hash">
                    {d.frameHash}
                  </Typography.Text>
                ),
              },
              { key: 'filter', label: t('ca.draw.filter'), span: 2, children: filterText(t, d.filter) },
              { key: 'rule', label: t('ca.draw.rule'), children: `SAMPLING ${d.ruleSetVersion}` },
              { key: 'size', label: t('ca.draw.frameSize'), children: d.frameSize.toLocaleString() },
              {
                key: 'counts',
                label: t('ca.draw.perClass'),
                span: 2,
                children: (
                  <Space wrap>
                    {RISK_CLASSES.map((c) => (
                      <span key={c}>
                        <ClassTag c={c} />
                        {t('ca.draw.classCount', {
                          sel: d.counts[c]?.selected ?? 0,
                          frame: d.counts[c]?.frame ?? 0,
                          pct: (d.ratiosBp[c] ?? 0) / 100,
                        })}
                      </span>
                    ))}
                  </Space>
                ),
              },
              {
                key: 'insp',
                label: t('ca.draw.inspectorsRule'),
                span: 2,
                children: t('ca.draw.inspectorsText', { per: d.perEnterprise, cap: d.loadCap, pool: d.pool.length }),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('ca.draw.results', { n: d?.selected ?? 0 })} style={{ marginTop: 16 }}>
        {members.error && <Alert type="error" showIcon title={errorText(t, members.error)} />}
        <Table<DrawMember>
          rowKey="position"
          size="small"
          data-testid="draw-results"
          loading={members.isLoading}
          dataSource={members.data?.items ?? []}
          pagination={{
            current: page,
            pageSize,
            total: members.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: t('ca.col.position'), dataIndex: 'position', width: 70 },
            {
              title: t('ca.col.enterprise'),
              dataIndex: 'name',
              render: (v: string, m) => <Link to={`/credit/enterprises/${m.enterpriseId}`}>{v}</Link>,
            },
            { title: t('ca.col.uscc'), dataIndex: 'uscc', width: 190, render: (v) => v ?? '—' },
            {
              title: t('ca.col.district'),
              dataIndex: 'districtCode',
              width: 100,
              render: (v: string | null) => (v ? t.opt('reg.district.', v) : '—'),
            },
            {
              title: t('ca.col.riskClass'),
              dataIndex: 'riskClass',
              width: 90,
              render: (c: string) => <ClassTag c={c} />,
            },
            {
              title: t('ca.col.inspectors'),
              key: 'insp',
              render: (_, m) => m.inspectors.map((i) => `${i.name ?? ''}(${i.code})`).join('、'),
            },
          ]}
        />
      </Card>
    </>
  );
}
