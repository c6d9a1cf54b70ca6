import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditHead,
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  expectRefused,
  rowCounts,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';

interface Notice {
  id: number;
  no: string;
  level: string;
  reason: string;
  recipients: string[];
  runDay: string;
  unitCode: string;
  assignmentExternalId: string;
  readAt: string | null;
  ackAt: string | null;
}
interface Inbox {
  items: Notice[];
  total: number;
  unread: number;
}
interface Run {
  day: string;
  ran: boolean;
  created: number;
  byLevel: Record<string, number>;
}

for (const dialect of DIALECTS) {
  // The seed plan is dispatched on 2015-07-21; most deadlines are 2015-12-31. The system is pinned at
  // 2016-02-01 so the escalation days of January are in the past.
  describe(`reminders, escalations and inboxes (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;
    let qts: Caller;
    let leader: Caller;

    before(async () => {
      t = await createTestApp(dialect, { env: { QCITY_AS_OF: '2016-02-01' } });
      [admin, edu, qts, leader] = await Promise.all([
        t.login('admin'),
        t.login('edu'),
        t.login('qts'),
        t.login('leader'),
      ]);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    const run = async (day: string) => expectOk<Run>(await admin.post('/api/jobs/reminders/run', { day }));

    it('nothing falls due the day after dispatch', async () => {
      const r = await run('2015-07-22');
      assert.deepEqual({ ran: r.ran, created: r.created }, { ran: true, created: 0 });
    });

    it('unsigned assignments remind the unit head at dispatch + signDays + 1, numbered per year', async () => {
      const r = await run('2015-07-25');
      const assignments = await t.db.selectFrom('assignments').select('id').execute();
      // The July report, due on the 28th, is three days off as well.
      assert.deepEqual(r.byLevel, { sign_reminder: assignments.length, report_reminder: assignments.length });
      const numbers = await t.db.selectFrom('notices').select('no').orderBy('seq').execute();
      assert.equal(numbers[0]!.no, '提醒〔2015〕1号');
      assert.equal(numbers.at(-1)!.no, `提醒〔2015〕${2 * assignments.length}号`);
    });

    it('a second run of the same day sends nothing new and reports the first run', async () => {
      const counts = await rowCounts(t.db);
      const head = await auditHead(t.db);
      const again = await run('2015-07-25');
      assert.equal(again.ran, false);
      assert.equal(again.created, 2 * (await t.db.selectFrom('assignments').select('id').execute()).length);
      assert.deepEqual(await rowCounts(t.db), counts);
      assert.equal(await auditHead(t.db), head);
    });

    it('each unit sees its own notices; leaders and the office get only escalations', async () => {
      const mine = expectOk<Inbox>(await edu.get('/api/inbox'));
      assert.ok(mine.total > 0);
      assert.equal(mine.unread, mine.total);
      assert.ok(mine.items.every((n) => n.unitCode === 'EDU'));
      assert.deepEqual(expectOk<Inbox>(await leader.get('/api/inbox')).items, []);
      assert.deepEqual(expectOk<Inbox>(await admin.get('/api/inbox')).items, []);
    });

    it('E1 at due + 1 and E2 at due + 7 reach the head, the leader and the office', async () => {
      const e1 = await run('2016-01-01');
      assert.ok((e1.byLevel.E1 ?? 0) > 0);
      const e2 = await run('2016-01-07');
      assert.ok((e2.byLevel.E2 ?? 0) > 0);
      const first = await t.db
        .selectFrom('notices')
        .select('no')
        .where('level', '=', 'E2')
        .orderBy('seq')
        .executeTakeFirst();
      assert.equal(first?.no, '督办〔2016〕1号');
      const e1No = await t.db
        .selectFrom('notices')
        .select('no')
        .where('level', '=', 'E1')
        .orderBy('seq')
        .executeTakeFirst();
      assert.equal(e1No?.no, '催办〔2016〕1号');

      const lead = expectOk<Inbox>(await leader.get('/api/inbox', { query: { pageSize: '200' } }));
      assert.equal(lead.total, e2.byLevel.E2);
      assert.ok(lead.items.every((n) => n.level === 'E2' && n.reason === 'OVERDUE:7'));
      assert.equal(expectOk<Inbox>(await admin.get('/api/inbox')).total, e2.byLevel.E2);
      const eduE1 = expectOk<Inbox>(await edu.get('/api/inbox', { query: { level: 'E1' } }));
      assert.ok(eduE1.items.every((n) => n.level === 'E1' && n.unitCode === 'EDU'));
    });

    it('read and acknowledge marks are per user and keep the first instant', async () => {
      const { items, total } = expectOk<Inbox>(await edu.get('/api/inbox', { query: { status: 'unread' } }));
      const target = items[0]!;
      const read = expectOk<Notice>(await edu.post(`/api/inbox/${target.id}/read`));
      assert.ok(read.readAt && read.ackAt === null);
      t.clock.advance(60_000);
      const acked = expectOk<Notice>(await edu.post(`/api/inbox/${target.id}/ack`));
      assert.equal(acked.readAt, read.readAt);
      assert.ok(acked.ackAt && acked.ackAt > read.readAt!);
      const unread = expectOk<Inbox>(await edu.get('/api/inbox', { query: { status: 'unread' } }));
      assert.equal(unread.total, total - 1);
      // The office's register shows its own marks, not the unit's.
      const reg = expectOk<{ items: Notice[] }>(await admin.get('/api/notices', { query: { q: target.no } }));
      assert.deepEqual(
        reg.items.map((n) => [n.no, n.readAt]),
        [[target.no, null]],
      );
      const all = expectOk<{ marked: number }>(await edu.post('/api/inbox/read-all'));
      assert.equal(all.marked, total - 1);
      assert.equal(expectOk<Inbox>(await edu.get('/api/inbox')).unread, 0);
    });

    it('refuses another unit’s notice, unknown ids and future days, changing nothing', async () => {
      const qtsNotice = await t.db
        .selectFrom('notices')
        .select('id')
        .where('unit_code', '=', 'QTS')
        .executeTakeFirstOrThrow();
      await expectRefused(t.db, () => edu.post(`/api/inbox/${qtsNotice.id}/read`), 403, 'QC_ERR_FORBIDDEN');
      await expectRefused(t.db, () => qts.post('/api/inbox/999999/read'), 404, 'QC_ERR_NOTICE_NOT_FOUND');
      // A leader reads escalations only: a unit reminder is not theirs to mark.
      const reminder = await t.db
        .selectFrom('notices')
        .select('id')
        .where('level', '=', 'sign_reminder')
        .executeTakeFirstOrThrow();
      await expectRefused(t.db, () => leader.post(`/api/inbox/${reminder.id}/read`), 404, 'QC_ERR_NOTICE_NOT_FOUND');
      await expectRefused(
        t.db,
        () => admin.post('/api/jobs/reminders/run', { day: '2016-02-02' }),
        400,
        'QC_ERR_NOTICE_DAY_FUTURE',
      );
      await expectRefused(
        t.db,
        () => admin.post('/api/jobs/reminders/run', { day: '2016-02-30' }),
        400,
        'QC_ERR_VALIDATION',
      );
      await expectRefused(t.db, () => edu.post('/api/jobs/reminders/run', {}), 403, 'QC_ERR_FORBIDDEN');
      await expectRefused(t.db, () => leader.post('/api/jobs/reminders/run', {}), 403, 'QC_ERR_FORBIDDEN');
      await expectRefused(t.db, () => t.anon.get('/api/inbox'), 401, 'QC_ERR_AUTH_REQUIRED');
      expectError(await edu.get('/api/notices'), 403, 'QC_ERR_FORBIDDEN');
      expectError(await edu.get('/api/jobs/reminders/runs'), 403, 'QC_ERR_FORBIDDEN');
    });

    it('the register filters by unit, level and day; the job history lists each day once', async () => {
      const reg = expectOk<{ items: Notice[]; total: number }>(
        await admin.get('/api/notices', {
          query: { unitCode: 'QTS', level: 'E2', from: '2016-01-01', to: '2016-01-31' },
        }),
      );
      assert.ok(reg.total > 0);
      assert.ok(reg.items.every((n) => n.unitCode === 'QTS' && n.level === 'E2' && n.runDay === '2016-01-07'));
      const runs = expectOk<{ runKey: string; status: string }[]>(await admin.get('/api/jobs/reminders/runs'));
      assert.deepEqual(
        runs.map((r) => r.runKey),
        ['2016-01-07', '2016-01-01', '2015-07-25', '2015-07-22'],
      );
      assert.ok(runs.every((r) => r.status === 'succeeded'));
    });

    it('replaying a range runs only the days not yet run, today included', async () => {
      const r = await t.services.notices.replay(
        { actor: null, requestId: null, source: 'cli', lang: 'zh', systemActor: 'test' },
        '2016-01-06',
        '2016-01-08',
        { system: true },
      );
      const runs = await t.db.selectFrom('job_runs').select('run_key').where('run_key', 'like', '2016-01-0%').execute();
      assert.deepEqual(runs.map((x) => x.run_key).sort(), ['2016-01-01', '2016-01-06', '2016-01-07', '2016-01-08']);
      assert.ok(r.created >= 0);
    });
  });
}
