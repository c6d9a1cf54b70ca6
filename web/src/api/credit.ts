import type { Static } from 'typebox';
import type { ListAction, ListCode, ListState } from '../../../src/modules/credit/domain/list-lifecycle';
import type { Polarity, RecordStatus, Visibility } from '../../../src/modules/credit/domain/record-types';
import type { RepairKind, RepairVerdict } from '../../../src/modules/credit/domain/repair';
import type { ListEntryT, ProposeBodyT } from '../../../src/modules/credit/lists.schema';
import type { ObjectionT } from '../../../src/modules/credit/objections.service';
import type { PublicCreditService } from '../../../src/modules/credit/public.service';
import type {
  CreditRecordT,
  EnterRecordBodyT,
  RecordTypeItem as RecordTypeItemSchema,
} from '../../../src/modules/credit/records.schema';
import type { RegistrySearchResult } from '../../../src/modules/credit/registry.schema';
import type { RepairApplicationT, RepairBodyT } from '../../../src/modules/credit/repairs.service';
import { ApiError, get, post } from './client';
import type { ListParams, Page } from './types';

// Types come straight from the server's schemas and services (type-only: nothing of the server is bundled).
export type CreditRecord = CreditRecordT;
export type ListEntry = ListEntryT;
export type Objection = ObjectionT;
export type RepairApplication = RepairApplicationT;
export type Eligibility = RepairVerdict;
export type RecordTypeItem = Static<typeof RecordTypeItemSchema>;
// Unions the schemas build from arrays (`values.map(Type.Literal)`) are not literal types: the domain's are used.
export type EnterRecordBody = Omit<EnterRecordBodyT, 'type' | 'polarity' | 'visibility'> & {
  type: string;
  polarity?: Polarity;
  visibility?: Visibility;
};
export type ProposeBody = Omit<ProposeBodyT, 'listCode'> & { listCode: ListCode };
export type RepairBody = Omit<RepairBodyT, 'kind'> & { kind: RepairKind };
export type { ListAction, ListCode, ListState, RecordStatus, RepairKind, Visibility };
export type PublicCreditPage = Awaited<ReturnType<PublicCreditService['enterprise']>>;
export type PublicRecord = PublicCreditPage['negativeRecords'][number];
export type PublicList = Awaited<ReturnType<PublicCreditService['list']>>;
export type ReportVerification = Awaited<ReturnType<PublicCreditService['verify']>>;
export type EnterpriseHit = RegistrySearchResult['items'][number];

/** Every list code, in display order; the check below fails the build when the server adds one. */
export const LIST_CODES = [
  'SERIOUS',
  'ABNORMAL',
  'QUALITY_BLACKLIST',
  'TOURISM_WATCH',
  'TOURISM_BLACKLIST',
  'WATER_WATCH',
  'WATER_BLACKLIST',
] as const satisfies readonly ListCode[];
export const LIST_STATES = [
  'PROPOSED',
  'NOTIFIED',
  'APPROVAL_PENDING',
  'LISTED',
  'PUBLISHED',
  'EXPIRED',
  'REMOVED_EARLY',
  'REMOVED_ON_CURE',
  'REVOKED',
] as const satisfies readonly ListState[];
export const RECORD_STATUSES = [
  'ACTIVE',
  'EXPIRED',
  'REPAIRED',
  'REVOKED',
  'WITHDRAWN',
  'SUPERSEDED',
] as const satisfies readonly RecordStatus[];
export const OBJECTION_STATUSES = ['SUBMITTED', 'EXTERNAL_VERIFICATION', 'UPHELD', 'REJECTED'] as const;
export const REPAIR_STATUSES = ['SUBMITTED', 'ACCEPTED', 'APPROVED', 'DEPUBLISHED', 'REJECTED'] as const;
type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const _listsComplete: Exhaustive<ListCode, (typeof LIST_CODES)[number]> = true;
const _statesComplete: Exhaustive<ListState, (typeof LIST_STATES)[number]> = true;
const _statusesComplete: Exhaustive<RecordStatus, (typeof RECORD_STATUSES)[number]> = true;
void [_listsComplete, _statesComplete, _statusesComplete];

