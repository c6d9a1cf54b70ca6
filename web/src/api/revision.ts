import type { FieldChange, MeasureDiff, RevisionSummary } from '../../../src/modules/plans/domain/revision';
import { post, upload } from './client';

export type { FieldChange, MeasureDiff };

/** What a revised text would change in a published plan (the server's RevisionPreview). */
export interface RevisionPreview {
  planId: number;
  code: string;
  header: FieldChange[];
  summary: RevisionSummary;
  measures: MeasureDiff[];
  warnings: { code: string; severity: string; message: string; offset: number }[];
  units: Record<string, string>;
}

export const revisionApi = {
  previewText: (planId: number, text: string) => post<RevisionPreview>(`/api/plans/${planId}/revision`, { text }),
  previewFile: (planId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<RevisionPreview>(`/api/plans/${planId}/revision/file`, form);
  },
};
