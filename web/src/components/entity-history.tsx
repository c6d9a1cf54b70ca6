import { useQueries } from '@tanstack/react-query';
import { Alert, Empty, Spin, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { auditApi } from '../api/audit';
import { ApiError } from '../api/client';
import type { AuditRow } from '../api/types';
import { errorText, type MsgKey, type TFunction, useT } from '../i18n';

/** Formats an ISO instant in local time. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

/** Fields every change touches; listing them would only add noise. */
const HIDDEN_FIELDS = new Set(['version', 'updatedAt']);

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  if (Array.isArray(value)) {
    // Alias lists come as [{id, alias, source}] or plain strings.
    // Alias lists come as [{alias}], evidence and key results as [{name, …}].
    return value
      .map((v) => {
        if (v && typeof v === 'object' && 'alias' in v) return String((v as { alias: unknown }).alias);
        if (v && typeof v === 'object' && 'name' in v) return String((v as { name: unknown }).name);
        return show(v);
      })
      .join('、');
  }
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
    if (HIDDEN_FIELDS.has(field)) continue;
    const b = before ? before[field] : undefined;
    const a = after ? after[field] : undefined;
    if (JSON.stringify(b) !== JSON.stringify(a)) rows.push({ field, before: show(b), after: show(a) });
  }
  return rows;
}

/** Labels for the record fields that audit rows carry. */
const FIELD_LABELS: Record<string, MsgKey> = {
  code: 'orgs.code',
  name: 'orgs.name',
  fullName: 'orgs.fullName',
  shortName: 'orgs.shortName',
  kind: 'orgs.kind',
  parentCode: 'orgs.parent',
  divisionCode: 'orgs.divisionCode',
  validFrom: 'orgs.validFrom',
  validTo: 'orgs.validTo',
  successorCode: 'orgs.successor',
  assessed: 'orgs.assessed',
  displayOrder: 'orgs.displayOrder',
  contactPerson: 'orgs.contactPerson',
  contactPhone: 'orgs.contactPhone',
  note: 'orgs.note',
  aliases: 'orgs.aliases',
  username: 'users.username',
  displayName: 'users.displayName',
  roles: 'users.roles',
  disabled: 'users.disabled',
  permissions: 'tokens.permissions',
  title: 'plans.planTitle',
  state: 'asg.state',
  status: 'common.status',
  progress: 'asg.progress',
  period: 'report.period',
  narrative: 'report.narrative',
  issues: 'report.issues',
  nextSteps: 'report.nextSteps',
  keyResults: 'report.keyResults',
  evidence: 'report.evidence',
  requestClose: 'report.requestCloseTag',
  regressReason: 'report.regressReason',
  reason: 'event.reason',
  signedAt: 'asg.signedAt',
  dispatchedOn: 'asg.dispatchedOn',
  dueDate: 'asg.dueDate',
  unitCode: 'asg.unit',
  role: 'asg.role',
  completedAt: 'asg.completedAt',
  assignment: 'entity.assignment',
  report: 'entity.report',
};

/** A coded value in the UI language: unit kinds, assignment states, report and plan statuses. */
function codedValue(t: TFunction, field: string, v: string): string {
  if (field === 'kind') return t.opt('kind.', v);
  if (field === 'state') return t.opt('state.', v);
  if (field === 'role') return t.opt('role.assignment.', v);
  // Instants (signedAt, completedAt) in local time, like the row's own time.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatInstant(v);
  if (field === 'status') {
    const report = t.opt('report.status.', v);
    return report === v ? t.opt('plans.status.', v) : report;
  }
  return v;
}

/** A compact before/after table of one audit row's changes. */
export function AuditDiff({ row }: { row: AuditRow }) {
  const t = useT();
  const value = (field: string, v: string) => {
    if (v === 'true') return t('common.yes');
    if (v === 'false') return t('common.no');
    return codedValue(t, field, v);
  };
  const rows = diffRows(row.before, row.after).map((r) => {
    const key = FIELD_LABELS[r.field];
    return { ...r, label: key ? t(key) : r.field, before: value(r.field, r.before), after: value(r.field, r.after) };
  });
  if (rows.length === 0) return null;
  return (
    <Table<DiffRow & { label: string }>
      size="small"
      tableLayout="fixed"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'label',
          width: 130,
          render: (label: string, r) => <span title={r.field}>{label}</span>,
        },
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

export interface EntityRef {
  entityType: string;
  entityId: string;
}

/**
 * The audit history of one record (newest first), e.g. entityType `org_unit`, entityId = unit code; rows of
 * `related` records (an assignment's reports) are merged in, labelled with their record.
 */
export function EntityHistory({ entityType, entityId, related = [] }: EntityRef & { related?: EntityRef[] }) {
  const t = useT();
  const refs = [{ entityType, entityId }, ...related];
  const queries = useQueries({
    queries: refs.map((ref) => ({
      queryKey: ['audit', { ...ref, pageSize: 100 }],
      queryFn: () => auditApi.list({ ...ref, pageSize: 100 }),
    })),
  });
  if (queries.some((q) => q.isPending)) return <Spin />;
  const failed = queries.find((q) => q.isError);
  if (failed) {
    const forbidden = failed.error instanceof ApiError && failed.error.status === 403;
    return (
      <Alert
        type={forbidden ? 'info' : 'error'}
        title={forbidden ? t('audit.historyForbidden') : errorText(t, failed.error)}
      />
    );
  }
  const items = queries.flatMap((q) => q.data?.items ?? []).sort((a, b) => b.seq - a.seq);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noHistory')} />;
  return (
    <Timeline
      data-testid="entity-history"
      items={items.map((row) => ({
        key: row.seq,
        content: (
          <div>
            <div style={{ marginBottom: 6 }}>
              <Tag color="blue">{t.opt('action.', row.action)}</Tag>
              {row.entityType !== entityType && (
                <Tag>
                  {t.opt('entity.', row.entityType)} #{row.entityId}
                </Tag>
              )}
              <Typography.Text>{actorLabel(t, row)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {formatInstant(row.at)}
              </Typography.Text>
            </div>
            <AuditDiff row={row} />
          </div>
        ),
      }))}
    />
  );
}
