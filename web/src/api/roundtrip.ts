import { upload, uploadForFile } from './client';

/** The plan's Excel/CSV round trip (R-S13): export, dry run, commit and the error file. */

export type RoundTripSheet = 'measures' | 'actions' | 'assignments';

export interface RoundTripCounts {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
  errors: number;
  warnings: number;
}

export type CellValue = string | number | null;

export interface RoundTripRow {
  sheet: RoundTripSheet;
  row: number;
  op: 'create' | 'update' | 'delete';
  externalId: string;
  event: string | null;
  changes: { field: string; old: CellValue; new: CellValue }[];
}

export interface RoundTripFinding {
  sheet: RoundTripSheet;
  row: number;
  column: string | null;
  externalId: string | null;
  code: string;
  severity: 'error' | 'warning';
  value: string | null;
  message: string;
}

export interface ImportResult {
  mode: 'dryRun' | 'commit';
  committed: boolean;
  format: 'xlsx' | 'csv';
  sheets: RoundTripSheet[];
  fingerprint: string;
  counts: Record<RoundTripSheet, RoundTripCounts>;
  totals: RoundTripCounts;
  rows: RoundTripRow[];
  findings: RoundTripFinding[];
  truncated: boolean;
}

export const ROUND_TRIP_SHEETS: RoundTripSheet[] = ['measures', 'actions', 'assignments'];

function form(file: File): FormData {
  const f = new FormData();
  f.append('file', file, file.name);
  return f;
}

function qs(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  return params.size ? `?${params}` : '';
}

export const roundTripApi = {
  exportUrl: (planId: number, csvSheet?: RoundTripSheet) =>
    `/api/plans/${planId}/roundtrip/export${csvSheet ? qs({ format: 'csv', sheet: csvSheet }) : ''}`,
  dryRun: (planId: number, file: File, sheet?: RoundTripSheet) =>
    upload<ImportResult>(`/api/plans/${planId}/roundtrip/import${qs({ mode: 'dryRun', sheet })}`, form(file)),
  /** Commits the file; the dry run's fingerprint makes the server refuse if the outcome changed meanwhile. */
  commit: (planId: number, file: File, fingerprint: string, sheet?: RoundTripSheet) =>
    upload<ImportResult>(
      `/api/plans/${planId}/roundtrip/import${qs({ mode: 'commit', fingerprint, sheet })}`,
      form(file),
    ),
  errorFile: (planId: number, file: File, sheet?: RoundTripSheet) =>
    uploadForFile(`/api/plans/${planId}/roundtrip/errors${qs({ sheet })}`, form(file)),
};

/** Lets the browser save a blob under a file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
