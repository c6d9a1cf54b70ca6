import { Badge, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can, ownUnitOnly } from '../../api/auth';
import { ASSIGNMENT_STATES, type AssignmentItem, LIGHT_CODES } from '../../api/plan-types';
import { assignmentsApi } from '../../api/plans';
import type { ListParams } from '../../api/types';
import { formatInstant } from '../../components/entity-history';
import { ListPage } from '../../components/list-page';
import {
  LightDot,
  measureNo,
  ProgressCell,
  periodLabel,
  ReportStatusTag,
  StateTag,
  useDefaultAsOf,
} from '../../components/plan-bits';
import { useCurrentUser } from '../../components/require-auth';
import { useT } from '../../i18n';
import { useMeasureUnitOptions, usePlanOptions } from './use-plan-options';

/** The list endpoint takes `sort=-due` rather than sort + order. */
function fetchAssignments(params: ListParams) {
  const { sort, order, ...rest } = params;
  return assignmentsApi.list({ ...rest, sort: sort ? `${order === 'desc' ? '-' : ''}${sort}` : undefined });
}

/** Assignments with traffic lights: all of them for the office, the own unit's as "我的任务" for unit staff. */
export default function AssignmentsPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const own = ownUnitOnly(me);
  const mine = can(me, 'assignments.work') && own !== null;
  const defaultAsOf = useDefaultAsOf();
  const planId = params.get('planId');
  const planOptions = usePlanOptions();
  const { measures, units } = useMeasureUnitOptions(planId);
  const asOf = params.get('asOf');

  const open = (a: AssignmentItem) => navigate(`/admin/assignments/${a.id}${asOf ? `?asOf=${asOf}` : ''}`);

  const columns: ColumnsType<AssignmentItem> = [
    {
      title: t('asg.light'),
      key: 'light',
      sorter: true,
      width: 90,
      render: (_, a) => <LightDot code={a.light.code} reasons={a.light.reasons} label />,
    },
    {
      title: t('asg.externalId'),
      dataIndex: 'externalId',
      render: (v: string, a) => (
        <Link to={`/admin/assignments/${a.id}${asOf ? `?asOf=${asOf}` : ''}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: t('asg.measure'),
      key: 'measure',
      sorter: true,
      render: (_, a) => (
        <div style={{ maxWidth: 280, whiteSpace: 'normal' }}>
          {measureNo(t, a.measureNumber)}
          {a.measureTitle}
        </div>
      ),
    },
    ...(mine
      ? []
      : [{ title: t('asg.unit'), key: 'unit', sorter: true, render: (_: unknown, a: AssignmentItem) => a.unitName }]),
    { title: t('asg.role'), dataIndex: 'role', render: (r: string) => t.opt('role.assignment.', r) },
    { title: t('asg.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
    {
      title: t('asg.progress'),
      key: 'progress',
      sorter: true,
      render: (_, a) => <ProgressCell value={a.progress} light={a.light.code} />,
    },
    { title: t('asg.dueDate'), key: 'due', sorter: true, render: (_, a) => a.dueDate ?? t('asg.noDue') },
    {
      title: t('asg.lastReport'),
      key: 'lastReport',
      render: (_, a) =>
        a.lastReport ? (
          <Space size={4}>
            <span>{periodLabel(t, a.lastReport.period)}</span>
            <ReportStatusTag status={a.lastReport.status} />
            {a.lastReport.submittedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatInstant(a.lastReport.submittedAt).slice(0, 10)}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('asg.noReport')}</Typography.Text>
        ),
    },
    {
      title: '',
      key: 'pending',
      render: (_, a) => (a.pendingReview ? <Badge status="processing" text={t('asg.pendingReview')} /> : null),
    },
  ];

  return (
    <ListPage<AssignmentItem>
      title={mine ? t('nav.myAssignments') : t('nav.assignments')}
      description={
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {mine && own ? t('asg.mineIntro', { name: own.name }) : t('asg.allIntro')}
          {mine && own && <Tag style={{ marginInlineStart: 8 }}>{own.code}</Tag>}
        </Typography.Paragraph>
      }
      queryKey="assignments"
      fetch={fetchAssignments}
      columns={columns}
      rowKey={(a) => String(a.id)}
      searchPlaceholder={t('asg.searchPlaceholder')}
      onRow={(a) => ({ onClick: () => open(a), style: { cursor: 'pointer' } })}
      filters={[
        {
          name: 'planId',
          type: 'select',
          placeholder: t('asg.allPlans'),
          options: planOptions,
          width: 220,
          resets: ['measureId'],
        },
        ...(mine
          ? []
          : [
              {
                name: 'unitCode',
                type: 'select' as const,
                placeholder: t('asg.allUnits'),
                options: units,
                showSearch: true,
                width: 180,
              },
            ]),
        ...(planId
          ? [
              {
                name: 'measureId',
                type: 'select' as const,
                placeholder: t('asg.allMeasures'),
                options: measures,
                showSearch: true,
                width: 220,
              },
            ]
          : []),
        {
          name: 'state',
          type: 'select',
          placeholder: t('asg.allStates'),
          options: ASSIGNMENT_STATES.map((s) => ({ value: s, label: t.opt('state.', s) })),
          width: 130,
        },
        {
          name: 'light',
          type: 'select',
          placeholder: t('asg.allLights'),
          options: LIGHT_CODES.map((c) => ({ value: c, label: <LightDot code={c} label /> })),
          width: 130,
        },
        { name: 'asOf', type: 'date', placeholder: t('asg.asOf'), label: t('asg.asOf'), defaultValue: defaultAsOf },
      ]}
    />
  );
}