/** Objection states still waiting for a decision (they show "异议处理中"). */
export const PENDING_OBJECTION = ['SUBMITTED', 'EXTERNAL_VERIFICATION'];

const paged = (params: ListParams) => {
  const { sort: _sort, order: _order, q: _q, ...query } = params;
  return query;
};

/** Records, lists, objections and repair for signed-in users (government and enterprise). */
export const creditApi = {
  recordTypes: () => get<RecordTypeItem[]>('/api/credit/record-types'),
  records: (params: ListParams) => get<Page<CreditRecord>>('/api/credit/records', paged(params)),
  record: (id: number) => get<CreditRecord>(`/api/credit/records/${id}`),
  enter: (body: EnterRecordBody) => post<{ outcome: string; record: CreditRecord }>('/api/credit/records', body),
  revoke: (id: number, reason: string) =>
    post<{ outcome: string; record: CreditRecord }>(`/api/credit/records/${id}/revoke`, { reason }),

  entries: (params: ListParams) => get<Page<ListEntry>>('/api/credit/list-entries', paged(params)),
  entry: (id: number) => get<ListEntry>(`/api/credit/list-entries/${id}`),
  propose: (body: ProposeBody) => post<ListEntry>('/api/credit/list-entries', body),
  transition: (id: number, body: { action: ListAction; reason: string; day?: string }) =>
    post<ListEntry>(`/api/credit/list-entries/${id}/transition`, body),

  objections: (params: ListParams) => get<Page<Objection>>('/api/credit/objections', paged(params)),
  fileObjection: (body: { recordId?: number; entryId?: number; reason: string }) =>
    post<Objection>('/api/credit/objections', body),
  decideObjection: (id: number, body: { action: 'verify_externally' | 'uphold' | 'reject'; decision: string }) =>
    post<Objection>(`/api/credit/objections/${id}/decide`, body),

  repairs: (params: ListParams) => get<Page<RepairApplication>>('/api/credit/repairs', paged(params)),
  eligibility: (body: RepairBody) => post<Eligibility>('/api/credit/repairs/eligibility', body),
  applyRepair: (body: RepairBody) => post<RepairApplication>('/api/credit/repairs', body),
  decideRepair: (id: number, body: { action: 'accept' | 'approve' | 'reject' | 'depublish'; decision: string }) =>
    post<RepairApplication>(`/api/credit/repairs/${id}/decide`, body),

  /** The registry search government users pick enterprises with. */
  searchEnterprises: (q: string) => get<RegistrySearchResult>('/api/enterprises', { q, pageSize: 20 }),
};

/** The public disclosure (no login). */
export const publicCreditApi = {
  enterprise: (id: number) => get<PublicCreditPage>(`/api/public/credit/enterprises/${id}`),
  list: (code: string, params: ListParams) => get<PublicList>(`/api/public/credit/lists/${code}`, params),
  verify: (reportId: string) => get<ReportVerification>(`/api/public/credit/reports/${reportId}`),
  /** Finds an enterprise by its exact credit code (the enterprise user's own id). */
  byCode: (uscc: string) => get<RegistrySearchResult>('/api/public/enterprises', { q: uscc, pageSize: 1 }),
  /** Issues a report: its HTML (exactly what the hash covers) with id and SHA-256 from the headers. */
  report: async (id: number): Promise<{ html: string; reportId: string; sha256: string }> => {
    const res = await fetch(`/api/public/credit/enterprises/${id}/report`, { credentials: 'same-origin' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
      throw new ApiError(res.status, body?.code ?? 'QC_CLIENT_BAD_RESPONSE', body?.message ?? `HTTP ${res.status}`);
    }
    return {
      html: await res.text(),
      reportId: res.headers.get('x-report-id') ?? '',
      sha256: res.headers.get('x-report-sha256') ?? '',
    };
  },
};
