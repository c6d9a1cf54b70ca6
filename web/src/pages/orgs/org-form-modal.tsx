import { useQuery } from '@tanstack/react-query';
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { orgsApi } from '../../api/orgs';
import type { OrgCreate, OrgPatch, OrgUnit } from '../../api/types';
import { OrgPicker } from '../../components/org-picker';
import { errorText, useT } from '../../i18n';
import { useOrgMutation } from './use-org-mutation';

const KNOWN_KINDS = [
  'gov',
  'gov_office',
  'muni_dept',
  'central_resident',
  'district',
  'district_dept',
  'zone',
  'external',
  'hospital',
];

interface Values {
  code: string;
  name: string;
  kind: string;
  fullName?: string;
  shortName?: string;
  parentCode?: string | null;
  divisionCode?: string;
  validFrom?: Dayjs | null;
  assessed: boolean;
  note?: string;
  aliases?: string[];
}

const text = (v: string | undefined) => v?.trim() || undefined;

/** Create a unit (no `org`) or edit one's details (name changes go through rename, retirement through retire). */
export function OrgFormModal({ org, onClose }: { org?: OrgUnit; onClose: (saved?: OrgUnit) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const kinds = useQuery({ queryKey: ['orgs', 'kinds'], queryFn: orgsApi.kinds, staleTime: 60_000 });
  const kindOptions = [...new Set([...KNOWN_KINDS, ...(kinds.data ?? []).map((k) => k.kind)])].map((k) => ({
    value: k,
    label: t.opt('kind.', k),
  }));

  const mutation = useOrgMutation(
    (v: Values) => {
      const validFrom = v.validFrom ? v.validFrom.format('YYYY-MM-DD') : undefined;
      if (!org) {
        const body: OrgCreate = {
          code: v.code.trim(),
          name: v.name.trim(),
          kind: v.kind,
          fullName: text(v.fullName),
          shortName: text(v.shortName),
          parentCode: v.parentCode ?? undefined,
          divisionCode: text(v.divisionCode),
          validFrom,
          assessed: v.assessed,
          note: text(v.note),
          aliases: v.aliases?.map((a) => a.trim()).filter(Boolean),
        };
        return orgsApi.create(JSON.parse(JSON.stringify(body)) as OrgCreate);
      }
      const patch: OrgPatch = {
        version: org.version,
        fullName: text(v.fullName) ?? null,
        shortName: text(v.shortName) ?? null,
        parentCode: v.parentCode ?? null,
        divisionCode: text(v.divisionCode) ?? null,
        validFrom: validFrom ?? null,
        assessed: v.assessed,
        note: text(v.note) ?? null,
      };
      return orgsApi.update(org.code, patch);
    },
    {
      successText: (o) => (org ? t('common.saved') : t('orgs.created', { name: o.name })),
      onSuccess: (o) => onClose(o),
      inlineErrors: true,
    },
  );

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <Modal
      open
      width={720}
      title={org ? t('orgs.editTitle', { name: org.name }) : t('orgs.add')}
      okText={t('common.save')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      {mutation.isError && (
        <Alert type="error" showIcon title={errorText(t, mutation.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        name="org"
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{
          code: org?.code,
          name: org?.name,
          kind: org?.kind,
          fullName: org?.fullName ?? '',
          shortName: org?.shortName ?? '',
          parentCode: org?.parentCode ?? null,
          divisionCode: org?.divisionCode ?? '',
          validFrom: org?.validFrom ? dayjs(org.validFrom) : null,
          assessed: org?.assessed ?? false,
          note: org?.note ?? '',
          aliases: [],
        }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('orgs.code')}
              rules={
                org
                  ? []
                  : [
                      ...required(t('orgs.code')),
                      { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, message: t('orgs.codeInvalid') },
                    ]
              }
            >
              <Input disabled={!!org} maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('orgs.name')} rules={org ? [] : required(t('orgs.name'))}>
              <Input disabled={!!org} maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label={t('orgs.kind')} rules={org ? [] : required(t('orgs.kind'))}>
              <Select disabled={!!org} options={kindOptions} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="fullName" label={t('orgs.fullName')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="shortName" label={t('orgs.shortName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="divisionCode"
              label={t('orgs.divisionCode')}
              rules={[{ pattern: /^\d{6}$/, message: t('orgs.divisionInvalid') }]}
            >
              <Input maxLength={6} placeholder="370200" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validFrom" label={t('orgs.validFrom')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="parentCode" label={t('orgs.parent')}>
              <OrgPicker exclude={org?.code} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assessed" label={t('orgs.assessed')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {!org && (
            <Col span={24}>
              <Form.Item name="aliases" label={t('orgs.aliases')} extra={t('orgs.aliasesHint')}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ',', '、']} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="note" label={t('orgs.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
