import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { creditApi, REPAIR_STATUSES, type RepairApplication } from '../../api/credit';
import { ListPage } from '../../components/list-page';
import { useDefaultAsOf } from '../../components/plan-bits';
import { useT } from '../../i18n';
import { DecisionModal, DueDay, repairStatusTag } from './credit-bits';

type Step = 'accept' | 'approve' | 'reject' | 'depublish';

/** The steps open from a status (SUBMITTED → ACCEPTED → APPROVED → DEPUBLISHED, or REJECTED). */
const STEPS: Record<string, Step[]> = {
  SUBMITTED: ['accept', 'reject'],
  ACCEPTED: ['approve', 'reject'],
  APPROVED: ['depublish'],
};

/** The repair queue: accept, decide and de-publish within the SLA dates the applicant also sees. */
export default function RepairsPage() {
  const t = useT();
  const { message } = App.useApp();
  const today = useDefaultAsOf();
  const queryClient = useQueryClient();
  const [handling, setHandling] = useState<{ a: RepairApplication; step: Step } | null>(null);

  const columns: ColumnsType<RepairApplication> = [
    { title: 'ID', dataIndex: 'id', width: 60 },
    {
      title: t('credit.col.enterprise'),
      dataIndex: 'enterpriseName',
      render: (n: string, a) => <Link to={`/credit/enterprises/${a.enterpriseId}`}>{n || `#${a.enterpriseId}`}</Link>,
    },
    {
      title: t('credit.col.kind'),
      key: 'kind',
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>{t.opt('credit.repair.kind.', a.kind)}</span>
          <Tag>{a.recordId ? t('credit.record', { id: a.recordId }) : t('credit.entry', { id: a.entryId ?? 0 })}</Tag>
        </Space>
      ),
    },
    { title: t('credit.col.appliedOn'), dataIndex: 'appliedOn', width: 110 },
    {
      title: t('credit.col.sla'),
      key: 'sla',
      width: 220,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>
            {t('credit.sla.accept', { day: '' })}
            <DueDay day={a.acceptedOn ?? a.acceptDueOn} today={today} open={a.status === 'SUBMITTED'} />
          </span>
          {a.decideDueOn && (
            <span>
              {t('credit.sla.decide', { day: '' })}
              <DueDay day={a.decidedOn ?? a.decideDueOn} today={today} open={a.status === 'ACCEPTED'} />
            </span>
          )}
          {a.depublishDueOn && (
            <span>
              {t('credit.sla.depublish', { day: '' })}
              <DueDay day={a.depublishedOn ?? a.depublishDueOn} today={today} open={a.status === 'APPROVED'} />
            </span>
          )}
        </Space>
      ),
    },
    { title: t('credit.col.unit'), dataIndex: 'unitCode', width: 80, render: (v) => v ?? '—' },
    { title: t('credit.col.status'), dataIndex: 'status', width: 110, render: (s: string) => repairStatusTag(t, s) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, a) => (
        <Space wrap size={4}>
          {(STEPS[a.status] ?? []).map((step) => (
            <Button
              key={step}
              size="small"
              danger={step === 'reject'}
              type={step === 'reject' ? 'default' : 'primary'}
              onClick={() => setHandling({ a, step })}
            >
              {t(`credit.rq.${step}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  const a = handling?.a;
  const checklist = (a?.checklist ?? {}) as Record<string, boolean>;
  return (
    <>
      <ListPage<RepairApplication>
        title={t('credit.rq.title')}
        description={t('credit.rq.help')}
        queryKey="credit-repairs"
        fetch={creditApi.repairs}
        columns={columns}
        rowKey="id"
        filters={[
          {
            name: 'status',
            type: 'select',
            placeholder: t('credit.rq.filterStatus'),
            options: REPAIR_STATUSES.map((s) => ({ value: s, label: t(`credit.repair.status.${s}`) })),
          },
        ]}
        emptyText={t('credit.rq.empty')}
      />
      <DecisionModal
        open={handling !== null}
        title={`${t('credit.rq.handleTitle', { id: a?.id ?? 0 })} · ${t(`credit.rq.${handling?.step ?? 'accept'}`)}`}
        intro={
          a && (
            <>
              <Descriptions
                size="small"
                bordered
                column={1}
                items={[
                  { key: 'ent', label: t('credit.col.enterprise'), children: a.enterpriseName },
                  { key: 'kind', label: t('credit.col.kind'), children: t.opt('credit.repair.kind.', a.kind) },
                  {
                    key: 'ck',
                    label: t('credit.rq.checklist'),
                    children:
                      Object.entries(checklist)
                        .filter(([, v]) => v)
                        .map(([k]) => t.opt('credit.repair.ck.', k))
                        .join(';') || '—',
                  },
                ]}
              />
              {handling?.step === 'approve' && (
                <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('credit.rq.approveHelp')} />
              )}
            </>
          )
        }
        label={t('credit.decisionText')}
        confirmText={t('credit.confirmTitle')}
        okText={t(`credit.rq.${handling?.step ?? 'accept'}`)}
        danger={handling?.step === 'reject'}
        onClose={() => setHandling(null)}
        onSubmit={async (decision) => {
          await creditApi.decideRepair(a!.id, { action: handling!.step, decision });
          void message.success(t('credit.rq.done'));
          void queryClient.invalidateQueries({ queryKey: ['credit-repairs'] });
        }}
      />
    </>
  );
}
