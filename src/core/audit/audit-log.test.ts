import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { fixedClock } from '../clock.js';
import type { Actor, RequestContext } from '../context.js';
import type { Dialect } from '../db/connect.js';
import { AuditLog } from './audit-log.js';
import { GENESIS_HASH, rowHash } from './chain.js';

const actor: Actor = {
  userId: 3,
  username: 'edu',
  displayName: '市教育局联络员',
  roles: [{ role: 'unit', scope: 'EDU' }],
  tokenPermissions: null,
  sessionId: 's',
};
const ctx: RequestContext = { actor, requestId: 'req-00000001', source: 'ui', lang: 'zh' };
const systemCtx: RequestContext = { actor: null, requestId: null, source: 'cli', lang: 'zh', systemActor: 'qcity-cli' };

/** Drops the triggers that keep audit_log append-only, as a tamperer with database access would. */
async function dropAppendOnlyTriggers(tdb: TestDatabase, dialect: Dialect) {
  if (dialect === 'sqlite') {
    await sql`drop trigger audit_log_no_update`.execute(tdb.db);
    await sql`drop trigger audit_log_no_delete`.execute(tdb.db);
  } else {
    await sql`drop trigger audit_log_no_change on audit_log`.execute(tdb.db);
  }
}

async function count(tdb: TestDatabase): Promise<number> {
  const row = await tdb.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function appendMany(tdb: TestDatabase, log: AuditLog, n: number) {
  await tdb.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      await log.append(trx, i % 3 ? ctx : systemCtx, {
        action: 'org.update',
        entityType: 'org_unit',
        entityId: `U${i % 50}`,
        before: { note: `n${i}` },
        after: { note: `n${i + 1}`, at: { nested: [i, '质量'] } },
      });
    }
  });
}

