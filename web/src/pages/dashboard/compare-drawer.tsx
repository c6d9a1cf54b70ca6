import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Drawer, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CompareChange, CompareRow } from '../../api/dashboard-types';
import type { LightCode } from '../../api/plan-types';
import { plansApi } from '../../api/plans';
import { LightDot, pct, StateTag } from '../../components/plan-bits';
import { errorText, useT } from '../../i18n';

type Only = 'changed' | 'enteredRed' | 'leftRed';
const STATUS_COLOURS: Record<string, string> = { added: 'green', removed: 'default', changed: 'blue', unchanged: '' };

function Value({ field, value }: { field: string; value: unknown }) {
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">∅</Typography.Text>;
  if (field === 'light') return <LightDot code={value as LightCode} label />;
  if (field === 'state') return <StateTag state={String(value)} />;
  if (field === 'progress') return <span>{pct(Number(value))}</span>;
  if (Array.isArray(value)) return <span>{value.join('、')}</span>;
  return <span>{String(value)}</span>;
}

function Change({ change }: { change: CompareChange }) {
  const t = useT();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
      <Typography.Text type="secondary">{t.opt('compare.field.', change.field)}</Typography.Text>
      <Value field={change.field} value={change.old} />
      <span>→</span>
      <Value field={change.field} value={change.new} />
    </div>
  );
}

/** "与某日比较": what changed per assignment between a baseline day and the dashboard's as-of day. */
export function CompareDrawer({
  planId,
  to,
  open,
  onClose,
}: {
  planId: number;
  to: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [from, setFrom] = useState(() => dayjs(to).subtract(1, 'month').format('YYYY-MM-DD'));
  const [only, setOnly] = useState<Only>('changed');
  const query = useQuery({
    queryKey: ['plans', 'compare', planId, from, to, only],
    queryFn: () => plansApi.compare(planId, from, to, only),
    enabled: open,
  });
  const preset = (n: number, unit: 'day' | 'month') => setFrom(dayjs(to).subtract(n, unit).format('YYYY-MM-DD'));
  const counts = query.data?.counts;

  return (
    <Drawer open={open} onClose={onClose} size={900} title={t('compare.title')} destroyOnHidden>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('compare.from')}</Typography.Text>
        <DatePicker
          value={dayjs(from)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(to))}
          onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))}
          aria-label={t('compare.from')}
        />
        <Button size="small" onClick={() => preset(7, 'day')}>
          {t('compare.preset.7d')}
        </Button>
        <Button size="small" onClick={() => preset(1, 'month')}>
          {t('compare.preset.1m')}
        </Button>
        <Button size="small" onClick={() => preset(3, 'month')}>
          {t('compare.preset.3m')}
        </Button>
        <Typography.Text type="secondary">
          {t('compare.to')} {to}
        </Typography.Text>
      </Space>
      <div style={{ marginBottom: 12 }}>
        <Segmented<Only>
          value={only}
          onChange={setOnly}
          options={[
            { value: 'changed', label: t('compare.only.all') },
            { value: 'enteredRed', label: t('compare.only.enteredRed') },
            { value: 'leftRed', label: t('compare.only.leftRed') },
          ]}
        />
        {counts && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
            {t('compare.summary', { from, to, changed: counts.changed + counts.added + counts.removed })}
          </Typography.Text>
        )}
      </div>
      {query.isError && <Alert type="error" showIcon title={errorText(t, query.error)} style={{ marginBottom: 12 }} />}
      <Table<CompareRow>
        size="small"
        rowKey="id"
        data-testid="compare-table"
        loading={query.isFetching}
        dataSource={query.data?.rows ?? []}
        locale={{ emptyText: only === 'changed' ? t('compare.noChanges') : t('compare.noneFiltered') }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('compare.item'),
            dataIndex: 'id',
            render: (id: string, r) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/admin/assignments/${r.assignmentId}?asOf=${to}`}>{id}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.unitName}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{t.opt('compare.status.', s)}</Tag>,
          },
          {
            title: t('compare.changes'),
            key: 'changes',
            render: (_, r) => (
              <Space orientation="vertical" size={2}>
                {r.changes.map((c) => (
                  <Change key={c.field} change={c} />
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
