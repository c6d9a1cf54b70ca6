import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { SubPlanDetail, SubPlanFinding, SubPlanStatus } from '../../api/subplan-types';
import { measureNo, useDefaultAsOf } from '../../components/plan-bits';
import { type TFunction, useT } from '../../i18n';

export const subPlanKey = (id: number) => ['subplans', 'detail', id] as const;
export const subPlansKey = (planId: number) => ['subplans', 'list', planId] as const;

const COLOURS: Record<SubPlanStatus, string> = {
  not_started: 'default',
  draft: 'orange',
  filed: 'blue',
  returned: 'red',
  accepted: 'green',
};

export function SubPlanStatusTag({ status }: { status: SubPlanStatus }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status] ?? 'default'} data-status={status}>
      {t.opt('sub.status.', status)}
    </Tag>
  );
}

/** Days past the due date as of the demo date (or today); 0 when not yet due. */
export function useOverdueDays(dueDate: string): number {
  const asOf = useDefaultAsOf();
  return asOf ? Math.max(0, dayjs(asOf).diff(dayjs(dueDate), 'day')) : 0;
}

/** "迟报 3 天" for a late filing, "已逾期 56 天" in red while unfiled past the due date, else "按时". */
export function Timeliness({
  lateDays,
  overdue,
  dueDate,
}: {
  lateDays: number | null;
  overdue: boolean;
  dueDate: string;
}) {
  const t = useT();
  const days = useOverdueDays(dueDate);
  if (lateDays) return <Typography.Text type="danger">{t('sub.lateDays', { days: lateDays })}</Typography.Text>;
  if (overdue && days > 0) return <Typography.Text type="danger">{t('sub.overdueDays', { days })}</Typography.Text>;
  return <Typography.Text type="secondary">{t('sub.onTime')}</Typography.Text>;
}

/** "第2项任务缺少责任部门", "措施(十)尚未分解也未说明不适用". */
export function findingText(t: TFunction, f: SubPlanFinding, detail: SubPlanDetail): string {
  const measure = detail.measures.find((m) => m.externalId === f.measureExternalId);
  const no = measure ? measureNo(t, measure.number) : (f.measureExternalId ?? '');
  return t.opt('sub.f.', f.code) === f.code
    ? f.code
    : t(`sub.f.${f.code}` as 'sub.f.TASK_NO_UNIT', { n: f.task ?? '', no });
}

/** Whether this user may edit the filing now (its district, not filed or accepted). */
export function isEditable(detail: SubPlanDetail, canFile: boolean): boolean {
  return canFile && ['not_started', 'draft', 'returned'].includes(detail.status);
}
