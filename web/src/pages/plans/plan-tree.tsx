import { TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Collapse, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PlanAction, PlanDetail, PlanMeasure, PlanParty } from '../../api/plan-types';
import { measureNo, sectionNo } from '../../components/plan-bits';
import { useT } from '../../i18n';

const PARTY_COLOURS: Record<string, string> = { lead: 'volcano', co: 'blue', shared: 'green', cascade: 'purple' };

/** A responsible unit or group as a tag: name coloured by role, a warning look when it matched nothing. */
export function PartyTag({ party, showRole = false }: { party: PlanParty; showRole?: boolean }) {
  const t = useT();
  const unresolved = !party.unitCode && !party.groupCode;
  const name = party.unitName ?? party.name;
  return (
    <Tag
      color={unresolved ? 'error' : PARTY_COLOURS[party.role]}
      icon={unresolved ? <WarningOutlined /> : party.groupCode ? <TeamOutlined /> : undefined}
      title={party.groupCode ? `${t('tree.group')} ${party.groupCode}` : (party.unitCode ?? t('tree.unresolved'))}
      data-testid="party"
      style={{ marginInlineEnd: 0 }}
    >
      {showRole && `${t.opt('party.', party.role)} · `}
      {name}
      {unresolved && `(${t('tree.unresolved')})`}
    </Tag>
  );
}

/** Parties grouped by role: "牵头 [市质监局]  配合 [领导小组成员单位]". */
export function PartyGroups({ parties }: { parties: PlanParty[] }) {
  const t = useT();
  const roles = [...new Set(parties.map((p) => p.role))];
  return (
    <Space size={[12, 4]} wrap>
      {roles.map((role) => (
        <Space key={role} size={4} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.opt('party.', role)}
          </Typography.Text>
          {parties
            .filter((p) => p.role === role)
            .map((p) => (
              <PartyTag key={`${p.ord}:${p.name}`} party={p} />
            ))}
        </Space>
      ))}
    </Space>
  );
}

function ActionRow({ action, parties }: { action: PlanAction; parties: PlanParty[] }) {
  const t = useT();
  const deadline = t.opt('deadline.', action.deadlineType);
  return (
    <div style={{ display: 'flex', gap: 10, padding: '6px 0', borderBottom: '1px dashed #f0f0f0' }}>
      <Typography.Text type="secondary" style={{ minWidth: 22, textAlign: 'right' }}>
        {action.ord}.
      </Typography.Text>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text>{action.text}</Typography.Text>
        <div style={{ marginTop: 2 }}>
          <Space size={4} wrap>
            <Tooltip title={action.deadlineRaw || deadline}>
              <Tag color={action.deadlineType === 'default' ? 'default' : 'geekblue'}>
                {t('tree.due')} {action.due ?? '—'} · {deadline}
              </Tag>
            </Tooltip>
            {action.links.map((l) => (
              <Tag key={l} color="cyan">
                {t.opt('link.', l)}
              </Tag>
            ))}
            {parties.length > 0 && (
              <>
                <Typography.Text type="secondary">{t('tree.actionParties')}:</Typography.Text>
                <PartyGroups parties={parties} />
              </>
            )}
          </Space>
        </div>
      </div>
    </div>
  );
}

function MeasureBody({ measure, published }: { measure: PlanMeasure; published: boolean }) {
  const t = useT();
  return (
    <div>
      {measure.actions.map((a) => (
        <ActionRow
          key={a.externalId}
          action={a}
          parties={measure.parties.filter((p) => p.actionExternalId === a.externalId)}
        />
      ))}
      {measure.responsibilityRaw && (
        <Typography.Paragraph type="secondary" style={{ margin: '10px 0 6px' }}>
          {t('tree.responsibilityRaw')}:{measure.responsibilityRaw}
        </Typography.Paragraph>
      )}
      <Space size={[4, 6]} wrap>
        <Typography.Text type="secondary">{published ? t('tree.created') : t('tree.willCreate')}:</Typography.Text>
        {measure.assignments.length === 0 && (
          <Typography.Text type="warning">{t('tree.noAssignments')}</Typography.Text>
        )}
        {measure.assignments.map((a) => {
          const label = `${a.unitName ?? a.unitCode} · ${t.opt('role.assignment.', a.role)}`;
          return (
            <Tag key={a.externalId} title={a.externalId} style={{ marginInlineEnd: 0 }}>
              {published ? <Link to={`/admin/assignments?q=${encodeURIComponent(a.externalId)}`}>{label}</Link> : label}
            </Tag>
          );
        })}
      </Space>
    </div>
  );
}

function MeasureHeader({ measure }: { measure: PlanMeasure }) {
  const t = useT();
  const measureParties = measure.parties.filter((p) => !p.actionExternalId);
  return (
    <div>
      <Space size={8} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>
          {measureNo(t, measure.number)}
          {measure.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {measure.externalId} · {t('tree.actions', { count: measure.actions.length })} ·{' '}
          {t('tree.assignments', { count: measure.assignments.length })}
        </Typography.Text>
      </Space>
      <div>
        <Space size={8} wrap>
          <PartyGroups parties={measureParties} />
          {measure.nonExhaustive && <Tag color="gold">{t('tree.nonExhaustive')}</Tag>}
        </Space>
      </div>
    </div>
  );
}

/** Sections → measures (number, title, parties, assignments) → actions (text, deadline). */
export function PlanTree({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const all = plan.sections.flatMap((s) => s.measures.map((m) => m.externalId));
  // Small plans open fully; the 18-measure seed starts collapsed so the parties are scannable.
  const [open, setOpen] = useState<string[]>(all.length <= 6 ? all : []);
  if (all.length === 0) return <Empty description={t('tree.empty')} />;
  const published = plan.status !== 'draft';
  return (
    <div data-testid="plan-tree">
      <Space style={{ marginBottom: 12 }}>
        <Button size="small" onClick={() => setOpen(all)}>
          {t('tree.expandAll')}
        </Button>
        <Button size="small" onClick={() => setOpen([])}>
          {t('tree.collapseAll')}
        </Button>
      </Space>
      {plan.sections.map((s) => (
        <div key={s.ord} style={{ marginBottom: 20 }}>
          <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
            {sectionNo(t, s.number)}
            {s.title ?? t('tree.sectionUntitled')}
          </Typography.Title>
          <Collapse
            activeKey={open.filter((k) => s.measures.some((m) => m.externalId === k))}
            onChange={(keys) => {
              const mine = new Set(s.measures.map((m) => m.externalId));
              setOpen([...open.filter((k) => !mine.has(k)), ...(keys as string[])]);
            }}
            items={s.measures.map((m) => ({
              key: m.externalId,
              label: <MeasureHeader measure={m} />,
              children: <MeasureBody measure={m} published={published} />,
            }))}
          />
        </div>
      ))}
    </div>
  );
}
