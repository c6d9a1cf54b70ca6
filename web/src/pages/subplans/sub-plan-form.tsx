import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { subPlansApi } from '../../api/plans';
import type { SubPlanDetail, SubPlanTask } from '../../api/subplan-types';
import { errorText, useT } from '../../i18n';
import { type Exclusions, MeasureBlock, newKey, type TaskRow } from './sub-plan-editor';
import { subPlanKey, subPlansKey } from './subplan-bits';

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The breakdown editor: measure by measure, with 保存草稿 and 报备 (mounted afresh for each saved version). */
export function SubPlanForm({ detail, editable }: { detail: SubPlanDetail; editable: boolean }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(detail.title ?? '');
  const [tasks, setTasks] = useState<TaskRow[]>(() => detail.tasks.map((task) => ({ ...task, key: newKey() })));
  const [exclusions, setExclusions] = useState<Exclusions>(() =>
    Object.fromEntries(detail.exclusions.map((e) => [e.measureExternalId, e.reason])),
  );
  const [dirty, setDirty] = useState(false);
  const order = useMemo(() => new Map(detail.measures.map((m, i) => [m.externalId, i])), [detail.measures]);
  const numbers = useMemo(() => new Map(tasks.map((row, i) => [row.key, i + 1])), [tasks]);

  const edit = <T,>(setter: (fn: (prev: T) => T) => void, fn: (prev: T) => T) => {
    setter(fn);
    setDirty(true);
  };
  const addTask = (measureExternalId: string) =>
    edit(setTasks, (prev) => {
      // Keep the list in the city plan's measure order, so task numbers read top to bottom.
      const ord = order.get(measureExternalId) ?? 0;
      const at = prev.filter((row) => (order.get(row.measureExternalId) ?? 0) <= ord).length;
      const row: TaskRow = { key: newKey(), measureExternalId, title: '' };
      return [...prev.slice(0, at), row, ...prev.slice(at)];
    });
  const changeTask = (key: string, patch: Partial<SubPlanTask>) =>
    edit(setTasks, (prev) => prev.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const removeTask = (key: string) => edit(setTasks, (prev) => prev.filter((row) => row.key !== key));
  const exclude = (measureExternalId: string, reason: string | undefined) =>
    edit(setExclusions, (prev) => {
      const next = { ...prev };
      if (reason === undefined) delete next[measureExternalId];
      else next[measureExternalId] = reason;
      return next;
    });

  const done = (data: SubPlanDetail, text: string) => {
    void message.success(text);
    queryClient.setQueryData(subPlanKey(detail.id), data);
    void queryClient.invalidateQueries({ queryKey: subPlansKey(detail.planId) });
  };
  const save = useMutation({
    mutationFn: () =>
      subPlansApi.save(detail.id, {
        version: detail.version,
        ...(blank(title) ? { title: title.trim() } : {}),
        tasks: tasks.map((row) => ({
          measureExternalId: row.measureExternalId,
          actionExternalId: row.actionExternalId ?? null,
          title: row.title.trim(),
          deptName: blank(row.deptName),
          responsiblePerson: blank(row.responsiblePerson),
          dueDate: row.dueDate ?? null,
        })),
        exclusions: Object.entries(exclusions).map(([measureExternalId, reason]) => ({ measureExternalId, reason })),
      }),
    onSuccess: (data) => done(data, t('sub.saved')),
    onError: (err) => void message.error(errorText(t, err)),
  });
  const file = useMutation({
    mutationFn: () => subPlansApi.file(detail.id, detail.version),
    onSuccess: (data) => done(data, t('sub.filedOk')),
  });
  const confirmFile = () =>
    modal.confirm({
      title: t('sub.fileTitle'),
      content: t('sub.fileConfirm', { district: detail.districtName, count: detail.tasks.length }),
      okText: t('sub.file'),
      onOk: () => file.mutateAsync().catch((err) => void message.error(errorText(t, err))),
    });

  const gaps = detail.findings.length;
  const blocked = dirty ? t('sub.fileUnsaved') : gaps ? t('sub.fileBlocked', { count: gaps }) : undefined;
  const toolbar = editable && (
    <Space wrap>
      {dirty && <Typography.Text type="warning">{t('sub.unsaved')}</Typography.Text>}
      <Button icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()}>
        {t('sub.save')}
      </Button>
      <Tooltip title={blocked}>
        <Button type="primary" icon={<SendOutlined />} disabled={Boolean(blocked)} onClick={confirmFile}>
          {t('sub.file')}
        </Button>
      </Tooltip>
    </Space>
  );
  return (
    <Card title={t('sub.editor')} size="small" extra={toolbar} data-testid="subplan-editor">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {editable && <Typography.Text type="secondary">{t('sub.editorIntro')}</Typography.Text>}
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Typography.Text>{t('sub.docTitle')}</Typography.Text>
          <Input
            aria-label={t('sub.docTitle')}
            value={title}
            disabled={!editable}
            placeholder={t('sub.docTitlePlaceholder', { district: detail.districtName })}
            onChange={(e) => edit<string>(setTitle, () => e.target.value)}
            style={{ flex: 1 }}
          />
        </div>
        {detail.measures.map((m) => (
          <MeasureBlock
            key={m.externalId}
            measure={m}
            tasks={tasks.filter((row) => row.measureExternalId === m.externalId)}
            numberOf={(key) => numbers.get(key) ?? 0}
            excluded={exclusions[m.externalId]}
            editable={editable}
            onAdd={() => addTask(m.externalId)}
            onChange={changeTask}
            onRemove={removeTask}
            onExclude={(reason) => exclude(m.externalId, reason)}
          />
        ))}
        {editable && <div style={{ textAlign: 'right' }}>{toolbar}</div>}
      </Space>
    </Card>
  );
}
