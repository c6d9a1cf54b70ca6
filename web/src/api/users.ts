import { get, patch, post } from './client';
import type { ListParams, Page, UserCreate, UserPatch, UserSummary } from './types';

export const usersApi = {
  list: (params: ListParams) => get<Page<UserSummary>>('/api/users', params),
  create: (body: UserCreate) => post<UserSummary>('/api/users', body),
  update: (id: number, body: UserPatch) => patch<UserSummary>(`/api/users/${id}`, body),
  resetPassword: (id: number, password: string) => post<void>(`/api/users/${id}/password`, { password }),
};
