import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type ImportJob, RUNNING_JOB, registryApi } from '../../api/registry';
import { formatInstant } from '../../components/entity-history';
import { errorText, type TFunction, useT } from '../../i18n';

const JOB_COLORS: Record<string, string> = {
  pending: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

function JobStatus({ job }: { job: ImportJob }) {
  const t = useT();
  return <Tag color={JOB_COLORS[job.status]}>{t.opt('reg.import.job.', job.status)}</Tag>;
}

function RejectsLink({ job, block = false }: { job: ImportJob; block?: boolean }) {
  const t = useT();
  if (job.rejected + job.warnings === 0) return null;
  return (
    <Button
      href={registryApi.rejectsUrl(job.id)}
      download
      icon={<DownloadOutlined />}
      size={block ? 'middle' : 'small'}
      data-testid={block ? 'import-rejects' : undefined}
    >
      {t('reg.import.rejects')}
    </Button>
  );
}

function encodingText(job: ImportJob): string {
  if (!job.encoding) return '—';
  return job.encoding === 'gb18030' ? 'GBK / GB18030' : job.encoding.toUpperCase();
}

/** Counts and progress of one job; the actions depend on where it stands. */
function JobCard({ job, actions }: { job: ImportJob; actions: ReactNode }) {
  const t = useT();
  const running = RUNNING_JOB.includes(job.status);
  const total = job.totalRows;
  const done = running ? job.checkpointRow : (total ?? job.checkpointRow);
  const percent = total ? Math.min(100, Math.round((done / Math.max(total, 1)) * 100)) : running ? 0 : 100;
  return (
    <Card
      data-testid="import-job"
      title={
        <Space wrap>
          <span>{job.fileName}</span>
          <Tag>{job.dryRun ? t('reg.import.kind.dry') : t('reg.import.kind.commit')}</Tag>
          <JobStatus job={job} />
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t('reg.import.encoding')}:{' '}
          <Typography.Text strong data-testid="import-encoding">
            {encodingText(job)}
          </Typography.Text>
        </Typography.Text>
      }
    >
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
        data-testid="import-progress"
      />
      <Typography.Paragraph type="secondary">
        {running && t('reg.import.running', { file: job.fileName })}{' '}
        {total !== null
          ? t('reg.import.rows', { done, total })
          : t('reg.import.rowsUnknown', { done: job.checkpointRow })}
      </Typography.Paragraph>
      <Row gutter={16} data-testid="import-counts">
        {(
          [
            ['inserted', job.inserted, '#389e0d'],
            ['updated', job.updated, '#1677ff'],
            ['unchanged', job.unchanged, undefined],
            ['rejected', job.rejected, job.rejected ? '#cf1322' : undefined],
            ['warnings', job.warnings, job.warnings ? '#d48806' : undefined],
          ] as const
        ).map(([key, value, color]) => (
          <Col key={key} xs={12} sm={8} md={4}>
            <Statistic
              title={t(`reg.import.${key}`)}
              value={value}
              styles={{ content: { color } }}
              data-testid={`count-${key}`}
            />
          </Col>
        ))}
      </Row>
      {job.status === 'failed' && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('reg.import.failed')} description={job.error} />
      )}
      <Space wrap style={{ marginTop: 16 }}>
        {actions}
        <RejectsLink job={job} block />
      </Space>
    </Card>
  );
}

