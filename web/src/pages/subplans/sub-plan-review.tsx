import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { subPlansApi } from '../../api/plans';
import type { SubPlanDetail } from '../../api/subplan-types';
import { errorText, useT } from '../../i18n';
import { subPlanKey, subPlansKey } from './subplan-bits';

/** The office's 通过 (confirmed) and 退回 (with a reason) on a filed district plan. */
export function SubPlanReview({ detail }: { detail: SubPlanDetail }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const review = useMutation({
    mutationFn: (body: { decision: 'accept' | 'return'; reason?: string }) =>
      subPlansApi.review(detail.id, { version: detail.version, ...body }),
    onSuccess: (data, body) => {
      void message.success(body.decision === 'accept' ? t('sub.acceptedOk') : t('sub.returnedOk'));
      queryClient.setQueryData(subPlanKey(detail.id), data);
      void queryClient.invalidateQueries({ queryKey: subPlansKey(detail.planId) });
      setReturning(false);
    },
  });
  const accept = () =>
    modal.confirm({
      title: t('sub.accept'),
      content: t('sub.acceptConfirm', { district: detail.districtName }),
      okText: t('sub.accept'),
      onOk: () => review.mutateAsync({ decision: 'accept' }).catch((err) => void message.error(errorText(t, err))),
    });
  return (
    <Space wrap>
      <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
        {t('sub.return')}
      </Button>
      <Button type="primary" icon={<CheckOutlined />} onClick={accept}>
        {t('sub.accept')}
      </Button>
      <Modal
        open={returning}
        title={t('sub.returnTitle')}
        okText={t('sub.return')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={review.isPending}
        onOk={() => review.mutate({ decision: 'return', reason: reason.trim() })}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={t('sub.returnReason')}
            required
            extra={reason.trim() ? undefined : t('sub.returnReasonRequired')}
          >
            <Input.TextArea
              aria-label={t('sub.returnReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoSize={{ minRows: 3 }}
            />
          </Form.Item>
        </Form>
        {review.isError && <Alert type="error" showIcon title={errorText(t, review.error)} />}
      </Modal>
    </Space>
  );
}
