import { LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { type EnterpriseChange, registryApi } from '../../api/registry';
import { formatInstant } from '../../components/entity-history';
import { errorText, useT } from '../../i18n';
import { districtLabel, GradeTag, listLabel, StatusTag } from './registry-bits';

/** Column names of the registry table as the change history stores them, shown as the UI's field labels. */
const FIELD_KEYS: Record<string, string> = {
  uscc: 'reg.col.uscc',
  registration_no: 'reg.col.regNo',
  name: 'reg.col.name',
  former_names: 'reg.field.formerNames',
  entity_type: 'reg.field.entityType',
  legal_rep: 'reg.col.legalRep',
  registered_capital: 'reg.field.capital',
  established_on: 'reg.col.established',
  operating_term_to: 'reg.field.operatingTerm',
  registration_authority: 'reg.field.authority',
  registration_region_code: 'reg.field.regionCode',
  district_code: 'reg.col.district',
  address: 'reg.field.address',
  business_scope: 'reg.field.scope',
  industry_code: 'reg.field.industry',
  status: 'reg.col.status',
  status_date: 'reg.field.statusDate',
  code_warnings: 'reg.field.codeWarnings',
};

/** Registered capital is stored in fen; the register speaks of 万元. */
function capitalText(fen: number | null, currency: string | null, t: ReturnType<typeof useT>): string {
  if (fen === null) return '—';
  const wan = fen / 100 / 10_000;
  const amount = wan.toLocaleString(t.lang, { maximumFractionDigits: 4 });
  return `${t('reg.field.capitalValue', { amount })}${currency && currency !== 'CNY' ? ` ${currency}` : ''}`;
}

/** One enterprise for government users: every field, internal data and the field-change history. */
export function EnterpriseDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const enterprise = useQuery({
    queryKey: ['registry', 'enterprise', id],
    queryFn: () => registryApi.enterprise(id!),
    enabled: id !== null,
  });
  const changes = useQuery({
    queryKey: ['registry', 'changes', id],
    queryFn: () => registryApi.changes(id!),
    enabled: id !== null,
  });
  const e = enterprise.data;
  const dash = (v: string | null | undefined) => v || '—';
  const fieldLabel = (f: string) => {
    const key = FIELD_KEYS[f];
    return key ? t.opt('', key) : f;
  };
  const columns: ColumnsType<EnterpriseChange> = [
    { title: t('reg.change.at'), dataIndex: 'at', width: 160, render: (v: string) => formatInstant(v) },
    { title: t('reg.change.field'), dataIndex: 'field', width: 120, render: fieldLabel },
    { title: t('reg.change.old'), dataIndex: 'oldValue', render: (v: string | null) => v ?? '∅' },
    { title: t('reg.change.new'), dataIndex: 'newValue', render: (v: string | null) => v ?? '∅' },
    { title: t('reg.change.source'), dataIndex: 'source', width: 110 },
  ];
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={e?.name ?? ''}
      loading={enterprise.isPending && id !== null}
      extra={
        e && (
          <Link to={`/credit/enterprises/${e.id}`} target="_blank">
            <LinkOutlined /> {t('reg.drawer.publicPage')}
          </Link>
        )
      }
      data-testid="enterprise-drawer"
    >
      {enterprise.isError && <Alert type="error" showIcon title={errorText(t, enterprise.error)} />}
      {e && (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions title={t('reg.drawer.basics')} size="small" bordered column={2}>
            <Descriptions.Item label={t('reg.col.uscc')} span={2}>
              {e.uscc ? <Typography.Text copyable>{e.uscc}</Typography.Text> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.col.regNo')}>{dash(e.registrationNo)}</Descriptions.Item>
            <Descriptions.Item label={t('reg.field.entityType')}>
              {e.entityTypeName ? `${e.entityTypeName}(${e.entityType})` : dash(e.entityType)}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.col.legalRep')}>{dash(e.legalRep)}</Descriptions.Item>
            <Descriptions.Item label={t('reg.field.capital')}>
              {capitalText(e.registeredCapitalFen, e.currency, t)}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.col.established')}>{dash(e.establishedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('reg.field.operatingTerm')}>{dash(e.operatingTermTo)}</Descriptions.Item>
            <Descriptions.Item label={t('reg.col.status')}>
              <StatusTag status={e.status} />
              {e.statusDate && <Typography.Text type="secondary">{e.statusDate}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.col.district')}>
              {districtLabel(t, e.districtCode, e.districtName)}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.authority')} span={2}>
              {dash(e.registrationAuthority)}
              {e.registrationRegionCode && (
                <Typography.Text type="secondary"> ({e.registrationRegionCode})</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.address')} span={2}>
              {dash(e.address)}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.scope')} span={2}>
              {dash(e.businessScope)}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.industry')}>{dash(e.industryCode)}</Descriptions.Item>
            <Descriptions.Item label={t('reg.field.formerNames')}>
              {e.formerNames.length
                ? e.formerNames.map((f) => `${f.name}${f.until ? ` (→${f.until})` : ''}`).join('、')
                : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Descriptions title={t('reg.drawer.internal')} size="small" bordered column={2}>
            <Descriptions.Item label={t('reg.col.grade')}>
              <GradeTag grade={e.grade} />
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.score')}>{e.score ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reg.field.riskClass')}>{dash(e.riskClass)}</Descriptions.Item>
            <Descriptions.Item label={t('reg.col.lists')}>
              {e.lists.length
                ? e.lists.map((l) => (
                    <Tag key={l} color="red">
                      {listLabel(t, l)}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.codeWarnings')} span={2}>
              {e.codeWarnings.length
                ? e.codeWarnings.map((w) => (
                    <Tag key={w} color="gold">
                      {w}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.source')}>{e.source}</Descriptions.Item>
            <Descriptions.Item label={t('reg.field.lastSynced')}>
              {formatInstant(e.lastSyncedAt) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.field.version')}>{e.version}</Descriptions.Item>
            <Descriptions.Item label={t('reg.field.updatedAt')}>{formatInstant(e.updatedAt)}</Descriptions.Item>
          </Descriptions>
          <div data-testid="enterprise-changes">
            <Typography.Title level={5}>{t('reg.drawer.history')}</Typography.Title>
            {changes.isError ? (
              <Alert type="error" showIcon title={errorText(t, changes.error)} />
            ) : (
              <Table<EnterpriseChange>
                size="small"
                rowKey={(c) => `${c.at}:${c.field}`}
                columns={columns}
                dataSource={changes.data ?? []}
                loading={changes.isPending}
                pagination={(changes.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reg.drawer.noHistory')} />,
                }}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
