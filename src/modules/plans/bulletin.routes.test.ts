import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import {
  auditHead,
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  expectRefused,
  lastAuditRow,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import type { BulletinDetailT } from './bulletin.schema.js';
import type { BulletinContent } from './domain/bulletin.js';
import type { OfficialDocument } from './domain/official-document.js';

type Detail = Omit<BulletinDetailT, 'content' | 'document'> & { content: BulletinContent; document: OfficialDocument };

/** The files of a zip archive (a .docx is one), read from its central directory. */
function unzip(bytes: Buffer): Map<string, string> {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd > 0, 'a zip end-of-central-directory record');
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < entries; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    out.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    at += 46 + skip;
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`monthly bulletins and the task table (${dialect})`, { timeout: 300_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;
    let leader: Caller;
    let hospital: Caller;
    let planId: number;
    let august: Detail;
    let september: Detail;

    const bulletinRow = (id: number) =>
      t.db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
    const transition = (b: { id: number; version: number }, event: string) =>
      admin.post(`/api/bulletins/${b.id}/transition`, { event, version: b.version });

    before(async () => {
      t = await createTestApp(dialect, { demoData: true });
      [admin, edu, leader, hospital] = await Promise.all([
        t.login('admin'),
        t.login('edu'),
        t.login('leader'),
        t.login('hospital'),
      ]);
      planId = Number(
        (await t.db.selectFrom('plans').select('id').where('code', '=', 'QD2015').executeTakeFirstOrThrow()).id,
      );
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('drafts 2015年第1期 for August from the month-end snapshot, with all six sections', async () => {
      august = expectOk<Detail>(await admin.post(`/api/plans/${planId}/bulletins`, { period: '2015-08' }), 201);
      assert.deepEqual(
        [august.no, august.year, august.seq, august.period, august.asOf, august.status],
        ['2015年第1期', 2015, 1, '2015-08', '2015-08-31', 'draft'],
      );
      assert.deepEqual(august.allowedActions, ['edit', 'refresh', 'approve']);
      const c = august.content;
      assert.equal(c.summary.assignments, 153);
      assert.equal(c.measures.length, 18);
      assert.equal(c.previous, null);
      assert.ok(c.reporting.owed > 100, 'August reports fell due on the 28th');
      assert.ok(august.nextSteps.startsWith('一是'), 'a first draft of 下步工作');
      assert.deepEqual(
        august.document.blocks.filter((b) => b.kind === 'heading').map((b) => b.text),
        ['一、总体情况', '二、分项进展', '三、存在问题', '四、报送情况', '五、典型经验', '六、下步工作'],
      );
      assert.equal(august.document.masthead?.number, '2015年第1期');
      assert.equal(august.document.masthead?.issuer, '青岛市质量发展工作领导小组办公室');
      const audit = await lastAuditRow(t.db);
      assert.deepEqual(
        [audit?.action, audit?.entity_type, audit?.entity_id],
        ['bulletin.create', 'bulletin', String(august.id)],
      );
    });

    it('approves and issues; then the bulletin refuses every change and nothing is written', async () => {
      // 审定 needs 下步工作.
      const edited = expectOk<Detail>(
        await admin.patch(`/api/bulletins/${august.id}`, { version: august.version, nextSteps: '  ' }),
      );
      assert.equal(edited.nextSteps, '');
      await expectRefused(t.db, () => transition(edited, 'approve'), 400, 'QC_ERR_BULLETIN_NEXT_STEPS');
      const text = '一是继续跟踪督办。\r\n二是严格报送纪律。';
      const filled = expectOk<Detail>(
        await admin.patch(`/api/bulletins/${august.id}`, { version: edited.version, nextSteps: text }),
      );
      assert.equal(filled.nextSteps, '一是继续跟踪督办。\n二是严格报送纪律。');

      await expectRefused(t.db, () => transition(filled, 'issue'), 409, 'QC_ERR_INVALID_TRANSITION');
      await expectRefused(t.db, () => transition({ ...filled, version: 1 }, 'approve'), 409, 'QC_ERR_CONFLICT');
      const approved = expectOk<Detail>(await transition(filled, 'approve'));
      assert.equal(approved.status, 'approved');
      assert.ok(approved.approvedAt);
      assert.equal(approved.document.masthead?.mark, '(待印发)');
      await expectRefused(
        t.db,
        () => admin.patch(`/api/bulletins/${august.id}`, { version: approved.version, nextSteps: 'x' }),
        409,
        'QC_ERR_BULLETIN_NOT_DRAFT',
      );
      const back = expectOk<Detail>(await transition(approved, 'revoke'));
      assert.deepEqual([back.status, back.approvedAt], ['draft', null]);
      const again = expectOk<Detail>(await transition(back, 'approve'));
      august = expectOk<Detail>(await transition(again, 'issue'));
      assert.equal(august.status, 'issued');
      assert.ok(august.issuedAt);
      assert.deepEqual(august.allowedActions, []);
      assert.equal(august.document.masthead?.mark, null);
      assert.equal((await lastAuditRow(t.db))?.action, 'bulletin.issue');

      const frozen = await bulletinRow(august.id);
      const body = { version: august.version, nextSteps: '改写' };
      await expectRefused(t.db, () => admin.patch(`/api/bulletins/${august.id}`, body), 409, 'QC_ERR_BULLETIN_ISSUED');
      for (const event of ['revoke', 'approve', 'issue']) {
        await expectRefused(t.db, () => transition(august, event), 409, 'QC_ERR_BULLETIN_ISSUED');
      }
      await expectRefused(
        t.db,
        () => admin.post(`/api/bulletins/${august.id}/refresh`, { version: august.version }),
        409,
        'QC_ERR_BULLETIN_ISSUED',
      );
      assert.deepEqual(await bulletinRow(august.id), frozen, 'the issued bulletin is unchanged');
    });

    it('numbers September 2015年第2期 and compares it with the last issue', async () => {
      september = expectOk<Detail>(await admin.post(`/api/plans/${planId}/bulletins`, { period: '2015-09' }), 201);
      assert.deepEqual([september.no, september.seq, september.asOf], ['2015年第2期', 2, '2015-09-30']);
      const c = september.content;
      assert.deepEqual(c.previous, { no: '2015年第1期', period: '2015-08', asOf: '2015-08-31' });
      assert.equal(c.summary.previousProgress, august.content.summary.progress);
      assert.ok(c.summary.progress! > c.summary.previousProgress!, 'September moved on');
      assert.ok(c.summary.lights.every((l) => l.previous !== null));
      assert.ok(c.measures.every((m) => m.previousProgress !== null));
      assert.ok(c.problems.length > 0, 'laggards and unsigned work are named');
      assert.ok(c.reporting.units.length > 0, 'units with late or missing September reports are named');
      assert.ok(c.experiences.length > 0, 'the demo flags a few reports as 典型经验');
      // Ordered by measure, then unit code.
      const order = new Map(c.measures.map((m, i) => [m.number, i]));
      const key = (p: { measureNumber: number; unitCode: string }) =>
        `${String(order.get(p.measureNumber)).padStart(3, '0')}|${p.unitCode}`;
      const keys = c.problems.map(key);
      assert.deepEqual(keys, [...keys].sort());
      assert.deepEqual(
        c.reporting.units.map((u) => u.unitCode),
        c.reporting.units.map((u) => u.unitCode).sort(),
      );
    });

    it('lists the 督办单 sent since the last issue, and the same snapshot gives the same content', async () => {
      const target = september.content.problems[0]!;
      const row = await t.db
        .selectFrom('assignments')
        .select(['id', 'unit_code'])
        .where('external_id', '=', target.assignmentExternalId)
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('notices')
        .values({
          plan_id: planId,
          assignment_id: Number(row.id),
          unit_code: row.unit_code,
          level: 'E2',
          notice_key: 'E2:deadline',
          reason: 'OVERDUE:7',
          run_day: '2015-09-20',
          due_date: null,
          recipients: 'unit_head,leader',
          no: '督办〔2015〕7号',
          year: 2015,
          seq: 7,
          sent_at: '2015-09-20T00:00:00.000Z',
        })
        .execute();
      const refreshed = expectOk<Detail>(
        await admin.post(`/api/bulletins/${september.id}/refresh`, { version: september.version }),
      );
      assert.deepEqual(
        refreshed.content.escalations.map((e) => [e.no, e.assignmentExternalId]),
        [['督办〔2015〕7号', target.assignmentExternalId]],
      );
      const problem = refreshed.content.problems.find((p) => p.assignmentExternalId === target.assignmentExternalId);
      assert.deepEqual([problem?.level, problem?.noticeNo], ['E2', '督办〔2015〕7号']);
      const twice = expectOk<Detail>(
        await admin.post(`/api/bulletins/${september.id}/refresh`, { version: refreshed.version }),
      );
      assert.deepEqual(twice.content, refreshed.content);
      assert.deepEqual(twice.document, refreshed.document);
      september = twice;
    });

    it('downloads the DOCX: a zip whose document names the issue and is set in 仿宋 and 黑体', async () => {
      const res = await leader.get(`/api/bulletins/${september.id}/docx`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(
        res.headers['content-type'],
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      assert.match(String(res.headers['content-disposition']), /filename="QD2015-bulletin-2015-02\.docx"/);
      const files = unzip(res.rawPayload);
      const xml = files.get('word/document.xml') ?? '';
      for (const text of [
        '质量工作督查情况通报',
        '2015年第2期',
        '(草稿)',
        '一、总体情况',
        '六、下步工作',
        '督办〔2015〕7号',
      ]) {
        assert.ok(xml.includes(text), `document.xml has ${text}`);
      }
      assert.ok(xml.includes('w:eastAsia="仿宋"') && xml.includes('w:eastAsia="黑体"'), 'fonts are named');
      assert.ok(files.has('[Content_Types].xml'));
    });

    it('refuses months out of order, twice, or not yet ended', async () => {
      const count = async () =>
        Number(
          (
            await t.db
              .selectFrom('bulletins')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      await expectRefused(
        t.db,
        () => admin.post(`/api/plans/${planId}/bulletins`, { period: '2015-09' }),
        409,
        'QC_ERR_BULLETIN_EXISTS',
      );
      await expectRefused(
        t.db,
        () => admin.post(`/api/plans/${planId}/bulletins`, { period: '2015-07' }),
        409,
        'QC_ERR_BULLETIN_ORDER',
      );
      const future = await expectRefused(
        t.db,
        () => admin.post(`/api/plans/${planId}/bulletins`, { period: '2015-10' }),
        400,
        'QC_ERR_BULLETIN_AS_OF',
      );
      assert.match(future.message, /2015-10-31.*2015-10-15/);
      await expectRefused(
        t.db,
        () => admin.post(`/api/plans/${planId}/bulletins`, { period: '2015-11', asOf: '2015-10-10' }),
        400,
        'QC_ERR_VALIDATION',
      );
      expectError(await admin.post(`/api/plans/${planId}/bulletins`, { period: '2015-13' }), 400, 'QC_ERR_VALIDATION');
      expectError(await admin.post('/api/plans/99999/bulletins', { period: '2015-09' }), 404, 'QC_ERR_PLAN_NOT_FOUND');
      expectError(await admin.get('/api/bulletins/99999'), 404, 'QC_ERR_BULLETIN_NOT_FOUND');
      assert.equal(await count(), before, 'no bulletin written by a refused request');
    });

    it('lets leaders read drafts, units read issued bulletins only, and only the office manage them', async () => {
      const asLeader = expectOk<Detail>(await leader.get(`/api/bulletins/${september.id}`));
      assert.equal(asLeader.status, 'draft');
      assert.deepEqual(asLeader.allowedActions, []);
      const head = await auditHead(t.db);
      expectError(
        await leader.post(`/api/bulletins/${september.id}/transition`, {
          event: 'approve',
          version: september.version,
        }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      expectError(await edu.post(`/api/plans/${planId}/bulletins`, { period: '2015-11' }), 403, 'QC_ERR_FORBIDDEN');
      expectError(
        await edu.patch(`/api/bulletins/${september.id}`, { version: september.version, nextSteps: 'x' }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      assert.equal(await auditHead(t.db), head);

      const list = expectOk<{ items: { no: string; status: string }[]; canManage: boolean }>(
        await edu.get(`/api/plans/${planId}/bulletins`),
      );
      assert.deepEqual(
        list.items.map((b) => [b.no, b.status]),
        [['2015年第1期', 'issued']],
      );
      assert.equal(list.canManage, false);
      const all = expectOk<{ items: { no: string }[]; canManage: boolean; today: string }>(
        await admin.get(`/api/plans/${planId}/bulletins`),
      );
      assert.deepEqual(
        [all.items.map((b) => b.no), all.canManage, all.today],
        [['2015年第2期', '2015年第1期'], true, '2015-10-15'],
      );
      expectError(await edu.get(`/api/bulletins/${september.id}`), 404, 'QC_ERR_BULLETIN_NOT_FOUND');
      expectError(await edu.get(`/api/bulletins/${september.id}/docx`), 404, 'QC_ERR_BULLETIN_NOT_FOUND');
      expectOk(await edu.get(`/api/bulletins/${august.id}`));
      expectError(await hospital.get(`/api/plans/${planId}/bulletins`), 403, 'QC_ERR_FORBIDDEN');
      expectError(await t.anon.get(`/api/bulletins/${august.id}`), 401, 'QC_ERR_AUTH_REQUIRED');
    });

    it('flags a report as 典型经验 when accepting it, never when returning it', async () => {
      const queue = expectOk<{ items: { id: number; version: number }[] }>(
        await admin.get('/api/reports', { query: { status: 'submitted', pageSize: '2' } }),
      );
      assert.ok(queue.items.length >= 2, 'the demo leaves September reports awaiting review');
      const [first, second] = queue.items as [{ id: number; version: number }, { id: number; version: number }];
      await expectRefused(
        t.db,
        () =>
          admin.post(`/api/reports/${first.id}/review`, {
            version: first.version,
            decision: 'return',
            reason: '请补充',
            exemplary: true,
          }),
        400,
        'QC_ERR_VALIDATION',
      );
      expectOk(
        await admin.post(`/api/reports/${first.id}/review`, {
          version: first.version,
          decision: 'accept',
          exemplary: true,
        }),
      );
      expectOk(await admin.post(`/api/reports/${second.id}/review`, { version: second.version, decision: 'accept' }));
      const flags = await t.db
        .selectFrom('progress_reports')
        .select(['id', 'exemplary'])
        .where('id', 'in', [first.id, second.id])
        .orderBy('id')
        .execute();
      const flag = new Map(flags.map((r) => [Number(r.id), Number(r.exemplary)]));
      assert.deepEqual([flag.get(first.id), flag.get(second.id)], [1, 0]);
      const accepted = await t.db
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'report.accept')
        .where('entity_id', '=', String(first.id))
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(accepted.after_json ?? '{}').exemplary, true);
    });

    it('exports the plan’s 任务分解表 as DOCX for every plan reader', async () => {
      const res = await edu.get(`/api/plans/${planId}/task-table.docx`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), /filename="QD2015-task-table\.docx"/);
      const xml = unzip(res.rawPayload).get('word/document.xml') ?? '';
      for (const text of ['任务分解表', '牵头单位', '配合单位', '完成时限', '提高劳动者技能', '市教育局']) {
        assert.ok(xml.includes(text), `task table has ${text}`);
      }
      assert.ok(xml.includes('w:orient="landscape"'));
      expectError(await hospital.get(`/api/plans/${planId}/task-table.docx`), 403, 'QC_ERR_FORBIDDEN');
    });
  });
}
