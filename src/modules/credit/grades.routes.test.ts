import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { type Caller, createTestApp, expectOk, expectRefused, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { systemContext } from '../../core/context.js';
import { connect } from '../../core/db/connect.js';
import type { DB } from '../../core/db/schema.js';

const NOW = '2016-06-30T02:00:00.000Z';

/** Inserts bare enterprises (only what grading reads), returns their ids. */
export async function insertEnterprises(db: Kysely<DB>, names: string[], flags: string[] = []): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, name] of names.entries()) {
    const row = await db
      .insertInto('enterprises')
      .values({
        name,
        former_names: '[]',
        status: 'active',
        code_warnings: '',
        source: 'test',
        demo: 0,
        list_flags: flags[i] ?? '',
        search_text: name,
        search_terms: name,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(Number(row.id));
  }
  return ids;
}

let sourceSeq = 0;
/** Inserts an ACTIVE public record. */
export async function insertRecord(
  db: Kysely<DB>,
  enterpriseId: number,
  type: string,
  decidedOn: string,
  severity: string | null = null,
) {
  await db
    .insertInto('credit_records')
    .values({
      enterprise_id: enterpriseId,
      type,
      polarity: '-',
      severity,
      source_module: 'test',
      source_record_id: `t${++sourceSeq}`,
      summary: type,
      decided_on: decidedOn,
      published_on: decidedOn,
      public_ends_on: null,
      visibility: 'PUBLIC',
      status: 'ACTIVE',
      data_flags: '',
      details_json: '{}',
      demo: 0,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
    } as never)
    .execute();
}

for (const dialect of DIALECTS) {
  describe(`credit grades (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let shinan: Caller;
    let x: number;
    let y: number;
    let empty: number;
    let serious: number;

    before(async () => {
      t = await createTestApp(dialect, { env: { QCITY_AS_OF: '2016-06-30' } });
      [admin, shinan] = await Promise.all([t.login('admin'), t.login('shinan')]);
      [x, y, empty, serious] = (await insertEnterprises(
        t.db,
        ['青岛甲', '青岛乙', '青岛丙', '青岛丁'],
        ['', '', '', 'SERIOUS'],
      )) as [number, number, number, number];
      await insertRecord(t.db, x!, 'CERTIFICATION', '2015-03-01');
      await insertRecord(t.db, x!, 'ADMIN_PENALTY', '2015-11-20', 'GENERAL');
      await insertRecord(t.db, x!, 'SPOT_CHECK_FAIL', '2014-10-15', 'GENERAL');
      await insertRecord(t.db, y!, 'AWARD', '2016-01-10', 'CITY');
      await insertRecord(t.db, y!, 'CERTIFICATION', '2015-05-01');
      await insertRecord(t.db, y!, 'CERTIFICATION', '2015-06-01');
      await insertRecord(t.db, y!, 'DECLARATION', '2016-02-01');
      await insertRecord(t.db, y!, 'STANDARD_LEADER', '2016-03-01');
      await insertRecord(t.db, serious!, 'AWARD', '2016-01-10', 'NATIONAL');
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('a full recompute in chunks grades every enterprise (spec vectors) and writes history once', async () => {
      const progress: number[] = [];
      const run = await t.services.grades.recomputeAll(systemContext('cli', 'test'), {
        system: true,
        chunkSize: 2,
        onProgress: (r) => progress.push(r.processed),
      });
      assert.equal(run.status, 'completed');
      assert.equal(run.asOf, '2016-06-30');
      assert.deepEqual(progress, [2, 4]);
      const rows = await t.db
        .selectFrom('enterprises')
        .select(['id', 'score', 'grade', 'risk_class', 'scorecard_version'])
        .orderBy('id')
        .execute();
      const by = new Map(
        rows.map((r) => [Number(r.id), [Number(r.score), r.grade, r.risk_class, r.scorecard_version]]),
      );
      assert.deepEqual(by.get(x!), [6400, 'B', 'C', 'v1']);
      assert.deepEqual(by.get(y!), [9500, 'AAA', 'A', 'v1']);
      assert.deepEqual(by.get(empty!), [7500, 'A', 'B', 'v1']);
      assert.deepEqual(by.get(serious!), [9000, 'C', 'D', 'v1']);
      const history = await t.db.selectFrom('enterprise_grades').select(['enterprise_id']).execute();
      assert.equal(history.length, 4);

      const again = await t.services.grades.recomputeAll(systemContext('cli', 'test'), { system: true });
      assert.equal(again.changed, 0);
      assert.equal(again.gradeChanges, 0);
      assert.equal((await t.db.selectFrom('enterprise_grades').select('id').execute()).length, 4);
    });

    it('a later as-of day decays the penalties (X: 71, A, B) and records the change', async () => {
      const run = await t.services.grades.recomputeAll(systemContext('cli', 'test'), {
        system: true,
        asOf: '2016-11-20',
      });
      assert.equal(run.gradeChanges, 1);
      const e = await t.db
        .selectFrom('enterprises')
        .select(['score', 'grade', 'risk_class'])
        .where('id', '=', x!)
        .executeTakeFirstOrThrow();
      assert.deepEqual([Number(e.score), e.grade, e.risk_class], [7100, 'A', 'B']);
    });

    it('reading ahead in a worker grades alike and regrades a chunk written to meanwhile', async () => {
      // SQLite only reads ahead; on PostgreSQL the option is ignored and the run reads in its own transactions.
      const other = dialect === 'sqlite' ? connect(t.tdb.url) : null;
      // Another connection (the CLI beside the server) revokes Y's award after the worker has read Y's chunk.
      const setAward = (status: string) =>
        other?.sqlite
          ?.prepare("update credit_records set status = ? where enterprise_id = ? and type = 'AWARD'")
          .run(status, y!);
      try {
        const ctx = systemContext('cli', 'test');
        const run = await t.services.grades.recomputeAll(ctx, {
          system: true,
          asOf: '2017-06-30',
          chunkSize: 1,
          readAhead: true,
          onProgress: (r) => {
            if (r.processed !== 1) return;
            // Block this thread a moment so the worker has surely read Y's chunk (it reads two ahead).
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
            setAward('REVOKED');
          },
        });
        assert.equal(run.status, 'completed');
        assert.equal(run.processed, 4);
        const check = await t.services.grades.recomputeAll(ctx, { system: true, asOf: '2017-06-30', readAhead: false });
        assert.equal(check.changed, 0, 'the in-transaction path finds nothing to change');
      } finally {
        setAward('ACTIVE');
        await other?.close();
      }
    });

    it('recomputeEnterprise regrades one enterprise inside the caller transaction', async () => {
      await insertRecord(t.db, empty!, 'ADMIN_PENALTY', '2016-06-01', 'HEAVY');
      const outcome = await t.db
        .transaction()
        .execute((trx) => t.services.grades.recomputeEnterprise(trx, empty!, '2016-06-30'));
      assert.ok(outcome);
      assert.deepEqual([outcome.score, outcome.grade, outcome.riskClass, outcome.gradeChanged], [5500, 'C', 'C', true]);
      assert.equal(await t.services.grades.recomputeEnterprise(t.db, 999_999), null);
    });

    it('explains a score line by line; HTTP run start and progress', async () => {
      const ex = expectOk(await admin.get(`/api/credit/grades/enterprises/${x}?asOf=2016-06-30`));
      assert.equal(ex.score, 6400);
      assert.deepEqual(
        ex.lines.map((l: { component: string; points: number }) => [l.component, l.points]),
        [
          ['base', 7500],
          ['positive', 300],
          ['negative', -1000],
          ['negative', -400],
        ],
      );
      const started = expectOk(await admin.post('/api/credit/grades/runs', {}), 202);
      assert.equal(started.status, 'running');
      let latest = started;
      for (let i = 0; i < 50 && latest.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        latest = expectOk(await admin.get('/api/credit/grades/runs/latest'));
      }
      assert.equal(latest.status, 'completed');
      assert.equal(latest.processed, 4);
      const dist = expectOk(await admin.get('/api/credit/grades/distribution'));
      assert.equal(
        dist.reduce((n: number, d: { count: number }) => n + d.count, 0),
        4,
      );
    });

    it('bad input and other roles change nothing', async () => {
      await expectRefused(t.db, () => shinan.post('/api/credit/grades/runs', {}), 403, 'QC_ERR_FORBIDDEN');
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/grades/runs', { asOf: '2016-02-30' }),
        400,
        'QC_ERR_VALIDATION',
      );
      await expectRefused(
        t.db,
        () => admin.post('/api/credit/grades/runs', { asOf: '2014-06-30' }),
        409,
        'QC_ERR_RULESET_NOT_IN_FORCE',
      );
      await expectRefused(
        t.db,
        () => admin.get('/api/credit/grades/enterprises/999999'),
        404,
        'QC_ERR_ENTERPRISE_NOT_FOUND',
      );
      await expectRefused(t.db, () => t.anon.get('/api/credit/grades/runs/latest'), 401, 'QC_ERR_AUTH_REQUIRED');
    });
  });
}
