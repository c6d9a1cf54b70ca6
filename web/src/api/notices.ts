import type {
  InboxPageT,
  InboxQueryT,
  NoticeItemT,
  ReminderRunResultT,
} from '../../../src/modules/plans/notice.schema';
import { get, post } from './client';
import type { ListParams, Page } from './types';

// Types come straight from the server's schemas (type-only: nothing of the server reaches the bundle).
export type NoticeItem = NoticeItemT;
export type InboxPage = InboxPageT;
export type InboxStatus = NonNullable<InboxQueryT['status']>;
export type NoticeLevel = NoticeItemT['level'];
export type ReminderRunResult = ReminderRunResultT;

export interface JobRun {
  id: number;
  job: string;
  runKey: string;
  status: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  result: { created?: number; byLevel?: Record<string, number> } | null;
}

export const noticesApi = {
  inbox: (query: { status?: InboxStatus; level?: NoticeLevel; page?: number; pageSize?: number }) =>
    get<InboxPage>('/api/inbox', query),
  read: (id: number) => post<NoticeItem>(`/api/inbox/${id}/read`),
  ack: (id: number) => post<NoticeItem>(`/api/inbox/${id}/ack`),
  readAll: () => post<{ marked: number }>('/api/inbox/read-all'),
  register: (params: ListParams) => {
    const { sort: _sort, order: _order, ...query } = params;
    return get<Page<NoticeItem>>('/api/notices', query);
  },
  runs: () => get<JobRun[]>('/api/jobs/reminders/runs'),
  run: (day?: string) => post<ReminderRunResult>('/api/jobs/reminders/run', day ? { day } : {}),
};
