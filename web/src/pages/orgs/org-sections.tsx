import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { can, canOnUnit, hasRole } from '../../api/auth';
import { orgsApi } from '../../api/orgs';
import type { OrgUnit, UserSummary } from '../../api/types';
import { useCurrentUser } from '../../components/require-auth';
import { errorText, useT } from '../../i18n';
import { UnitLink } from './unit-link';
import { useOrgMutation } from './use-org-mutation';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Details and contact of a unit; the contact is editable by admins and by the unit's own staff. */
export function OrgBasics({ org }: { org: OrgUnit }) {
  const t = useT();
  const me = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const mayEditContact =
    can(me, 'orgs.contact.edit') && (hasRole(me, 'admin') || hasRole(me, 'unit', org.code)) && !org.validTo;
  const link = (code: string | null) => (code ? <UnitLink code={code} /> : '—');
  // The server sends contacts only to those who may see the unit's staff.
  const contactVisible = canOnUnit(me, 'orgs.staff.read', org.code);
  const contact = (v: string | null) =>
    contactVisible ? dash(v) : <Typography.Text type="secondary">{t('orgs.contactHidden')}</Typography.Text>;

  return (
    <Space orientation="vertical" size={24} style={{ width: '100%' }}>
      <Descriptions
        column={2}
        size="small"
        bordered
        items={[
          { key: 'code', label: t('orgs.code'), children: org.code },
          { key: 'kind', label: t('orgs.kind'), children: t.opt('kind.', org.kind) },
          { key: 'name', label: t('orgs.name'), children: org.name, span: 2 },
          { key: 'fullName', label: t('orgs.fullName'), children: dash(org.fullName), span: 2 },
          { key: 'shortName', label: t('orgs.shortName'), children: dash(org.shortName) },
          { key: 'divisionCode', label: t('orgs.divisionCode'), children: dash(org.divisionCode) },
          { key: 'parent', label: t('orgs.parent'), children: link(org.parentCode) },
          { key: 'assessed', label: t('orgs.assessed'), children: org.assessed ? t('common.yes') : t('common.no') },
          {
            key: 'validity',
            label: t('orgs.validity'),
            children: `${org.validFrom ?? '…'} ~ ${org.validTo ?? t('orgs.untilNow')}`,
          },
          { key: 'successor', label: t('orgs.successor'), children: link(org.successorCode) },
          { key: 'displayOrder', label: t('orgs.displayOrder'), children: dash(org.displayOrder), span: 2 },
          { key: 'note', label: t('orgs.note'), children: dash(org.note), span: 2 },
        ]}
      />
      <div>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('orgs.contact')}</Typography.Text>
          {mayEditContact && !editing && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('orgs.editContact')}
            </Button>
          )}
        </Space>
        {editing ? (
          <ContactForm org={org} onDone={() => setEditing(false)} />
        ) : (
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'person', label: t('orgs.contactPerson'), children: contact(org.contactPerson) },
              { key: 'phone', label: t('orgs.contactPhone'), children: contact(org.contactPhone) },
            ]}
          />
        )}
      </div>
    </Space>
  );
}

function ContactForm({ org, onDone }: { org: OrgUnit; onDone: () => void }) {
  const t = useT();
  const mutation = useOrgMutation(
    (v: { contactPerson?: string; contactPhone?: string }) =>
      orgsApi.updateContact(org.code, v.contactPerson?.trim() || null, v.contactPhone?.trim() || null),
    { onSuccess: onDone, inlineErrors: true },
  );
  return (
    <Form
      layout="inline"
      name="contact"
      initialValues={{ contactPerson: org.contactPerson ?? '', contactPhone: org.contactPhone ?? '' }}
      onFinish={(v) => mutation.mutate(v)}
    >
      <Form.Item name="contactPerson" label={t('orgs.contactPerson')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('orgs.contactPhone')}
        rules={[{ pattern: /^[0-9+()\- ]*$/, message: t('orgs.phoneInvalid') }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginTop: 8, width: '100%' }} />
      )}
    </Form>
  );
}

/** The unit's aliases, full name and former names; admins add and remove plain aliases. */
export function OrgAliases({ org, editable }: { org: OrgUnit; editable: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  const add = useOrgMutation((alias: string) => orgsApi.addAlias(org.code, alias), {
    onSuccess: () => setText(''),
  });
  const remove = useOrgMutation((id: number) => orgsApi.removeAlias(org.code, id));
  const submit = () => {
    const alias = text.trim();
    if (alias) add.mutate(alias);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {editable && !org.validTo && (
        <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
          <Input
            value={text}
            placeholder={t('orgs.aliasPlaceholder')}
            aria-label={t('orgs.addAlias')}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={submit}
            maxLength={100}
          />
          <Button type="primary" icon={<PlusOutlined />} loading={add.isPending} onClick={submit}>
            {t('orgs.addAlias')}
          </Button>
        </Space.Compact>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={org.aliases}
        locale={{ emptyText: t('common.none') }}
        columns={[
          { title: t('orgs.aliases'), dataIndex: 'alias' },
          {
            title: t('audit.source'),
            dataIndex: 'source',
            width: 120,
            render: (s: string) => (
              <Tag color={s === 'former_name' ? 'default' : 'blue'}>{t.opt('orgs.source.', s)}</Tag>
            ),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, a: OrgUnit['aliases'][number]) =>
                    a.source === 'alias' && (
                      <Popconfirm
                        title={t('orgs.removeAliasConfirm', { alias: a.alias })}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(a.id).catch(() => undefined)}
                      >
                        <Button type="link" danger size="small">
                          {t('common.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

/** Accounts scoped to this unit (admins, leaders and the unit itself may see them). */
export function OrgUsers({ code }: { code: string }) {
  const t = useT();
  const query = useQuery({ queryKey: ['orgs', 'users', code], queryFn: () => orgsApi.users(code), retry: false });
  if (query.isError) return <Alert type="info" title={errorText(t, query.error)} />;
  return (
    <Table<UserSummary>
      size="small"
      rowKey="id"
      loading={query.isPending}
      pagination={false}
      dataSource={query.data?.items ?? []}
      locale={{ emptyText: t('common.none') }}
      columns={[
        { title: t('users.username'), dataIndex: 'username' },
        { title: t('users.displayName'), dataIndex: 'displayName' },
        {
          title: t('common.status'),
          dataIndex: 'disabled',
          render: (d: boolean) =>
            d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>,
        },
      ]}
    />
  );
}
