import type { Kysely } from 'kysely';
import { bulkInserter } from '../../core/db/bulk.js';
import { bulkUpdater } from '../../core/db/bulk-update.js';
import type { DatabaseHandle } from '../../core/db/connect.js';
import type { DB } from '../../core/db/schema.js';
import type { GradeChanges } from './grades.outcome.js';

const GRADE_COLUMNS = [
  { name: 'score', pgType: 'integer' },
  { name: 'grade', pgType: 'text' },
  { name: 'risk_class', pgType: 'text' },
] as const;
const HISTORY_COLUMNS = ['enterprise_id', 'score', 'grade', 'risk_class', 'explanation_json'];

/**
 * Writes changed grades onto the enterprise rows and a history row per grade/class change, inside the caller's
 * transaction `trx`; returns [changed, gradeChanges]. Day, version and time are the same for every row of a
 * call, so they are constants of the statements (cheaper than a parameter per row on SQLite).
 */
export async function writeGrades(
  handle: DatabaseHandle,
  trx: Kysely<DB>,
  changes: GradeChanges,
  asOf: string,
  version: string,
  at: string,
): Promise<[number, number]> {
  const n = changes.ids.length;
  if (n === 0) return [0, 0];
  const updates = new Array<unknown[]>(n);
  const history: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    updates[i] = [changes.ids[i], changes.scores[i], changes.grades[i], changes.classes[i]];
    const explanation = changes.explanations[i];
    if (explanation != null)
      history.push({
        enterprise_id: changes.ids[i],
        score: changes.scores[i],
        grade: changes.grades[i],
        risk_class: changes.classes[i],
        explanation_json: explanation,
      });
  }
  await bulkUpdater(handle, 'enterprises', GRADE_COLUMNS, { scorecard_version: version, graded_at: at }).update(
    trx,
    updates,
  );
  if (history.length)
    await bulkInserter(handle, 'enterprise_grades', HISTORY_COLUMNS, {
      constants: { as_of: asOf, scorecard_version: version, at },
    }).insert(trx, history as never);
  return [n, history.length];
}