function recentColumns(t: TFunction, openJob: (id: number) => void): ColumnsType<ImportJob> {
  return [
    { title: '#', dataIndex: 'id', width: 60 },
    {
      title: t('reg.import.file'),
      dataIndex: 'fileName',
      render: (v: string, j) => <Typography.Link onClick={() => openJob(j.id)}>{v}</Typography.Link>,
    },
    {
      title: t('reg.import.kind'),
      dataIndex: 'dryRun',
      width: 100,
      render: (dry: boolean) => (dry ? t('reg.import.kind.dry') : t('reg.import.kind.commit')),
    },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (_, j) => <JobStatus job={j} /> },
    {
      title: t('reg.import.counts'),
      key: 'counts',
      render: (_, j) => `${j.inserted} / ${j.updated} / ${j.unchanged} / ${j.rejected}`,
    },
    { title: t('reg.import.encoding'), dataIndex: 'encoding', width: 130, render: (_, j) => encodingText(j) },
    { title: t('reg.import.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatInstant(v) },
    { title: '', key: 'rejects', render: (_, j) => <RejectsLink job={j} /> },
  ];
}

/** Registry import (credit.md §2): upload, dry run first, watch the progress, commit, download rejected rows. */
export default function RegistryImportPage() {
  const t = useT();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const jobId = Number(params.get('job')) || null;
  const openJob = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('job', String(id));
    else next.delete('job');
    setParams(next);
  };

  const job = useQuery({
    queryKey: ['registry', 'import', jobId],
    queryFn: () => registryApi.job(jobId!),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && !RUNNING_JOB.includes(query.state.data.status) ? false : 500),
  });
  const jobs = useQuery({
    queryKey: ['registry', 'imports', job.data?.status, job.data?.id],
    queryFn: registryApi.jobs,
  });
  const start = useMutation({
    mutationFn: (vars: { file: File; dryRun: boolean }) => registryApi.startImport(vars.file, vars.dryRun),
    onSuccess: (created) => {
      queryClient.setQueryData(['registry', 'import', created.id], created);
      openJob(created.id);
    },
  });

  // A finished dry run is committed from the file the server stored: no second upload, even after a reload.
  const commit = useMutation({
    mutationFn: (dryRunJobId: number) => registryApi.commitDryRun(dryRunJobId),
    onSuccess: (created) => {
      queryClient.setQueryData(['registry', 'import', created.id], created);
      openJob(created.id);
    },
  });

  const current = job.data;
  const confirmCommit = (j: ImportJob) => {
    modal.confirm({
      title: t('reg.import.commit'),
      content: t('reg.import.commitConfirm', {
        file: j.fileName,
        inserted: j.inserted,
        updated: j.updated,
        rejected: j.rejected,
      }),
      okText: t('reg.import.commit'),
      onOk: () => commit.mutateAsync(j.id),
    });
  };
  const canCommit = current?.dryRun && current.status === 'completed';
  const nothingToWrite = current && current.inserted + current.updated === 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('reg.import.title')}>
        <Typography.Paragraph type="secondary">{t('reg.import.help')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('reg.import.columns')}</Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            start.reset();
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('reg.import.drop')}</p>
        </Upload.Dragger>
        <Space wrap style={{ marginTop: 16 }}>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
            {t('reg.import.dryRun')}
          </Checkbox>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!file}
            loading={start.isPending}
            onClick={() => file && start.mutate({ file, dryRun })}
            data-testid="import-start"
          >
            {dryRun ? t('reg.import.start') : t('reg.import.startCommit')}
          </Button>
        </Space>
        {start.isError && <Alert type="error" showIcon style={{ marginTop: 16 }} title={errorText(t, start.error)} />}
        {commit.isError && <Alert type="error" showIcon style={{ marginTop: 16 }} title={errorText(t, commit.error)} />}
      </Card>

      {job.isError && <Alert type="error" showIcon title={errorText(t, job.error)} />}
      {current && (
        <>
          {current.dryRun && current.status === 'completed' && (
            <Alert
              type="success"
              showIcon
              title={nothingToWrite ? t('reg.import.noCommitNeeded') : t('reg.import.dryDone')}
              data-testid="import-dry-done"
            />
          )}
          {!current.dryRun && current.status === 'completed' && (
            <Alert type="success" showIcon title={t('reg.import.done')} data-testid="import-done" />
          )}
          <JobCard
            job={current}
            actions={
              canCommit &&
              !nothingToWrite && (
                <Button type="primary" onClick={() => confirmCommit(current)} data-testid="import-commit">
                  {t('reg.import.commit')}
                </Button>
              )
            }
          />
        </>
      )}

      <Card title={t('reg.import.recent')}>
        <Table<ImportJob>
          size="small"
          rowKey="id"
          columns={recentColumns(t, openJob)}
          dataSource={jobs.data ?? []}
          loading={jobs.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </Space>
  );
}
