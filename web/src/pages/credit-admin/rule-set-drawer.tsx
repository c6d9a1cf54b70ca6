import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { GRADES, RISK_CLASSES, type RuleSet, ruleSetsApi } from '../../api/credit-admin';
import { errorText, type TFunction, useT } from '../../i18n';

type Value = RuleSet['params'][string];
type Spec = RuleSet['schema'][number];

export function statusTag(t: TFunction, s: string) {
  const color = s === 'active' ? 'green' : s === 'draft' ? 'gold' : 'default';
  return <Tag color={color}>{t.opt('ca.rs.status.', s)}</Tag>;
}

function show(v: Value | undefined): string {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

/** Client-side check of one value against its spec, for messages next to the field (the server checks again). */
function problem(t: TFunction, spec: Spec, v: Value | undefined): string | null {
  if (v === null || v === undefined || v === '') return spec.required ? t('ca.rs.p.required') : null;
  if (spec.type === 'integer') {
    if (typeof v !== 'number' || !Number.isInteger(v)) return t('ca.rs.p.integer');
    if (spec.min !== undefined && v < spec.min) return t('ca.rs.p.min', { n: spec.min });
    if (spec.max !== undefined && v > spec.max) return t('ca.rs.p.max', { n: spec.max });
  }
  if (spec.type === 'boolean' && typeof v !== 'boolean') return t('ca.rs.p.boolean');
  if (spec.type === 'date' && !(typeof v === 'string' && dayjs(v, 'YYYY-MM-DD', true).isValid()))
    return t('ca.rs.p.date');
  if (spec.type === 'monthDay' && !(typeof v === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v)))
    return t('ca.rs.p.monthDay');
  return null;
}

function ParamInput({
  spec,
  value,
  onChange,
  disabled,
}: {
  spec: Spec;
  value: Value | undefined;
  onChange: (v: Value) => void;
  disabled: boolean;
}) {
  const common = { disabled, 'aria-label': spec.key };
  switch (spec.type) {
    case 'integer':
      return (
        <InputNumber
          {...common}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? null)}
          style={{ width: 160 }}
          precision={0}
        />
      );
    case 'boolean':
      return <Switch {...common} checked={value === true} onChange={onChange} />;
    case 'grade':
    case 'riskClass':
      return (
        <Select
          {...common}
          allowClear
          value={value ?? undefined}
          onChange={(v) => onChange(v ?? null)}
          style={{ width: 120 }}
          options={(spec.type === 'grade' ? GRADES : RISK_CLASSES).map((g) => ({ value: g, label: g }))}
        />
      );
    default:
      return (
        <Input
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
          style={{ width: 220 }}
          placeholder={spec.type === 'date' ? 'YYYY-MM-DD' : spec.type === 'monthDay' ? 'MM-DD' : undefined}
        />
      );
  }
}

/** What activating `rs` changes, in words: the version it replaces today and the parameters that differ. */
function activationText(t: TFunction, rs: RuleSet, all: RuleSet[]): ReactNode {
  const current = all.find((o) => o.code === rs.code && o.inForceToday && o.id !== rs.id);
  const diffs = current
    ? Object.keys({ ...current.params, ...rs.params }).filter((k) => current.params[k] !== rs.params[k])
    : [];
  return (
    <Space orientation="vertical">
      <span>{t('ca.rs.activateFrom', { code: rs.code, version: rs.version, from: rs.effectiveFrom ?? '—' })}</span>
      <span>
        {current
          ? t('ca.rs.replaces', { version: current.version, from: current.effectiveFrom ?? '—' })
          : t('ca.rs.replacesNone')}
      </span>
      {diffs.length > 0 && (
        <ul style={{ margin: 0 }}>
          {diffs.map((k) => (
            <li key={k}>
              {k}: {show(current?.params[k])} → {show(rs.params[k])}
            </li>
          ))}
        </ul>
      )}
      {rs.appliesToExisting && <Typography.Text type="warning">{t('ca.rs.appliesToExisting')}</Typography.Text>}
    </Space>
  );
}

