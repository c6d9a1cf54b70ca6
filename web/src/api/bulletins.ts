import type { OfficialDocument } from '../../../src/modules/plans/domain/official-document';
import { get, patch, post } from './client';

/**
 * Monthly bulletins 质量工作督查情况通报 (R-S14) and the plan's 任务分解表; shapes follow
 * src/modules/plans/bulletin.schema.ts and domain/official-document.ts.
 */

export type BulletinStatus = 'draft' | 'approved' | 'issued';
export type BulletinEvent = 'approve' | 'revoke' | 'issue';
export type BulletinAction = 'edit' | 'refresh' | BulletinEvent;

export interface BulletinSummary {
  id: number;
  planId: number;
  year: number;
  seq: number;
  /** 2015年第1期 */
  no: string;
  /** YYYY-MM */
  period: string;
  asOf: string;
  status: BulletinStatus;
  approvedAt: string | null;
  issuedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface BulletinList {
  items: BulletinSummary[];
  /** The business day: months ending after it cannot have a bulletin yet. */
  today: string;
  canManage: boolean;
}

// The document model is the server's own (type-only import: nothing of the server reaches the bundle).
export type {
  DocBlock,
  DocCell,
  DocColumn,
  OfficialDocument,
} from '../../../src/modules/plans/domain/official-document';

/** The few content figures the UI shows beside the document. */
export interface BulletinContent {
  asOf: string;
  previous: { no: string; period: string; asOf: string } | null;
  summary: { assignments: number; progress: number | null; previousProgress: number | null };
  problems: unknown[];
  escalations: unknown[];
  reporting: { owed: number; units: unknown[] };
  experiences: unknown[];
}

export interface BulletinDetail extends BulletinSummary {
  planCode: string;
  planTitle: string;
  nextSteps: string;
  allowedActions: BulletinAction[];
  content: BulletinContent;
  document: OfficialDocument;
}

export const bulletinsApi = {
  list: (planId: number) => get<BulletinList>(`/api/plans/${planId}/bulletins`),
  create: (planId: number, period: string) => post<BulletinDetail>(`/api/plans/${planId}/bulletins`, { period }),
  get: (id: number) => get<BulletinDetail>(`/api/bulletins/${id}`),
  saveNextSteps: (id: number, version: number, nextSteps: string) =>
    patch<BulletinDetail>(`/api/bulletins/${id}`, { version, nextSteps }),
  refresh: (id: number, version: number) => post<BulletinDetail>(`/api/bulletins/${id}/refresh`, { version }),
  transition: (id: number, version: number, event: BulletinEvent) =>
    post<BulletinDetail>(`/api/bulletins/${id}/transition`, { version, event }),
  docxUrl: (id: number) => `/api/bulletins/${id}/docx`,
  taskTableUrl: (planId: number) => `/api/plans/${planId}/task-table.docx`,
};
