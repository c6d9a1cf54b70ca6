import { Button, Space, Tag, Typography } from 'antd';
import { LIST_CODES } from '../../api/credit';
import {
  type FacetName,
  QINGDAO_DISTRICTS,
  REGISTRY_GRADES,
  REGISTRY_STATUSES,
  type RegistrySearchResult,
} from '../../api/registry';
import { type MsgKey, type TFunction, useT } from '../../i18n';
import { districtLabel, listLabel, statusLabel } from './registry-bits';

export const FACETS: { name: FacetName; label: MsgKey }[] = [
  { name: 'district', label: 'reg.facet.district' },
  { name: 'status', label: 'reg.facet.status' },
  { name: 'grade', label: 'reg.facet.grade' },
  { name: 'list', label: 'reg.facet.list' },
];

interface Chip {
  value: string;
  count: number | null;
}

function chipLabel(t: TFunction, facet: FacetName, value: string): string {
  if (facet === 'district') return districtLabel(t, value || null);
  if (facet === 'status') return statusLabel(t, value);
  if (facet === 'grade') return value || t('reg.facet.ungraded');
  return listLabel(t, value);
}

/** Without counts (too many results to count), the filters still offer every value the server accepts. */
function fallbackChips(facet: FacetName): Chip[] {
  const values: readonly string[] =
    facet === 'district'
      ? QINGDAO_DISTRICTS
      : facet === 'status'
        ? REGISTRY_STATUSES
        : facet === 'grade'
          ? REGISTRY_GRADES
          : [...LIST_CODES, 'NONE'];
  return values.map((value) => ({ value, count: null }));
}

/**
 * The facets as chips with counts ("市南区 12"): clicking one filters, clicking the chosen one again removes it.
 * Values the server cannot filter by (no district, not graded) show their count but do not click.
 */
export function SearchFacets({
  facets,
  selected,
  onSelect,
  onClear,
}: {
  facets: RegistrySearchResult['facets'];
  selected: Partial<Record<FacetName, string>>;
  onSelect: (facet: FacetName, value: string | undefined) => void;
  onClear: () => void;
}) {
  const t = useT();
  const anySelected = FACETS.some((f) => selected[f.name]);
  return (
    <div data-testid="search-facets" style={{ display: 'grid', gap: 6 }}>
      {FACETS.map(({ name, label }) => {
        const chips: Chip[] = facets ? facets[name] : fallbackChips(name);
        const chosen = selected[name];
        // The chosen value stays visible even when the counts no longer list it.
        const all = chosen && !chips.some((c) => c.value === chosen) ? [{ value: chosen, count: 0 }, ...chips] : chips;
        if (all.length === 0) return null;
        return (
          <div key={name} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            <Typography.Text type="secondary" style={{ flex: '0 0 auto', minWidth: 72 }}>
              {t(label)}
            </Typography.Text>
            <Space size={[4, 6]} wrap>
              {all.map((c) => {
                const clickable = c.value !== '';
                const text = (
                  <>
                    {chipLabel(t, name, c.value)}
                    {c.count !== null && (
                      <span style={{ marginInlineStart: 4, fontSize: 12, opacity: 0.65 }}>{c.count}</span>
                    )}
                  </>
                );
                return clickable ? (
                  <Tag.CheckableTag
                    key={c.value}
                    checked={chosen === c.value}
                    onChange={(on) => onSelect(name, on ? c.value : undefined)}
                    style={{ border: '1px solid #d9d9d9', marginInlineEnd: 0 }}
                    data-facet={`${name}:${c.value}`}
                  >
                    {text}
                  </Tag.CheckableTag>
                ) : (
                  <Tag key="none" style={{ marginInlineEnd: 0, background: 'transparent' }}>
                    {text}
                  </Tag>
                );
              })}
            </Space>
          </div>
        );
      })}
      {anySelected && (
        <div>
          <Button size="small" type="link" onClick={onClear} style={{ paddingInline: 0 }}>
            {t('reg.search.clearFilters')}
          </Button>
        </div>
      )}
    </div>
  );
}
