import { Card, Table, Tag, Typography } from 'antd';
import type { AssignmentDetail, AssignmentPeriod } from '../../api/plan-types';
import { LIGHT_HEX, measureNo, periodLabel, reasonText } from '../../components/plan-bits';
import { useT } from '../../i18n';

const PERIOD_COLOURS: Record<string, string> = {
  missing: 'default',
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'error',
};

/** The light with every reason that applies and, where it applies, the expected progress. */
export function LightPanel({ assignment }: { assignment: AssignmentDetail }) {
  const t = useT();
  const { code, reasons, expected } = assignment.light;
  return (
    <div
      data-testid="light-panel"
      style={{
        borderInlineStart: `6px solid ${LIGHT_HEX[code]}`,
        background: '#fafafa',
        borderRadius: 6,
        padding: '10px 14px',
      }}
    >
      <Typography.Text strong style={{ color: LIGHT_HEX[code] }}>
        {t.opt('light.', code)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {t('asg.seenAt', { date: assignment.asOf })}
      </Typography.Text>
      {reasons.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>
          {reasons.map((r) => (
            <li key={r}>{reasonText(t, r)}</li>
          ))}
        </ul>
      )}
      {expected !== undefined && expected !== null && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('asg.expected', { value: Math.round(expected * 10) / 10 })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** Report periods with their status: missing, draft, submitted, accepted, returned; late ones flagged. */
export function PeriodsCard({ assignment }: { assignment: AssignmentDetail }) {
  const t = useT();
  return (
    <Card size="small" title={t('asg.periods')}>
      <Table<AssignmentPeriod>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={[...assignment.periods].reverse()}
        locale={{ emptyText: t('common.none') }}
        data-testid="periods"
        columns={[
          { title: t('report.period'), dataIndex: 'key', render: (k: string) => periodLabel(t, k) },
          { title: t('period.due'), dataIndex: 'due' },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, p) =>
              p.status === 'missing' ? (
                // Not yet delivered: open until its due day, then overdue.
                <Tag color={p.late ? 'error' : 'default'}>
                  {p.late ? t('period.status.overdue') : t('period.status.open')}
                </Tag>
              ) : (
                <>
                  <Tag color={PERIOD_COLOURS[p.status] ?? 'default'}>{t.opt('period.status.', p.status)}</Tag>
                  {p.late && <Tag color="orange">{t('period.late')}</Tag>}
                </>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** The measure this assignment belongs to and its actions with their due dates. */
export function MeasureCard({ assignment }: { assignment: AssignmentDetail }) {
  const t = useT();
  const m = assignment.measure;
  return (
    <Card size="small" title={t('asg.measureActions')}>
      <Typography.Paragraph strong>
        {measureNo(t, m.number)}
        {m.title}
      </Typography.Paragraph>
      <ol style={{ paddingInlineStart: 20, margin: 0 }}>
        {m.actions.map((a) => (
          <li key={a.externalId} style={{ marginBottom: 6 }}>
            {a.text}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {t('tree.due')} {a.dueDate ?? '—'} · {t.opt('deadline.', a.deadlineType)}
            </Typography.Text>
          </li>
        ))}
      </ol>
    </Card>
  );
}
