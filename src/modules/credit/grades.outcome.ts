/**
 * Pure glue between grading rows and the scorecard (credit.md §6.1): record tuples to scorecard input, the lists
 * in force, the outcome compared with the stored grade, and the compact explanation stored on a grade change.
 * Shared by the one-enterprise and the full recompute, so both grade an enterprise identically.
 */
import { RECORD_STATUSES } from './domain/record-types.js';
import {
  type ListInForce,
  SCORED_RECORD_TYPES,
  type ScorecardParams,
  type ScoredRecord,
  type ScoreLine,
  type Scorer,
} from './domain/scorecard.js';
import type { EnterpriseGradeTuple, ScoredRecordTuple } from './grades.repository.js';

/** One enterprise's grade as computed. */
export interface GradeOutcome {
  enterpriseId: number;
  asOf: string;
  score: number;
  grade: string;
  riskClass: string;
  scorecardVersion: string;
  /** The stored score, grade, class or version changed. */
  changed: boolean;
  /** The grade or risk class changed: a history row was written. */
  gradeChanged: boolean;
  /** The explanation; empty when the full recompute found nothing changed (it skips building lines then). */
  lines: ScoreLine[];
}

/**
 * The changed grades of a chunk, column-wise (cheap to pass from the read-ahead worker): enterprise ids,
 * scores, grades, classes, and the explanation JSON where grade or class changed (a history row), else null.
 */
export interface GradeChanges {
  ids: number[];
  scores: number[];
  grades: string[];
  classes: string[];
  explanations: (string | null)[];
}

/** The changed ones of `outcomes` as GradeChanges. */
export function changesOf(outcomes: readonly GradeOutcome[]): GradeChanges {
  const out: GradeChanges = { ids: [], scores: [], grades: [], classes: [], explanations: [] };
  for (const o of outcomes) if (o.changed) pushChange(out, o);
  return out;
}

function pushChange(out: GradeChanges, o: GradeOutcome): void {
  out.ids.push(o.enterpriseId);
  out.scores.push(o.score);
  out.grades.push(o.grade);
  out.classes.push(o.riskClass);
  out.explanations.push(o.gradeChanged ? explanationJson(o.lines) : null);
}

/** A list entry row as the grading queries return it. */
export interface EntryRow {
  enterprise_id: number | string;
  list_code: string;
  state: string;
  listed_on: string | null;
  expires_on: string | null;
  record_id: number | string | null;
}

/** The scorecard version in force and its scorer for the run's day. */
export interface RunScorecard {
  version: string;
  params: ScorecardParams;
  scorer: Scorer;
}

/** Record filters the grading queries apply before the scorecard (which checks them again). */
export const GRADED_TYPES = SCORED_RECORD_TYPES;
export const UNCOUNTED_STATUSES: readonly string[] = RECORD_STATUSES.filter((s) => s !== 'ACTIVE');

export function toScored(r: ScoredRecordTuple): ScoredRecord {
  return {
    id: Number(r[1]),
    type: r[2],
    severity: r[3],
    status: r[4],
    visibility: r[5],
    decidedOn: r[6],
    publishedOn: r[7],
    publicEndsOn: r[8],
  };
}

/**
 * Lists in force on `asOf`: entries LISTED/PUBLISHED, listed by then and not expired; plus `list_flags` codes
 * for which the enterprise has no entry at all (flags loaded by an import without their entries).
 */
export function listsInForce(entries: readonly EntryRow[], flags: string, asOf: string): ListInForce[] {
  const out: ListInForce[] = [];
  const known = new Set<string>();
  for (const e of entries) {
    known.add(e.list_code);
    if (e.state !== 'LISTED' && e.state !== 'PUBLISHED') continue;
    if (e.listed_on && e.listed_on > asOf) continue;
    if (e.expires_on && e.expires_on < asOf) continue;
    out.push({ listCode: e.list_code, recordId: e.record_id === null ? null : Number(e.record_id) });
  }
  if (flags)
    for (const code of flags.split(',')) if (code && !known.has(code)) out.push({ listCode: code, recordId: null });
  return out;
}

const NO_LISTS: ListInForce[] = [];

/**
 * Grades one enterprise against its stored grade. With `explain` false the lines are built only when the
 * grade or class changed (the history row needs them); the explain page always wants them.
 */
export function gradeOutcome(
  e: EnterpriseGradeTuple,
  records: readonly ScoredRecord[],
  entries: readonly EntryRow[] | null,
  asOf: string,
  sc: RunScorecard,
  explain: boolean,
): GradeOutcome {
  const [id, score, grade, riskClass, version, flags] = e;
  const lists = entries === null && !flags ? NO_LISTS : listsInForce(entries ?? [], flags, asOf);
  let r = sc.scorer.score(records, lists, explain);
  const gradeChanged = grade !== r.grade || riskClass !== r.riskClass;
  const changed = gradeChanged || (score === null ? true : Number(score) !== r.score) || version !== sc.version;
  if (gradeChanged && !explain) r = sc.scorer.score(records, lists, true);
  return {
    enterpriseId: Number(id),
    asOf,
    score: r.score,
    grade: r.grade,
    riskClass: r.riskClass,
    scorecardVersion: sc.version,
    changed,
    gradeChanged,
    lines: r.lines,
  };
}

/** Compact explanation stored with a grade change: [component, recordId, type, severity, points, decayBp]. */
export function explanationJson(lines: readonly ScoreLine[]): string {
  return JSON.stringify(lines.map((l) => [l.component, l.recordId, l.type, l.severity, l.points, l.decayBp]));
}

const NO_RECORDS: ScoredRecord[] = [];

/**
 * Grades one chunk: walks the id-ordered enterprises and the enterprise-ordered records and entries side by side
 * (no per-enterprise map) and keeps the changed outcomes.
 */
export function gradeChunk(
  ents: readonly EnterpriseGradeTuple[],
  records: readonly ScoredRecordTuple[],
  entries: readonly EntryRow[],
  asOf: string,
  sc: RunScorecard,
): GradeChanges {
  const out: GradeChanges = { ids: [], scores: [], grades: [], classes: [], explanations: [] };
  let ri = 0;
  let ei = 0;
  for (const e of ents) {
    const id = Number(e[0]);
    while (ri < records.length && Number(records[ri]![0]) < id) ri++;
    let mine = NO_RECORDS;
    if (ri < records.length && Number(records[ri]![0]) === id) {
      mine = [];
      for (; ri < records.length && Number(records[ri]![0]) === id; ri++) mine.push(toScored(records[ri]!));
    }
    while (ei < entries.length && Number(entries[ei]!.enterprise_id) < id) ei++;
    let lists: EntryRow[] | null = null;
    for (; ei < entries.length && Number(entries[ei]!.enterprise_id) === id; ei++) {
      lists ??= [];
      lists.push(entries[ei]!);
    }
    const o = gradeOutcome(e, mine, lists, asOf, sc, false);
    if (o.changed) pushChange(out, o);
  }
  return out;
}
