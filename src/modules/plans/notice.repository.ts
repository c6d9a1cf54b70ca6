import { type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import type { NoticeTable } from '../../core/db/schema-plans.js';

/** Published plans, the ones the reminder job watches. */
export function publishedPlans(db: Kysely<DB>) {
  return db
    .selectFrom('plans')
    .select(['id', 'code', 'year', 'settings_json'])
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
}

/** Keys (assignment id + notice key) already recorded for a plan on a day. */
export async function recordedKeys(db: Kysely<DB>, planId: number, day: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('notices')
    .select(['assignment_id', 'notice_key'])
    .where('plan_id', '=', planId)
    .where('run_day', '=', day)
    .execute();
  return new Set(rows.map((r) => `${r.assignment_id}|${r.notice_key}`));
}

export type NewNotice = Insertable<NoticeTable>;

export async function insertNotices(db: Kysely<DB>, rows: readonly NewNotice[]): Promise<void> {
  // Chunked: SQLite caps bound parameters per statement (13 columns × 50 rows stays well inside).
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('notices')
      .values(rows.slice(i, i + 50))
      .execute();
  }
}

/** Who a list is for: their units' notices, and (office, leaders) every escalation addressed to a leader. */
export interface Audience {
  userId: number;
  unitCodes: readonly string[];
  escalations: boolean;
}

export interface NoticeFilter {
  noticeId?: number;
  planId?: number;
  unitCode?: string;
  level?: string;
  from?: string;
  to?: string;
  q?: string;
  /** unread / unacknowledged by `audience.userId`. */
  status?: 'unread' | 'unacknowledged' | 'all';
}

function noticeQuery(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('notices as n')
    .innerJoin('assignments as a', 'a.id', 'n.assignment_id')
    .innerJoin('plan_measures as m', 'm.id', 'a.measure_id')
    .innerJoin('org_units as u', 'u.code', 'n.unit_code')
    .leftJoin('notice_marks as k', (join) => join.onRef('k.notice_id', '=', 'n.id').on('k.user_id', '=', userId));
}

type NoticeEb = ExpressionBuilder<
  DB & { n: DB['notices']; a: DB['assignments']; m: DB['plan_measures']; u: DB['org_units']; k: DB['notice_marks'] },
  'n' | 'a' | 'm' | 'u' | 'k'
>;

function whereClauses(eb: NoticeEb, audience: Audience | null, f: NoticeFilter): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (audience) {
    const or: Expression<SqlBool>[] = [];
    if (audience.unitCodes.length) or.push(eb('n.unit_code', 'in', [...audience.unitCodes]));
    if (audience.escalations) or.push(eb('n.recipients', 'like', '%leader%'));
    and.push(or.length ? eb.or(or) : sql<SqlBool>`1 = 0`);
  }
  if (f.noticeId !== undefined) and.push(eb('n.id', '=', f.noticeId));
  if (f.planId !== undefined) and.push(eb('n.plan_id', '=', f.planId));
  if (f.unitCode !== undefined) and.push(eb('n.unit_code', '=', f.unitCode));
  if (f.level !== undefined) and.push(eb('n.level', '=', f.level));
  if (f.from !== undefined) and.push(eb('n.run_day', '>=', f.from));
  if (f.to !== undefined) and.push(eb('n.run_day', '<=', f.to));
  if (f.q !== undefined) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // An explicit ESCAPE: SQLite has no default escape character, PostgreSQL's is the backslash.
    const contains = (column: string) => sql<SqlBool>`${sql.ref(column)} like ${like} escape '\\'`;
    and.push(eb.or([contains('n.no'), contains('u.name'), contains('a.external_id'), contains('m.title')]));
  }
  if (f.status === 'unread') and.push(eb('k.read_at', 'is', null));
  if (f.status === 'unacknowledged') and.push(eb('k.ack_at', 'is', null));
  return eb.and(and);
}

/** A page of notices for an audience (null = everything, the office's register), newest first. */
export async function listNotices(
  db: Kysely<DB>,
  userId: number,
  audience: Audience | null,
  filter: NoticeFilter,
  page: { offset: number; limit: number },
) {
  const base = noticeQuery(db, userId).where((eb) => whereClauses(eb as NoticeEb, audience, filter));
  const [rows, count] = await Promise.all([
    base
      .select([
        'n.id',
        'n.no',
        'n.level',
        'n.reason',
        'n.recipients',
        'n.run_day',
        'n.due_date',
        'n.sent_at',
        'n.plan_id',
        'n.assignment_id',
        'a.external_id as assignment_external_id',
        'm.number as measure_number',
        'm.title as measure_title',
        'n.unit_code',
        'u.name as unit_name',
        'k.read_at',
        'k.ack_at',
      ])
      .orderBy('n.run_day', 'desc')
      .orderBy('n.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type NoticeListRow = Awaited<ReturnType<typeof listNotices>>['rows'][number];

/** Unread notices an audience has. */
export async function unreadCount(db: Kysely<DB>, audience: Audience): Promise<number> {
  const row = await noticeQuery(db, audience.userId)
    .where((eb) => whereClauses(eb as NoticeEb, audience, { status: 'unread' }))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function noticeById(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('notices')
    .select(['id', 'unit_code', 'recipients', 'assignment_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Sets read (and, when `ack`, acknowledged) marks for a user, keeping earlier instants. */
export async function markNotice(db: Kysely<DB>, noticeId: number, userId: number, at: string, ack: boolean) {
  await db
    .insertInto('notice_marks')
    .values({ notice_id: noticeId, user_id: userId, read_at: at, ack_at: ack ? at : null })
    .onConflict((oc) =>
      oc.columns(['notice_id', 'user_id']).doUpdateSet((eb) => ({
        read_at: eb.fn.coalesce('notice_marks.read_at', eb.val(at)),
        ack_at: ack ? eb.fn.coalesce('notice_marks.ack_at', eb.val(at)) : eb.ref('notice_marks.ack_at'),
      })),
    )
    .execute();
}

/** Marks every notice of an audience read. */
export async function markAllRead(db: Kysely<DB>, audience: Audience, at: string): Promise<number> {
  const ids = await noticeQuery(db, audience.userId)
    .where((eb) => whereClauses(eb as NoticeEb, audience, { status: 'unread' }))
    .select('n.id')
    .execute();
  for (let i = 0; i < ids.length; i += 100) {
    await db
      .insertInto('notice_marks')
      .values(
        ids.slice(i, i + 100).map((r) => ({ notice_id: r.id, user_id: audience.userId, read_at: at, ack_at: null })),
      )
      .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doUpdateSet({ read_at: at }))
      .execute();
  }
  return ids.length;
}

/** E2 (督办单) notices of a plan between two days, for the next bulletin. */
export function escalationsBetween(db: Kysely<DB>, planId: number, from: string, to: string) {
  return db
    .selectFrom('notices')
    .select(['id', 'no', 'assignment_id', 'unit_code', 'run_day', 'due_date', 'reason'])
    .where('plan_id', '=', planId)
    .where('level', '=', 'E2')
    .where('run_day', '>=', from)
    .where('run_day', '<=', to)
    .orderBy('run_day')
    .orderBy('id')
    .execute();
}
