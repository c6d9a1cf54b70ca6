import { useQuery } from '@tanstack/react-query';
import { Alert, App, Checkbox, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { creditApi, type RepairApplication, type RepairBody, type RepairKind } from '../../api/credit';
import { errorText, type TFunction, useT } from '../../i18n';

type ChecklistKey = keyof RepairBody['checklist'];

/** What the applicant declares per kind (credit.md §5.2–§5.4); the server checks the same list. */
const CHECKLIST: Record<RepairKind, ChecklistKey[]> = {
  ABNORMAL_REMOVAL: ['cured'],
  SERIOUS_EARLY_REMOVAL: ['obligationsFulfilled', 'rectified', 'harmRemoved', 'measureTermsExpired'],
  PENALTY_EARLY_STOP: ['obligationsFulfilled', 'harmRemoved'],
};

/** "NOT_YET:2022-10-15" → 未到最早可申请日 2022-10-15; "CHECKLIST:rectified" → 未确认:已完成整改. */
export function repairReasonText(t: TFunction, reason: string): string {
  const [code = '', detail = ''] = reason.split(':');
  const shown = code === 'CHECKLIST' ? t.opt('credit.repair.ck.', detail) : detail;
  const key = `credit.repair.reason.${code}`;
  const text = t.opt('credit.repair.reason.', code);
  return text === code ? reason : t(key as Parameters<TFunction>[0], { detail: shown });
}

export interface RepairTarget {
  kind: RepairKind;
  recordId?: number;
  entryId?: number;
  label: string;
}

/**
 * Credit repair application: eligibility with reasons and the earliest day (asked again on every tick),
 * the checklist, the signed commitment, the SLA. Submitting is possible only when the server says eligible.
 */
export function RepairModal({
  target,
  onClose,
  onApplied,
}: {
  target: RepairTarget | null;
  onClose: () => void;
  onApplied: (a: RepairApplication) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [checked, setChecked] = useState<Partial<Record<ChecklistKey, boolean>>>({});
  const [signed, setSigned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setChecked({});
    setSigned(false);
    setError(null);
  }, [target]);

  const body: RepairBody | null = target
    ? {
        kind: target.kind,
        ...(target.recordId !== undefined ? { recordId: target.recordId } : {}),
        ...(target.entryId !== undefined ? { entryId: target.entryId } : {}),
        checklist: checked,
        commitmentSigned: signed,
      }
    : null;
  const verdict = useQuery({
    queryKey: ['repair-eligibility', body],
    queryFn: () => creditApi.eligibility(body!),
    enabled: body !== null,
    placeholderData: (prev) => prev,
  });

  const submit = async () => {
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      const a = await creditApi.applyRepair(body);
      void message.success(t('credit.repair.applied', { day: a.acceptDueOn }));
      onApplied(a);
      onClose();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const v = verdict.data;
  return (
    <Modal
      open={target !== null}
      title={t('credit.repair.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('credit.repair.submit')}
      okButtonProps={{ disabled: !v?.eligible, loading: busy }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={600}
    >
      {target && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text>
            {t('credit.repair.kind')}:<Typography.Text strong>{t(`credit.repair.kind.${target.kind}`)}</Typography.Text>
            <br />
            {t('credit.repair.on', { what: target.label })}
          </Typography.Text>
          {verdict.isPending && <Spin description={t('credit.repair.checking')} />}
          {verdict.isError && <Alert type="error" showIcon title={errorText(t, verdict.error)} />}
          {v && (
            <Alert
              data-testid="repair-eligibility"
              type={v.eligible ? 'success' : 'warning'}
              showIcon
              title={v.eligible ? t('credit.repair.eligible') : t('credit.repair.notEligible')}
              description={
                <>
                  {v.earliestOn && <div>{t('credit.repair.earliest', { day: v.earliestOn })}</div>}
                  {v.reasons.length > 0 && (
                    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {v.reasons.map((r) => (
                        <li key={r}>{repairReasonText(t, r)}</li>
                      ))}
                    </ul>
                  )}
                </>
              }
            />
          )}
          <div>
            <Typography.Text strong>{t('credit.repair.checklist')}</Typography.Text>
            {CHECKLIST[target.kind].map((k) => (
              <div key={k}>
                <Checkbox checked={!!checked[k]} onChange={(e) => setChecked({ ...checked, [k]: e.target.checked })}>
                  {t(`credit.repair.ck.${k}`)}
                </Checkbox>
              </div>
            ))}
          </div>
          {target.kind !== 'ABNORMAL_REMOVAL' && (
            <Checkbox checked={signed} onChange={(e) => setSigned(e.target.checked)} data-testid="repair-commitment">
              {t('credit.repair.commitment')}
            </Checkbox>
          )}
          <Typography.Text type="secondary">
            {t('credit.repair.sla')} {t('credit.repair.noFee')}
          </Typography.Text>
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      )}
    </Modal>
  );
}
