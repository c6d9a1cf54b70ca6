import crypto from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { bulkInserter } from '../../core/db/bulk.js';
import type { DB } from '../../core/db/schema.js';
import type { EnterpriseTable } from '../../core/db/schema-credit.js';
import type { CoreDeps } from '../../core/deps.js';
import { searchColumns } from '../../core/search/tokenize.js';
import { type EnterpriseRecord, enterpriseSearchFields, type RowFinding, rowKey } from './domain/registry-row.js';
import * as repo from './registry.repository.js';

/**
 * One committed batch of a registry import (credit.md §2): upserts by credit code else registration
 * number, versioned field changes, rejects, counters, checkpoint and one audit row, all in one transaction.
 */

export type JobRow = Awaited<ReturnType<typeof repo.jobById>> & {};

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

/** Columns a comparison looks at; everything the file can say about an enterprise. */
const COMPARED = [
  'registration_no',
  'org_code',
  'name',
  'former_names',
  'entity_type',
  'legal_rep',
  'legal_rep_id_hash',
  'registered_capital',
  'currency',
  'established_on',
  'operating_term_to',
  'registration_authority',
  'registration_region_code',
  'district_code',
  'address',
  'business_scope',
  'industry_code',
  'status',
  'status_date',
  'code_warnings',
  'source_record_id',
] as const;

/** Columns an inserted row binds; the rest of the row is one value per batch (bulkInserter constants). */
const ROW_COLUMNS = ['uscc', ...COMPARED, 'search_text', 'search_terms'] as const;

/** ID numbers are kept only as a hash for cross-links; the prefix keeps them apart from other SHA-256 uses. */
export function hashPersonId(id: string | null): string | null {
  return id ? crypto.createHash('sha256').update(`qcity:person:${id.toUpperCase()}`).digest('hex') : null;
}

export interface Parsed {
  line: number;
  record: EnterpriseRecord | null;
  findings: RowFinding[];
}

/**
 * A load into a registry that holds nothing but this job's rows (a first import, or its resumption): no
 * row can be updated, so keys are not looked up before the insert; the unique credit-code index reports
 * repeats, and the registration numbers of rows without a credit code are remembered here.
 */
export interface FreshLoad {
  regNos: Set<string>;
}

