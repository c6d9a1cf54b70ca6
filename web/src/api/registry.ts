import type { Static } from 'typebox';
import type {
  CodeExplanation as CodeExplanationT,
  EnterpriseChange as EnterpriseChangeSchema,
  EnterpriseFull as EnterpriseFullT,
  EnterprisePublic as EnterprisePublicT,
  ImportJob as ImportJobT,
  RegistrySearchQuery as RegistrySearchQueryT,
  RegistrySearchResult as RegistrySearchResultT,
} from '../../../src/modules/credit/registry.schema';
import { get, post, upload } from './client';

// Types come straight from the server's schemas (type-only: nothing of the server reaches the bundle).
export type RegistrySearchQuery = RegistrySearchQueryT;
export type RegistrySearchResult = RegistrySearchResultT;
export type EnterprisePublic = EnterprisePublicT;
export type EnterpriseFull = EnterpriseFullT;
export type EnterpriseChange = Static<typeof EnterpriseChangeSchema>;
export type CodeExplanation = CodeExplanationT;
export type ImportJob = ImportJobT;
export type RegistryStatus = NonNullable<RegistrySearchQueryT['status']>;
export type RegistryGrade = NonNullable<RegistrySearchQueryT['grade']>;
export type FacetName = keyof NonNullable<RegistrySearchResultT['facets']>;

export const REGISTRY_STATUSES = [
  'active',
  'revoked',
  'deregistered',
  'moved_out',
] as const satisfies readonly RegistryStatus[];
export const REGISTRY_GRADES = ['AAA', 'AA', 'A', 'B', 'C'] as const satisfies readonly RegistryGrade[];
/** Today's ten Qingdao districts and county-level cities, in the official order (credit.md §1.4). */
export const QINGDAO_DISTRICTS = [
  '370202',
  '370203',
  '370211',
  '370212',
  '370213',
  '370214',
  '370215',
  '370281',
  '370283',
  '370285',
] as const;

/** Job states in which the server is still working on the file. */
export const RUNNING_JOB = ['pending', 'running'];

/** The URL query of the search box: only the keys the server knows, empty values dropped. */
export function searchQueryOf(params: URLSearchParams): RegistrySearchQuery {
  const query: Record<string, string | number> = {};
  for (const key of ['q', 'district', 'status', 'grade', 'list'] as const) {
    const v = params.get(key);
    if (v) query[key] = v;
  }
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  if (page > 1) query.page = page;
  if (pageSize > 0) query.pageSize = pageSize;
  return query as RegistrySearchQuery;
}

/** The public registry (no login, rate-limited) and the government registry with its imports. */
export const registryApi = {
  publicSearch: (query: RegistrySearchQuery) =>
    get<RegistrySearchResult>('/api/public/enterprises', query as Record<string, string | number>),
  explainCode: (code: string) => get<CodeExplanation>('/api/public/credit-code', { code }),

  search: (query: RegistrySearchQuery) =>
    get<RegistrySearchResult>('/api/enterprises', query as Record<string, string | number>),
  enterprise: (id: number) => get<EnterpriseFull>(`/api/enterprises/${id}`),
  changes: (id: number) => get<EnterpriseChange[]>(`/api/enterprises/${id}/changes`),

  jobs: () => get<ImportJob[]>('/api/enterprises/imports'),
  job: (id: number) => get<ImportJob>(`/api/enterprises/imports/${id}`),
  rejectsUrl: (id: number) => `/api/enterprises/imports/${id}/rejects.csv`,
  /** Commits a finished dry run from its stored file; answers the new job. */
  commitDryRun: (id: number) => post<ImportJob>(`/api/enterprises/imports/${id}/commit`),
  /** Uploads a register file; the server answers 202 with the job, which runs in the background. */
  startImport: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<ImportJob>(`/api/enterprises/imports?dryRun=${dryRun}`, form);
  },
};
