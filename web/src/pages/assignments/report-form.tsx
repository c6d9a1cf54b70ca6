import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AssignmentDetail, EvidenceInput, FileInfo, KeyResult, ReportDetail } from '../../api/plan-types';
import { assignmentsApi, plansApi, reportsApi } from '../../api/plans';
import { periodLabel } from '../../components/plan-bits';
import { errorText, useT } from '../../i18n';
import { EvidenceUpload, KeyResultsInput, LinksInput, ProgressInput } from './report-form-fields';

interface Values {
  period: string;
  progress: number;
  narrative: string;
  issues?: string;
  nextSteps?: string;
  keyResults?: KeyResult[];
  links?: { name: string; url: string }[];
  requestClose?: boolean;
  regressReason?: string;
}

/** Periods a new report may be filed for: opened by the as-of day and without a report yet. */
export function reportablePeriods(assignment: AssignmentDetail) {
  return assignment.periods.filter((p) => p.status === 'missing' && p.opens <= assignment.asOf);
}

/** An ad hoc report's day as a date picker holding 'YYYY-MM-DD'. */
function AdhocDay({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      allowClear={false}
      onChange={(d) => d && onChange?.(d.format('YYYY-MM-DD'))}
    />
  );
}

/** Stored file evidence shown as already-uploaded entries of the upload list. */
function initialFiles(report?: ReportDetail): UploadFile<FileInfo>[] {
  return (report?.evidence ?? [])
    .filter((e) => e.kind === 'file' && e.fileId)
    .map((e) => ({
      uid: `e${e.id}`,
      name: e.name,
      status: 'done' as const,
      response: { id: e.fileId as number, sha256: '', size: e.size ?? 0, mime: e.mime ?? '' },
    }));
}

/**
 * 报送进展: a new report for an open period, or edits to a draft / returned report; saved as a draft or
 * submitted. Evidence files are uploaded first (POST /api/files) and attached by id.
 */
