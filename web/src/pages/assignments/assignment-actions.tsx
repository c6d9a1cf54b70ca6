import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AssignmentDetail, TransitionEvent } from '../../api/plan-types';
import { assignmentsApi } from '../../api/plans';
import { errorText, type MsgKey, useT } from '../../i18n';

/** Events whose reason the server requires. */
const REASON_REQUIRED: TransitionEvent[] = ['dispute', 'cancel', 'reopen'];
/** Events that ask for a short confirmation only. */
const CONFIRM_ONLY: TransitionEvent[] = ['sign'];
const ORDER: TransitionEvent[] = ['sign', 'dispute', 'uphold', 'close', 'reopen', 'cancel'];

function ReasonModal({
  assignment,
  event,
  onClose,
}: {
  assignment: AssignmentDetail;
  event: TransitionEvent;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const required = REASON_REQUIRED.includes(event);
  const label = t.opt('event.', event);
  const hint = t.opt('event.hint.', event);
  const mutation = useMutation({
    mutationFn: (reason?: string) =>
      assignmentsApi.transition(assignment.id, { event, version: assignment.version, reason: reason || undefined }),
    onSuccess: () => {
      void message.success(t('event.done', { event: label }));
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${label} · ${assignment.externalId}`}
      okText={label}
      okButtonProps={{ danger: event === 'cancel' }}
      confirmLoading={mutation.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => mutation.mutate(v.reason?.trim()))
          .catch(() => undefined)
      }
      onCancel={onClose}
      destroyOnHidden
    >
      {hint !== event && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Form form={form} layout="vertical" name={`transition-${event}`}>
        <Form.Item
          name="reason"
          label={required ? t('event.reason') : t('event.reasonOptional')}
          rules={required ? [{ required: true, whitespace: true, message: t('event.reasonRequired') }] : []}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={errorText(t, mutation.error)} />}
    </Modal>
  );
}

/** The buttons for the events this caller may send now (allowedEvents), each confirmed or with a reason. */
export function AssignmentActions({ assignment }: { assignment: AssignmentDetail }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [event, setEvent] = useState<TransitionEvent | null>(null);
  const sign = useMutation({
    mutationFn: () => assignmentsApi.transition(assignment.id, { event: 'sign', version: assignment.version }),
    onSuccess: () => {
      void message.success(t('event.done', { event: t('event.sign') }));
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  const events = ORDER.filter((e) => assignment.allowedEvents.includes(e));
  if (events.length === 0) return null;

  const click = (e: TransitionEvent) => {
    if (CONFIRM_ONLY.includes(e)) {
      modal.confirm({
        title: t('event.sign'),
        content: t('event.confirm.sign', { id: assignment.externalId }),
        okText: t('event.sign'),
        onOk: () => sign.mutateAsync().catch(() => undefined),
      });
    } else {
      setEvent(e);
    }
  };

  return (
    <Space wrap>
      {events.map((e) => (
        <Button
          key={e}
          type={e === 'sign' || e === 'close' ? 'primary' : 'default'}
          danger={e === 'cancel' || e === 'dispute'}
          loading={e === 'sign' && sign.isPending}
          onClick={() => click(e)}
        >
          {t(`event.${e}` as MsgKey)}
        </Button>
      ))}
      {event && <ReasonModal assignment={assignment} event={event} onClose={() => setEvent(null)} />}
    </Space>
  );
}
