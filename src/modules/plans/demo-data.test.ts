import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Caller, createTestApp, expectOk, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import * as repo from './assignment.repository.js';
import { type DemoAssignment, type DemoEvent, planDemoEvents, prng } from './demo-data.js';

const OPTS = { asOf: '2015-10-15', seed: 2015 };

/** A small synthetic plan: 40 assignments over 8 measures and 5 units. */
const SAMPLE: DemoAssignment[] = Array.from({ length: 40 }, (_, i) => ({
  externalId: `QD2015-M${String((i % 8) + 1).padStart(2, '0')}-U${Math.floor(i / 8)}`,
  unitCode: i % 5 === 0 ? 'QTS' : `U${Math.floor(i / 8)}`,
  measureTitle: `措施${i % 8}`,
  actions: ['开展质量提升专项行动,推动企业对标达标', '加强质量技术基础建设'],
  dispatchedOn: '2015-07-21',
}));

const count = (events: readonly DemoEvent[], pred: (e: DemoEvent) => boolean) => events.filter(pred).length;

describe('demo progress plan (pure)', () => {
  it('is deterministic for a seed and differs for another', () => {
    const a = planDemoEvents(SAMPLE, OPTS);
    assert.deepEqual(planDemoEvents([...SAMPLE].reverse(), OPTS), a, 'input order does not matter');
    assert.notDeepEqual(planDemoEvents(SAMPLE, { ...OPTS, seed: 7 }), a);
    const r = prng(42);
    const first = [r(), r(), r()];
    const again = prng(42);
    assert.deepEqual([again(), again(), again()], first);
    assert.ok(first.every((x) => x >= 0 && x < 1));
  });

  it('orders steps in time, keeps each assignment’s steps in sequence and stops at the as-of date', () => {
    const events = planDemoEvents(SAMPLE, OPTS);
    for (let i = 1; i < events.length; i++) assert.ok(events[i - 1]!.at <= events[i]!.at);
    assert.ok(events.every((e) => e.at < '2015-10-15T16:00:00.000Z'));
    assert.ok(
      events.every((e) => e.at >= '2015-07-22T01:00:00.000Z'),
      'office hours from the day after dispatch',
    );
    const early = planDemoEvents(SAMPLE, { ...OPTS, asOf: '2015-08-15' });
    assert.ok(early.length < events.length && early.every((e) => e.at < '2015-08-15T16:00:00.000Z'));
    assert.deepEqual(
      early,
      events.filter((e) => e.at < '2015-08-15T16:00:00.000Z'),
    );
  });

  it('tells the whole story: a dispute upheld, unsigned units, returns and resubmissions, drafts, completions', () => {
    const events = planDemoEvents(SAMPLE, OPTS);
    const is = (kind: string, event?: string) => (e: DemoEvent) =>
      e.kind === kind && (event === undefined || ('event' in e && e.event === event));
    assert.equal(count(events, is('transition', 'dispute')), 1);
    assert.equal(count(events, is('transition', 'uphold')), 1);
    assert.equal(count(events, is('transition', 'close')), 1);
    assert.equal(new Set(events.filter(is('transition', 'sign')).map((e) => e.ext)).size, SAMPLE.length - 2);
    assert.ok(count(events, (e) => e.kind === 'review' && e.decision === 'return') >= 1);
    assert.equal(
      count(events, (e) => e.kind === 'review' && e.decision === 'return'),
      count(events, is('resubmit')),
    );
    assert.ok(count(events, (e) => e.kind === 'report' && e.body.submit === false) >= 1, 'October drafts');
    assert.equal(
      count(events, (e) => e.kind === 'report' && e.body.requestClose === true),
      2,
    );
    const reports = events.flatMap((e) => (e.kind === 'report' ? [e.body] : []));
    assert.ok(reports.every((b) => [...b.narrative].length >= 20));
    assert.ok(
      reports.some((b) => b.narrative.includes('措施')),
      'narratives quote the measure',
    );
    assert.ok(events.every((e) => e.actor === 'demo:office' || e.actor.startsWith('demo:')));
  });
});

