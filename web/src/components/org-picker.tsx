import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { orgsApi } from '../api/orgs';

export interface OrgPickerProps {
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** Only units of this kind (e.g. `hospital`). */
  kind?: string;
  /** Label for a pre-selected code that is not in the first page of results. */
  initialLabel?: string | null;
  /** A code that may not be picked (the unit itself, as its own successor). */
  exclude?: string;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
}

/** Picks a current org unit by typing part of its code, name or alias (server-side search). */
export function OrgPicker({ value, onChange, kind, initialLabel, exclude, placeholder, style, id }: OrgPickerProps) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const query = useQuery({
    queryKey: ['orgs', 'picker', { q, kind }],
    queryFn: () => orgsApi.list({ q: q || undefined, kind, status: 'current', pageSize: 30, sort: 'display_order' }),
    staleTime: 30_000,
  });

  const options = (query.data?.items ?? [])
    .filter((o) => o.code !== exclude)
    .map((o) => ({ value: o.code, label: `${o.name}(${o.code})` }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initialLabel ? `${initialLabel}(${value})` : value });
  }

  return (
    <Select<string>
      id={id}
      allowClear
      value={value ?? undefined}
      placeholder={placeholder}
      loading={query.isFetching}
      options={options}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onChange={(v) => onChange?.(v ?? null)}
      onOpenChange={(open) => !open && setTyped('')}
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
