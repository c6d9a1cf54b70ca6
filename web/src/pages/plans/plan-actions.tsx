import { DeleteOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Modal, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMeta } from '../../api/auth';
import type { PlanDetail } from '../../api/plan-types';
import { plansApi } from '../../api/plans';
import { errorText, useT } from '../../i18n';

function PublishModal({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const meta = useMeta();
  // In demo mode the world is seen at meta.asOf (inside the plan year), so dispatch on that day.
  const initialDate = meta.data?.demo ? dayjs(meta.data.asOf) : dayjs();
  const [date, setDate] = useState<Dayjs | null>(initialDate);
  const units = new Set(plan.sections.flatMap((s) => s.measures.flatMap((m) => m.assignments.map((a) => a.unitCode))));
  const mutation = useMutation({
    mutationFn: () => plansApi.publish(plan.id, plan.version, date?.format('YYYY-MM-DD')),
    onSuccess: () => {
      void message.success(t('plan.published', { count: plan.counts.assignments }));
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('plan.publishTitle')}
      okText={t('plan.publish')}
      okButtonProps={{ disabled: !date }}
      confirmLoading={mutation.isPending}
      onOk={() => mutation.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('plan.publishConfirm', {
          count: plan.counts.assignments,
          units: units.size,
          signDays: plan.settings.signDays,
        })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('plan.dispatchDate')} extra={t('plan.dispatchHint')}>
          <DatePicker value={date} onChange={setDate} allowClear={false} />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={errorText(t, mutation.error)} />}
    </Modal>
  );
}

/** Draft actions: parse again, delete (confirmed), publish (confirmed; disabled while errors remain). */
export function DraftActions({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [publishing, setPublishing] = useState(false);

  const reparse = useMutation({
    mutationFn: () => plansApi.reparse(plan.id),
    onSuccess: () => {
      void message.success(t('plan.reparsed'));
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  const remove = useMutation({
    mutationFn: () => plansApi.remove(plan.id),
    onSuccess: () => {
      void message.success(t('plan.deleted'));
      queryClient.removeQueries({ queryKey: ['plans', 'detail', plan.id] });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      navigate('/admin/plans', { replace: true });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const confirmDelete = () =>
    modal.confirm({
      title: t('plan.deleteDraft'),
      content: t('plan.deleteConfirm', { title: plan.title }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync().catch(() => undefined),
    });

  const blocked = plan.blocking > 0;
  return (
    <Space wrap>
      <Button icon={<ReloadOutlined />} loading={reparse.isPending} onClick={() => reparse.mutate()}>
        {t('plan.reparse')}
      </Button>
      <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>
        {t('plan.deleteDraft')}
      </Button>
      <Tooltip title={blocked ? t('plan.publishBlocked', { count: plan.blocking }) : undefined}>
        <Button type="primary" icon={<SendOutlined />} disabled={blocked} onClick={() => setPublishing(true)}>
          {t('plan.publish')}
        </Button>
      </Tooltip>
      {publishing && <PublishModal plan={plan} onClose={() => setPublishing(false)} />}
    </Space>
  );
}
