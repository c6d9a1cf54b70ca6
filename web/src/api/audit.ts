import { get } from './client';
import type { AuditRow, AuditVerify, ListParams, Page } from './types';

export const auditApi = {
  list: (params: ListParams) => get<Page<AuditRow>>('/api/audit', params),
  verify: () => get<AuditVerify>('/api/audit/verify'),
};
