import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Radio, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { creditApi, OBJECTION_STATUSES, type Objection, PENDING_OBJECTION } from '../../api/credit';
import { ListPage } from '../../components/list-page';
import { useDefaultAsOf } from '../../components/plan-bits';
import { errorText, useT } from '../../i18n';
import { DecisionModal, DueDay, objectionStatusTag, periodText } from './credit-bits';

type Verdict = 'verify_externally' | 'uphold' | 'reject';

/** What the objection is about: the record or the listing, read when the handler opens it. */
function ObjectionTarget({ o }: { o: Objection }) {
  const t = useT();
  const rec = useQuery({
    queryKey: ['credit-record', o.recordId],
    queryFn: () => creditApi.record(o.recordId!),
    enabled: o.recordId !== null,
  });
  const entry = useQuery({
    queryKey: ['credit-entry', o.entryId],
    queryFn: () => creditApi.entry(o.entryId!),
    enabled: o.entryId !== null,
  });
  const err = rec.error ?? entry.error;
  if (err) return <Alert type="error" showIcon title={errorText(t, err)} />;
  const r = rec.data;
  const e = entry.data;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 12 }}
      items={[
        {
          key: 'ent',
          label: t('credit.col.enterprise'),
          children: <Link to={`/credit/enterprises/${o.enterpriseId}`}>{o.enterpriseName}</Link>,
        },
        ...(r
          ? [
              { key: 'type', label: t('credit.col.type'), children: `${r.typeName} ${r.documentNo ?? ''}` },
              { key: 'sum', label: t('credit.col.summary'), children: r.summary },
              {
                key: 'pub',
                label: t('credit.col.publication'),
                children: periodText(t, r.publishedOn, r.publicEndsOn),
              },
            ]
          : []),
        ...(e
          ? [
              { key: 'list', label: t('credit.col.list'), children: t.opt('credit.list.', e.listCode) },
              { key: 'state', label: t('credit.col.state'), children: t.opt('credit.state.', e.state) },
            ]
          : []),
        { key: 'reason', label: t('credit.col.reason'), children: o.reason },
      ]}
    />
  );
}

/** The objection queue: due days (overdue in red), external verification, uphold or reject with a decision. */
export default function ObjectionsPage() {
  const t = useT();
  const { message } = App.useApp();
  const today = useDefaultAsOf();
  const queryClient = useQueryClient();
  const [handling, setHandling] = useState<Objection | null>(null);
  const [verdict, setVerdict] = useState<Verdict>('reject');
  const pending = (o: Objection) => PENDING_OBJECTION.includes(o.status);

  const columns: ColumnsType<Objection> = [
    { title: 'ID', dataIndex: 'id', width: 60 },
    {
      title: t('credit.col.enterprise'),
      dataIndex: 'enterpriseName',
      render: (n: string, o) => <Link to={`/credit/enterprises/${o.enterpriseId}`}>{n}</Link>,
    },
    {
      title: t('credit.col.target'),
      key: 'target',
      width: 120,
      render: (_, o) =>
        o.recordId ? t('credit.record', { id: o.recordId }) : t('credit.entry', { id: o.entryId ?? 0 }),
    },
    {
      title: t('credit.col.reason'),
      dataIndex: 'reason',
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 320 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: t('credit.col.filedOn'), dataIndex: 'filedOn', width: 110 },
    {
      title: t('credit.col.dueOn'),
      key: 'due',
      width: 160,
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <DueDay day={o.dueOn} today={today} open={pending(o)} />
          {o.escalatedOn && (
            <Typography.Text type="danger">{t('credit.oq.escalated', { day: o.escalatedOn })}</Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('credit.col.unit'), dataIndex: 'unitCode', width: 80, render: (v) => v ?? '—' },
    { title: t('credit.col.status'), dataIndex: 'status', width: 120, render: (s: string) => objectionStatusTag(t, s) },
    { title: t('credit.col.decision'), dataIndex: 'decision', render: (v) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, o) =>
        pending(o) && (
          <Button
            size="small"
            type="primary"
            onClick={() => {
              setVerdict('reject');
              setHandling(o);
            }}
          >
            {t('credit.oq.handle')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <ListPage<Objection>
        title={t('credit.oq.title')}
        description={t('credit.oq.help')}
        queryKey="credit-objections"
        fetch={creditApi.objections}
        columns={columns}
        rowKey="id"
        filters={[
          {
            name: 'status',
            type: 'select',
            placeholder: t('credit.oq.filterStatus'),
            options: OBJECTION_STATUSES.map((s) => ({ value: s, label: t(`credit.obj.status.${s}`) })),
          },
          {
            name: 'overdue',
            type: 'select',
            placeholder: t('credit.oq.onlyOverdue'),
            options: [{ value: 'true', label: t('credit.oq.onlyOverdue') }],
          },
        ]}
        emptyText={t('credit.oq.empty')}
      />
      <DecisionModal
        open={handling !== null}
        title={t('credit.oq.handleTitle', { id: handling?.id ?? 0 })}
        intro={
          handling && (
            <>
              <ObjectionTarget o={handling} />
              <Radio.Group value={verdict} onChange={(e) => setVerdict(e.target.value as Verdict)} optionType="button">
                {handling.status === 'SUBMITTED' && (
                  <Radio.Button value="verify_externally">{t('credit.oq.verify')}</Radio.Button>
                )}
                <Radio.Button value="uphold">{t('credit.oq.uphold')}</Radio.Button>
                <Radio.Button value="reject">{t('credit.oq.reject')}</Radio.Button>
              </Radio.Group>
              {verdict === 'uphold' && (
                <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('credit.oq.upholdHelp')} />
              )}
            </>
          )
        }
        label={t('credit.decisionText')}
        confirmText={t('credit.confirmTitle')}
        okText={t(
          verdict === 'uphold' ? 'credit.oq.uphold' : verdict === 'reject' ? 'credit.oq.reject' : 'credit.oq.verify',
        )}
        onClose={() => setHandling(null)}
        onSubmit={async (decision) => {
          await creditApi.decideObjection(handling!.id, { action: verdict, decision });
          void message.success(t('credit.oq.decided'));
          void queryClient.invalidateQueries({ queryKey: ['credit-objections'] });
        }}
      />
    </>
  );
}
