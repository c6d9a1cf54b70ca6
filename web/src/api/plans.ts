import { del, get, patch, post, put, upload } from './client';
import type { CompareResult, Dashboard } from './dashboard-types';
import type {
  AssignmentDetail,
  AssignmentItem,
  FileInfo,
  PlanDetail,
  PlanImportText,
  PlanSettings,
  PlanSummary,
  ReportDetail,
  ReportInput,
  ReportListItem,
  TransitionEvent,
} from './plan-types';
import type { SubPlanDetail, SubPlanInput, SubPlanSummary } from './subplan-types';
import type { ListParams, Page } from './types';

export const plansApi = {
  list: (status?: string) => get<PlanSummary[]>('/api/plans', { status }),
  get: (id: number) => get<PlanDetail>(`/api/plans/${id}`),
  source: (id: number) => get<{ text: string; sourceName: string | null }>(`/api/plans/${id}/source`),
  importText: (body: PlanImportText) => post<PlanSummary>('/api/plans/import', body),
  /** code and year travel in the query string (the multipart body holds only the file). */
  importFile: (file: File, fields: { code?: string; year?: number }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const qs = new URLSearchParams();
    if (fields.code) qs.set('code', fields.code);
    if (fields.year) qs.set('year', String(fields.year));
    return upload<PlanSummary>(`/api/plans/import/file${qs.size ? `?${qs}` : ''}`, form);
  },
  reparse: (id: number) => post<PlanSummary>(`/api/plans/${id}/reparse`),
  updateSettings: (id: number, version: number, settings: Partial<PlanSettings>) =>
    patch<PlanSummary>(`/api/plans/${id}/settings`, { version, settings }),
  publish: (id: number, version: number, dispatchDate?: string) =>
    post<PlanSummary>(`/api/plans/${id}/publish`, { version, ...(dispatchDate ? { dispatchDate } : {}) }),
  remove: (id: number) => del<void>(`/api/plans/${id}`),
  dashboard: (id: number, asOf?: string) => get<Dashboard>(`/api/plans/${id}/dashboard`, { asOf }),
  compare: (id: number, from: string, to: string, only?: string) =>
    get<CompareResult>(`/api/plans/${id}/compare`, { from, to, only }),
  exportUrl: (id: number, asOf?: string) =>
    `/api/plans/${id}/export.xlsx${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
};

export const assignmentsApi = {
  list: (params: ListParams) => get<Page<AssignmentItem> & { asOf: string }>('/api/assignments', params),
  get: (id: number | string, asOf?: string) => get<AssignmentDetail>(`/api/assignments/${id}`, { asOf }),
  transition: (id: number, body: { event: TransitionEvent; version: number; reason?: string }) =>
    post<AssignmentItem>(`/api/assignments/${id}/transition`, body),
  createReport: (id: number, body: ReportInput) => post<ReportDetail>(`/api/assignments/${id}/reports`, body),
};

export const reportsApi = {
  list: (params: ListParams) => get<Page<ReportListItem>>('/api/reports', params),
  get: (id: number) => get<ReportDetail>(`/api/reports/${id}`),
  update: (id: number, body: Partial<ReportInput> & { version: number }) =>
    patch<ReportDetail>(`/api/reports/${id}`, body),
  submit: (id: number, version: number) => post<ReportDetail>(`/api/reports/${id}/submit`, { version }),
  review: (
    id: number,
    body: { version: number; decision: 'accept' | 'return'; reason?: string; exemplary?: boolean },
  ) => post<ReportDetail>(`/api/reports/${id}/review`, body),
  evidenceUrl: (reportId: number, evidenceId: number) => `/api/reports/${reportId}/evidence/${evidenceId}`,
};

export const filesApi = {
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<FileInfo>('/api/files', form);
  },
};

/** District implementation plans (区市实施方案备案). */
export const subPlansApi = {
  list: (planId: number) => get<SubPlanSummary[]>(`/api/plans/${planId}/sub-plans`),
  get: (id: number) => get<SubPlanDetail>(`/api/sub-plans/${id}`),
  save: (id: number, body: SubPlanInput) => put<SubPlanDetail>(`/api/sub-plans/${id}`, body),
  file: (id: number, version: number) => post<SubPlanDetail>(`/api/sub-plans/${id}/file`, { version }),
  review: (id: number, body: { version: number; decision: 'accept' | 'return'; reason?: string }) =>
    post<SubPlanDetail>(`/api/sub-plans/${id}/review`, body),
};
