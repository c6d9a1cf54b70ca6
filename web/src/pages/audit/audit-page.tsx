import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { auditApi } from '../../api/audit';
import { can, ownUnitOnly } from '../../api/auth';
import type { AuditRow } from '../../api/types';
import { AuditDiff, actorLabel, diffRows, formatInstant } from '../../components/entity-history';
import { ListPage } from '../../components/list-page';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';

const ENTITY_TYPES = ['org_unit', 'org_group', 'user', 'api_token'];
const ACTIONS = [
  'org.create',
  'org.update',
  'org.rename',
  'org.retire',
  'org.alias.add',
  'org.alias.remove',
  'org.contact',
  'org.seed',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.password.reset',
  'password.change',
  'login',
  'logout',
  'token.create',
  'token.revoke',
];

/** The audit trail with filters, per-row before/after, and (admins) a hash-chain check. */
export default function AuditPage() {
  const t = useT();
  const me = useCurrentUser();
  const verify = useMutation({ mutationFn: auditApi.verify });
  // Unit staff may only read their own unit's history: start there instead of at a 403.
  const ownUnit = ownUnitOnly(me);

  const entityLink = (row: AuditRow) =>
    row.entityType === 'org_unit' ? (
      <Link to={`/admin/orgs?unit=${encodeURIComponent(row.entityId)}&status=all`}>{row.entityId}</Link>
    ) : (
      row.entityId
    );

  const columns: ColumnsType<AuditRow> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
    { title: t('audit.actor'), key: 'actor', render: (_, row) => actorLabel(t, row) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => <Tag color="blue">{t.opt('action.', a)}</Tag>,
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, row) => (
        <Space size={4}>
          <Tag>{t.opt('entity.', row.entityType)}</Tag>
          {entityLink(row)}
        </Space>
      ),
    },
    { title: t('audit.source'), dataIndex: 'source' },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="secondary" copyable={{ text: v }} title={v}>
            {v.slice(0, 8)}
          </Typography.Text>
        ) : (
          ''
        ),
    },
  ];

  const result = verify.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {verify.isError && <Alert type="error" showIcon closable title={errorText(t, verify.error)} />}
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          data-testid="audit-verify-result"
          title={
            result.ok
              ? t('audit.verifyOk', { checked: result.checked })
              : t('audit.verifyBroken', { seq: result.brokenSeq ?? '?', checked: result.checked })
          }
        />
      )}
      <ListPage<AuditRow>
        title={t('nav.audit')}
        queryKey="audit"
        description={ownUnit ? t('audit.ownUnitOnly', { name: ownUnit.name }) : undefined}
        fetch={auditApi.list}
        columns={columns}
        rowKey={(row) => String(row.seq)}
        filters={[
          {
            name: 'entityType',
            type: 'select',
            placeholder: t('audit.entityType'),
            defaultValue: ownUnit ? 'org_unit' : undefined,
            options: ENTITY_TYPES.map((e) => ({ value: e, label: t.opt('entity.', e) })),
          },
          { name: 'entityId', type: 'text', placeholder: t('audit.entityId'), defaultValue: ownUnit?.code },
          { name: 'actor', type: 'text', placeholder: t('audit.actor') },
          {
            name: 'action',
            type: 'select',
            placeholder: t('audit.action'),
            width: 180,
            options: ACTIONS.map((a) => ({ value: a, label: t.opt('action.', a) })),
          },
        ]}
        expandable={{
          rowExpandable: (row) => diffRows(row.before, row.after).length > 0,
          expandedRowRender: (row) => <AuditDiff row={row} />,
        }}
        toolbar={
          can(me, 'audit.verify') && (
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('audit.verify')}
            </Button>
          )
        }
      />
    </Space>
  );
}
