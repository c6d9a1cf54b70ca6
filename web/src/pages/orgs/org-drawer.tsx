import { EditOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Space, Spin, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { can, canOnUnit } from '../../api/auth';
import { orgsApi } from '../../api/orgs';
import { EntityHistory } from '../../components/entity-history';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { RenameModal, RetireModal } from './org-actions';
import { OrgFormModal } from './org-form-modal';
import { OrgAliases, OrgBasics, OrgUsers } from './org-sections';
import { orgKey } from './use-org-mutation';

type Dialog = 'edit' | 'rename' | 'retire' | null;

/** Detail drawer of one unit: details and contact, aliases, history, accounts; admin actions in the header. */
export function OrgDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const query = useQuery({
    queryKey: orgKey(code ?? ''),
    queryFn: () => orgsApi.get(code ?? ''),
    enabled: code !== null,
  });
  const org = query.data;
  const manage = can(me, 'orgs.manage');
  const retired = !!org?.validTo;

  const tabs = org
    ? [
        { key: 'basic', label: t('orgs.tab.basic'), children: <OrgBasics org={org} /> },
        {
          key: 'aliases',
          label: `${t('orgs.tab.aliases')} (${org.aliases.length})`,
          children: <OrgAliases org={org} editable={manage} />,
        },
        ...(canOnUnit(me, 'audit.read', org.code)
          ? [
              {
                key: 'history',
                label: t('orgs.tab.history'),
                children: <EntityHistory entityType="org_unit" entityId={org.code} />,
              },
            ]
          : []),
        ...(canOnUnit(me, 'orgs.staff.read', org.code)
          ? [{ key: 'users', label: t('orgs.tab.users'), children: <OrgUsers code={org.code} /> }]
          : []),
      ]
    : [];

  return (
    <Drawer
      open={code !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={
        org ? (
          <Space>
            {org.name}
            <Tag>{org.code}</Tag>
            {retired && <Tag color="red">{t('orgs.retiredTag')}</Tag>}
          </Space>
        ) : (
          code
        )
      }
      extra={
        org &&
        manage && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              {t('common.edit')}
            </Button>
            <Button icon={<SwapOutlined />} onClick={() => setDialog('rename')} disabled={retired}>
              {t('orgs.rename')}
            </Button>
            <Button danger icon={<StopOutlined />} onClick={() => setDialog('retire')} disabled={retired}>
              {t('orgs.retire')}
            </Button>
          </Space>
        )
      }
    >
      {query.isPending && code !== null && <Spin />}
      {query.isError && <Alert type="error" showIcon title={errorText(t, query.error)} />}
      {org && <Tabs key={org.code} items={tabs} />}
      {org && dialog === 'edit' && <OrgFormModal org={org} onClose={() => setDialog(null)} />}
      {org && dialog === 'rename' && <RenameModal org={org} onClose={() => setDialog(null)} />}
      {org && dialog === 'retire' && <RetireModal org={org} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}