for (const dialect of DIALECTS) {
  describe(`AuditLog (${dialect})`, { timeout: 120_000 }, () => {
    let tdb: TestDatabase;
    const clock = fixedClock('2025-03-03T01:00:00.000Z');
    const log = new AuditLog(dialect, clock);

    before(async () => {
      tdb = await createTestDatabase(dialect);
    });
    after(async () => {
      await tdb?.drop();
    });

    it('verifies an empty log', async () => {
      assert.deepEqual(await log.verify(tdb.db), { ok: true, checked: 0, brokenSeq: null });
    });

    it('appends a chained row with actor, grant, request id and exact JSON', async () => {
      const seq = await tdb.db.transaction().execute((trx) =>
        log.append(
          trx,
          { ...ctx, actor: { ...actor, activeGrant: { role: 'unit', scope: 'EDU' } } },
          {
            action: 'org.contact',
            entityType: 'org_unit',
            entityId: 'EDU',
            before: { contactPerson: null },
            after: { contactPerson: '张三', contactPhone: '0532-1234' },
          },
        ),
      );
      assert.equal(seq, 1);
      clock.advance(1000);
      const seq2 = await tdb.db
        .transaction()
        .execute((trx) => log.append(trx, systemCtx, { action: 'org.seed', entityType: 'org_unit', entityId: 'QTS' }));
      assert.equal(seq2, 2);
      const rows = await tdb.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      assert.equal(rows.length, 2);
      const [a, b] = rows;
      assert.deepEqual(
        {
          seq: Number(a!.seq),
          at: a!.at,
          actor_user_id: Number(a!.actor_user_id),
          actor_name: a!.actor_name,
          role: a!.role,
          scope: a!.scope,
          source: a!.source,
          request_id: a!.request_id,
          before_json: a!.before_json,
          after_json: a!.after_json,
          prev_hash: a!.prev_hash,
        },
        {
          seq: 1,
          at: '2025-03-03T01:00:00.000Z',
          actor_user_id: 3,
          actor_name: 'edu',
          role: 'unit',
          scope: 'EDU',
          source: 'ui',
          request_id: 'req-00000001',
          before_json: '{"contactPerson":null}',
          after_json: '{"contactPerson":"张三","contactPhone":"0532-1234"}',
          prev_hash: GENESIS_HASH,
        },
      );
      assert.equal(b!.actor_user_id, null);
      assert.equal(b!.actor_name, 'qcity-cli');
      assert.equal(b!.role, null);
      assert.equal(b!.before_json, null);
      assert.equal(b!.at, '2025-03-03T01:00:01.000Z');
      assert.equal(b!.prev_hash, a!.hash);
      assert.deepEqual(await log.verify(tdb.db), { ok: true, checked: 2, brokenSeq: null });
    });

    it('rolls an append back with the transaction it belongs to', async () => {
      const before = await count(tdb);
      await assert.rejects(
        tdb.db.transaction().execute(async (trx) => {
          await log.append(trx, ctx, {
            action: 'org.update',
            entityType: 'org_unit',
            entityId: 'EDU',
            after: { a: 1 },
          });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.equal(await count(tdb), before);
      // The next append takes the sequence number the rolled-back one would have had.
      const seq = await tdb.db
        .transaction()
        .execute((trx) => log.append(trx, ctx, { action: 'org.update', entityType: 'org_unit', entityId: 'EDU' }));
      assert.equal(seq, before + 1);
      assert.equal((await log.verify(tdb.db)).ok, true);
    });

    it('keeps the chain intact under concurrent appenders', async () => {
      const before = await count(tdb);
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          tdb.db
            .transaction()
            .execute((trx) =>
              log.append(trx, ctx, { action: 'org.update', entityType: 'org_unit', entityId: `C${i}` }),
            ),
        ),
      );
      assert.equal(await count(tdb), before + 6);
      assert.deepEqual(await log.verify(tdb.db), { ok: true, checked: before + 6, brokenSeq: null });
    });

    it('rejects UPDATE and DELETE through its triggers', async () => {
      const before = await tdb.db.selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
      await assert.rejects(
        tdb.db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('seq', '=', 1).execute(),
        /append-only/,
      );
      await assert.rejects(tdb.db.deleteFrom('audit_log').where('seq', '=', 1).execute(), /append-only/);
      await assert.rejects(tdb.db.deleteFrom('audit_log').execute(), /append-only/);
      if (dialect === 'postgres') await assert.rejects(sql`truncate audit_log`.execute(tdb.db), /append-only/);
      assert.deepEqual(
        await tdb.db.selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow(),
        before,
      );
      assert.equal((await log.verify(tdb.db)).ok, true);
    });

    it('verifies across batch boundaries and names a tampered row past the first batch', async () => {
      const start = await count(tdb);
      await appendMany(tdb, log, 5_100 - start);
      assert.equal(await count(tdb), 5_100);
      assert.deepEqual(await log.verify(tdb.db), { ok: true, checked: 5_100, brokenSeq: null });

      await dropAppendOnlyTriggers(tdb, dialect);
      // Row 5050 sits in the second verify batch; edit its payload directly, as a tamperer would.
      await tdb.db.updateTable('audit_log').set({ after_json: '{"note":"forged"}' }).where('seq', '=', 5050).execute();
      assert.deepEqual(await log.verify(tdb.db), { ok: false, checked: 5049, brokenSeq: 5050, reason: 'hash' });

      // Recomputing the forged row's own hash only moves the break to the next row's link.
      const forged = await tdb.db.selectFrom('audit_log').selectAll().where('seq', '=', 5050).executeTakeFirstOrThrow();
      const { hash: _h, ...fields } = {
        seq: 5050,
        at: forged.at,
        actorUserId: forged.actor_user_id === null ? null : Number(forged.actor_user_id),
        actorName: forged.actor_name,
        role: forged.role,
        scope: forged.scope,
        source: forged.source,
        action: forged.action,
        entityType: forged.entity_type,
        entityId: forged.entity_id,
        beforeJson: forged.before_json,
        afterJson: forged.after_json,
        requestId: forged.request_id,
        prevHash: forged.prev_hash,
        hash: forged.hash,
      };
      await tdb.db
        .updateTable('audit_log')
        .set({ hash: rowHash(fields) })
        .where('seq', '=', 5050)
        .execute();
      assert.deepEqual(await log.verify(tdb.db), { ok: false, checked: 5050, brokenSeq: 5051, reason: 'link' });
    });

    it('names an edited row in the first batch before any later damage', async () => {
      await tdb.db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('seq', '=', 2).execute();
      const result = await log.verify(tdb.db);
      assert.equal(result.ok, false);
      assert.equal(result.brokenSeq, 2);
      assert.equal(result.reason, 'hash');
      assert.equal(result.checked, 1);
    });

    it('names the row after a deleted one', async () => {
      // A small chain of its own, so the damage above does not mask this one.
      const fresh = await createTestDatabase(dialect);
      try {
        const log2 = new AuditLog(dialect, clock);
        await appendMany(fresh, log2, 10);
        await dropAppendOnlyTriggers(fresh, dialect);
        await fresh.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
        assert.deepEqual(await log2.verify(fresh.db), { ok: false, checked: 3, brokenSeq: 5, reason: 'sequence' });
        // Deleting the newest row leaves a shorter chain that still verifies: the tail has no later witness.
        await fresh.db.deleteFrom('audit_log').where('seq', '>=', 4).execute();
        assert.deepEqual(await log2.verify(fresh.db), { ok: true, checked: 3, brokenSeq: null });
      } finally {
        await fresh.drop();
      }
    });
  });
}
