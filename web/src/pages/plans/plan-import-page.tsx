import { ArrowLeftOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Tabs, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import type { PlanSummary } from '../../api/plan-types';
import { plansApi } from '../../api/plans';
import { errorText, type MsgKey, type TFunction, useT } from '../../i18n';

/** The server's limit on a pasted text (ImportTextBody.maxLength). */
const MAX_CHARS = 2_000_000;
const FILE_TYPES = ['.txt', '.docx', '.pdf'];

interface Options {
  code?: string;
  year?: number;
  sourceName?: string;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A failed import explained: what went wrong (by error code), what to do, and the server's own words. */
export function ImportError({ error }: { error: unknown }) {
  const t = useT();
  const code = error instanceof ApiError ? error.code : '';
  const title = t.opt('planImport.err.', code);
  const hint = t.opt('planImport.hint.', code);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-error"
      title={title === code ? t('planImport.failed') : title}
      description={
        <Space orientation="vertical" size={2}>
          {hint !== code && <span>{hint}</span>}
          <Typography.Text type="secondary">{errorText(t, error)}</Typography.Text>
        </Space>
      }
    />
  );
}

function hasAllowedType(name: string): boolean {
  const lower = name.toLowerCase();
  return FILE_TYPES.some((ext) => lower.endsWith(ext));
}

function OptionFields({ t, withSource }: { t: TFunction; withSource: boolean }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name="code"
          label={t('planImport.code')}
          extra={t('planImport.codeHint')}
          rules={[{ pattern: /^[A-Z][A-Z0-9]{1,15}$/, message: t('planImport.codeInvalid') }]}
          normalize={(v: string) => v?.toUpperCase().trim()}
        >
          <Input maxLength={16} placeholder="QD2016" />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="year" label={t('planImport.year')} extra={t('planImport.yearHint')}>
          <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      {withSource && (
        <Col xs={24} md={10}>
          <Form.Item name="sourceName" label={t('planImport.sourceName')} extra={t('planImport.sourceHint')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

/** Import: paste the official text or upload a file → a draft → its preview. */
export default function PlanImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Options & { text?: string }>();
  const [tab, setTab] = useState<'text' | 'file'>('text');
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<MsgKey | null>(null);
  const text = Form.useWatch('text', form) ?? '';

  const mutation = useMutation({
    mutationFn: async (v: Options & { text?: string }): Promise<PlanSummary> => {
      const options = { code: v.code || undefined, year: v.year ?? undefined };
      if (tab === 'file') return plansApi.importFile(file as File, options);
      return plansApi.importText({ text: v.text ?? '', sourceName: v.sourceName?.trim() || undefined, ...options });
    },
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void message.success(t('planImport.done', { title: plan.title }));
      navigate(`/admin/plans/${plan.id}`);
    },
  });

  const submit = async () => {
    setLocalError(null);
    mutation.reset();
    const v = await form.validateFields();
    if (tab === 'text') {
      if (!v.text?.trim()) return setLocalError('planImport.needText');
      if (v.text.length > MAX_CHARS) return setLocalError('planImport.tooLong');
    } else if (!file) {
      return setLocalError('planImport.needFile');
    }
    mutation.mutate(v);
  };

  const textTab = (
    <Form.Item name="text" label={t('planImport.textLabel')} style={{ marginBottom: 8 }}>
      <Input.TextArea
        rows={16}
        placeholder={t('planImport.textPlaceholder')}
        aria-label={t('planImport.textLabel')}
        showCount={{ formatter: ({ count }) => t('planImport.chars', { count: count.toLocaleString() }) }}
        status={text.length > MAX_CHARS ? 'error' : undefined}
        style={{ fontFamily: 'inherit' }}
      />
    </Form.Item>
  );

  const fileTab = (
    <div style={{ marginBottom: 16 }}>
      <Upload.Dragger
        accept={FILE_TYPES.join(',')}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          setLocalError(null);
          mutation.reset();
          if (!hasAllowedType(f.name)) {
            setFile(null);
            setLocalError('planImport.fileType');
          } else {
            setFile(f);
          }
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('planImport.fileDrop')}</p>
        <p className="ant-upload-hint">{t('planImport.fileHint')}</p>
      </Upload.Dragger>
      {file && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="chosen-file">
          <FileTextOutlined /> {t('planImport.fileChosen', { name: file.name, size: sizeText(file.size) })}
        </Typography.Paragraph>
      )}
    </div>
  );

  return (
    <Card
      title={t('planImport.title')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/admin/plans')}>
          {t('plan.back')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('planImport.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="plan-import" requiredMark={false}>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as 'text' | 'file');
            setLocalError(null);
            mutation.reset();
          }}
          items={[
            { key: 'text', label: t('planImport.tabText'), children: textTab },
            { key: 'file', label: t('planImport.tabFile'), children: fileTab },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('planImport.options')}
        </Typography.Title>
        <OptionFields t={t} withSource={tab === 'text'} />
        {localError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="import-error"
            title={t(localError, { max: MAX_CHARS.toLocaleString() })}
          />
        )}
        {mutation.isError && (
          <div style={{ marginBottom: 16 }}>
            <ImportError error={mutation.error} />
          </div>
        )}
        <Button type="primary" size="large" loading={mutation.isPending} onClick={() => void submit()}>
          {tab === 'text' ? t('planImport.submitText') : t('planImport.submitFile')}
        </Button>
      </Form>
    </Card>
  );
}
