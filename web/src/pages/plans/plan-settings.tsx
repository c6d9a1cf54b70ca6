import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, InputNumber, Radio, Row, Select } from 'antd';
import type { PlanDetail, PlanSettings } from '../../api/plan-types';
import { plansApi } from '../../api/plans';
import { errorText, useT } from '../../i18n';

type Values = Pick<
  PlanSettings,
  'assignmentMode' | 'signDays' | 'nearDays' | 'tolerance' | 'cadence' | 'reportDueDay' | 'narrativeMinLength'
>;
const KEYS: (keyof Values)[] = [
  'assignmentMode',
  'signDays',
  'nearDays',
  'tolerance',
  'cadence',
  'reportDueDay',
  'narrativeMinLength',
];

/** Supervision settings: how publishing assigns, sign-off window, light thresholds and report cadence. */
export function PlanSettingsPanel({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const draft = plan.status === 'draft';
  const initial = Object.fromEntries(KEYS.map((k) => [k, plan.settings[k]])) as Values;

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      // Only what changed; assignmentMode is refused once published.
      const changed = Object.fromEntries(KEYS.filter((k) => v[k] !== initial[k]).map((k) => [k, v[k]]));
      return plansApi.updateSettings(plan.id, plan.version, changed);
    },
    onSuccess: () => {
      void message.success(t('settings.saved'));
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
    },
  });

  const num = (name: keyof Values, label: string, min: number, max: number, help?: string) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item name={name} label={label} extra={help} rules={[{ required: true, message: label }]}>
        <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} disabled={!editable} />
      </Form.Item>
    </Col>
  );

  return (
    <Form<Values>
      form={form}
      name="plan-settings"
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => mutation.mutate(v)}
      style={{ maxWidth: 900 }}
    >
      {!editable && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="assignmentMode"
        label={t('settings.assignmentMode')}
        extra={draft ? undefined : t('settings.modeLocked')}
      >
        <Radio.Group disabled={!editable || !draft}>
          <Radio value="perMeasure">{t('settings.mode.perMeasure')}</Radio>
          <Radio value="perAction">{t('settings.mode.perAction')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Row gutter={16}>
        {num('signDays', t('settings.signDays'), 0, 90, t('settings.signDaysHelp'))}
        {num('nearDays', t('settings.nearDays'), 0, 90, t('settings.nearDaysHelp'))}
        {num('tolerance', t('settings.tolerance'), 0, 100, t('settings.toleranceHelp'))}
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="cadence" label={t('settings.cadence')}>
            <Select
              disabled={!editable}
              options={(['monthly', 'quarterly', 'adhoc'] as const).map((c) => ({
                value: c,
                label: t(`cadence.${c}`),
              }))}
            />
          </Form.Item>
        </Col>
        {num('reportDueDay', t('settings.reportDueDay'), 1, 31, t('settings.reportDueDayHelp'))}
        {num('narrativeMinLength', t('settings.narrativeMinLength'), 0, 2000)}
      </Row>
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      {editable && (
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
