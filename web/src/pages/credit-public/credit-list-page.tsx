import { Breadcrumb, Result, Segmented, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useParams } from 'react-router';
import { LIST_CODES, type PublicList, publicCreditApi } from '../../api/credit';
import type { ListParams } from '../../api/types';
import { ListPage } from '../../components/list-page';
import { useT } from '../../i18n';
import { StateTag } from '../credit/credit-bits';
import { PublicShell } from './public-shell';

type Row = PublicList['items'][number];

/** Today's ten districts and county-level cities (the server filters on these codes). */
export const DISTRICTS = [
  '370202',
  '370203',
  '370211',
  '370212',
  '370213',
  '370214',
  '370215',
  '370281',
  '370283',
  '370285',
] as const;

/** One list's public page (credit.md §7.1): paginated, filterable, each entry linking to the enterprise. */
export default function CreditListPage() {
  const t = useT();
  const navigate = useNavigate();
  const code = useParams().code ?? '';
  if (!(LIST_CODES as readonly string[]).includes(code)) {
    return (
      <PublicShell>
        <Result status="404" title={t('credit.pub.unknownList')} extra={<Link to="/">{t('common.backHome')}</Link>} />
      </PublicShell>
    );
  }
  const columns: ColumnsType<Row> = [
    {
      title: t('credit.col.enterprise'),
      dataIndex: 'enterpriseName',
      render: (name: string, r) => <Link to={`/credit/enterprises/${r.enterpriseId}`}>{name}</Link>,
    },
    { title: t('credit.col.uscc'), dataIndex: 'uscc', width: 200, render: (v) => v ?? '—' },
    {
      title: t('credit.col.district'),
      dataIndex: 'districtCode',
      width: 100,
      render: (v: string | null) => (v ? t.opt('credit.district.', v) : '—'),
    },
    {
      title: t('credit.col.ground'),
      key: 'ground',
      width: 200,
      render: (_, r) =>
        r.reasonCategory
          ? t.opt('credit.le.rc.', r.reasonCategory)
          : r.ground
            ? t.opt('credit.ground.', r.ground)
            : '—',
    },
    { title: t('credit.col.listedOn'), dataIndex: 'listedOn', width: 110 },
    {
      title: t('credit.col.expiresOn'),
      key: 'ends',
      width: 130,
      render: (_, r) => r.removedOn ?? r.expiresOn ?? t('credit.longTerm'),
    },
    { title: t('credit.col.state'), dataIndex: 'state', width: 120, render: (s: string) => <StateTag state={s} /> },
  ];
  return (
    <PublicShell>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ title: <Link to="/">{t('credit.pub.home')}</Link> }, { title: t('credit.pub.lists') }]}
      />
      <Segmented
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        value={code}
        options={LIST_CODES.map((c) => ({ value: c, label: t(`credit.list.${c}`) }))}
        onChange={(v) => navigate(`/credit/lists/${v}`)}
      />
      <ListPage<Row>
        key={code}
        title={
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="list-title">
            {t(`credit.list.${code as (typeof LIST_CODES)[number]}`)}
          </Typography.Title>
        }
        description={t('credit.pub.listIntro')}
        queryKey={`public-list-${code}`}
        fetch={(params: ListParams) => publicCreditApi.list(code, params)}
        columns={columns}
        rowKey="id"
        searchPlaceholder={t('credit.pub.listSearch')}
        filters={[
          {
            name: 'district',
            type: 'select',
            placeholder: t('credit.col.district'),
            options: DISTRICTS.map((d) => ({ value: d, label: t.opt('credit.district.', d) })),
          },
        ]}
        emptyText={t('credit.pub.listEmpty')}
      />
    </PublicShell>
  );
}
