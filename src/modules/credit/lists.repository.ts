import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { ListEntryTable, ListTransitionTable } from '../../core/db/schema-credit.js';

/** Kysely queries for list entries, their transitions and the enterprises' list flags. */

export type EntryRow = Selectable<ListEntryTable>;

const IN_FORCE = ['LISTED', 'PUBLISHED'];

export function entryById(db: Kysely<DB>, id: number) {
  return db.selectFrom('list_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A not-yet-ended entry of the enterprise on the list (one at a time per list). */
export function openEntry(db: Kysely<DB>, listCode: string, enterpriseId: number) {
  return db
    .selectFrom('list_entries')
    .select(['id'])
    .where('list_code', '=', listCode)
    .where('enterprise_id', '=', enterpriseId)
    .where('state', 'in', ['PROPOSED', 'NOTIFIED', 'APPROVAL_PENDING', 'LISTED', 'PUBLISHED'])
    .executeTakeFirst();
}

/** Links a published entry to its credit record (no version bump, as part of the publish transition). */
export function linkEntryRecord(db: Kysely<DB>, id: number, recordId: number) {
  return db.updateTable('list_entries').set({ record_id: recordId }).where('id', '=', id).execute();
}

/** The escalation job's mark on an abnormal entry: its serious-list proposal (or itself) and the warning day. */
export function linkEscalation(db: Kysely<DB>, id: number, linkedEntryId: number, warnedOn: string) {
  return db
    .updateTable('list_entries')
    .set({ linked_entry_id: linkedEntryId, warned_on: warnedOn })
    .where('id', '=', id)
    .execute();
}

/** The day the escalation warning was given for an abnormal entry. */
export function markEscalationWarned(db: Kysely<DB>, id: number, day: string) {
  return db.updateTable('list_entries').set({ warned_on: day }).where('id', '=', id).execute();
}

export function insertEntry(db: Kysely<DB>, row: Insertable<ListEntryTable>) {
  return db.insertInto('list_entries').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates an entry if its version and state still match; undefined when someone else moved it. */
export function updateEntry(db: Kysely<DB>, row: EntryRow, set: Updateable<ListEntryTable>) {
  return db
    .updateTable('list_entries')
    .set({ ...set, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('state', '=', row.state)
    .returningAll()
    .executeTakeFirst();
}

export function insertTransition(db: Kysely<DB>, row: Insertable<ListTransitionTable>) {
  return db.insertInto('list_transitions').values(row).execute();
}

export function transitionsOf(db: Kysely<DB>, entryId: number) {
  return db.selectFrom('list_transitions').selectAll().where('entry_id', '=', entryId).orderBy('id').execute();
}

export interface EntryFilter {
  listCode?: string;
  enterpriseId?: number;
  state?: string;
  unitCode?: string;
  offset: number;
  limit: number;
}

function filtered(db: Kysely<DB>, f: Omit<EntryFilter, 'offset' | 'limit'>) {
  let q = db.selectFrom('list_entries');
  if (f.listCode) q = q.where('list_code', '=', f.listCode);
  if (f.enterpriseId !== undefined) q = q.where('enterprise_id', '=', f.enterpriseId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.unitCode) q = q.where('unit_code', '=', f.unitCode);
  return q;
}

/** A page of entries (government view), newest first, with the enterprise's name and code. */
export async function listEntries(db: Kysely<DB>, f: EntryFilter) {
  const [items, total] = await Promise.all([
    filtered(db, f)
      .innerJoin('enterprises as e', 'e.id', 'list_entries.enterprise_id')
      .selectAll('list_entries')
      .select(['e.name as enterprise_name', 'e.uscc as enterprise_uscc', 'e.district_code as enterprise_district'])
      .orderBy('list_entries.id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export interface PublicEntryFilter {
  listCode: string;
  day: string;
  districtCode?: string;
  /** Show entries removed on cure too (abnormal v2014 showAfterRemoval). */
  includeCured: boolean;
  /** Exact USCC or a name substring (normalised lower-case, LIKE-escaped by the caller). */
  uscc?: string;
  nameLike?: string;
  offset: number;
  limit: number;
}

/**
 * Entries public on `day`: PUBLISHED (published_on ≤ day ≤ expires_on, evaluated here rather than by the
 * job), plus cured ones where the rule shows them. Early-removed, expired and revoked entries never show.
 */
function publicQuery(db: Kysely<DB>, f: Omit<PublicEntryFilter, 'offset' | 'limit'>) {
  let q = db
    .selectFrom('list_entries')
    .innerJoin('enterprises as e', 'e.id', 'list_entries.enterprise_id')
    .where('list_entries.list_code', '=', f.listCode)
    .where('list_entries.published_on', '<=', f.day)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('list_entries.state', 'in', ['PUBLISHED', 'EXPIRED']),
          eb.or([eb('list_entries.expires_on', 'is', null), eb('list_entries.expires_on', '>=', f.day)]),
        ]),
        ...(f.includeCured ? [eb('list_entries.state', '=', 'REMOVED_ON_CURE')] : []),
      ]),
    );
  if (f.districtCode) q = q.where('e.district_code', '=', f.districtCode);
  if (f.uscc) q = q.where('e.uscc', '=', f.uscc);
  if (f.nameLike) q = q.where('e.search_text', 'like', f.nameLike);
  return q;
}

export async function publicEntries(db: Kysely<DB>, f: PublicEntryFilter) {
  const [items, total] = await Promise.all([
    publicQuery(db, f)
      .select([
        'list_entries.id',
        'list_entries.list_code',
        'list_entries.state',
        'list_entries.ground',
        'list_entries.reason_category',
        'list_entries.unit_code',
        'list_entries.decided_on',
        'list_entries.listed_on',
        'list_entries.published_on',
        'list_entries.expires_on',
        'list_entries.removed_on',
        'list_entries.rule_set_code',
        'list_entries.rule_set_version',
        'list_entries.enterprise_id',
        'e.name as enterprise_name',
        'e.uscc as enterprise_uscc',
        'e.district_code as enterprise_district',
      ])
      .orderBy('list_entries.published_on', 'desc')
      .orderBy('list_entries.id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    publicQuery(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Entries of one enterprise (its page and report). */
export function entriesOfEnterprise(db: Kysely<DB>, enterpriseId: number) {
  return db.selectFrom('list_entries').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('id').execute();
}

/** Recomputes `enterprises.list_flags` from the entries in force on `day`. */
export async function refreshListFlags(db: Kysely<DB>, enterpriseId: number, day: string): Promise<string> {
  const rows = await db
    .selectFrom('list_entries')
    .select('list_code')
    .distinct()
    .where('enterprise_id', '=', enterpriseId)
    .where('state', 'in', IN_FORCE)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', day)]))
    .orderBy('list_code')
    .execute();
  const flags = rows.map((r) => r.list_code).join(',');
  await db.updateTable('enterprises').set({ list_flags: flags }).where('id', '=', enterpriseId).execute();
  return flags;
}

/** In-force entries past their last day (job sweep, in batches). */
export function expiredEntries(db: Kysely<DB>, day: string, limit: number) {
  return db
    .selectFrom('list_entries')
    .selectAll()
    .where('state', 'in', IN_FORCE)
    .where('expires_on', '<', day)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** In-force abnormal entries inside their escalation warning window not yet warned or proposed. */
export function escalationDue(db: Kysely<DB>, day: string, limit: number) {
  return db
    .selectFrom('list_entries')
    .selectAll()
    .where('state', 'in', IN_FORCE)
    .where('escalation_warning_from', '<=', day)
    .where((eb) =>
      eb.or([eb('warned_on', 'is', null), eb.and([eb('escalation_on', '<=', day), eb('linked_entry_id', 'is', null)])]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}
