import { del, get, patch, post } from './client';
import type { ListParams, OrgCreate, OrgKindCount, OrgPatch, OrgUnit, Page, UserSummary } from './types';

const enc = encodeURIComponent;

export const orgsApi = {
  list: (params: ListParams) => get<Page<OrgUnit>>('/api/orgs', params),
  get: (code: string) => get<OrgUnit>(`/api/orgs/${enc(code)}`),
  kinds: () => get<OrgKindCount[]>('/api/orgs/kinds'),
  create: (body: OrgCreate) => post<OrgUnit>('/api/orgs', body),
  update: (code: string, body: OrgPatch) => patch<OrgUnit>(`/api/orgs/${enc(code)}`, body),
  rename: (code: string, name: string, version: number) =>
    post<OrgUnit>(`/api/orgs/${enc(code)}/rename`, { name, version }),
  retire: (code: string, body: { validTo: string; successorCode?: string; version: number }) =>
    post<OrgUnit>(`/api/orgs/${enc(code)}/retire`, body),
  addAlias: (code: string, alias: string) => post<OrgUnit>(`/api/orgs/${enc(code)}/aliases`, { alias }),
  removeAlias: (code: string, id: number) => del<OrgUnit>(`/api/orgs/${enc(code)}/aliases/${id}`),
  updateContact: (code: string, contactPerson: string | null, contactPhone: string | null) =>
    patch<OrgUnit>(`/api/orgs/${enc(code)}/contact`, { contactPerson, contactPhone }),
  users: (code: string) => get<{ items: UserSummary[] }>(`/api/orgs/${enc(code)}/users`),
};
