import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Empty, Space, Spin, Tag, Typography } from 'antd';
import type { AssignmentDetail, ReportDetail, ReportSummary } from '../../api/plan-types';
import { reportsApi } from '../../api/plans';
import { formatInstant } from '../../components/entity-history';
import { pct, periodLabel, ReportStatusTag } from '../../components/plan-bits';
import { errorText, useT } from '../../i18n';
import { ReportView } from './report-view';

export const reportKey = (id: number) => ['reports', 'detail', id] as const;

function ReportBody({ summary, onEdit }: { summary: ReportSummary; onEdit: (r: ReportDetail) => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: [...reportKey(summary.id), summary.version],
    queryFn: () => reportsApi.get(summary.id),
  });
  const submit = useMutation({
    mutationFn: (r: ReportDetail) => reportsApi.submit(r.id, r.version),
    onSuccess: () => {
      void message.success(t('report.submitted'));
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  if (query.isPending) return <Spin />;
  if (query.isError) return <Alert type="error" showIcon title={errorText(t, query.error)} />;
  const r = query.data;
  const can = (a: string) => r.allowedActions.includes(a as never);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <ReportView report={r} />
      {(can('edit') || can('submit')) && (
        <Space>
          {can('edit') && (
            <Button icon={<EditOutlined />} onClick={() => onEdit(r)}>
              {r.status === 'returned' ? t('report.resubmit') : t('report.edit')}
            </Button>
          )}
          {can('submit') && r.status === 'draft' && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={submit.isPending}
              onClick={() =>
                modal.confirm({
                  title: t('report.submitDraft'),
                  content: t('report.submitConfirm'),
                  onOk: () => submit.mutateAsync(r).catch(() => undefined),
                })
              }
            >
              {t('report.submitDraft')}
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}

/** The assignment's reports, newest first; each opens to its full text, evidence and the next step. */
export function ReportList({
  assignment,
  onEdit,
}: {
  assignment: AssignmentDetail;
  onEdit: (r: ReportDetail) => void;
}) {
  const t = useT();
  if (assignment.reports.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('asg.noReports')} />;
  }
  const newest = assignment.reports[0];
  return (
    <Collapse
      data-testid="report-list"
      defaultActiveKey={newest ? [String(newest.id)] : []}
      items={assignment.reports.map((r) => ({
        key: String(r.id),
        label: (
          <Space wrap size={8}>
            <Typography.Text strong>{periodLabel(t, r.period)}</Typography.Text>
            <ReportStatusTag status={r.status} />
            <span>{pct(r.progress)}</span>
            {r.late && <Tag color="orange">{t('report.late')}</Tag>}
            {r.requestClose && <Tag color="purple">{t('report.requestCloseTag')}</Tag>}
            {r.origin === 'import' && <Tag color="geekblue">{t('report.importedTag')}</Tag>}
            {r.submittedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('report.submittedAt')} {formatInstant(r.submittedAt)}
              </Typography.Text>
            )}
          </Space>
        ),
        children: <ReportBody summary={r} onEdit={onEdit} />,
      }))}
    />
  );
}
