import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can } from '../../api/auth';
import { LIST_CODES } from '../../api/credit';
import {
  type EnterprisePublic,
  QINGDAO_DISTRICTS,
  REGISTRY_GRADES,
  REGISTRY_STATUSES,
  type RegistrySearchQuery,
  registryApi,
} from '../../api/registry';
import type { ListParams, Page } from '../../api/types';
import { ListPage } from '../../components/list-page';
import { useCurrentUser } from '../../components/require-auth';
import { useT } from '../../i18n';
import { EnterpriseDrawer } from './enterprise-drawer';
import { districtLabel, GradeTag, Highlight, listLabel, StatusTag, statusLabel } from './registry-bits';

function withParam(params: URLSearchParams, key: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

/** The registry for government users: the public search box with filters, and a drawer with every field. */
export default function RegistryPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [capped, setCapped] = useState<number | null>(null);
  const openId = Number(params.get('enterprise')) || null;
  const q = params.get('q') ?? '';

  const close = () => setParams(withParam(params, 'enterprise', null));

  const fetch = async (p: ListParams): Promise<Page<EnterprisePublic>> => {
    const { sort: _sort, order: _order, ...query } = p;
    const result = await registryApi.search(query as RegistrySearchQuery);
    setCapped(result.totalCapped ? result.total : null);
    return result;
  };

  const columns: ColumnsType<EnterprisePublic> = [
    {
      title: t('reg.col.name'),
      dataIndex: 'name',
      render: (name: string, e) => (
        <Link to={`?${withParam(params, 'enterprise', String(e.id))}`}>
          <Highlight text={name} query={q} />
        </Link>
      ),
    },
    {
      title: t('reg.col.uscc'),
      key: 'code',
      width: 190,
      render: (_, e) => (
        <Typography.Text style={{ fontFamily: 'monospace' }}>{e.uscc ?? e.registrationNo ?? '—'}</Typography.Text>
      ),
    },
    { title: t('reg.col.legalRep'), dataIndex: 'legalRep', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('reg.col.district'),
      dataIndex: 'districtCode',
      width: 100,
      render: (v: string | null, e) => districtLabel(t, v, e.districtName),
    },
    { title: t('reg.col.status'), dataIndex: 'status', width: 110, render: (v: string) => <StatusTag status={v} /> },
    { title: t('reg.col.grade'), dataIndex: 'grade', width: 90, render: (v: string | null) => <GradeTag grade={v} /> },
    {
      title: t('reg.col.lists'),
      dataIndex: 'lists',
      render: (lists: string[]) =>
        lists.length ? (
          <Space size={4} wrap>
            {lists.map((l) => (
              <Tag key={l} color="red">
                {listLabel(t, l)}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('reg.col.established'), dataIndex: 'establishedOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <ListPage<EnterprisePublic>
        title={t('reg.office.title')}
        description={
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('reg.office.description')}</Typography.Text>
            {capped !== null && <Alert type="info" showIcon title={t('reg.office.capped', { total: capped })} />}
          </Space>
        }
        queryKey="registry"
        fetch={fetch}
        columns={columns}
        rowKey={(e) => String(e.id)}
        searchPlaceholder={t('reg.office.search')}
        filters={[
          {
            name: 'district',
            type: 'select',
            placeholder: t('reg.facet.district'),
            options: QINGDAO_DISTRICTS.map((d) => ({ value: d, label: districtLabel(t, d) })),
            width: 130,
          },
          {
            name: 'status',
            type: 'select',
            placeholder: t('reg.facet.status'),
            options: REGISTRY_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
            width: 130,
          },
          {
            name: 'grade',
            type: 'select',
            placeholder: t('reg.facet.grade'),
            options: REGISTRY_GRADES.map((g) => ({ value: g, label: g })),
            width: 120,
          },
          {
            name: 'list',
            type: 'select',
            placeholder: t('reg.facet.list'),
            options: [...LIST_CODES, 'NONE'].map((l) => ({ value: l, label: listLabel(t, l) })),
            width: 180,
          },
        ]}
        toolbar={
          can(me, 'enterprises.manage') && (
            <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/admin/enterprises/import')}>
              {t('reg.office.import')}
            </Button>
          )
        }
      />
      <EnterpriseDrawer id={openId} onClose={close} />
    </>
  );
}
