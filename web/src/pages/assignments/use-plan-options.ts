import { useQuery } from '@tanstack/react-query';
import { orgsApi } from '../../api/orgs';
import { plansApi } from '../../api/plans';
import { measureNo } from '../../components/plan-bits';
import { useT } from '../../i18n';

export interface Option {
  value: string;
  label: string;
}

/** Published plans as filter options, newest first. */
export function usePlanOptions(): Option[] {
  const query = useQuery({
    queryKey: ['plans', 'list', 'published'],
    queryFn: () => plansApi.list('published'),
    staleTime: 60_000,
  });
  return (query.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} ${p.title}` }));
}

/**
 * Measure and unit options for the assignment filters. With a plan chosen they come from its dashboard
 * (the only answer that lists measure ids); without one, units come from the org registry.
 */
export function useMeasureUnitOptions(planId: string | null, enabled = true): { measures: Option[]; units: Option[] } {
  const t = useT();
  const dash = useQuery({
    queryKey: ['plans', 'dashboard', Number(planId), 'options'],
    queryFn: () => plansApi.dashboard(Number(planId)),
    enabled: enabled && !!planId,
    staleTime: 60_000,
  });
  const orgs = useQuery({
    queryKey: ['orgs', 'options'],
    queryFn: () => orgsApi.list({ status: 'current', pageSize: 200, sort: 'display_order' }),
    enabled: enabled && !planId,
    staleTime: 60_000,
  });
  const measures = (dash.data?.measures ?? []).map((m) => ({
    value: String(m.id),
    label: `${measureNo(t, m.number)}${m.title}`,
  }));
  const units = planId
    ? (dash.data?.units ?? []).map((u) => ({ value: u.unitCode, label: u.unitName }))
    : (orgs.data?.items ?? []).map((o) => ({ value: o.code, label: o.name }));
  return { measures, units };
}
