import { performance } from 'node:perf_hooks';
import { type Insertable, sql } from 'kysely';
import { buildApp, createServices, prepareDatabase } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { insertBatched } from '../src/core/db/batch.js';
import type { DatabaseHandle } from '../src/core/db/connect.js';
import type { AssignmentTable, ProgressReportTable } from '../src/core/db/schema-plans.js';
import { SESSION_COOKIE } from '../src/core/http/server.js';
import { addDays } from '../src/modules/plans/domain/periods.js';
import { DEMO_PASSWORD } from '../src/modules/users/demo.js';

/**
 * One endpoint's server time over `repeats` requests; `target` is the median budget in milliseconds. `cpu` is
 * this process's mean CPU time per request: on a shared machine it shows the server's own cost apart from
 * waiting for a core (PostgreSQL's own work is not in it).
 */
export interface EndpointFigure {
  endpoint: string;
  p50: number;
  p95: number;
  cpu: number;
  target: number | null;
  bytes: number;
}

// The 10 区、市 of 2015 (plans.md §1.3).
const DISTRICTS = ['370202', '370203', '370211', '370212', '370213', '370214', '370281', '370282', '370283', '370285'];
const MEASURES_PER_DISTRICT = 3;
const AS_OF = '2015-12-31';
const pad = (n: number) => String(n).padStart(2, '0');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * The seed plan as published, plus the 10 districts on a few measures each (31 units in all), every
 * assignment signed and reporting 12 monthly periods (2015-01…2015-12), inserted in bulk.
 */
