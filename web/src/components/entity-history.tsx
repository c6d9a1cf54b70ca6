import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { auditApi } from '../api/audit';
import { ApiError } from '../api/client';
import type { AuditRow } from '../api/types';
import { errorText, type TFunction, useT } from '../i18n';

/** Formats an ISO instant in local time. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface DiffRow {
  field: string;
  before: string;
  after: string;
}

/** The fields that differ between an audit row's before and after images. */
export function diffRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const rows: DiffRow[] = [];
  for (const field of keys) {
    const b = before ? before[field] : undefined;
    const a = after ? after[field] : undefined;
    if (JSON.stringify(b) !== JSON.stringify(a)) rows.push({ field, before: show(b), after: show(a) });
  }
  return rows;
}

/** A compact before/after table of one audit row's changes. */
export function AuditDiff({ row }: { row: AuditRow }) {
  const t = useT();
  const rows = diffRows(row.before, row.after);
  if (rows.length === 0) return null;
  return (
    <Table<DiffRow>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 160 },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
        },
        { title: t('audit.after'), dataIndex: 'after' },
      ]}
    />
  );
}

/** "name (role · scope)" for an audit row's actor. */
export function actorLabel(t: TFunction, row: AuditRow): string {
  const name = row.actorName ?? t('audit.system');
  const role = row.role ? t.opt('role.', row.role) : '';
  const extra = [role, row.scope].filter(Boolean).join(' · ');
  return extra ? `${name}(${extra})` : name;
}

/** The audit history of one record (newest first), e.g. entityType `org_unit`, entityId = unit code. */
export function EntityHistory({ entityType, entityId }: { entityType: string; entityId: string }) {
  const t = useT();
  const query = useQuery({
    queryKey: ['audit', { entityType, entityId, pageSize: 100 }],
    queryFn: () => auditApi.list({ entityType, entityId, pageSize: 100 }),
  });
  if (query.isPending) return <Spin />;
  if (query.isError) {
    const forbidden = query.error instanceof ApiError && query.error.status === 403;
    return <Alert type={forbidden ? 'info' : 'error'} title={forbidden ? t('audit.historyForbidden') : errorText(t, query.error)} />;
  }
  const items = [...query.data.items].sort((a, b) => b.seq - a.seq);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noHistory')} />;
  return (
    <Timeline
      items={items.map((row) => ({
        key: row.seq,
        title: formatInstant(row.at),
        content: (
          <div>
            <div style={{ marginBottom: 4 }}>
              <Tag color="blue">{t.opt('action.', row.action)}</Tag>
              <Typography.Text>{actorLabel(t, row)}</Typography.Text>
            </div>
            <AuditDiff row={row} />
          </div>
        ),
      }))}
    />
  );
}