/** One batch in one transaction: upserts, change history, rejects, counters, checkpoint and one audit row. */
export async function commitBatch(
  core: CoreDeps,
  ctx: RequestContext,
  job: JobRow,
  rows: Parsed[],
  checkpoint: number,
  counts: Counts,
  dryRunKeys: Set<string> | null,
  fresh: FreshLoad | null,
): Promise<void> {
  const now = core.clock.now().toISOString();
  const before = { ...counts };
  const inserter = bulkInserter(core.handle, 'enterprises', ROW_COLUMNS, {
    conflictKey: 'uscc',
    constants: {
      source: 'import',
      last_synced_at: now,
      last_import_job_id: job.id,
      demo: 0,
      list_flags: '',
      created_at: now,
      updated_at: now,
      version: 1,
    },
  });
  const write = async (trx: Kysely<DB>) => {
    const valid = fresh ? [] : (rows.filter((r) => r.record) as (Parsed & { record: EnterpriseRecord })[]);
    const byUscc = new Map(
      (await repo.enterprisesByUscc(trx, uniq(valid.map((r) => r.record.uscc)))).map((e) => [e.uscc!, e]),
    );
    const regNos = uniq(
      valid.filter((r) => !r.record.uscc || !byUscc.has(r.record.uscc)).map((r) => r.record.registration_no),
    );
    const byRegNo = new Map<string, repo.EnterpriseRow>();
    // A registration number matches only a row that has no credit code yet (an older record being upgraded).
    for (const e of await repo.enterprisesByRegistrationNo(trx, regNos)) {
      if (!e.uscc && !byRegNo.has(e.registration_no!)) byRegNo.set(e.registration_no!, e);
    }
    const duplicateReject = (row: Parsed, rec: EnterpriseRecord) => {
      counts.rejected += 1;
      rejects.push({
        job_id: job.id,
        line: row.line,
        field: rec.uscc ? 'uscc' : 'registrationNo',
        code: 'ROW_DUPLICATE_IN_FILE',
        message: `${rec.uscc ?? rec.registration_no} appears more than once in this file`,
        severity: 'error',
      });
    };
    /** A row whose key is taken: unchanged, or an update with every changed field versioned. */
    const applyExisting = async (rec: EnterpriseRecord, existing: repo.EnterpriseRow) => {
      const next: Record<string, string | number | null> = { ...columnsOf(rec), uscc: rec.uscc };
      const old = existing as unknown as Record<string, string | number | null>;
      const diff: string[] = COMPARED.filter((c) => String(old[c] ?? '') !== String(next[c] ?? ''));
      // An older record matched by registration number gains its credit code.
      if (rec.uscc && existing.uscc !== rec.uscc) diff.push('uscc');
      if (diff.length === 0) {
        counts.unchanged += 1;
        touched.push(Number(existing.id));
        return;
      }
      counts.updated += 1;
      const set: Record<string, unknown> = { last_synced_at: now, last_import_job_id: job.id, updated_at: now };
      for (const c of diff) {
        set[c] = next[c];
        changes.push({
          enterprise_id: Number(existing.id),
          field: c,
          old_value: old[c] === null || old[c] === undefined ? null : String(old[c]),
          new_value: next[c] === null || next[c] === undefined ? null : String(next[c]),
          source: `import:${job.id}`,
          at: now,
        });
      }
      if (diff.includes('name') || diff.includes('former_names')) {
        Object.assign(set, searchColumns(enterpriseSearchFields(rec.name, rec.former_names)));
      }
      set.version = Number(existing.version) + 1;
      if (!dryRunKeys) await repo.updateEnterprise(trx, Number(existing.id), set);
    };
    const seen = new Set<string>();
    const inserts: Insertable<EnterpriseTable>[] = [];
    const insertedRows: (Parsed & { record: EnterpriseRecord })[] = [];
    const touched: number[] = [];
    const changes: Insertable<DB['enterprise_changes']>[] = [];
    const rejects: Insertable<DB['import_rejects']>[] = [];
    for (const row of rows) {
      for (const f of row.findings) {
        rejects.push({
          job_id: job.id,
          line: row.line,
          field: f.field,
          code: f.code,
          message: f.message,
          severity: f.severity,
        });
      }
      if (!row.record) {
        counts.rejected += 1;
        continue;
      }
      if (row.findings.length) counts.warnings += 1;
      const rec = row.record;
      const key = rowKey(rec);
      const existing =
        (rec.uscc && byUscc.get(rec.uscc)) || (rec.registration_no ? byRegNo.get(rec.registration_no) : undefined);
      const duplicate =
        seen.has(key) ||
        (rec.registration_no && seen.has(`R:${rec.registration_no}`) && !rec.uscc) ||
        (dryRunKeys?.has(key) ?? false) ||
        (existing !== undefined && Number(existing.last_import_job_id) === job.id) ||
        // Fast load: an earlier batch's row without a credit code holds this registration number.
        (fresh !== null && rec.registration_no !== null && fresh.regNos.has(rec.registration_no));
      if (duplicate) {
        duplicateReject(row, rec);
        continue;
      }
      seen.add(key);
      if (rec.registration_no) seen.add(`R:${rec.registration_no}`);
      dryRunKeys?.add(key);
      if (!existing) {
        counts.inserted += 1;
        inserts.push(newRow(rec));
        insertedRows.push(row as Parsed & { record: EnterpriseRecord });
        continue;
      }
      await applyExisting(rec, existing);
    }
    if (fresh) {
      // The unique index tells which keys were taken: by this job (a repeat) or, rarely, by a row another
      // writer added during the load, which then takes the ordinary update path.
      const done = await inserter.insertNew(trx, inserts);
      const taken = insertedRows.filter((_, i) => !done[i]);
      const holders = new Map(
        (await repo.enterprisesByUscc(trx, uniq(taken.map((r) => r.record.uscc)))).map((e) => [e.uscc!, e]),
      );
      for (const row of taken) {
        counts.inserted -= 1;
        const holder = holders.get(row.record.uscc!)!;
        if (Number(holder.last_import_job_id) === job.id) duplicateReject(row, row.record);
        else await applyExisting(row.record, holder);
      }
      insertedRows.forEach((row, i) => {
        if (done[i] && !row.record.uscc && row.record.registration_no) fresh.regNos.add(row.record.registration_no);
      });
      rejects.sort((a, b) => a.line - b.line);
    }
    if (dryRunKeys) {
      await repo.insertRejects(trx, rejects);
    } else {
      if (!fresh) await inserter.insert(trx, inserts);
      await repo.touchEnterprises(trx, touched, job.id, now);
      await repo.insertChanges(trx, changes);
      await repo.insertRejects(trx, rejects);
    }
    await repo.updateJob(trx, job.id, { ...counts, checkpoint_row: checkpoint, updated_at: now });
    if (!dryRunKeys) {
      await core.audit.append(trx, ctx, {
        action: 'enterprises.import.batch',
        entityType: 'import_job',
        entityId: String(job.id),
        after: {
          toRow: checkpoint,
          inserted: counts.inserted - before.inserted,
          updated: counts.updated - before.updated,
          unchanged: counts.unchanged - before.unchanged,
          rejected: counts.rejected - before.rejected,
        },
      });
    }
  };
  try {
    await core.db.transaction().execute(write);
  } catch (err) {
    // The batch rolled back whole; the counters must say so too before the job is marked failed.
    Object.assign(counts, before);
    throw err;
  }
}

/** The bound columns of a new row, built as one literal: spreads per row cost more than the insert. */
function newRow(rec: EnterpriseRecord): Insertable<EnterpriseTable> {
  const search = searchColumns(enterpriseSearchFields(rec.name, rec.former_names));
  return {
    uscc: rec.uscc,
    registration_no: rec.registration_no,
    org_code: rec.org_code,
    name: rec.name,
    former_names: rec.former_names,
    entity_type: rec.entity_type,
    legal_rep: rec.legal_rep,
    legal_rep_id_hash: hashPersonId(rec.legal_rep_id),
    registered_capital: rec.registered_capital,
    currency: rec.currency,
    established_on: rec.established_on,
    operating_term_to: rec.operating_term_to,
    registration_authority: rec.registration_authority,
    registration_region_code: rec.registration_region_code,
    district_code: rec.district_code,
    address: rec.address,
    business_scope: rec.business_scope,
    industry_code: rec.industry_code,
    status: rec.status,
    status_date: rec.status_date,
    code_warnings: rec.code_warnings,
    source_record_id: rec.source_record_id,
    search_text: search.search_text,
    search_terms: search.search_terms,
  } as Insertable<EnterpriseTable>;
}

function columnsOf(rec: EnterpriseRecord): Record<(typeof COMPARED)[number], string | number | null> {
  const { legal_rep_id, uscc: _uscc, ...rest } = rec;
  return { ...rest, legal_rep_id_hash: hashPersonId(legal_rep_id) };
}

function uniq(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}