async function loadPlan(handle: DatabaseHandle, planId: number) {
  const db = handle.db;
  const at = (day: string, hour = 2) => `${day}T${pad(hour)}:00:00.000Z`;
  await db.deleteFrom('report_evidence').execute();
  await db.deleteFrom('progress_reports').execute();
  const measures = await db
    .selectFrom('plan_measures')
    .select(['id', 'external_id'])
    .where('plan_id', '=', planId)
    .orderBy('ord')
    .execute();
  const now = new Date().toISOString();
  const districtRows: Insertable<AssignmentTable>[] = DISTRICTS.flatMap((code, i) =>
    Array.from({ length: MEASURES_PER_DISTRICT }, (_, k) => {
      const m = measures[(i * MEASURES_PER_DISTRICT + k) % measures.length]!;
      return {
        plan_id: planId,
        measure_id: Number(m.id),
        action_id: null,
        external_id: `${m.external_id}-${code}`,
        unit_code: code,
        role: 'shared',
        kind: 'task',
        deadline_type: 'default',
        due_date: '2015-12-31',
        cadence: 'monthly',
        state: 'dispatched',
        progress: 0,
        dispatched_on: '2015-07-21',
        signed_at: null,
        completed_at: null,
        state_reason: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
    }),
  );
  await db.transaction().execute(async (trx) => {
    await insertBatched(trx, 'assignments', districtRows);
    await trx
      .updateTable('assignments')
      .set({ state: 'in_progress', signed_at: at('2015-07-23') })
      .where('plan_id', '=', planId)
      .execute();
  });
  const assignments = await db
    .selectFrom('assignments')
    .select(['id'])
    .where('plan_id', '=', planId)
    .orderBy('id')
    .execute();
  // Every tenth assignment is completed in November, so DONE, done-on-time and the report cut-off all occur.
  const done = assignments.filter((_, i) => i % 10 === 0).map((a) => Number(a.id));
  await db
    .updateTable('assignments')
    .set({ state: 'completed', completed_at: at('2015-11-20'), progress: 10_000 })
    .where('id', 'in', done)
    .execute();

  const reports: Insertable<ProgressReportTable>[] = [];
  for (const [i, a] of assignments.entries()) {
    for (let month = 1; month <= 12; month++) {
      const period = `2015-${pad(month)}`;
      // One unit in seven reports after the 28th; one report in eight is returned, the latest awaits review.
      const submitted = at((i + month) % 7 === 0 ? addDays(`${period}-28`, 2) : `${period}-25`);
      const returned = (i + month) % 8 === 0;
      const status = month === 12 ? 'submitted' : returned ? 'returned' : 'accepted';
      reports.push({
        assignment_id: Number(a.id),
        period,
        status,
        progress: Math.min(100, month * 8 + (i % 5)) * 100,
        narrative: '按计划推进各项工作,完成阶段性目标任务,形成工作台账。',
        issues: null,
        next_steps: null,
        key_results: '[]',
        request_close: 0,
        regress_reason: null,
        late: (i + month) % 7 === 0 ? 1 : 0,
        supersedes_id: null,
        submitted_at: submitted,
        reviewed_at: status === 'submitted' ? null : at(`${period}-27`, 6),
        reviewed_by: null,
        return_reason: returned ? '佐证材料不完整' : null,
        created_by: null,
        created_at: submitted,
        updated_at: submitted,
        version: 1,
      });
    }
  }
  await db.transaction().execute((trx) => insertBatched(trx, 'progress_reports', reports));
  await sql`analyze`.execute(db);
  return { assignments: assignments.length, reports: reports.length, units: 21 + DISTRICTS.length };
}

/**
 * Server time of the plan dashboard endpoints (and the assignments list, when that route exists) via
 * `app.inject`, on the full seed plan with 31 units and 12 periods of reports per assignment.
 */
export async function plansBench(handle: DatabaseHandle, repeats = 30) {
  const config = loadConfig({ QCITY_DEMO: 'true', QCITY_LOG_LEVEL: 'silent', QCITY_DATABASE_URL: handle.url });
  const services = createServices(config, handle);
  await prepareDatabase(services, { demoData: false });
  const plan = await handle.db.selectFrom('plans').select('id').where('code', '=', 'QD2015').executeTakeFirstOrThrow();
  const planId = Number(plan.id);
  const loadStart = performance.now();
  const data = await loadPlan(handle, planId);
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const app = await buildApp(services);
  await app.ready();
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    if (!cookie) throw new Error(`bench login failed: ${login.statusCode} ${login.body}`);

    const endpoints: [string, string, number | null][] = [
      ['dashboard', `/api/plans/${planId}/dashboard?asOf=${AS_OF}`, 20],
      ['compare', `/api/plans/${planId}/compare?from=2015-09-30&to=${AS_OF}`, 20],
    ];
    if (app.hasRoute({ method: 'GET', url: '/api/assignments' })) {
      endpoints.push(['assignments list', `/api/assignments?planId=${planId}&asOf=${AS_OF}`, 20]);
    }
    // Informational: building a workbook is bound by exceljs, and officials download it now and then.
    endpoints.push(['export.xlsx', `/api/plans/${planId}/export.xlsx?asOf=${AS_OF}`, null]);

    const figures: EndpointFigure[] = [];
    for (const [endpoint, url, target] of endpoints) {
      const call = async () => {
        // On SQLite an injected request never waits for I/O: let the event loop turn between requests, as it
        // does between real ones, or under-pressure sees no loop samples for a second and answers 503.
        await new Promise((resolve) => setImmediate(resolve));
        const res = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        return res.rawPayload.length;
      };
      // Warm-up: schema compilation, prepared statements and the JIT are not what a user waits for.
      for (let i = 0; i < 3; i++) await call();
      const times: number[] = [];
      let bytes = 0;
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        bytes = await call();
        times.push(performance.now() - t0);
      }
      const used = process.cpuUsage(cpu0);
      const cpu = (used.user + used.system) / 1000 / repeats;
      times.sort((a, b) => a - b);
      figures.push({ endpoint, p50: percentile(times, 0.5), p95: percentile(times, 0.95), cpu, target, bytes });
    }
    return { ...data, loadSeconds, figures };
  } finally {
    await app.close();
  }
}
