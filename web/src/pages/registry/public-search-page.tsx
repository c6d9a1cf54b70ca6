import { ClockCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Pagination, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type EnterprisePublic, type FacetName, registryApi, searchQueryOf } from '../../api/registry';
import { errorText, useT } from '../../i18n';
import { PublicShell } from '../credit-public/public-shell';
import {
  CodeExplanationCard,
  districtLabel,
  GradeTag,
  Highlight,
  listLabel,
  retryAfterSeconds,
  StatusTag,
} from './registry-bits';
import { FACETS, SearchFacets } from './search-facets';

/** Examples under the box: what each kind of query looks like (they match the demo registry). */
const EXAMPLES = [
  { key: 'reg.search.ex.name', q: '海润' },
  { key: 'reg.search.ex.code', q: '91370212MA8HUUAF94' },
  { key: 'reg.search.ex.rep', q: '郑军' },
] as const;

/** Counts down from the server's Retry-After; null once the wait is over. */
function useCountdown(seconds: number | null, key: unknown): number | null {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // `key` changes with every new 429 answer, which restarts the countdown.
  useEffect(() => {
    void key;
    setNow(Date.now());
    setUntil(seconds === null ? null : Date.now() + seconds * 1000);
  }, [seconds, key]);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  if (until === null) return null;
  const left = Math.ceil((until - now) / 1000);
  return Math.max(left, 0);
}

function Tips() {
  const t = useT();
  return (
    <div data-testid="search-tips">
      <Typography.Text strong>{t('reg.search.tips')}</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
        <li>{t('reg.search.tip1')}</li>
        <li>{t('reg.search.tip2')}</li>
        <li>{t('reg.search.tip3')}</li>
        <li>{t('reg.search.tip4')}</li>
      </ul>
    </div>
  );
}

