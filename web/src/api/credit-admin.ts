import type { Static } from 'typebox';
import type {
  ConflictDtoT,
  CreateDrawInput,
  CreateInspectorInput,
  DrawDtoT,
  DrawMemberDtoT,
  InspectorDtoT,
  RerunDtoT,
  UpdateInspectorInput,
} from '../../../src/modules/credit/draws.schema';
import type {
  GradeDistribution as GradeDistributionSchema,
  GradeExplanation as GradeExplanationSchema,
  GradeRunDtoSchema,
} from '../../../src/modules/credit/grades.schema';
import type {
  CreateRuleSetInput,
  HolidayYearDto,
  HolidayYearSummary as HolidayYearSummarySchema,
  PutHolidayYearInput,
  RuleSetDtoT,
  UpdateRuleSetInput,
} from '../../../src/modules/credit/rulesets.schema';
import { del, get, patch, post, put } from './client';
import type { Page } from './types';

// Types come straight from the server's schemas (type-only: nothing of the server reaches the bundle).
export type Draw = DrawDtoT;
export type DrawMember = DrawMemberDtoT;
export type Rerun = RerunDtoT;
export type DrawInput = CreateDrawInput;
export type DrawFilter = CreateDrawInput['filter'];
export type Inspector = InspectorDtoT;
export type InspectorDetail = InspectorDtoT & { conflicts: ConflictDtoT[] };
export type GradeRun = Static<typeof GradeRunDtoSchema>;
export type GradeDistribution = Static<typeof GradeDistributionSchema>;
export type GradeExplanation = Static<typeof GradeExplanationSchema>;
export type RuleSet = RuleSetDtoT;
export type RuleSetCreate = CreateRuleSetInput;
export type RuleSetUpdate = UpdateRuleSetInput;
export type HolidayYear = Static<typeof HolidayYearDto>;
export type HolidayYearSummary = Static<typeof HolidayYearSummarySchema>;
export type HolidayDays = PutHolidayYearInput['days'];

export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export const GRADES = ['AAA', 'AA', 'A', 'B', 'C'] as const;

export const drawsApi = {
  list: (page = 1, pageSize = 20) => get<Page<Draw>>('/api/credit/draws', { page, pageSize }),
  get: (id: number) => get<Draw>(`/api/credit/draws/${id}`),
  members: (id: number, page: number, pageSize: number) =>
    get<Page<DrawMember>>(`/api/credit/draws/${id}/members`, { page, pageSize }),
  create: (body: DrawInput) => post<Draw>('/api/credit/draws', body),
  rerun: (id: number) => post<Rerun>(`/api/credit/draws/${id}/rerun`),
  exportUrl: (id: number) => `/api/credit/draws/${id}/export.xlsx`,
};

export const inspectorsApi = {
  list: () => get<Inspector[]>('/api/credit/inspectors'),
  get: (id: number) => get<InspectorDetail>(`/api/credit/inspectors/${id}`),
  create: (body: CreateInspectorInput) => post<InspectorDetail>('/api/credit/inspectors', body),
  update: (id: number, body: UpdateInspectorInput) => patch<InspectorDetail>(`/api/credit/inspectors/${id}`, body),
  addConflict: (id: number, enterpriseId: number, reason?: string) =>
    post<InspectorDetail>(`/api/credit/inspectors/${id}/conflicts`, { enterpriseId, ...(reason ? { reason } : {}) }),
  removeConflict: (id: number, enterpriseId: number) =>
    del<InspectorDetail>(`/api/credit/inspectors/${id}/conflicts/${enterpriseId}`),
};

export const gradesApi = {
  latestRun: () => get<GradeRun | null>('/api/credit/grades/runs/latest'),
  start: () => post<GradeRun>('/api/credit/grades/runs', {}),
  distribution: () => get<GradeDistribution>('/api/credit/grades/distribution'),
  explain: (id: number, asOf?: string) => get<GradeExplanation>(`/api/credit/grades/enterprises/${id}`, { asOf }),
};

export const ruleSetsApi = {
  list: (code?: string) => get<RuleSet[]>('/api/credit/rule-sets', { code }),
  get: (id: number) => get<RuleSet>(`/api/credit/rule-sets/${id}`),
  create: (body: RuleSetCreate) => post<RuleSet>('/api/credit/rule-sets', body),
  update: (id: number, body: RuleSetUpdate) => patch<RuleSet>(`/api/credit/rule-sets/${id}`, body),
  activate: (id: number, versionNo: number) => post<RuleSet>(`/api/credit/rule-sets/${id}/activate`, { versionNo }),
  retire: (id: number, versionNo: number) => post<RuleSet>(`/api/credit/rule-sets/${id}/retire`, { versionNo }),
};

export const holidaysApi = {
  years: () => get<HolidayYearSummary[]>('/api/credit/holidays'),
  year: (year: number) => get<HolidayYear>(`/api/credit/holidays/${year}`),
  put: (year: number, days: HolidayDays) => put<HolidayYear>(`/api/credit/holidays/${year}`, { days }),
};
