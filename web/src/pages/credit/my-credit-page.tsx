import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type CreditRecord,
  creditApi,
  type ListEntry,
  type Objection,
  PENDING_OBJECTION,
  publicCreditApi,
  type RepairApplication,
} from '../../api/credit';
import { useDefaultAsOf } from '../../components/plan-bits';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import {
  DecisionModal,
  DueDay,
  ObjectionPendingTag,
  objectionStatusTag,
  PolarityTag,
  periodText,
  RecordStatusTag,
  repairStatusTag,
  StateTag,
} from './credit-bits';
import { RepairModal, type RepairTarget } from './repair-modal';

const IN_FORCE = ['LISTED', 'PUBLISHED'];
const REPAIR_KIND_OF_LIST: Record<string, RepairTarget['kind']> = {
  ABNORMAL: 'ABNORMAL_REMOVAL',
  SERIOUS: 'SERIOUS_EARLY_REMOVAL',
};

/** The enterprise's own credit: records (SUBJECT ones too), listings, objections and repair applications. */
export default function MyCreditPage() {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const today = useDefaultAsOf();
  const queryClient = useQueryClient();
  const uscc = me.roles.find((r) => r.role === 'enterprise')?.scope ?? '';
  const records = useQuery({ queryKey: ['my-records'], queryFn: () => creditApi.records({ pageSize: 200 }) });
  const entries = useQuery({ queryKey: ['my-entries'], queryFn: () => creditApi.entries({ pageSize: 200 }) });
  const objections = useQuery({ queryKey: ['my-objections'], queryFn: () => creditApi.objections({ pageSize: 200 }) });
  const repairs = useQuery({ queryKey: ['my-repairs'], queryFn: () => creditApi.repairs({ pageSize: 200 }) });
  const self = useQuery({
    queryKey: ['my-enterprise', uscc],
    queryFn: () => publicCreditApi.byCode(uscc),
    enabled: !!uscc,
  });
  const enterpriseId = self.data?.items[0]?.id;
  const [objectOn, setObjectOn] = useState<{ recordId?: number; entryId?: number; label: string } | null>(null);
  const [repairOn, setRepairOn] = useState<RepairTarget | null>(null);

  const refresh = () => {
    for (const key of ['my-records', 'my-entries', 'my-objections', 'my-repairs']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  };
  const pendingOn = (o: Objection) => PENDING_OBJECTION.includes(o.status);
  const openRepairOf = (a: RepairApplication) => ['SUBMITTED', 'ACCEPTED'].includes(a.status);
  const hasOpenRepair = (recordId?: number, entryId?: number) =>
    (repairs.data?.items ?? []).some(
      (a) => openRepairOf(a) && (recordId ? a.recordId === recordId : a.entryId === entryId),
    );
  const hasPendingObjection = (entryId: number) =>
    (objections.data?.items ?? []).some((o) => pendingOn(o) && o.entryId === entryId);

  const recordColumns: ColumnsType<CreditRecord> = [
    {
      title: t('credit.col.type'),
      key: 'type',
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <span>{r.typeName}</span>
          <Space size={0}>
            <PolarityTag polarity={r.polarity} />
            <Tag>{t.opt('credit.vis.', r.visibility)}</Tag>
            {r.status !== 'ACTIVE' && <RecordStatusTag status={r.status} />}
          </Space>
        </Space>
      ),
    },
    {
      title: t('credit.col.summary'),
      dataIndex: 'summary',
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ maxWidth: 380 }}>
          <span>{r.summary}</span>
          <Typography.Text type="secondary">{[r.authority, r.documentNo].filter(Boolean).join(' · ')}</Typography.Text>
          {r.objectionPending && <ObjectionPendingTag />}
        </Space>
      ),
    },
    {
      title: t('credit.col.publication'),
      key: 'period',
      width: 210,
      render: (_, r) => periodText(t, r.publishedOn, r.publicEndsOn),
    },
    { title: t('credit.col.repairableFrom'), dataIndex: 'repairableFrom', width: 110, render: (v) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, r) =>
        r.status === 'ACTIVE' && (
          <Space wrap size={4}>
            <Button
              size="small"
              disabled={r.objectionPending}
              onClick={() =>
                setObjectOn({
                  recordId: r.id,
                  label: `${r.typeName} ${r.documentNo ?? t('credit.record', { id: r.id })}`,
                })
              }
            >
              {t('credit.mine.object')}
            </Button>
            {r.type === 'ADMIN_PENALTY' && (
              <Button
                size="small"
                disabled={hasOpenRepair(r.id)}
                onClick={() =>
                  setRepairOn({ kind: 'PENALTY_EARLY_STOP', recordId: r.id, label: r.documentNo ?? r.summary })
                }
              >
                {t('credit.mine.repair')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  const entryColumns: ColumnsType<ListEntry> = [
    { title: t('credit.col.list'), dataIndex: 'listCode', render: (c: string) => t.opt('credit.list.', c) },
    { title: t('credit.col.state'), dataIndex: 'state', width: 120, render: (s: string) => <StateTag state={s} /> },
    { title: t('credit.col.listedOn'), dataIndex: 'listedOn', width: 110, render: (v) => v ?? '—' },
    { title: t('credit.col.expiresOn'), dataIndex: 'expiresOn', width: 110, render: (v) => v ?? t('credit.longTerm') },
    { title: t('credit.col.repairableFrom'), dataIndex: 'repairableFrom', width: 110, render: (v) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, e) => {
        const label = `${t.opt('credit.list.', e.listCode)} #${e.id}`;
        const kind = REPAIR_KIND_OF_LIST[e.listCode];
        const open = !['EXPIRED', 'REMOVED_EARLY', 'REMOVED_ON_CURE', 'REVOKED'].includes(e.state);
        return (
          open && (
            <Space wrap size={4}>
              <Button
                size="small"
                disabled={hasPendingObjection(e.id)}
                onClick={() => setObjectOn({ entryId: e.id, label })}
              >
                {t('credit.mine.object')}
              </Button>
              {kind && IN_FORCE.includes(e.state) && (
                <Button
                  size="small"
                  disabled={hasOpenRepair(undefined, e.id)}
                  onClick={() => setRepairOn({ kind, entryId: e.id, label })}
                >
                  {t('credit.mine.repair')}
                </Button>
              )}
            </Space>
          )
        );
      },
    },
  ];

  const objectionColumns: ColumnsType<Objection> = [
    {
      title: t('credit.col.target'),
      key: 'target',
      width: 130,
      render: (_, o) =>
        o.recordId ? t('credit.record', { id: o.recordId }) : t('credit.entry', { id: o.entryId ?? 0 }),
    },
    { title: t('credit.col.reason'), dataIndex: 'reason' },
    { title: t('credit.col.filedOn'), dataIndex: 'filedOn', width: 110 },
    {
      title: t('credit.col.dueOn'),
      dataIndex: 'dueOn',
      width: 150,
      render: (d: string, o) => <DueDay day={d} today={today} open={pendingOn(o)} />,
    },
    { title: t('credit.col.status'), dataIndex: 'status', width: 120, render: (s: string) => objectionStatusTag(t, s) },
    { title: t('credit.col.decision'), dataIndex: 'decision', render: (v) => v ?? '—' },
  ];

  const repairColumns: ColumnsType<RepairApplication> = [
    { title: t('credit.col.kind'), dataIndex: 'kind', render: (k: string) => t.opt('credit.repair.kind.', k) },
    { title: t('credit.col.appliedOn'), dataIndex: 'appliedOn', width: 110 },
    {
      title: t('credit.col.sla'),
      key: 'sla',
      width: 230,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>{t('credit.sla.accept', { day: a.acceptedOn ?? a.acceptDueOn })}</span>
          {a.decideDueOn && <span>{t('credit.sla.decide', { day: a.decidedOn ?? a.decideDueOn })}</span>}
          {a.depublishDueOn && <span>{t('credit.sla.depublish', { day: a.depublishedOn ?? a.depublishDueOn })}</span>}
        </Space>
      ),
    },
    { title: t('credit.col.status'), dataIndex: 'status', width: 120, render: (s: string) => repairStatusTag(t, s) },
    { title: t('credit.col.decision'), dataIndex: 'decision', render: (v) => v ?? '—' },
  ];

  const failed = [records, entries, objections, repairs].find((q) => q.isError);
  const table = <T extends { id: number }>(
    rows: T[] | undefined,
    columns: ColumnsType<T>,
    loading: boolean,
    empty: string,
    testId: string,
  ) => (
    <Table<T>
      data-testid={testId}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows ?? []}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );

  return (
    <Card
      title={t('credit.mine.title')}
      extra={enterpriseId && <Link to={`/credit/enterprises/${enterpriseId}`}>{t('credit.mine.publicPage')}</Link>}
    >
      <Typography.Paragraph type="secondary">{t('credit.mine.help')}</Typography.Paragraph>
      {failed?.error && (
        <Alert
          style={{ marginBottom: 16 }}
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={errorText(t, failed.error)}
        />
      )}
      <Tabs
        items={[
          {
            key: 'records',
            label: `${t('credit.mine.records')} (${records.data?.total ?? 0})`,
            children: table(
              records.data?.items,
              recordColumns,
              records.isFetching,
              t('credit.mine.noRecords'),
              'my-records',
            ),
          },
          {
            key: 'entries',
            label: `${t('credit.mine.entries')} (${entries.data?.total ?? 0})`,
            children: table(
              entries.data?.items,
              entryColumns,
              entries.isFetching,
              t('credit.mine.noEntries'),
              'my-entries',
            ),
          },
          {
            key: 'objections',
            label: `${t('credit.mine.objections')} (${objections.data?.total ?? 0})`,
            children: table(
              objections.data?.items,
              objectionColumns,
              objections.isFetching,
              t('credit.mine.noObjections'),
              'my-objections',
            ),
          },
          {
            key: 'repairs',
            label: `${t('credit.mine.repairs')} (${repairs.data?.total ?? 0})`,
            children: table(
              repairs.data?.items,
              repairColumns,
              repairs.isFetching,
              t('credit.mine.noRepairs'),
              'my-repairs',
            ),
          },
        ]}
      />
      <DecisionModal
        open={objectOn !== null}
        title={t('credit.obj.title')}
        intro={
          <>
            <div>{t('credit.obj.on', { what: objectOn?.label ?? '' })}</div>
            <Typography.Text type="secondary">{t('credit.obj.reasonHelp')}</Typography.Text>
          </>
        }
        label={t('credit.reason')}
        confirmText={t('credit.obj.confirm')}
        okText={t('credit.obj.submit')}
        onClose={() => setObjectOn(null)}
        onSubmit={async (reason) => {
          const o = await creditApi.fileObjection({
            ...(objectOn?.recordId ? { recordId: objectOn.recordId } : {}),
            ...(objectOn?.entryId ? { entryId: objectOn.entryId } : {}),
            reason,
          });
          void message.success(t('credit.obj.filed', { day: o.dueOn }));
          refresh();
        }}
      />
      <RepairModal target={repairOn} onClose={() => setRepairOn(null)} onApplied={refresh} />
    </Card>
  );
}
