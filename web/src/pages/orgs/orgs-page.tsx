import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { can } from '../../api/auth';
import { orgsApi } from '../../api/orgs';
import type { OrgUnit } from '../../api/types';
import { ListPage } from '../../components/list-page';
import { useCurrentUser } from '../../components/require-auth';
import { useT } from '../../i18n';
import { OrgDrawer } from './org-drawer';
import { OrgFormModal } from './org-form-modal';
import { UnitLink } from './unit-link';

/** The org registry: search, filter and page through units; open one in a drawer. */
export default function OrgsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const openCode = params.get('unit');
  const kinds = useQuery({ queryKey: ['orgs', 'kinds'], queryFn: orgsApi.kinds, staleTime: 60_000 });
  // Searching only current units hides retired ones (即墨市 → 即墨区); say so rather than look incomplete.
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? undefined;
  const onlyCurrent = !params.get('status') || params.get('status') === 'current';
  const retiredMatches = useQuery({
    queryKey: ['orgs', 'retired-count', { q, kind }],
    queryFn: () => orgsApi.list({ q, kind, status: 'retired', pageSize: 1 }),
    enabled: q !== '' && onlyCurrent,
  });
  const hiddenRetired = q !== '' && onlyCurrent ? (retiredMatches.data?.total ?? 0) : 0;
  const showAll = () => {
    const next = new URLSearchParams(params);
    next.set('status', 'all');
    next.delete('page');
    setParams(next);
  };

  const open = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code) next.set('unit', code);
    else next.delete('unit');
    setParams(next);
  };

  const columns: ColumnsType<OrgUnit> = [
    { title: t('orgs.code'), dataIndex: 'code', key: 'code', sorter: true, width: 110 },
    {
      title: t('orgs.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      render: (name: string, org) => (
        <Space size={4}>
          <UnitLink code={org.code}>{name}</UnitLink>
          {org.validTo && <Tag>{t('orgs.retiredTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('orgs.kind'), dataIndex: 'kind', key: 'kind', sorter: true, render: (k: string) => t.opt('kind.', k) },
    {
      title: t('orgs.divisionCode'),
      dataIndex: 'divisionCode',
      key: 'division_code',
      sorter: true,
      render: (v: string | null) => v ?? '',
    },
    {
      title: t('orgs.validity'),
      key: 'valid_to',
      sorter: true,
      render: (_, org) =>
        org.validFrom || org.validTo ? `${org.validFrom ?? '…'} ~ ${org.validTo ?? t('orgs.untilNow')}` : '',
    },
    {
      title: t('orgs.successor'),
      dataIndex: 'successorCode',
      render: (code: string | null) => (code ? <UnitLink code={code} /> : ''),
    },
    {
      title: t('orgs.aliases'),
      dataIndex: 'aliases',
      render: (aliases: OrgUnit['aliases']) => (
        <div style={{ minWidth: 160, maxWidth: 280, whiteSpace: 'normal' }}>
          {aliases.map((a) => a.alias).join('、')}
        </div>
      ),
    },
  ];

  return (
    <>
      <ListPage<OrgUnit>
        title={t('nav.orgs')}
        description={
          hiddenRetired > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('orgs.hiddenRetired', { count: hiddenRetired, q })}
              action={
                <Button size="small" onClick={showAll}>
                  {t('orgs.showAll')}
                </Button>
              }
            />
          )
        }
        queryKey="orgs"
        fetch={orgsApi.list}
        columns={columns}
        rowKey="code"
        searchPlaceholder={t('orgs.searchPlaceholder')}
        defaultSort={{ field: 'display_order', order: 'asc' }}
        filters={[
          {
            name: 'kind',
            type: 'select',
            placeholder: t('orgs.allKinds'),
            width: 200,
            options: (kinds.data ?? []).map((k) => ({
              value: k.kind,
              label: `${t.opt('kind.', k.kind)} (${k.count})`,
            })),
          },
          {
            name: 'status',
            type: 'select',
            placeholder: t('common.status'),
            defaultValue: 'current',
            width: 130,
            options: [
              { value: 'current', label: t('orgs.status.current') },
              { value: 'retired', label: t('orgs.status.retired') },
              { value: 'all', label: t('orgs.status.all') },
            ],
          },
        ]}
        toolbar={
          can(me, 'orgs.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('orgs.add')}
            </Button>
          )
        }
      />
      <OrgDrawer code={openCode} onClose={() => open(null)} />
      {creating && (
        <OrgFormModal
          onClose={(created) => {
            setCreating(false);
            if (created) open(created.code);
          }}
        />
      )}
    </>
  );
}
