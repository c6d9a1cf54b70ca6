import { type Static, Type } from 'typebox';
import { Nullable, Strict } from '../../core/http/schema-helpers.js';
import { oneOf } from './assignment.schema.js';
import { SHEET_NAMES } from './domain/roundtrip.js';
import { FINDING_CODES } from './domain/roundtrip-model.js';

/** Request and response schemas of the plan round trip (R-S13). */

export const ExportQuery = Strict({
  format: Type.Optional(oneOf(['xlsx', 'csv'] as const, { description: 'xlsx (default): all three sheets' })),
  sheet: Type.Optional(oneOf(SHEET_NAMES, { description: 'CSV only: the one sheet to export (default assignments)' })),
});
export type ExportQueryT = Static<typeof ExportQuery>;

export const ImportQuery = Strict({
  mode: Type.Optional(
    oneOf(['dryRun', 'commit'] as const, {
      description: 'dryRun (default) writes nothing; commit writes all or nothing',
    }),
  ),
  sheet: Type.Optional(
    oneOf(SHEET_NAMES, { description: 'for a CSV upload whose file name does not say which sheet it is' }),
  ),
  fingerprint: Type.Optional(
    Type.String({
      pattern: '^[0-9a-f]{64}$',
      description: "the dry run's fingerprint: commit refuses with QC_ERR_IMPORT_STALE if the outcome differs",
    }),
  ),
});
export type ImportQueryT = Static<typeof ImportQuery>;

export const ErrorFileQuery = Strict({ sheet: ImportQuery.properties.sheet });

const Cell = Nullable(Type.Union([Type.String(), Type.Number()]));

const Counts = Type.Object({
  create: Type.Integer(),
  update: Type.Integer(),
  delete: Type.Integer({ description: 'assignments cancelled by _op=delete (撤销, recoverable by reopen)' }),
  unchanged: Type.Integer(),
  errors: Type.Integer({ description: 'rows with at least one error; none is written' }),
  warnings: Type.Integer(),
});

export const ImportResult = Type.Object({
  mode: oneOf(['dryRun', 'commit'] as const),
  committed: Type.Boolean(),
  format: oneOf(['xlsx', 'csv'] as const),
  sheets: Type.Array(oneOf(SHEET_NAMES), { description: 'sheets found in the file' }),
  fingerprint: Type.String({ description: 'identifies this outcome; pass it to the commit' }),
  counts: Type.Object({ measures: Counts, actions: Counts, assignments: Counts }),
  totals: Counts,
  rows: Type.Array(
    Type.Object({
      sheet: oneOf(SHEET_NAMES),
      row: Type.Integer({ description: 'row number in the file; the header is row 1' }),
      op: oneOf(['create', 'update', 'delete'] as const),
      externalId: Type.String({ description: 'for a create, the new ID' }),
      event: Nullable(Type.String({ description: 'lifecycle step taken: uphold, cancel, reopen, close, start' })),
      changes: Type.Array(Type.Object({ field: Type.String(), old: Cell, new: Cell })),
    }),
  ),
  findings: Type.Array(
    Type.Object({
      sheet: oneOf(SHEET_NAMES),
      row: Type.Integer(),
      column: Nullable(Type.String()),
      externalId: Nullable(Type.String()),
      code: oneOf(FINDING_CODES),
      severity: oneOf(['error', 'warning'] as const),
      value: Nullable(Type.String()),
      message: Type.String(),
    }),
  ),
  truncated: Type.Boolean({ description: 'rows or findings were cut at the response limit' }),
});
export type ImportResultT = Static<typeof ImportResult>;
