import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { OrgUnit } from '../../api/types';
import { errorText, useT } from '../../i18n';

/** Query key of one unit's detail. */
export const orgKey = (code: string) => ['orgs', 'detail', code] as const;

/**
 * A mutation that answers with the updated unit: caches it, refreshes lists and history, and reports
 * success or the server's message (e.g. 409 "changed by someone else", after which the detail is reloaded).
 */
export function useOrgMutation<V>(
  fn: (vars: V) => Promise<OrgUnit>,
  options: { successText?: (org: OrgUnit) => string; onSuccess?: (org: OrgUnit) => void; inlineErrors?: boolean } = {},
) {
  const t = useT();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: (org) => {
      queryClient.setQueryData(orgKey(org.code), org);
      void queryClient.invalidateQueries({ queryKey: ['orgs'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      void message.success(options.successText ? options.successText(org) : t('common.saved'));
      options.onSuccess?.(org);
    },
    onError: (err) => {
      // Forms show the error next to the fields instead.
      if (!options.inlineErrors) void message.error(errorText(t, err));
      void queryClient.invalidateQueries({ queryKey: ['orgs', 'detail'] });
    },
  });
}
