import { fixedClock } from '../../core/clock.js';
import { systemContext } from '../../core/context.js';
import { type CoreDeps, createCore } from '../../core/deps.js';
import { FileService } from '../../core/files/files.service.js';
import * as repo from './assignment.repository.js';
import type { TransitionEvent } from './assignment.schema.js';
import { AssignmentService } from './assignment.service.js';
import { addDays } from './domain/periods.js';
import type { CreateReportBodyT } from './report.schema.js';
import { ReportService } from './report.service.js';

/**
 * Synthetic progress for the demo plan (issue §11): sign-offs, monthly reports with reviews, a dispute, a few
 * laggards and early completions, replayed day by day through the real services so that every dashboard is
 * alive at the demo as-of date and the audit trail tells the story. Planning is pure and seeded; execution
 * runs each step with a clock set to its simulated instant.
 */

/** What the planner needs to know about one assignment. */
export interface DemoAssignment {
  externalId: string;
  unitCode: string;
  measureTitle: string;
  actions: string[];
  dispatchedOn: string;
}

type ReportFields = Omit<CreateReportBodyT, 'period'> & { period: string };

/** What a step does; `key` names a report across its steps. */
export type DemoStep =
  | { kind: 'transition'; event: TransitionEvent; reason?: string }
  | { kind: 'report'; key: string; body: ReportFields }
  | { kind: 'review'; key: string; decision: 'accept' | 'return'; reason?: string; exemplary?: boolean }
  | { kind: 'resubmit'; key: string; narrative: string };

/** One simulated step at a Shanghai office-hours instant, by a unit (`demo:edu`) or the office (`demo:office`). */
export type DemoEvent = { at: string; ext: string; actor: string } & DemoStep;

