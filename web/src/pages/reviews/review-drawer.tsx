import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReportDetail } from '../../api/plan-types';
import { assignmentsApi, reportsApi } from '../../api/plans';
import { measureNo } from '../../components/plan-bits';
import { errorText, useT } from '../../i18n';
import { ReportView } from '../assignments/report-view';

function ReturnModal({ report, onDone, onClose }: { report: ReportDetail; onDone: () => void; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (reason: string) =>
      reportsApi.review(report.id, { version: report.version, decision: 'return', reason }),
    onSuccess: () => {
      void message.success(t('review.returned'));
      onDone();
    },
  });
  return (
    <Modal
      open
      title={t('review.returnTitle')}
      okText={t('review.return')}
      okButtonProps={{ danger: true }}
      confirmLoading={mutation.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => mutation.mutate(v.reason.trim()))
          .catch(() => undefined)
      }
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="return-report">
        <Form.Item
          name="reason"
          label={t('review.returnReason')}
          rules={[{ required: true, whitespace: true, message: t('event.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('review.returnPlaceholder')} autoFocus />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={errorText(t, mutation.error)} />}
    </Modal>
  );
}

/** One submitted report to decide on: its content, progress against the last accepted, 通过 / 退回. */
export function ReviewDrawer({ reportId, onClose }: { reportId: number | null; onClose: () => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  // 典型经验: quoted in the monthly bulletin's section 5 (only accepted reports can carry it).
  const [exemplary, setExemplary] = useState(false);
  const report = useQuery({
    queryKey: ['reports', 'detail', reportId],
    queryFn: () => reportsApi.get(reportId as number),
    enabled: reportId !== null,
  });
  const assignment = useQuery({
    queryKey: ['assignments', 'detail', String(report.data?.assignmentId), undefined],
    queryFn: () => assignmentsApi.get(report.data?.assignmentId as number),
    enabled: !!report.data,
  });
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
    void queryClient.invalidateQueries({ queryKey: ['assignments'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
    setReturning(false);
    onClose();
  };
  const accept = useMutation({
    mutationFn: (r: ReportDetail) =>
      reportsApi.review(r.id, { version: r.version, decision: 'accept', ...(exemplary ? { exemplary } : {}) }),
    onSuccess: () => {
      void message.success(t('review.accepted'));
      done();
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  const r = report.data;
  const last = assignment.data?.progress ?? null;
  const pending = r?.status === 'submitted';
  return (
    <Drawer
      open={reportId !== null}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={t('review.drawerTitle')}
      extra={
        r &&
        pending && (
          <Space>
            <Checkbox
              checked={exemplary}
              onChange={(e) => setExemplary(e.target.checked)}
              title={t('review.exemplaryHint')}
              data-testid="review-exemplary"
            >
              {t('review.exemplary')}
            </Checkbox>
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
              {t('review.return')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={accept.isPending}
              onClick={() =>
                modal.confirm({
                  title: t('review.accept'),
                  content: t('review.acceptConfirm', { value: r.progress }),
                  okText: t('review.accept'),
                  onOk: () => accept.mutateAsync(r).catch(() => undefined),
                })
              }
            >
              {t('review.accept')}
            </Button>
          </Space>
        )
      }
    >
      {report.isPending && reportId !== null && <Spin />}
      {report.isError && <Alert type="error" showIcon title={errorText(t, report.error)} />}
      {r && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            <Link to={`/admin/assignments/${r.assignmentId}`}>{r.assignmentExternalId}</Link>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {r.unitName} · {measureNo(t, r.measureNumber)}
              {r.measureTitle}
            </Typography.Text>
          </Typography.Paragraph>
          <Card size="small" title={t('review.progressChange')}>
            <Row gutter={16} align="middle">
              <Col span={12}>
                <Typography.Text type="secondary">{t('review.lastAccepted')}</Typography.Text>
                <Progress percent={last ?? 0} status="normal" strokeColor="#bfbfbf" />
              </Col>
              <Col span={12}>
                <Typography.Text type="secondary">{t('review.thisReport')}</Typography.Text>
                <Progress
                  percent={r.progress}
                  status="normal"
                  strokeColor={last !== null && r.progress < last ? '#faad14' : '#1656a8'}
                />
              </Col>
            </Row>
          </Card>
          <ReportView report={r} />
        </Space>
      )}
      {r && returning && <ReturnModal report={r} onDone={done} onClose={() => setReturning(false)} />}
    </Drawer>
  );
}