/** One hit: the name (marked where it matches) links to the enterprise's public credit page. */
function Hit({ item, query, mode }: { item: EnterprisePublic; query: string; mode: string }) {
  const t = useT();
  const q = mode === 'text' ? query : '';
  const codeQ = mode === 'text' ? '' : query.normalize('NFKC').replace(/[\s\-‐‑‒–—―]/g, '');
  const nq = q.trim().normalize('NFKC').toLowerCase();
  const inName = nq !== '' && item.name.normalize('NFKC').toLowerCase().includes(nq);
  const former =
    !inName && nq ? item.formerNames.find((f) => f.name.normalize('NFKC').toLowerCase().includes(nq)) : null;
  const repMatch = nq !== '' && item.legalRep?.normalize('NFKC') === q.trim().normalize('NFKC');
  return (
    <List.Item data-testid="search-hit">
      <div style={{ width: '100%' }}>
        <Space wrap size={8} style={{ display: 'flex', marginBottom: 4 }}>
          <Link to={`/credit/enterprises/${item.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
            <Highlight text={item.name} query={q} />
          </Link>
          <StatusTag status={item.status} />
          {item.lists.map((l) => (
            <Tag key={l} color="red">
              {listLabel(t, l)}
            </Tag>
          ))}
        </Space>
        {former && (
          <div>
            <Typography.Text type="secondary">
              {t('reg.search.formerName', { name: '' })}
              <Highlight text={former.name} query={q} />
            </Typography.Text>
          </div>
        )}
        <Space wrap size={[20, 4]} style={{ display: 'flex', color: 'rgba(0,0,0,0.65)' }}>
          <span>
            {item.uscc ? t('reg.col.uscc') : t('reg.col.regNo')}:{' '}
            <Typography.Text copyable={{ text: item.uscc ?? item.registrationNo ?? '' }}>
              <Highlight text={item.uscc ?? item.registrationNo ?? '—'} query={codeQ} />
            </Typography.Text>
          </span>
          <span>
            {t('reg.col.legalRep')}:{' '}
            {repMatch ? <Highlight text={item.legalRep ?? ''} query={q} /> : (item.legalRep ?? '—')}
          </span>
          <span>
            {t('reg.col.district')}: {districtLabel(t, item.districtCode, item.districtName)}
          </span>
          <span>
            {t('reg.col.grade')}: <GradeTag grade={item.grade} />
          </span>
        </Space>
      </div>
    </List.Item>
  );
}

/** Public enterprise search at /credit (credit.md §7.4): no login, no captcha, the query lives in the URL. */
export default function PublicSearchPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query = searchQueryOf(params);
  const q = query.q ?? '';
  const selected: Partial<Record<FacetName, string>> = {
    district: query.district,
    status: query.status,
    grade: query.grade,
    list: query.list,
  };
  const active = q !== '' || FACETS.some((f) => selected[f.name]);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const search = useQuery({
    queryKey: ['registry', 'public', query],
    queryFn: () => registryApi.publicSearch(query),
    enabled: active,
    placeholderData: keepPreviousData,
  });
  const waitSeconds = retryAfterSeconds(search.error);
  const countdown = useCountdown(waitSeconds, search.errorUpdatedAt);

  const go = (changes: Record<string, string | number | undefined>, keepFilters = true) => {
    const next = keepFilters ? new URLSearchParams(params) : new URLSearchParams();
    if (!keepFilters && params.get('pageSize')) next.set('pageSize', params.get('pageSize')!);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  // A new query starts without the previous query's filters (their counts belonged to other results).
  const submit = (value: string) => {
    const v = value.trim();
    if (v === q && search.isError) void search.refetch();
    else go({ q: v }, false);
  };

  const data = search.data;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;

  return (
    <PublicShell>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {t('reg.search.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('reg.search.lead')}</Typography.Paragraph>
      <search style={{ display: 'block', maxWidth: 760 }}>
        <Input.Search
          size="large"
          allowClear
          autoFocus
          maxLength={100}
          data-testid="public-search"
          aria-label={t('reg.search.placeholder')}
          placeholder={t('reg.search.placeholder')}
          enterButton={
            <Space size={4}>
              <SearchOutlined />
              {t('reg.search.button')}
            </Space>
          }
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={submit}
        />
        <Space wrap size={[8, 4]} style={{ marginTop: 8 }} data-testid="search-examples">
          <Typography.Text type="secondary">{t('reg.search.examples')}</Typography.Text>
          {EXAMPLES.map((ex) => (
            <Button key={ex.key} size="small" type="dashed" onClick={() => go({ q: ex.q }, false)}>
              {ex.q}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ({t(ex.key)})
              </Typography.Text>
            </Button>
          ))}
        </Space>
      </search>

      <div style={{ marginTop: 24 }}>
        {!active ? (
          <Card>
            <Tips />
          </Card>
        ) : waitSeconds !== null ? (
          <Alert
            type="warning"
            showIcon
            icon={<ClockCircleOutlined />}
            data-testid="rate-limited"
            title={t('reg.search.rateLimited', { seconds: countdown ?? waitSeconds })}
            description={t('reg.search.rateLimitedHint')}
            action={
              <Button disabled={(countdown ?? 0) > 0} onClick={() => void search.refetch()}>
                {t('reg.search.retryNow')}
              </Button>
            }
          />
        ) : search.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('error.loadFailed')}
            description={errorText(t, search.error)}
            action={<Button onClick={() => void search.refetch()}>{t('common.retry')}</Button>}
          />
        ) : !data ? (
          <Skeleton active />
        ) : (
          <>
            {data.code && <CodeExplanationCard code={data.code} found={data.items.length > 0} />}
            {/* A code nobody has: the explanation already says so. */}
            {data.mode === 'uscc' && data.total === 0 ? null : (
              <>
                <Space wrap size={12} style={{ marginBottom: 12 }}>
                  <Typography.Text strong data-testid="search-total">
                    {data.totalCapped
                      ? t('reg.search.totalCapped', { total: data.total })
                      : t('reg.search.total', { total: data.total })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t(`reg.search.mode.${data.mode}`)}</Typography.Text>
                </Space>
                {data.mode !== 'uscc' && (data.total > 0 || FACETS.some((f) => selected[f.name])) && (
                  <Card size="small" style={{ marginBottom: 12 }}>
                    <SearchFacets
                      facets={data.facets}
                      selected={selected}
                      onSelect={(facet, value) => go({ [facet]: value })}
                      onClear={() => go({ district: undefined, status: undefined, grade: undefined, list: undefined })}
                    />
                  </Card>
                )}
                {data.items.some((i) => i.demo) && (
                  <Alert type="info" showIcon title={t('reg.search.demo')} style={{ marginBottom: 12 }} />
                )}
                {data.total === 0 ? (
                  <Card>
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reg.search.emptyTitle')}>
                      <div style={{ textAlign: 'start', display: 'inline-block' }}>
                        <Tips />
                      </div>
                    </Empty>
                  </Card>
                ) : (
                  <Card styles={{ body: { paddingBlock: 4 } }} loading={false}>
                    <List
                      data-testid="search-results"
                      dataSource={data.items}
                      loading={search.isFetching}
                      renderItem={(item) => <Hit item={item} query={q} mode={data.mode} />}
                    />
                    <Pagination
                      style={{ margin: '12px 0', justifyContent: 'flex-end' }}
                      current={page}
                      pageSize={pageSize}
                      total={data.total}
                      showSizeChanger
                      pageSizeOptions={[10, 20, 50, 100]}
                      showTotal={(total) => (data.totalCapped ? `${total}+` : t('common.total', { total }))}
                      onChange={(p, size) => {
                        go({ page: size !== pageSize ? undefined : p, pageSize: size === 20 ? undefined : size });
                        window.scrollTo({ top: 0 });
                      }}
                    />
                  </Card>
                )}
              </>
            )}
          </>
        )}
      </div>
    </PublicShell>
  );
}
