import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { creditApi, type ListAction } from '../../api/credit';
import { formatInstant } from '../../components/entity-history';
import { errorText, useT } from '../../i18n';
import { DecisionModal, StateTag } from './credit-bits';

/** One listing: its dates, its history, and buttons for exactly the steps the server allows now. */
export function EntryDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<ListAction | null>(null);
  const entry = useQuery({ queryKey: ['credit-entry', id], queryFn: () => creditApi.entry(id!), enabled: id !== null });
  const e = entry.data;
  const actions = (e?.allowedActions ?? []) as ListAction[];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={t('credit.le.detail', { id: id ?? 0 })}
      destroyOnHidden
    >
      {entry.isPending && <Spin />}
      {entry.isError && <Alert type="error" showIcon title={errorText(t, entry.error)} />}
      {e && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{t.opt('credit.list.', e.listCode)}</Typography.Text>
            <StateTag state={e.state} />
            <Link to={`/credit/enterprises/${e.enterpriseId}`}>{e.enterpriseName}</Link>
          </Space>
          {actions.length === 0 ? (
            <Typography.Text type="secondary">{t('credit.le.noActions')}</Typography.Text>
          ) : (
            <Space wrap data-testid="entry-actions">
              {actions.map((a) => (
                <Button
                  key={a}
                  danger={a === 'revoke'}
                  type={a === 'revoke' ? 'default' : 'primary'}
                  ghost={a !== 'revoke'}
                  onClick={() => setAction(a)}
                >
                  {t.opt('credit.action.', a)}
                </Button>
              ))}
            </Space>
          )}
          <Descriptions
            bordered
            size="small"
            column={2}
            title={t('credit.le.dates')}
            items={[
              { key: 'uscc', label: t('credit.col.uscc'), children: e.enterpriseUscc ?? '—', span: 2 },
              {
                key: 'ground',
                label: t('credit.col.ground'),
                children: e.reasonCategory
                  ? t.opt('credit.le.rc.', e.reasonCategory)
                  : e.ground
                    ? t.opt('credit.ground.', e.ground)
                    : '—',
                span: 2,
              },
              { key: 'trig', label: t('credit.le.triggeredOn'), children: e.triggeredOn ?? '—' },
              { key: 'stmt', label: t('credit.le.statementDueOn'), children: e.statementDueOn ?? '—' },
              { key: 'listed', label: t('credit.col.listedOn'), children: e.listedOn ?? '—' },
              { key: 'pubdue', label: t('credit.le.publishDueOn'), children: e.publishDueOn ?? '—' },
              {
                key: 'exp',
                label: t('credit.col.expiresOn'),
                children: e.listedOn ? (e.expiresOn ?? t('credit.longTerm')) : '—',
              },
              { key: 'rep', label: t('credit.col.repairableFrom'), children: e.repairableFrom ?? '—' },
              ...(e.escalationOn ? [{ key: 'esc', label: t('credit.le.escalationOn'), children: e.escalationOn }] : []),
              ...(e.removedOn ? [{ key: 'rm', label: t('credit.le.removedOn'), children: e.removedOn }] : []),
              { key: 'rule', label: t('credit.le.ruleSet'), children: `${e.ruleSetCode} ${e.ruleSetVersion}` },
              { key: 'unit', label: t('credit.col.unit'), children: e.unitCode ?? '—' },
            ]}
          />
          <Typography.Title level={5}>{t('credit.le.history')}</Typography.Title>
          {(e.transitions ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Timeline
              items={(e.transitions ?? []).map((tr) => ({
                key: `${tr.at}-${tr.toState}`,
                content: (
                  <Space orientation="vertical" size={0}>
                    <Space>
                      <StateTag state={tr.toState} />
                      <span>{tr.onDay}</span>
                      <Typography.Text type="secondary">{formatInstant(tr.at)}</Typography.Text>
                    </Space>
                    {tr.reason && <span>{tr.reason}</span>}
                    <Typography.Text type="secondary">{tr.ruleSetVersion}</Typography.Text>
                  </Space>
                ),
              }))}
            />
          )}
        </Space>
      )}
      <DecisionModal
        open={action !== null}
        title={t('credit.le.actionTitle', {
          action: t.opt('credit.action.', action ?? ''),
          name: e?.enterpriseName ?? '',
        })}
        label={t('credit.reason')}
        confirmText={t('credit.confirmTitle')}
        okText={t.opt('credit.action.', action ?? '')}
        danger={action === 'revoke'}
        onClose={() => setAction(null)}
        onSubmit={async (reason, extra) => {
          const d = extra.day as Dayjs | undefined;
          const next = await creditApi.transition(id!, {
            action: action!,
            reason,
            ...(d ? { day: d.format('YYYY-MM-DD') } : {}),
          });
          void message.success(t('credit.le.moved', { state: t.opt('credit.state.', next.state) }));
          void queryClient.invalidateQueries({ queryKey: ['credit-entry', id] });
          void queryClient.invalidateQueries({ queryKey: ['credit-entries'] });
        }}
      >
        <Form.Item name="day" label={t('credit.le.day')} extra={t('credit.le.dayHelp')}>
          <DatePicker />
        </Form.Item>
      </DecisionModal>
    </Drawer>
  );
}