export function ReportForm({
  assignment,
  report,
  onClose,
}: {
  assignment: AssignmentDetail;
  report?: ReportDetail;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile<FileInfo>[]>(() => initialFiles(report));
  const [localError, setLocalError] = useState<string | null>(null);
  const plan = useQuery({
    queryKey: ['plans', 'detail', assignment.plan.id],
    queryFn: () => plansApi.get(assignment.plan.id),
    staleTime: 300_000,
  });
  const minLength = plan.data?.settings.narrativeMinLength ?? 20;
  const lastAccepted = assignment.progress;
  const progress = Form.useWatch('progress', form) ?? 0;
  const narrative = Form.useWatch('narrative', form) ?? '';

  const openPeriods = reportablePeriods(assignment);
  // Ad hoc cadence schedules nothing: the report is keyed by the day it covers.
  const adhoc = !report && assignment.periods.length === 0;
  const periodOptions = (report ? [{ key: report.period }] : openPeriods).map((p) => ({
    value: p.key,
    label: periodLabel(t, p.key),
  }));

  const mutation = useMutation({
    mutationFn: async ({ v, submit }: { v: Values; submit: boolean }) => {
      const evidence: EvidenceInput[] = [
        ...files
          .filter((f) => f.status === 'done' && f.response?.id)
          .map((f) => ({ fileId: f.response?.id as number, name: f.name })),
        ...(v.links ?? []).map((l) => ({ url: l.url.trim(), name: l.name.trim() })),
      ];
      const body = {
        progress: v.progress,
        narrative: v.narrative.trim(),
        issues: v.issues?.trim() || null,
        nextSteps: v.nextSteps?.trim() || null,
        keyResults: (v.keyResults ?? []).map((k) => ({
          name: k.name.trim(),
          target: (k.target ?? '').trim(),
          actual: (k.actual ?? '').trim(),
        })),
        requestClose: !!v.requestClose,
        regressReason: v.progress < lastAccepted ? v.regressReason?.trim() || null : null,
        evidence,
        submit,
      };
      if (report) return reportsApi.update(report.id, { ...body, version: report.version });
      return assignmentsApi.createReport(assignment.id, { ...body, period: v.period });
    },
    onSuccess: (_r, { submit }) => {
      void message.success(submit ? t('report.submitted') : t('report.saved'));
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      onClose();
    },
  });

  const save = async (submit: boolean) => {
    setLocalError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (files.some((f) => f.status === 'uploading')) return;
    const hasEvidence = files.some((f) => f.status === 'done') || (v.links ?? []).length > 0;
    if (submit && (v.requestClose || v.progress >= 100) && !hasEvidence) {
      setLocalError(t('report.evidenceRequired'));
      return;
    }
    mutation.mutate({ v, submit });
  };

  const links = (report?.evidence ?? [])
    .filter((e) => e.kind === 'link' && e.url)
    .map((e) => ({ name: e.name, url: e.url as string }));

  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      destroyOnHidden
      title={
        report
          ? t('report.editTitle', { period: periodLabel(t, report.period) })
          : t('report.newTitle', { id: assignment.externalId })
      }
      extra={
        <Space>
          <Button onClick={() => void save(false)} loading={mutation.isPending && !mutation.variables?.submit}>
            {t('report.saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={() => void save(true)}
            loading={mutation.isPending && !!mutation.variables?.submit}
          >
            {t('report.submit')}
          </Button>
        </Space>
      }
    >
      {report?.status === 'returned' && report.returnReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('report.reviewReason')}
          description={report.returnReason}
        />
      )}
      {!report && !adhoc && periodOptions.length === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('report.noOpenPeriod')} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="report"
        initialValues={{
          period: report?.period ?? (adhoc ? assignment.asOf : periodOptions.at(-1)?.value),
          progress: report?.progress ?? lastAccepted,
          narrative: report?.narrative ?? '',
          issues: report?.issues ?? '',
          nextSteps: report?.nextSteps ?? '',
          keyResults: report?.keyResults ?? [],
          links,
          requestClose: report?.requestClose ?? false,
          regressReason: report?.regressReason ?? '',
        }}
      >
        <Form.Item name="period" label={t('report.period')} rules={[{ required: true, message: t('report.period') }]}>
          {adhoc ? <AdhocDay /> : <Select options={periodOptions} disabled={!!report} style={{ maxWidth: 240 }} />}
        </Form.Item>
        <Form.Item name="progress" label={t('report.progress')}>
          <ProgressInput />
        </Form.Item>
        {progress < lastAccepted && (
          <Form.Item
            name="regressReason"
            label={t('report.regressReason')}
            extra={t('report.regressHint', { value: lastAccepted })}
            rules={[{ required: true, whitespace: true, message: t('report.regressHint', { value: lastAccepted }) }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        <Form.Item
          name="narrative"
          label={t('report.narrative')}
          extra={
            <Typography.Text type={narrative.trim().length < minLength ? 'warning' : 'secondary'}>
              {t('report.narrativeMin', { min: minLength })}
            </Typography.Text>
          }
          rules={[
            { required: true, whitespace: true, message: t('report.narrativeMin', { min: minLength }) },
            { min: minLength, message: t('report.narrativeMin', { min: minLength }) },
          ]}
        >
          <Input.TextArea rows={5} maxLength={10_000} showCount placeholder={t('report.narrativePlaceholder')} />
        </Form.Item>
        <Form.Item name="issues" label={t('report.issues')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('report.nextSteps')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item label={t('report.keyResults')}>
          <KeyResultsInput />
        </Form.Item>
        <Form.Item label={t('report.evidence')} extra={t('report.uploadHint')}>
          <EvidenceUpload fileList={files} onChange={setFiles} />
        </Form.Item>
        <Form.Item label={t('report.links')}>
          <LinksInput />
        </Form.Item>
        <Form.Item name="requestClose" valuePropName="checked" extra={t('report.requestCloseHint')}>
          <Checkbox>{t('report.requestClose')}</Checkbox>
        </Form.Item>
      </Form>
      {localError && <Alert type="error" showIcon title={localError} />}
      {mutation.isError && <Alert type="error" showIcon title={errorText(t, mutation.error)} />}
    </Drawer>
  );
}