for (const dialect of DIALECTS) {
  describe(`demo progress on the published QD2015 plan (${dialect})`, { timeout: 300_000 }, () => {
    let t: TestApp;
    let admin: Caller;

    before(async () => {
      t = await createTestApp(dialect, { demoData: true });
      admin = await t.login('admin');
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('writes exactly the seeded plan of steps through the services', async () => {
      const rows = await repo.listAssignments(t.db, { planCode: 'QD2015' });
      const inputs: DemoAssignment[] = [];
      for (const r of rows) {
        const actions = await repo.actionsForAssignment(t.db, Number(r.measure_id), null);
        inputs.push({
          externalId: r.external_id,
          unitCode: r.unit_code,
          measureTitle: r.measure_title,
          actions: actions.map((a) => a.text),
          dispatchedOn: '2015-07-21',
        });
      }
      const events = planDemoEvents(inputs, OPTS);
      const reports = await t.db.selectFrom('progress_reports').selectAll().execute();
      assert.equal(
        reports.length,
        count(events, (e) => e.kind === 'report'),
      );
      const signed = rows.filter((r) => r.signed_at !== null).map((r) => r.external_id);
      assert.deepEqual(
        signed.sort(),
        [...new Set(events.flatMap((e) => (e.kind === 'transition' && e.event === 'sign' ? [e.ext] : [])))].sort(),
      );
      const demoAudit = await t.db
        .selectFrom('audit_log')
        .select(['actor_name', 'source', 'at'])
        .where('actor_name', 'like', 'demo:%')
        .orderBy('seq')
        .execute();
      // Every step writes its own row; reviews that move the assignment write a second one.
      assert.ok(demoAudit.length > events.length);
      assert.ok(demoAudit.every((r) => r.source === 'system'));
      assert.equal(demoAudit[0]!.at, events[0]!.at, 'audit rows carry the simulated instants');
      assert.ok(demoAudit.some((r) => r.actor_name === 'demo:office'));
      assert.ok(demoAudit.some((r) => r.actor_name === 'demo:edu'));
    });

    it('shows a mix of lights, states and a review queue at 2015-10-15', async () => {
      const list = expectOk(await admin.get('/api/assignments?pageSize=200'));
      assert.equal(list.total, 153);
      const lights: Record<string, number> = {};
      const states: Record<string, number> = {};
      for (const i of list.items) {
        lights[i.light.code] = (lights[i.light.code] ?? 0) + 1;
        states[i.state] = (states[i.state] ?? 0) + 1;
      }
      assert.ok((lights.ON_TRACK ?? 0) > 100, JSON.stringify(lights));
      assert.ok((lights.BEHIND ?? 0) >= 5 && (lights.BEHIND ?? 0) <= 40, JSON.stringify(lights));
      assert.equal(lights.DONE, 2);
      assert.deepEqual([states.closed, states.completed, states.dispatched], [1, 1, 2], JSON.stringify(states));
      const reasons = new Set(
        list.items.flatMap((i: { light: { reasons: string[] } }) => i.light.reasons.map((r) => r.split(':')[0])),
      );
      for (const r of ['UNSIGNED', 'PROGRESS_BEHIND', 'REPORT_MISSING'])
        assert.ok(reasons.has(r), `${r} in ${[...reasons]}`);
      const progress = list.items.map((i: { progress: number }) => i.progress);
      assert.ok(progress.some((p: number) => p > 40 && p < 100));

      const queue = expectOk(await admin.get('/api/reports?status=submitted'));
      assert.ok(queue.total >= 1, 'some September reports still wait for review');
      const drafts = expectOk(await admin.get('/api/reports?status=draft'));
      assert.ok(drafts.total >= 10 && drafts.items.every((r: { period: string }) => r.period === '2015-10'));
      const late = await t.db.selectFrom('progress_reports').select('id').where('late', '=', 1).execute();
      assert.ok(late.length >= 5);
      const returned = await t.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'report.return')
        .where('actor_name', '=', 'demo:office')
        .execute();
      assert.ok(returned.length >= 3);
      const story = expectOk(await admin.get(`/api/audit?entityType=report&entityId=${returned[0]!.entity_id}`));
      assert.deepEqual(
        story.items
          .map((r: { action: string }) => r.action)
          .reverse()
          .slice(0, 4),
        ['report.create', 'report.return', 'report.submit', 'report.accept'],
      );
    });
  });
}
