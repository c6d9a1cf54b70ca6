import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Slider, Space, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import type { FileInfo } from '../../api/plan-types';
import { filesApi } from '../../api/plans';
import { errorText, useT } from '../../i18n';

/** Progress as a slider with a number box beside it (one form value). */
export function ProgressInput({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const t = useT();
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
      <Slider
        style={{ flex: 1 }}
        min={0}
        max={100}
        value={value ?? 0}
        onChange={(v) => onChange?.(v)}
        marks={{ 0: '0', 25: '25', 50: '50', 75: '75', 100: '100' }}
      />
      <InputNumber
        min={0}
        max={100}
        precision={1}
        value={value ?? 0}
        onChange={(v) => onChange?.(v ?? 0)}
        suffix="%"
        style={{ width: 110 }}
        aria-label={t('report.progress')}
      />
    </div>
  );
}

/** Evidence uploads: each file goes to POST /api/files at once; the report keeps `{fileId, name}`. */
export function EvidenceUpload({
  fileList,
  onChange,
}: {
  fileList: UploadFile<FileInfo>[];
  onChange: (list: UploadFile<FileInfo>[]) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <Upload<FileInfo>
      multiple
      fileList={fileList}
      onChange={({ fileList: next }) => onChange(next)}
      customRequest={({ file, onSuccess, onError }) => {
        const f = file as File;
        filesApi
          .upload(f)
          .then((info) => onSuccess?.(info))
          .catch((err: Error) => {
            void message.error(t('report.uploadFailed', { name: f.name, message: errorText(t, err) }));
            onError?.(err);
          });
      }}
    >
      <Button icon={<UploadOutlined />}>{t('report.upload')}</Button>
    </Upload>
  );
}

/** Key results as rows of indicator / target / actual. */
export function KeyResultsInput() {
  const t = useT();
  return (
    <Form.List name="keyResults">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap>
              <Form.Item
                name={[field.name, 'name']}
                rules={[{ required: true, whitespace: true, message: t('report.kr.name') }]}
                style={{ marginBottom: 0 }}
              >
                <Input placeholder={t('report.kr.name')} maxLength={100} style={{ width: 220 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'target']} style={{ marginBottom: 0 }}>
                <Input placeholder={t('report.kr.target')} maxLength={100} style={{ width: 130 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'actual']} style={{ marginBottom: 0 }}>
                <Input placeholder={t('report.kr.actual')} maxLength={100} style={{ width: 130 }} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', target: '', actual: '' })}>
            {t('report.kr.add')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/** Evidence links as rows of name / address. */
export function LinksInput() {
  const t = useT();
  return (
    <Form.List name="links">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap>
              <Form.Item
                name={[field.name, 'name']}
                rules={[{ required: true, whitespace: true, message: t('report.linkName') }]}
                style={{ marginBottom: 0 }}
              >
                <Input placeholder={t('report.linkName')} maxLength={200} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'url']}
                rules={[{ required: true, pattern: /^https?:\/\/\S+$/, message: t('report.linkInvalid') }]}
                style={{ marginBottom: 0 }}
              >
                <Input placeholder={t('report.linkUrl')} maxLength={2000} style={{ width: 320 }} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', url: '' })}>
            {t('report.addLink')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
