import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { creditApi, type EnterRecordBody } from '../../api/credit';
import type { FileInfo } from '../../api/plan-types';
import { filesApi } from '../../api/plans';
import { errorText, useT } from '../../i18n';
import { EnterprisePicker, useRecordTypes } from './credit-bits';

const VISIBILITIES = ['PUBLIC', 'SHARED', 'SUBJECT', 'INTERNAL'] as const;

interface Values {
  enterpriseId: number;
  type: string;
  severity?: string;
  authority: string;
  documentNo: string;
  legalBasis: string;
  summary: string;
  conductEndedOn?: Dayjs;
  decidedOn: Dayjs;
  publishedOn?: Dayjs;
  visibility?: EnterRecordBody['visibility'];
}

const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Manual entry of a credit event by a unit, with evidence uploaded first through POST /api/files. */
export function RecordFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { types, options } = useRecordTypes();
  const [files, setFiles] = useState<UploadFile<FileInfo>[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);
  const severities = types.find((x) => x.code === type)?.severities ?? [];

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: EnterRecordBody = {
      enterpriseId: v.enterpriseId,
      type: v.type,
      authority: v.authority.trim(),
      documentNo: v.documentNo.trim(),
      legalBasis: v.legalBasis.trim(),
      summary: v.summary.trim(),
      decidedOn: day(v.decidedOn)!,
      ...(v.severity ? { severity: v.severity } : {}),
      ...(v.conductEndedOn ? { conductEndedOn: day(v.conductEndedOn) } : {}),
      ...(v.publishedOn ? { publishedOn: day(v.publishedOn) } : {}),
      ...(v.visibility ? { visibility: v.visibility } : {}),
      files: files
        .filter((f) => f.status === 'done' && f.response)
        .map((f) => ({ fileId: f.response!.id, name: f.name })),
    };
    modal.confirm({
      title: t('credit.confirmTitle'),
      content: t('credit.rec.formHelp'),
      okText: t('credit.rec.submit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const r = await creditApi.enter(body);
          void message.success(t('credit.rec.saved', { outcome: t.opt('credit.rec.outcome.', r.outcome) }));
          form.resetFields();
          setFiles([]);
          onSaved();
          onClose();
        } catch (err) {
          setError(errorText(t, err));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('credit.rec.formTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('credit.rec.submit')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common.cancel')}
      width={760}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('credit.rec.formHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="enterpriseId"
          label={t('credit.rec.enterprise')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <EnterprisePicker />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="type"
              label={t('credit.rec.type')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={() => form.setFieldValue('severity', undefined)}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="severity" label={t('credit.rec.severity')}>
              <Select
                allowClear
                disabled={severities.length === 0}
                options={severities.map((s) => ({ value: s, label: t.opt('credit.rec.sev.', s) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="authority"
              label={t('credit.col.authority')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="documentNo"
              label={t('credit.col.documentNo')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="legalBasis"
          label={t('credit.col.legalBasis')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('credit.col.summary')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="conductEndedOn" label={t('credit.rec.conductEndedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="decidedOn"
              label={t('credit.rec.decidedOn')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="publishedOn" label={t('credit.rec.publishedOn')} extra={t('credit.rec.publishedHelp')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="visibility" label={t('credit.rec.visibility')}>
          <Select
            allowClear
            placeholder={t('credit.rec.visibilityDefault')}
            options={VISIBILITIES.map((v) => ({ value: v, label: t(`credit.vis.${v}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('credit.rec.files')}>
          <Upload<FileInfo>
            multiple
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError }) => {
              filesApi
                .upload(file as File)
                .then((info) => onSuccess?.(info))
                .catch((err: Error) => {
                  void message.error(errorText(t, err));
                  onError?.(err);
                });
            }}
          >
            <UploadOutlined /> {t('credit.rec.upload')}
          </Upload>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
