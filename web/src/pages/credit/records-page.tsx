import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../api/auth';
import { type CreditRecord, creditApi } from '../../api/credit';
import { ListPage } from '../../components/list-page';
import { useCurrentUser } from '../../components/require-auth';
import { useT } from '../../i18n';
import {
  DecisionModal,
  EnterprisePicker,
  ObjectionPendingTag,
  PolarityTag,
  periodText,
  RecordStatusTag,
  recordStatusOptions,
  useRecordTypes,
} from './credit-bits';
import { RecordFormModal } from './record-form-modal';

/** Credit records for government users: filters, manual entry (credit.record) and revocation with a reason. */
export default function CreditRecordsPage() {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { options: typeOptions } = useRecordTypes();
  const [enterpriseId, setEnterpriseId] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<CreditRecord | null>(null);
  const mayRecord = can(me, 'credit.record');
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['credit-records'] });

  const columns: ColumnsType<CreditRecord> = [
    { title: 'ID', dataIndex: 'id', width: 70 },
    {
      title: t('credit.col.enterprise'),
      dataIndex: 'enterpriseId',
      width: 110,
      render: (id: number) => <Link to={`/credit/enterprises/${id}`}>#{id}</Link>,
    },
    {
      title: t('credit.col.type'),
      key: 'type',
      width: 140,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <span>{r.typeName}</span>
          <PolarityTag polarity={r.polarity} />
        </Space>
      ),
    },
    {
      title: t('credit.col.summary'),
      key: 'summary',
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ maxWidth: 420 }}>
          <span>{r.summary}</span>
          <Typography.Text type="secondary">
            {[r.authority, r.documentNo, r.legalBasis].filter(Boolean).join(' · ')}
          </Typography.Text>
          {r.objectionPending && <ObjectionPendingTag />}
          {r.dataFlags.length > 0 && <Tag color="warning">{r.dataFlags.join(', ')}</Tag>}
        </Space>
      ),
    },
    { title: t('credit.col.decidedOn'), dataIndex: 'decidedOn', width: 110 },
    {
      title: t('credit.col.publication'),
      key: 'period',
      width: 210,
      render: (_, r) => periodText(t, r.publishedOn, r.publicEndsOn),
    },
    {
      title: t('credit.col.visibility'),
      dataIndex: 'visibility',
      width: 100,
      render: (v: string) => <Tag>{t.opt('credit.vis.', v)}</Tag>,
    },
    { title: t('credit.col.unit'), dataIndex: 'unitCode', width: 80, render: (v) => v ?? '—' },
    {
      title: t('credit.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <RecordStatusTag status={s} />,
    },
    ...(mayRecord
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: CreditRecord) =>
              r.status === 'ACTIVE' && (
                <Button size="small" danger onClick={() => setRevoking(r)}>
                  {t('credit.rec.revoke')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ListPage<CreditRecord>
        title={t('credit.rec.title')}
        description={
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('credit.rec.help')}</Typography.Text>
            <EnterprisePicker value={enterpriseId} onChange={(id) => setEnterpriseId(id)} width={420} />
          </Space>
        }
        queryKey="credit-records"
        fetch={creditApi.records}
        fixedParams={{ enterpriseId }}
        columns={columns}
        rowKey="id"
        filters={[
          { name: 'type', type: 'select', placeholder: t('credit.rec.filterType'), options: typeOptions, width: 180 },
          {
            name: 'status',
            type: 'select',
            placeholder: t('credit.rec.filterStatus'),
            options: recordStatusOptions(t),
          },
        ]}
        toolbar={
          mayRecord && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('credit.rec.new')}
            </Button>
          )
        }
        emptyText={t('credit.rec.empty')}
      />
      <RecordFormModal open={adding} onClose={() => setAdding(false)} onSaved={reload} />
      <DecisionModal
        open={revoking !== null}
        title={t('credit.rec.revokeTitle', { id: revoking?.id ?? 0 })}
        intro={
          <Typography.Text type="secondary">
            {revoking?.summary} — {t('credit.rec.revokeHelp')}
          </Typography.Text>
        }
        label={t('credit.reason')}
        confirmText={t('credit.rec.revokeHelp')}
        okText={t('credit.rec.revoke')}
        danger
        onClose={() => setRevoking(null)}
        onSubmit={async (reason) => {
          await creditApi.revoke(revoking!.id, reason);
          void message.success(t('credit.rec.revoked'));
          reload();
        }}
      />
    </>
  );
}