/** Counts of what the generator wrote. */
export interface DemoSummary {
  assignments: number;
  events: number;
  byKind: Record<string, number>;
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG, so a seed always gives the same demo. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RETURN_REASONS = [
  '进展情况过于笼统,请补充本月具体工作量和量化数据。',
  '未说明与上月相比的新进展,请补充完善后重新报送。',
  '佐证材料与报送内容不对应,请核实后重新报送。',
];
const ISSUES = [
  '部分企业质量主体意识不强,参与积极性有待提高。',
  '专项工作经费尚未完全落实,基层检测能力不足。',
  '跨部门信息共享机制还不够健全,协同效率有待提升。',
  null,
];
const NEXT_STEPS = [
  '下一步将加大督导检查力度,确保年底前完成各项任务。',
  '下月将组织开展专项督查,及时总结推广典型经验。',
  '继续加强部门协作,按时间节点推进重点任务落实。',
];

/**
 * About one assignment in twenty, picked by a hash of its id rather than the seeded generator (so the rest of
 * the demo stays as it was): its August and September reports are flagged 典型经验 on acceptance, giving the
 * monthly bulletin a section 5.
 */
export function isDemoExemplar(externalId: string): boolean {
  let h = 7;
  for (const c of externalId) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h % 20 === 0;
}

/** An instant in Shanghai office hours on `day` (09:00 plus `minutes`). */
function instant(day: string, minutes: number): string {
  const m = 9 * 60 + Math.min(Math.max(Math.round(minutes), 0), 8 * 60);
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return new Date(`${day}T${hh}:${mm}:00+08:00`).toISOString();
}

/** The first clause of an action, short enough to quote in a narrative. */
function clause(text: string): string {
  const first = text.split(/[,;。]/)[0] ?? text;
  return first.slice(0, 36);
}

/**
 * The demo's steps for these assignments, sorted by time and cut at `asOf`. Pure and deterministic for a
 * seed: most units sign within 1–5 days, some late, one disputes and is upheld, two never sign; reports for
 * July–September (some late, some returned then resubmitted), a few laggards, two early completions (one
 * closed), and October drafts.
 */
export function planDemoEvents(assignments: readonly DemoAssignment[], opts: { asOf: string; seed: number }) {
  const rnd = prng(opts.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const sorted = [...assignments].sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
  // Special roles go to distinct assignments chosen by the seed; QTS (the lead office) is never the laggard.
  const order = sorted.map((a, i) => ({ a, r: rnd(), i })).sort((x, y) => x.r - y.r || x.i - y.i);
  const others = order.filter((o) => o.a.unitCode !== 'QTS').map((o) => o.a.externalId);
  const roles = new Map<string, string>();
  const take = (role: string, n: number) => {
    for (const ext of others.filter((e) => !roles.has(e)).slice(0, n)) roles.set(ext, role);
  };
  take('disputed', 1);
  take('unsigned', 2);
  take('completed', 2);
  take('lagging', Math.round(sorted.length * 0.07));
  take('noSeptember', Math.round(sorted.length * 0.03));

  const events: DemoEvent[] = [];
  let completedSeen = 0;
  for (const a of sorted) {
    const role = roles.get(a.externalId) ?? (rnd() < 0.08 ? 'lateSigner' : 'normal');
    const unit = `demo:${a.unitCode.toLowerCase()}`;
    let cursor = '';
    const push = (day: string, e: DemoStep, actor = unit) => {
      let at = instant(day, int(0, 480));
      // Each assignment's own steps stay strictly in order, whatever the random days say.
      if (at <= cursor) at = new Date(new Date(cursor).getTime() + 3600_000).toISOString();
      cursor = at;
      events.push({ ...e, at, ext: a.externalId, actor });
      return at.slice(0, 10);
    };
    const dayOf = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    if (role === 'unsigned') continue;
    let signDay = addDays(a.dispatchedOn, role === 'lateSigner' ? int(8, 14) : int(1, 5));
    if (role === 'disputed') {
      push(addDays(a.dispatchedOn, 1), {
        kind: 'transition',
        event: 'dispute',
        reason: '该项任务主要涉及其他部门职责,我单位仅承担配合工作,建议调整为协办单位。',
      });
      push(
        addDays(a.dispatchedOn, 3),
        {
          kind: 'transition',
          event: 'uphold',
          reason: '经研究,该任务属贵单位职责范围,维持原交办意见,请按期签收办理。',
        },
        'demo:office',
      );
      signDay = addDays(a.dispatchedOn, 4);
    }
    push(signDay, { kind: 'transition', event: 'sign' });
    signDay = dayOf(cursor);

    const lag = role === 'lagging';
    const done = role === 'completed';
    const plan: [string, number, number][] = [
      ['2015-07', lag ? int(0, 4) : int(4, 10), 28],
      ['2015-08', lag ? int(8, 14) : done ? int(60, 75) : int(24, 36), 28],
      ['2015-09', lag ? int(16, 28) : done ? 100 : int(42, 62), 28],
    ];
    let last = 0;
    for (const [period, progress, dueDay] of plan) {
      if (period === '2015-09' && role === 'noSeptember') break;
      const due = `${period}-${dueDay}`;
      const late = rnd() < 0.1;
      let day = late ? addDays(due, int(1, 6)) : addDays(due, -int(0, 7));
      if (day <= signDay) day = addDays(signDay, 1);
      const key = `${a.externalId}/${period}`;
      const action = clause(pick(a.actions));
      const closing = done && progress === 100;
      const narrative = closing
        ? `“${a.measureTitle}”各项任务已全部完成,${action}等工作均已落实到位,形成工作总结报告,特申请办结。`
        : period === '2015-07'
          ? `已召开专题会议传达学习全市质量发展纲要行动计划,围绕“${a.measureTitle}”制定我单位落实方案,明确分管领导、责任处室和完成时限。`
          : lag
            ? `受机构调整和人员变动影响,${action}等工作推进较慢,目前仍在完善实施方案,下一步将加快进度。`
            : period === '2015-08'
              ? `按照任务分工,${action}等工作已全面启动,完成前期调研摸底,梳理重点企业${int(12, 80)}家并建立工作台账。`
              : `${action}取得阶段性成效,累计开展专项检查${int(6, 30)}次,培训企业质量负责人${int(50, 400)}人次。`;
      const body: ReportFields = {
        period,
        progress: Math.max(progress, last),
        narrative,
        issues: pick(ISSUES),
        nextSteps: closing ? null : pick(NEXT_STEPS),
        submit: true,
      };
      if (period === '2015-09' && !lag && rnd() < 0.4) {
        const target = int(10, 30);
        body.keyResults = [{ name: '开展专项检查', target: `${target}次`, actual: `${int(5, target)}次` }];
      }
      if (closing) {
        body.requestClose = true;
        body.evidence = [{ url: `https://evidence.example.org/qd2015/${a.externalId}`, name: '工作总结报告' }];
      }
      last = body.progress;
      push(day, { kind: 'report', key, body });
      // Reviews usually follow within days; a few September ones are still waiting on the as-of date.
      const waiting = period === '2015-09' && !closing && rnd() < 0.06;
      const reviewDay = addDays(dayOf(cursor), waiting ? int(20, 30) : int(1, 4));
      const exemplary = period !== '2015-07' && !lag && isDemoExemplar(a.externalId) ? { exemplary: true } : {};
      if (period !== '2015-07' && !closing && rnd() < 0.1) {
        push(reviewDay, { kind: 'review', key, decision: 'return', reason: pick(RETURN_REASONS) }, 'demo:office');
        push(addDays(dayOf(cursor), int(1, 3)), {
          kind: 'resubmit',
          key,
          narrative: `${narrative}补充说明:本月新完成具体工作${int(2, 9)}项,相关台账和佐证材料已整理归档。`,
        });
        push(
          addDays(dayOf(cursor), int(1, 3)),
          { kind: 'review', key, decision: 'accept', ...exemplary },
          'demo:office',
        );
      } else {
        push(reviewDay, { kind: 'review', key, decision: 'accept', ...exemplary }, 'demo:office');
      }
    }
    if (done) {
      if (completedSeen++ === 0) {
        push(addDays(dayOf(cursor), int(2, 4)), { kind: 'transition', event: 'close' }, 'demo:office');
      }
    } else if (role !== 'noSeptember' && rnd() < 0.3) {
      push(`2015-10-${String(int(8, 14)).padStart(2, '0')}`, {
        kind: 'report',
        key: `${a.externalId}/2015-10`,
        body: {
          period: '2015-10',
          progress: Math.min(last + int(5, 12), 95),
          narrative: `本月继续推进“${a.measureTitle}”相关工作,${clause(pick(a.actions))}正在按计划实施(草稿)。`,
          submit: false,
        },
      });
    }
  }
  const cut = new Date(`${addDays(opts.asOf, 1)}T00:00:00+08:00`).toISOString();
  return events.filter((e) => e.at < cut).sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
}

/**
 * Generates the demo's progress for a published plan (QD2015 by default) through the real services, with
 * system contexts named `demo:<unit>` and `demo:office` and a clock at each simulated instant.
 */
/** The generator's own services, on a clock it sets to each step's simulated instant. */
function worker(base: CoreDeps) {
  const clock = fixedClock('2015-01-01T00:00:00Z');
  const core = createCore(base.config, base.handle, clock);
  const assignments = new AssignmentService(core);
  return { clock, assignments, reports: new ReportService(core, assignments, new FileService(core)) };
}

/**
 * Generates the demo's progress for a published plan (QD2015 by default) through the real services, with
 * system contexts named `demo:<unit>` and `demo:office` and a clock at each simulated instant. Steps run one
 * after another in time order, so ids and the audit trail come out the same for a seed.
 */
export async function generateDemoProgress(
  services: { core: CoreDeps },
  opts: { asOf: string; seed: number; planCode?: string },
): Promise<DemoSummary> {
  const db = services.core.db;
  const rows = await repo.listAssignments(db, { planCode: opts.planCode ?? 'QD2015' });
  const actions = new Map<number, string[]>();
  for (const measureId of new Set(rows.map((r) => Number(r.measure_id)))) {
    actions.set(
      measureId,
      (await repo.actionsForAssignment(db, measureId, null)).map((a) => a.text),
    );
  }
  const inputs: DemoAssignment[] = rows
    .filter((r) => r.state === 'dispatched')
    .map((r) => ({
      externalId: r.external_id,
      unitCode: r.unit_code,
      measureTitle: r.measure_title,
      actions: actions.get(Number(r.measure_id)) ?? [r.measure_title],
      dispatchedOn: r.dispatched_on,
    }));
  const events = planDemoEvents(inputs, opts);
  const ids = new Map<string, { id: number; version: number }>();
  const byKind: Record<string, number> = {};
  const sys = { system: true };

  async function run(w: ReturnType<typeof worker>, e: DemoEvent) {
    w.clock.set(e.at);
    const ctx = systemContext('system', e.actor);
    if (e.kind === 'transition') {
      const row = await w.assignments.findRow(e.ext);
      const body = { event: e.event, version: Number(row.version), reason: e.reason };
      await w.assignments.applyTransition(ctx, e.ext, body, sys);
    } else if (e.kind === 'report') {
      ids.set(e.key, await w.reports.file(ctx, e.ext, e.body, sys));
    } else {
      const ref = ids.get(e.key)!;
      const r =
        e.kind === 'review'
          ? await w.reports.decide(
              ctx,
              ref.id,
              { version: ref.version, decision: e.decision, reason: e.reason, exemplary: e.exemplary },
              sys,
            )
          : await w.reports.save(ctx, ref.id, { version: ref.version, narrative: e.narrative, submit: true }, sys);
      ref.version = r.version;
    }
    const label = e.kind === 'transition' ? e.event : e.kind === 'review' ? e.decision : e.kind;
    byKind[label] = (byKind[label] ?? 0) + 1;
  }

  const w = worker(services.core);
  for (const e of events) await run(w, e);
  return { assignments: inputs.length, events: events.length, byKind };
}
