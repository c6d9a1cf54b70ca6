import { del, get, post } from './client';
import type { ApiToken, CreatedToken, TokenPermission } from './types';

export const tokensApi = {
  list: () => get<ApiToken[]>('/api/tokens'),
  permissions: () => get<TokenPermission[]>('/api/tokens/permissions'),
  create: (body: { name: string; permissions: string[]; expiresInDays: number }) =>
    post<CreatedToken>('/api/tokens', body),
  revoke: (id: number) => del<void>(`/api/tokens/${id}`),
};
