import { ArrowLeftOutlined, DiffOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Space, Switch, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { plansApi } from '../../api/plans';
import { type FieldChange, type MeasureDiff, type RevisionPreview, revisionApi } from '../../api/revision';
import { measureNo } from '../../components/plan-bits';
import { errorText, type MsgKey, type TFunction, useT } from '../../i18n';
import { planKey } from './plan-detail-page';

const STATUS_COLOUR = { added: 'green', removed: 'red', changed: 'orange', unchanged: 'default' } as const;

function fieldLabel(t: TFunction, field: string) {
  return t.opt('revision.field.', field);
}

function Change({ t, change }: { t: TFunction; change: FieldChange }) {
  return (
    <div>
      <Typography.Text type="secondary">{fieldLabel(t, change.field)}:</Typography.Text>{' '}
      <Typography.Text delete type="danger">
        {change.old ?? '—'}
      </Typography.Text>{' '}
      → <Typography.Text type="success">{change.new ?? '—'}</Typography.Text>
    </div>
  );
}

function Counts({ t, label, counts }: { t: TFunction; label: MsgKey; counts: Record<string, number> }) {
  return (
    <Card size="small" style={{ minWidth: 220, flex: 1 }}>
      <Typography.Text strong>{t(label)}</Typography.Text>
      <div style={{ marginTop: 6 }}>
        {Object.entries(counts).map(([k, n]) => (
          <Tag
            key={k}
            color={
              n > 0 && k !== 'unchanged' ? (STATUS_COLOUR[k as keyof typeof STATUS_COLOUR] ?? 'orange') : undefined
            }
          >
            {t(`revision.count.${k}` as MsgKey, { n })}
          </Tag>
        ))}
      </div>
    </Card>
  );
}

function MeasureCard({ t, diff, units }: { t: TFunction; diff: MeasureDiff; units: Record<string, string> }) {
  const shown = diff.new ?? diff.old!;
  const role = (r: string) => t.opt('revision.role.', r);
  return (
    <Card size="small" data-testid="revision-measure">
      <Space wrap>
        <Tag color={STATUS_COLOUR[diff.status]}>{t(`revision.status.${diff.status}`)}</Tag>
        <Typography.Text strong>
          {measureNo(t, shown.number)} {shown.title}
        </Typography.Text>
      </Space>
      {diff.changes.map((c) => (
        <Change key={c.field} t={t} change={c} />
      ))}
      {diff.actions.some((a) => a.status !== 'unchanged') && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('revision.actions')}</Typography.Text>
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {diff.actions
              .filter((a) => a.status !== 'unchanged')
              .map((a, i) => (
                <li key={`${a.status}-${a.old?.externalId ?? a.new?.externalId}-${i}`}>
                  <Tag color={STATUS_COLOUR[a.status]}>{t(`revision.status.${a.status}`)}</Tag>
                  {a.status === 'removed' ? (
                    <Typography.Text delete>{a.old!.text}</Typography.Text>
                  ) : (
                    <Typography.Text>{a.new!.text}</Typography.Text>
                  )}
                  {a.status === 'changed' && a.changes.map((c) => <Change key={c.field} t={t} change={c} />)}
                </li>
              ))}
          </ul>
        </div>
      )}
      {(diff.units.added.length > 0 || diff.units.removed.length > 0 || diff.units.roleChanged.length > 0) && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('revision.units')}:</Typography.Text>{' '}
          {diff.units.added.map((u) => (
            <Tag key={`+${u.unitCode}`} color="green">
              + {units[u.unitCode] ?? u.unitCode}({role(u.role)})
            </Tag>
          ))}
          {diff.units.removed.map((u) => (
            <Tag key={`-${u.unitCode}`} color="red">
              − {units[u.unitCode] ?? u.unitCode}
            </Tag>
          ))}
          {diff.units.roleChanged.map((u) => (
            <Tag key={`~${u.unitCode}`} color="orange">
              {units[u.unitCode] ?? u.unitCode}:{role(u.old)} → {role(u.new)}
            </Tag>
          ))}
        </div>
      )}
    </Card>
  );
}

function Result({ t, preview }: { t: TFunction; preview: RevisionPreview }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const { summary } = preview;
  const identical =
    preview.header.length === 0 && summary.measures.added + summary.measures.removed + summary.measures.changed === 0;
  const measures = preview.measures.filter((m) => showUnchanged || m.status !== 'unchanged');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="revision-result">
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Counts t={t} label="revision.summary.measures" counts={summary.measures} />
        <Counts t={t} label="revision.summary.actions" counts={summary.actions} />
        <Counts t={t} label="revision.summary.assignments" counts={summary.assignments} />
      </div>
      {identical && <Alert type="success" showIcon title={t('revision.noChanges')} />}
      {preview.warnings.length > 0 && (
        <Alert type="warning" showIcon title={t('revision.warnings', { n: preview.warnings.length })} />
      )}
      {preview.header.length > 0 && (
        <Card size="small" title={t('revision.header')}>
          {preview.header.map((c) => (
            <Change key={c.field} t={t} change={c} />
          ))}
        </Card>
      )}
      <Space>
        <Switch checked={showUnchanged} onChange={setShowUnchanged} />
        {t('revision.showUnchanged')}
      </Space>
      {measures.length === 0 ? (
        <Empty description={t('revision.empty')} />
      ) : (
        measures.map((m, i) => (
          <MeasureCard
            key={`${m.old?.externalId ?? ''}-${m.new?.externalId ?? ''}-${i}`}
            t={t}
            diff={m}
            units={preview.units}
          />
        ))
      )}
    </Space>
  );
}

/** Compare a revised official text with the published plan: a structural diff, nothing written. */
export default function PlanRevisionPage() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const plan = useQuery({ queryKey: planKey(id), queryFn: () => plansApi.get(id), enabled: id > 0 });
  const [text, setText] = useState('');
  const compare = useMutation({
    mutationFn: (input: { text?: string; file?: File }) =>
      input.file ? revisionApi.previewFile(id, input.file) : revisionApi.previewText(id, input.text ?? ''),
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/admin/plans/${id}`)} aria-label="back" />
            {t('revision.title', { title: plan.data?.title ?? '' })}
          </Space>
        }
      >
        <Alert type="info" showIcon title={t('revision.help')} style={{ marginBottom: 12 }} />
        <Input.TextArea
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('revision.paste')}
          data-testid="revision-text"
        />
        <Space style={{ marginTop: 12 }} wrap>
          <Button
            type="primary"
            icon={<DiffOutlined />}
            disabled={!text.trim()}
            loading={compare.isPending}
            onClick={() => compare.mutate({ text })}
            data-testid="revision-compare"
          >
            {compare.data ? t('revision.again') : t('revision.compare')}
          </Button>
          <Upload
            accept=".txt,.docx,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              compare.mutate({ file });
              return false;
            }}
          >
            <Button icon={<InboxOutlined />}>{t('revision.upload')}</Button>
          </Upload>
        </Space>
        {compare.isError && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(t, compare.error)} />
        )}
      </Card>
      {compare.data && <Result t={t} preview={compare.data} />}
    </Space>
  );
}
