import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { SubPlanMeasure, SubPlanTask } from '../../api/subplan-types';
import { measureNo } from '../../components/plan-bits';
import { useT } from '../../i18n';

/** A task as the editor holds it: a stable key for React besides the fields sent to the server. */
export type TaskRow = SubPlanTask & { key: string };
/** measureExternalId → reason, for the measures marked 不适用. */
export type Exclusions = Record<string, string>;

let seq = 0;
export const newKey = () => `t${++seq}`;

interface MeasureProps {
  measure: SubPlanMeasure;
  tasks: TaskRow[];
  /** 1-based position of each task in the whole list (the numbers the findings use). */
  numberOf: (key: string) => number;
  excluded: string | undefined;
  editable: boolean;
  onAdd: () => void;
  onChange: (key: string, patch: Partial<SubPlanTask>) => void;
  onRemove: (key: string) => void;
  onExclude: (reason: string | undefined) => void;
}

function TaskLine({
  row,
  n,
  measure,
  editable,
  onChange,
  onRemove,
}: {
  row: TaskRow;
  n: number;
  measure: SubPlanMeasure;
  editable: boolean;
  onChange: MeasureProps['onChange'];
  onRemove: MeasureProps['onRemove'];
}) {
  const t = useT();
  const set = (patch: Partial<SubPlanTask>) => onChange(row.key, patch);
  return (
    <div data-testid="subplan-task" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      <Tag style={{ minWidth: 52, textAlign: 'center' }}>{t('sub.task.no', { n })}</Tag>
      <Input
        aria-label={t('sub.task.title')}
        placeholder={t('sub.task.title')}
        value={row.title}
        disabled={!editable}
        onChange={(e) => set({ title: e.target.value })}
        style={{ flex: 1, minWidth: 220 }}
      />
      <Input
        aria-label={t('sub.task.dept')}
        placeholder={t('sub.task.dept')}
        value={row.deptName ?? ''}
        disabled={!editable}
        onChange={(e) => set({ deptName: e.target.value })}
        style={{ width: 150 }}
      />
      <Input
        aria-label={t('sub.task.person')}
        placeholder={t('sub.task.person')}
        value={row.responsiblePerson ?? ''}
        disabled={!editable}
        onChange={(e) => set({ responsiblePerson: e.target.value })}
        style={{ width: 110 }}
      />
      <DatePicker
        aria-label={t('sub.task.due')}
        placeholder={t('sub.task.due')}
        value={row.dueDate ? dayjs(row.dueDate) : null}
        disabled={!editable}
        onChange={(d) => set({ dueDate: d ? d.format('YYYY-MM-DD') : null })}
        style={{ width: 140 }}
      />
      <Select
        aria-label={t('sub.task.action')}
        placeholder={t('sub.task.action')}
        value={row.actionExternalId ?? undefined}
        disabled={!editable}
        allowClear
        onChange={(v?: string) => set({ actionExternalId: v ?? null })}
        style={{ width: 200 }}
        popupMatchSelectWidth={420}
        options={measure.actions.map((a, i) => ({ value: a.externalId, label: `${i + 1}. ${a.text}` }))}
      />
      {editable && (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('sub.task.remove')}
          onClick={() => onRemove(row.key)}
        />
      )}
    </div>
  );
}

/** One city measure: its title, the district tasks derived from it, or the 不适用 switch with a reason. */
export function MeasureBlock(props: MeasureProps) {
  const t = useT();
  const { measure, tasks, excluded, editable } = props;
  const na = excluded !== undefined;
  return (
    <div
      id={`measure-${measure.externalId}`}
      data-testid={`measure-${measure.externalId}`}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <Typography.Text strong style={{ flex: 1, minWidth: 240 }}>
          {measureNo(t, measure.number)}
          {measure.title}
        </Typography.Text>
        {!na && <Tag color={tasks.length ? 'blue' : 'default'}>{t('sub.measureTasks', { count: tasks.length })}</Tag>}
        <Space size={6}>
          <Switch
            size="small"
            aria-label={t('sub.na')}
            checked={na}
            disabled={!editable || tasks.length > 0}
            onChange={(on) => props.onExclude(on ? '' : undefined)}
          />
          <Typography.Text type="secondary">{t('sub.na')}</Typography.Text>
        </Space>
      </div>
      {na ? (
        <Input.TextArea
          aria-label={t('sub.naReason')}
          placeholder={t('sub.naReasonPlaceholder')}
          value={excluded}
          disabled={!editable}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onChange={(e) => props.onExclude(e.target.value)}
        />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {tasks.length === 0 && !editable && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sub.noTasks')} style={{ margin: 0 }} />
          )}
          {tasks.map((row) => (
            <TaskLine
              key={row.key}
              row={row}
              n={props.numberOf(row.key)}
              measure={measure}
              editable={editable}
              onChange={props.onChange}
              onRemove={props.onRemove}
            />
          ))}
          {editable && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={props.onAdd}>
              {t('sub.addTask')}
            </Button>
          )}
        </Space>
      )}
    </div>
  );
}
