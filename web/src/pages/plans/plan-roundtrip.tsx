import { DownloadOutlined, DownOutlined, FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Modal, Result, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { PlanDetail } from '../../api/plan-types';
import {
  type CellValue,
  type ImportResult,
  ROUND_TRIP_SHEETS,
  type RoundTripCounts,
  type RoundTripFinding,
  type RoundTripRow,
  type RoundTripSheet,
  roundTripApi,
  saveBlob,
} from '../../api/roundtrip';
import { errorText, useT } from '../../i18n';

const OP_COLOURS = { create: 'green', update: 'blue', delete: 'red' } as const;
const COUNT_KEYS: (keyof RoundTripCounts)[] = ['create', 'update', 'delete', 'unchanged', 'errors', 'warnings'];

const sheetOf = (name: string): RoundTripSheet | undefined => {
  const found = ROUND_TRIP_SHEETS.filter((s) => name.toLowerCase().includes(s));
  return found.length === 1 ? found[0] : undefined;
};

const show = (v: CellValue) => (v === null || v === '' ? '∅' : String(v));

/** 导出Excel (with CSV per sheet in its menu) and 导入Excel for the office on a published plan. */
export function RoundTripActions({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const menu = {
    items: ROUND_TRIP_SHEETS.map((s) => ({
      key: s,
      label: <a href={roundTripApi.exportUrl(plan.id, s)} download>{`${t('rt.exportCsv')}: ${s}`}</a>,
    })),
  };
  return (
    <Space>
      <Space.Compact>
        <Button icon={<FileExcelOutlined />} href={roundTripApi.exportUrl(plan.id)} download data-testid="rt-export">
          {t('rt.export')}
        </Button>
        <Dropdown menu={menu} placement="bottomRight">
          <Button icon={<DownOutlined />} aria-label={t('rt.exportCsv')} />
        </Dropdown>
      </Space.Compact>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="rt-import">
        {t('rt.import')}
      </Button>
      {open && <ImportModal planId={plan.id} onClose={() => setOpen(false)} />}
    </Space>
  );
}

function ImportModal({ planId, onClose }: { planId: number; onClose: () => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState<RoundTripSheet | undefined>(undefined);
  const csv = file?.name.toLowerCase().endsWith('.csv') ?? false;

  const dryRun = useMutation({
    mutationFn: (input: { file: File; sheet?: RoundTripSheet }) => roundTripApi.dryRun(planId, input.file, input.sheet),
  });
  const commit = useMutation({
    mutationFn: (fingerprint: string) => roundTripApi.commit(planId, file!, fingerprint, csv ? sheet : undefined),
    onSuccess: (r) => {
      void message.success(t('rt.done', { ...r.totals }));
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
    },
  });
  const errorFile = useMutation({
    mutationFn: () => roundTripApi.errorFile(planId, file!, csv ? sheet : undefined),
    onSuccess: (f) => saveBlob(f.blob, f.fileName),
    onError: (err) => void message.error(errorText(t, err)),
  });

  const choose = (f: File) => {
    const s = f.name.toLowerCase().endsWith('.csv') ? sheetOf(f.name) : undefined;
    setFile(f);
    setSheet(s);
    commit.reset();
    dryRun.mutate({ file: f, sheet: s });
    return false;
  };

  const result = dryRun.data;
  const committed = commit.data;
  const confirm = (r: ImportResult) =>
    modal.confirm({
      title: t('rt.confirmTitle'),
      content: t('rt.confirmText', { ...r.totals }),
      okText: t('rt.commit'),
      onOk: () => commit.mutateAsync(r.fingerprint).catch(() => undefined),
    });

  const canCommit = result && !committed && result.totals.errors === 0 && result.rows.length > 0;
  const footer = committed ? (
    <Button type="primary" onClick={onClose}>
      {t('rt.close')}
    </Button>
  ) : (
    <Space>
      {file && (
        <Button
          onClick={() => {
            setFile(null);
            dryRun.reset();
          }}
          data-testid="rt-choose-other"
        >
          {t('rt.chooseOther')}
        </Button>
      )}
      {result && result.findings.length > 0 && (
        <Button icon={<DownloadOutlined />} loading={errorFile.isPending} onClick={() => errorFile.mutate()}>
          {t('rt.downloadErrors')}
        </Button>
      )}
      <Button
        type="primary"
        disabled={!canCommit}
        loading={commit.isPending}
        onClick={() => result && confirm(result)}
        data-testid="rt-commit"
      >
        {t('rt.commit')}
      </Button>
    </Space>
  );

  return (
    <Modal open title={t('rt.title')} width={1100} footer={footer} onCancel={onClose} destroyOnHidden>
      {committed ? (
        <Result status="success" title={t('rt.doneTitle')} subTitle={t('rt.done', { ...committed.totals })} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={
              <div data-testid="rt-help">
                <div>{t('rt.help1')}</div>
                <div>{t('rt.help2')}</div>
                <div>{t('rt.help3')}</div>
              </div>
            }
          />
          {!file && (
            <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={choose}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('rt.drop')}</p>
              <p className="ant-upload-hint">{t('rt.dropHint')}</p>
            </Upload.Dragger>
          )}
          {file && (
            <Space wrap>
              <Typography.Text>
                {t('rt.file')}: <Typography.Text strong>{file.name}</Typography.Text>
              </Typography.Text>
              {csv && (
                <Select
                  value={sheet}
                  placeholder={t('rt.sheet')}
                  style={{ width: 180 }}
                  options={ROUND_TRIP_SHEETS.map((s) => ({ value: s, label: s }))}
                  onChange={(s) => {
                    setSheet(s);
                    dryRun.mutate({ file, sheet: s });
                  }}
                />
              )}
              {dryRun.isPending && <Typography.Text type="secondary">{t('rt.checking')}</Typography.Text>}
            </Space>
          )}
          {dryRun.isError && <Alert type="error" showIcon title={errorText(t, dryRun.error)} />}
          {commit.isError && <Alert type="error" showIcon title={errorText(t, commit.error)} />}
          {result && <DryRunView result={result} />}
        </Space>
      )}
    </Modal>
  );
}

function DryRunView({ result }: { result: ImportResult }) {
  const t = useT();
  const sheets = ROUND_TRIP_SHEETS.filter((s) => result.sheets.includes(s));
  const countRows = [
    ...sheets.map((s) => ({ key: s, label: s, ...result.counts[s] })),
    { key: 'total', label: t('rt.total'), ...result.totals },
  ];
  const errors = result.totals.errors;
  const warnings = result.totals.warnings;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rt-dry-run">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('rt.dryRunTitle')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        dataSource={countRows}
        data-testid="rt-counts"
        columns={[
          { title: t('rt.sheet'), dataIndex: 'label' },
          ...COUNT_KEYS.map((k) => ({
            title: t(`rt.${k}`),
            dataIndex: k,
            align: 'right' as const,
            render: (v: number) =>
              v > 0 && (k === 'errors' || k === 'delete') ? <Typography.Text type="danger">{v}</Typography.Text> : v,
          })),
        ]}
      />
      {errors > 0 && <Alert type="error" showIcon title={t('rt.hasErrors', { count: errors })} />}
      {errors === 0 && result.rows.length === 0 && <Alert type="success" showIcon title={t('rt.noChanges')} />}
      {warnings > 0 && <Alert type="warning" showIcon title={t('rt.hasWarnings', { count: warnings })} />}
      {result.truncated && <Alert type="warning" title={t('rt.truncated')} />}
      <Tabs
        defaultActiveKey={errors > 0 ? 'findings' : 'rows'}
        items={[
          {
            key: 'rows',
            label: t('rt.changesTab', { count: result.rows.length }),
            children: <ChangesTable rows={result.rows} />,
          },
          {
            key: 'findings',
            label: t('rt.findingsTab', { count: result.findings.length }),
            children: <FindingsTable findings={result.findings} />,
          },
        ]}
      />
    </Space>
  );
}

function ChangesTable({ rows }: { rows: RoundTripRow[] }) {
  const t = useT();
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.sheet}:${r.row}`}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="rt-changes"
      columns={[
        { title: t('rt.sheet'), dataIndex: 'sheet', width: 110 },
        { title: t('rt.row'), dataIndex: 'row', width: 70, align: 'right' },
        {
          title: t('rt.op'),
          dataIndex: 'op',
          width: 80,
          render: (op: RoundTripRow['op']) => <Tag color={OP_COLOURS[op]}>{t(`rt.op.${op}`)}</Tag>,
        },
        {
          title: t('rt.id'),
          dataIndex: 'externalId',
          width: 200,
          render: (id: string, r) => (r.op === 'create' ? <Tag color="green">{`${t('rt.newId')} ${id}`}</Tag> : id),
        },
        {
          title: t('rt.changes'),
          dataIndex: 'changes',
          render: (changes: RoundTripRow['changes'], r) => (
            <Space orientation="vertical" size={0}>
              {changes.map((c) => (
                <span key={c.field}>
                  <Typography.Text code>{c.field}</Typography.Text>{' '}
                  {r.op === 'create' ? show(c.new) : `${show(c.old)} → ${show(c.new)}`}
                </span>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

function FindingsTable({ findings }: { findings: RoundTripFinding[] }) {
  const t = useT();
  return (
    <Table
      size="small"
      rowKey={(f) => `${f.sheet}:${f.row}:${f.column}:${f.code}`}
      dataSource={findings}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="rt-findings"
      columns={[
        { title: t('rt.sheet'), dataIndex: 'sheet', width: 110 },
        { title: t('rt.row'), dataIndex: 'row', width: 70, align: 'right' },
        { title: t('rt.column'), dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '' },
        {
          title: t('rt.code'),
          dataIndex: 'code',
          width: 190,
          render: (code: string, f) => <Tag color={f.severity === 'error' ? 'red' : 'gold'}>{code}</Tag>,
        },
        { title: t('rt.message'), dataIndex: 'message' },
      ]}
    />
  );
}