/** One version: basis, dates and parameters; drafts edit in a form or as JSON, then activate; active ones retire. */
export function RuleSetDrawer({ rs, all, onClose }: { rs: RuleSet | null; all: RuleSet[]; onClose: () => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<RuleSet['params']>({});
  const [basis, setBasis] = useState('');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  useEffect(() => {
    if (!rs) return;
    setParams(rs.params);
    setBasis(rs.basis);
    setFrom(rs.effectiveFrom);
    setTo(rs.effectiveTo);
    setJson(JSON.stringify(rs.params, null, 2));
    setJsonError(null);
  }, [rs]);
  const done = (msg: string) => () => {
    message.success(msg);
    void queryClient.invalidateQueries({ queryKey: ['credit-rule-sets'] });
  };
  const save = useMutation({
    mutationFn: () =>
      ruleSetsApi.update(rs!.id, { versionNo: rs!.versionNo, params, basis, effectiveFrom: from, effectiveTo: to }),
    onSuccess: done(t('common.saved')),
  });
  const activate = useMutation({
    mutationFn: () => ruleSetsApi.activate(rs!.id, rs!.versionNo),
    onSuccess: done(t('ca.rs.activated')),
  });
  const retire = useMutation({
    mutationFn: () => ruleSetsApi.retire(rs!.id, rs!.versionNo),
    onSuccess: done(t('ca.rs.retired')),
  });
  if (!rs) return null;
  const draft = rs.status === 'draft';
  const problems = rs.schema.map((s) => [s, problem(t, s, params[s.key])] as const).filter(([, p]) => p);
  const dirty =
    JSON.stringify(params) !== JSON.stringify(rs.params) ||
    basis !== rs.basis ||
    from !== rs.effectiveFrom ||
    to !== rs.effectiveTo;
  const err = save.error ?? activate.error ?? retire.error;

  const applyJson = (text: string) => {
    setJson(text);
    try {
      const v = JSON.parse(text) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(t('ca.rs.jsonObject'));
      const unknown = Object.keys(v).filter((k) => !rs.schema.some((s) => s.key === k));
      if (unknown.length) throw new Error(t('ca.rs.jsonUnknown', { keys: unknown.join(', ') }));
      setParams(v as RuleSet['params']);
      setJsonError(null);
    } catch (e) {
      setJsonError((e as Error).message);
    }
  };

  return (
    <Drawer open onClose={onClose} size={760} title={`${rs.code} ${rs.version}`} extra={statusTag(t, rs.status)}>
      {err && <Alert type="error" showIcon title={errorText(t, err)} style={{ marginBottom: 12 }} />}
      {rs.issues.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ca.rs.blocked')}
          description={rs.issues.map((i) => `${i.key}: ${t.opt('ca.rs.issue.', i.problem)}`).join(';')}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'basis',
            label: t('ca.rs.basis'),
            children: draft ? (
              <Input.TextArea value={basis} onChange={(e) => setBasis(e.target.value)} autoSize maxLength={300} />
            ) : (
              rs.basis
            ),
          },
          {
            key: 'dates',
            label: t('ca.rs.effective'),
            children: draft ? (
              <Space>
                <DatePicker
                  value={from ? dayjs(from) : null}
                  onChange={(d) => setFrom(d ? d.format('YYYY-MM-DD') : null)}
                />
                —
                <DatePicker
                  value={to ? dayjs(to) : null}
                  onChange={(d) => setTo(d ? d.format('YYYY-MM-DD') : null)}
                  placeholder={t('ca.rs.openEnd')}
                />
              </Space>
            ) : (
              `${rs.effectiveFrom ?? '—'} — ${rs.effectiveTo ?? t('ca.rs.openEnd')}`
            ),
          },
          {
            key: 'inForce',
            label: t('ca.rs.inForceToday'),
            children: rs.inForceToday ? <Tag color="green">{t('common.yes')}</Tag> : t('common.no'),
          },
          {
            key: 'existing',
            label: t('ca.rs.existingLabel'),
            children: rs.appliesToExisting ? t('common.yes') : t('common.no'),
          },
        ]}
      />
      <Tabs
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'form',
            label: t('ca.rs.form'),
            children: (
              <table className="qc-param-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
                <tbody>
                  {rs.schema.map((s) => {
                    const p = problem(t, s, params[s.key]);
                    return (
                      <tr key={s.key} style={{ borderBottom: '1px solid #f0f0f0' }}>
                        <td style={{ padding: '6px 8px', width: '45%' }}>
                          <div>
                            {t.lang === 'en' ? s.en : s.zh}
                            {s.required && <Typography.Text type="danger"> *</Typography.Text>}
                          </div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {s.key}
                            {s.unit ? ` · ${t.opt('ca.rs.unit.', s.unit)}` : ''}
                            {s.configurable ? '' : ` · ${t('ca.rs.statutory')}`}
                          </Typography.Text>
                        </td>
                        <td style={{ padding: '6px 8px' }}>
                          <ParamInput
                            spec={s}
                            value={params[s.key]}
                            disabled={!draft}
                            onChange={(v) => setParams({ ...params, [s.key]: v })}
                          />
                          {p && (
                            <div>
                              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                                {p}
                              </Typography.Text>
                            </div>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ),
          },
          {
            key: 'json',
            label: 'JSON',
            children: (
              <>
                <Input.TextArea
                  value={json}
                  onChange={(e) => applyJson(e.target.value)}
                  autoSize={{ minRows: 8, maxRows: 24 }}
                  readOnly={!draft}
                  style={{ fontFamily: 'monospace' }}
                  aria-label="params-json"
                />
                {jsonError && <Alert type="error" showIcon title={jsonError} style={{ marginTop: 8 }} />}
              </>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        {draft && (
          <Button
            type="primary"
            disabled={!dirty || !!jsonError}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('common.save')}
          </Button>
        )}
        {draft && (
          <Button
            disabled={dirty || problems.length > 0 || rs.issues.length > 0}
            loading={activate.isPending}
            onClick={() =>
              modal.confirm({
                title: t('ca.rs.activateConfirm'),
                content: activationText(t, rs, all),
                width: 560,
                onOk: () => activate.mutateAsync(),
              })
            }
          >
            {t('ca.rs.activate')}
          </Button>
        )}
        {rs.status === 'active' && (
          <Button
            danger
            loading={retire.isPending}
            onClick={() =>
              modal.confirm({
                title: t('ca.rs.retireConfirm'),
                content: rs.inForceToday
                  ? t('ca.rs.retireInForce', { code: rs.code, version: rs.version })
                  : t('ca.rs.retireText', { code: rs.code, version: rs.version }),
                okButtonProps: { danger: true },
                onOk: () => retire.mutateAsync(),
              })
            }
          >
            {t('ca.rs.retire')}
          </Button>
        )}
        {draft && dirty && <Typography.Text type="secondary">{t('ca.rs.saveFirst')}</Typography.Text>}
      </Space>
    </Drawer>
  );
}
