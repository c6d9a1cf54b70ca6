import { Card, Col, Descriptions, Row, Statistic, Typography } from 'antd';
import type { PlanDetail } from '../../api/plan-types';
import { useT } from '../../i18n';
import { TaskTableButton } from '../bulletins/bulletin-bits';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** The document facts (文号, 发文单位, dates, addressees) and the counts of what was recognised. */
export function PlanHeader({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const h = plan.header;
  const draft = plan.status === 'draft';
  const counts: [string, number][] = [
    [t('plan.count.sections'), plan.counts.sections],
    [t('plan.count.measures'), plan.counts.measures],
    [t('plan.count.actions'), plan.counts.actions],
    [t('plan.count.units'), plan.counts.units],
    [draft ? t('plan.count.assignmentsDraft') : t('plan.count.assignments'), plan.counts.assignments],
  ];
  return (
    <Card title={t('plan.header')} size="small" extra={<TaskTableButton planId={plan.id} />}>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={14}>
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            items={[
              { key: 'doc', label: t('plan.docNumber'), children: dash(h.docNumber) },
              {
                key: 'issuer',
                label: t('plan.issuer'),
                children: h.issuer ? `${h.issuer.name}${h.issuer.code ? `(${h.issuer.code})` : ''}` : '—',
              },
              { key: 'written', label: t('plan.writtenOn'), children: dash(h.writtenOn) },
              { key: 'published', label: t('plan.publishedOn'), children: dash(h.publishedOn) },
              { key: 'year', label: t('plan.year'), children: plan.year },
              { key: 'code', label: t('plans.code'), children: plan.code },
              { key: 'notice', label: t('plan.noticeTitle'), children: dash(h.noticeTitle), span: 2 },
              {
                key: 'to',
                label: t('plan.addressees'),
                children: h.addressees.length ? h.addressees.join(',') : '—',
                span: 2,
              },
              {
                key: 'source',
                label: t('plan.sourceName'),
                children: <Typography.Text type="secondary">{dash(plan.sourceName)}</Typography.Text>,
                span: 2,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <Row gutter={[8, 16]} data-testid="plan-counts">
            {counts.map(([label, value]) => (
              <Col key={label} span={8}>
                <Statistic title={label} value={value} styles={{ content: { fontSize: 22 } }} />
              </Col>
            ))}
          </Row>
        </Col>
      </Row>
    </Card>
  );
}
