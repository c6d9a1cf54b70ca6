import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ListParams, Page } from '../api/types';
import { errorText, useT } from '../i18n';

/** One control in the filter bar; its value lives in the URL under `name`. */
export interface ListFilter {
  name: string;
  type: 'select' | 'text' | 'date';
  placeholder: string;
  /** Select only: type to filter the options by their label. */
  showSearch?: boolean;
  /** Shown before the control (e.g. "视角日期"). */
  label?: ReactNode;
  /** Filters that depend on this one and are cleared when it changes (a plan's measures). */
  resets?: string[];
  options?: { value: string; label: ReactNode }[];
  /** Used when the URL has no value; never written to the URL. */
  defaultValue?: string;
  width?: number;
}

export interface ListPageProps<T> {
  title: ReactNode;
  description?: ReactNode;
  /** First element of the TanStack Query key; mutations invalidate it. */
  queryKey: string;
  fetch: (params: ListParams) => Promise<Page<T>>;
  columns: ColumnsType<T>;
  rowKey: string | ((row: T) => string);
  /** Placeholder of the free-text search box (`q`); no box when absent. */
  searchPlaceholder?: string;
  filters?: ListFilter[];
  defaultSort?: { field: string; order: 'asc' | 'desc' };
  /** Buttons on the right of the title (add, verify, …). */
  toolbar?: ReactNode;
  expandable?: TableProps<T>['expandable'];
  pageSize?: number;
  onRow?: TableProps<T>['onRow'];
  /** Extra values sent with every request but never shown as filters (e.g. a fixed unit). */
  fixedParams?: ListParams;
  /** Text of the empty table when nothing is filtered. */
  emptyText?: ReactNode;
}

const PAGING_KEYS = ['page', 'pageSize', 'sort', 'order'];

/**
 * A searchable, filterable, server-paginated and sortable table. Filters, page and sort sit in the URL,
 * so a list can be bookmarked and the back button restores it. Sortable columns need `sorter: true` and a `key`
 * equal to the server's sort field.
 */
export function ListPage<T extends object>(props: ListPageProps<T>) {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = props.filters ?? [];
  const pageSize = Number(searchParams.get('pageSize')) || props.pageSize || 20;
  const page = Number(searchParams.get('page')) || 1;
  const sort = searchParams.get('sort') ?? props.defaultSort?.field;
  const order = searchParams.get('order') ?? props.defaultSort?.order;
  const q = searchParams.get('q') ?? '';
  const filterValue = (f: ListFilter) => searchParams.get(f.name) ?? f.defaultValue ?? '';

  const params: ListParams = { page, pageSize, sort, order, q: q || undefined };
  for (const f of filters) params[f.name] = filterValue(f) || undefined;
  Object.assign(params, props.fixedParams);

  const query = useQuery({
    queryKey: [props.queryKey, params],
    queryFn: () => props.fetch(params),
    placeholderData: keepPreviousData,
  });

  const [searchText, setSearchText] = useState(q);
  useEffect(() => setSearchText(q), [q]);

  /** Writes changed values into the URL; any change but paging goes back to page 1. */
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      const f = filters.find((x) => x.name === key);
      for (const dependent of f?.resets ?? []) next.delete(dependent);
      if (value === undefined || value === '' || (f && value === f.defaultValue)) next.delete(key);
      else next.set(key, String(value));
    }
    if (!Object.keys(changes).some((k) => PAGING_KEYS.includes(k))) next.delete('page');
    setSearchParams(next);
  };

  const filtered = q !== '' || filters.some((f) => f.type !== 'date' && searchParams.has(f.name));
  const clearFilters = () => {
    const next = new URLSearchParams(searchParams);
    for (const key of ['q', 'page', ...filters.map((f) => f.name)]) next.delete(key);
    setSearchParams(next);
  };

  const columns = useMemo(
    () =>
      props.columns.map((c) =>
        c.sorter && c.key ? { ...c, sortOrder: c.key === sort ? (order === 'desc' ? 'descend' : 'ascend') : null } : c,
      ) as ColumnsType<T>,
    [props.columns, sort, order],
  );

  const onTableChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
      const field = s?.order ? String(s.columnKey) : undefined;
      update({ sort: field, order: field ? (s?.order === 'descend' ? 'desc' : 'asc') : undefined, page: undefined });
      return;
    }
    update({ page: pagination.current, pageSize: pagination.pageSize });
  };

  return (
    <Card
      title={props.title}
      extra={
        <Space wrap>
          {props.toolbar}
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} title={t('common.refresh')} />
        </Space>
      }
    >
      {typeof props.description === 'string' ? (
        <Typography.Paragraph type="secondary">{props.description}</Typography.Paragraph>
      ) : (
        props.description && <div style={{ marginBottom: 16 }}>{props.description}</div>
      )}
      <Space wrap style={{ marginBottom: 16 }} role="search">
        {props.searchPlaceholder !== undefined && (
          <Input.Search
            allowClear
            placeholder={props.searchPlaceholder}
            aria-label={props.searchPlaceholder}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onSearch={(value) => update({ q: value.trim() })}
            enterButton={t('common.search')}
            style={{ width: 320, maxWidth: '100%' }}
          />
        )}
        {filters.map((f) =>
          f.type === 'date' ? (
            <Space key={f.name} size={4}>
              {f.label && <Typography.Text type="secondary">{f.label}</Typography.Text>}
              <DatePicker
                aria-label={f.placeholder}
                placeholder={f.placeholder}
                allowClear={false}
                value={filterValue(f) ? dayjs(filterValue(f)) : null}
                onChange={(d) => update({ [f.name]: d ? d.format('YYYY-MM-DD') : undefined })}
                style={{ width: f.width ?? 140 }}
              />
            </Space>
          ) : f.type === 'select' ? (
            <Select
              key={f.name}
              aria-label={f.placeholder}
              placeholder={f.placeholder}
              allowClear={f.defaultValue === undefined}
              value={filterValue(f) || undefined}
              options={f.options ?? []}
              showSearch={f.showSearch ? { optionFilterProp: 'label' } : undefined}
              onChange={(value?: string) => update({ [f.name]: value })}
              style={{ width: f.width ?? 160 }}
              popupMatchSelectWidth={false}
            />
          ) : (
            <Input.Search
              key={`${f.name}:${filterValue(f)}`}
              allowClear
              aria-label={f.placeholder}
              placeholder={f.placeholder}
              defaultValue={filterValue(f)}
              onSearch={(value) => update({ [f.name]: value.trim() })}
              style={{ width: f.width ?? 180 }}
            />
          ),
        )}
        {filtered && <Button onClick={clearFilters}>{t('common.clearFilters')}</Button>}
      </Space>
      {query.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('error.loadFailed')}
          description={errorText(t, query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
        />
      )}
      <Table<T>
        rowKey={props.rowKey}
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        expandable={props.expandable}
        onRow={props.onRow}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: query.isPending ? (
            <span />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('common.emptyFiltered') : (props.emptyText ?? t('common.emptyData'))}
            >
              {filtered && <Button onClick={clearFilters}>{t('common.clearFilters')}</Button>}
            </Empty>
          ),
        }}
        pagination={{
          current: query.data?.page ?? page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </Card>
  );
}
