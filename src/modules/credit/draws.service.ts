import { createHash, randomBytes } from 'node:crypto';
import { authorize } from '../../core/auth/access.js';
import { businessToday, isoNow } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { insertBatched } from '../../core/db/batch.js';
import { fromJson, paging } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { addMonths } from '../../core/working-days.js';
import type { DrawClass } from './domain/draw.js';
import { DrawFrame, type FrameDrawResult, InsufficientInspectorsError } from './domain/draw-frame.js';
import { intParam, type RuleSet, ruleSetInForce } from './domain/rule-sets.js';
import * as repo from './draws.repository.js';
import type { CreateDrawInput, DrawDtoT, DrawFilterInput, DrawMemberDtoT, RerunDtoT } from './draws.schema.js';
import * as ruleRepo from './rulesets.repository.js';
import { toRuleSet } from './rulesets.service.js';

/** The filter as stored with the draw: every default applied, so a re-run reads exactly what was used. */
export interface StoredFilter {
  districtCode: string | null;
  status: string | null;
  industryPrefix: string | null;
  riskClasses: DrawClass[];
  excludeDrawnMonths: number;
  /** Inspector codes of the pool when drawn: a re-run tells a changed pool from a changed frame. */
  pool?: string[];
}

interface Sampling {
  version: string;
  ratiosBp: Record<DrawClass, number>;
  perEnterprise: number;
}

interface Computed {
  result: FrameDrawResult;
  pool: string[];
}

/** Rows read per frame query: the frame is streamed in id order, never loaded as rows at once. */
const FRAME_CHUNK = 20_000;
const ALL_CLASSES: DrawClass[] = ['A', 'B', 'C', 'D'];
const SEED_RE = /^[\x21-\x7e]{1,128}$/;

/**
 * The id hashed with the seed: the unified social credit code, published with the results (一公开), so
 * anyone can re-check a draw from the seed and the list; the internal id only for rows without one.
 */
export function drawKey(uscc: string | null, id: number | string): string {
  return uscc ?? String(id);
}

function normaliseFilter(f: DrawFilterInput): StoredFilter {
  return {
    districtCode: f.districtCode ?? null,
    status: f.status?.trim() || 'active',
    industryPrefix: f.industryPrefix ?? null,
    riskClasses: ALL_CLASSES.filter((c) => !f.riskClasses || f.riskClasses.includes(c)),
    excludeDrawnMonths: f.excludeDrawnMonths ?? 0,
  };
}

function samplingOf(set: RuleSet): Sampling {
  return {
    version: set.version,
    ratiosBp: {
      A: intParam(set, 'ratioABp'),
      B: intParam(set, 'ratioBBp'),
      C: intParam(set, 'ratioCBp'),
      D: intParam(set, 'ratioDBp'),
    },
    perEnterprise: intParam(set, 'perEnterprise'),
  };
}

type StoredSelection = { enterpriseId: number; drawKey: string; riskClass: string; inspectors: string[] }[];

/**
 * 双随机 draws (credit.md §6.2) for the quality office: a draw reads the frame in id-ordered chunks, samples
 * per risk class with the SAMPLING version in force and assigns inspectors; the saved draw is immutable
 * (no update or delete) and a re-run recomputes it from the stored seed, filter and rule version.
 */
export class DrawService {
  constructor(private readonly core: CoreDeps) {}

  private today(): string {
    return businessToday(this.core.clock, this.core.config.asOf);
  }

  async create(ctx: RequestContext, input: CreateDrawInput): Promise<DrawDtoT> {
    const actor = authorize(ctx, 'credit.draws');
    const seed = input.seed ?? randomBytes(32).toString('hex');
    if (!SEED_RE.test(seed)) throw new QcError('QC_ERR_DRAW_SEED_INVALID');
    const title = input.title.trim();
    if (!title) throw new QcError('QC_ERR_VALIDATION', ['title']);
    const drawnOn = this.today();
    const filter = normaliseFilter(input.filter);
    const sets = (await ruleRepo.listRuleSets(this.core.db, 'SAMPLING')).map(toRuleSet);
    const rule = ruleSetInForce('SAMPLING', drawnOn, sets);
    if (!rule) throw new QcError('QC_ERR_RULESET_NOT_IN_FORCE', ['SAMPLING', drawnOn]);
    const sampling = samplingOf(rule);
    // Computed before the transaction: a 2 M frame must not hold the write lock; nothing is saved on error.
    const { result, pool } = await this.compute(seed, filter, sampling, drawnOn, null);
    const selection: StoredSelection = result.selection.map((s) => ({
      enterpriseId: s.ref,
      drawKey: s.enterpriseId,
      riskClass: s.riskClass,
      inspectors: s.inspectors,
    }));
    const selectionJson = JSON.stringify(selection);
    const counts = Object.fromEntries(ALL_CLASSES.map((c) => [c, { ...result.counts[c], bp: sampling.ratiosBp[c] }]));
    const id = await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.insertDraw(trx, {
        title,
        drawn_on: drawnOn,
        seed,
        rule_set_version: sampling.version,
        counts_json: JSON.stringify(counts),
        load_cap: result.loadCap,
        filter_json: JSON.stringify({ ...filter, pool }),
        frame_size: result.frameSize,
        frame_hash: result.frameHash,
        per_enterprise: sampling.perEnterprise,
        selection_json: selectionJson,
        operator_id: actor.userId ?? null,
        created_at: isoNow(this.core.clock),
      });
      const drawId = Number(row.id);
      await insertBatched(
        trx,
        'inspection_draw_members',
        selection.map((s, i) => ({
          draw_id: drawId,
          position: i + 1,
          enterprise_id: s.enterpriseId,
          risk_class: s.riskClass,
          inspectors: s.inspectors.join(','),
        })),
      );
      // The selection itself is too large for an audit row; its hash pins it.
      await this.core.audit.append(trx, ctx, {
        action: 'credit.draw.create',
        entityType: 'inspection_draw',
        entityId: String(drawId),
        after: {
          title,
          seed,
          drawnOn,
          ruleSetVersion: sampling.version,
          filter,
          frameSize: result.frameSize,
          frameHash: result.frameHash,
          selected: selection.length,
          selectionSha256: createHash('sha256').update(selectionJson).digest('hex'),
        },
      });
      return drawId;
    });
    return this.get(ctx, id);
  }

  /** Frame, pool and conflicts as they are now, then the pure draw. QC_ERR_DRAW_* on an empty frame or pool. */
  private async compute(
    seed: string,
    filter: StoredFilter,
    sampling: Sampling,
    drawnOn: string,
    beforeDrawId: number | null,
  ): Promise<Computed> {
    const db = this.core.db;
    const inspectors = await repo.listInspectors(db, true);
    const pool = inspectors.map((i) => i.code);
    const conflicts = new Set(
      (await repo.activeConflicts(db)).map((c) => `${c.code}|${drawKey(c.uscc, c.enterprise_id)}`),
    );
    const query: repo.FrameQuery = {
      districtCode: filter.districtCode,
      status: filter.status,
      industryPrefix: filter.industryPrefix,
      riskClasses: filter.riskClasses,
      drawnSince: filter.excludeDrawnMonths > 0 ? addMonths(drawnOn, -filter.excludeDrawnMonths) : null,
      beforeDrawId,
    };
    const frame = new DrawFrame();
    let afterId = 0;
    for (;;) {
      const rows = await repo.frameChunk(db, query, afterId, FRAME_CHUNK);
      for (const r of rows) frame.add(drawKey(r.uscc, r.id), Number(r.id), r.risk_class as DrawClass);
      if (rows.length < FRAME_CHUNK) break;
      afterId = Number(rows[rows.length - 1]!.id);
    }
    if (frame.size === 0) throw new QcError('QC_ERR_DRAW_EMPTY_FRAME');
    try {
      const result = frame.draw({
        seed,
        ratiosBp: sampling.ratiosBp,
        pool: pool.map((inspectorId) => ({ inspectorId })),
        conflicts,
        perEnterprise: sampling.perEnterprise,
      });
      return { result, pool };
    } catch (err) {
      if (err instanceof InsufficientInspectorsError) {
        throw new QcError('QC_ERR_DRAW_INSUFFICIENT_INSPECTORS', [err.enterpriseId, err.found, err.needed]);
      }
      throw err;
    }
  }

  /** Recomputes a saved draw from its seed, filter and rule version against today's data; writes nothing. */
  async rerun(ctx: RequestContext, id: number): Promise<RerunDtoT> {
    authorize(ctx, 'credit.draws');
    const row = await this.row(id);
    const filter = fromJson<StoredFilter>(row.filter_json);
    const ruleRow = await ruleRepo.ruleSetByKey(this.core.db, 'SAMPLING', row.rule_set_version);
    if (!ruleRow) throw new QcError('QC_ERR_RULESET_NOT_FOUND', [`SAMPLING ${row.rule_set_version}`]);
    const stored = fromJson<StoredSelection>(row.selection_json);
    const base = { drawId: id, frameSize: 0, frameHash: '', frameMatches: false, poolMatches: false };
    let computed: Computed;
    try {
      computed = await this.compute(row.seed, filter, samplingOf(toRuleSet(ruleRow)), row.drawn_on, id);
    } catch (err) {
      if (!(err instanceof QcError)) throw err;
      return { ...base, reproduced: false, selectionMatches: false, differences: [], error: err.code };
    }
    const { result, pool } = computed;
    const differences: number[] = [];
    const n = Math.max(stored.length, result.selection.length);
    for (let i = 0; i < n && differences.length < 50; i++) {
      const a = stored[i];
      const b = result.selection[i];
      const same =
        a &&
        b &&
        a.enterpriseId === b.ref &&
        a.riskClass === b.riskClass &&
        a.inspectors.join() === b.inspectors.join();
      if (!same) differences.push(i + 1);
    }
    const frameMatches = result.frameHash === row.frame_hash && result.frameSize === Number(row.frame_size);
    const selectionMatches = differences.length === 0;
    return {
      drawId: id,
      reproduced: frameMatches && selectionMatches,
      frameSize: result.frameSize,
      frameHash: result.frameHash,
      frameMatches,
      poolMatches: (filter.pool ?? []).join() === pool.join(),
      selectionMatches,
      differences,
      error: null,
    };
  }

  private async row(id: number): Promise<repo.DrawRow> {
    const row = await repo.drawById(this.core.db, id);
    if (!row) throw new QcError('QC_ERR_DRAW_NOT_FOUND', [id]);
    return row;
  }

  private async dto(row: repo.DrawRow): Promise<DrawDtoT> {
    const filter = fromJson<StoredFilter>(row.filter_json);
    const counts = fromJson<Record<string, { frame: number; selected: number; bp?: number }>>(row.counts_json);
    const operator =
      row.operator_id === null
        ? null
        : ((await repo.usernameOf(this.core.db, Number(row.operator_id)))?.username ?? null);
    return {
      id: Number(row.id),
      title: row.title,
      drawnOn: row.drawn_on,
      seed: row.seed,
      ruleSetVersion: row.rule_set_version,
      filter: {
        districtCode: filter.districtCode,
        status: filter.status,
        industryPrefix: filter.industryPrefix,
        riskClasses: filter.riskClasses,
        excludeDrawnMonths: filter.excludeDrawnMonths,
      },
      ratiosBp: Object.fromEntries(Object.entries(counts).map(([c, v]) => [c, v.bp ?? 0])),
      perEnterprise: Number(row.per_enterprise),
      frameSize: Number(row.frame_size),
      frameHash: row.frame_hash,
      counts: Object.fromEntries(Object.entries(counts).map(([c, v]) => [c, { frame: v.frame, selected: v.selected }])),
      selected: Object.values(counts).reduce((s, v) => s + v.selected, 0),
      loadCap: Number(row.load_cap),
      pool: filter.pool ?? [],
      operator,
      createdAt: row.created_at,
    };
  }

  async get(ctx: RequestContext, id: number): Promise<DrawDtoT> {
    authorize(ctx, 'credit.draws');
    return this.dto(await this.row(id));
  }

  async list(ctx: RequestContext, q: { page?: number; pageSize?: number }) {
    authorize(ctx, 'credit.draws');
    const { page, pageSize, offset } = paging(q.page, q.pageSize);
    const [rows, total] = await Promise.all([
      repo.listDraws(this.core.db, pageSize, offset),
      repo.countDraws(this.core.db),
    ]);
    const items: DrawDtoT[] = [];
    for (const r of rows) items.push(await this.dto(r));
    return { items, total, page, pageSize };
  }

  /** A page of the results, or all of them (export) when `q` is null. */
  async members(ctx: RequestContext, id: number, q: { page?: number; pageSize?: number } | null) {
    authorize(ctx, 'credit.draws');
    const row = await this.row(id);
    const names = new Map((await repo.listInspectors(this.core.db)).map((i) => [i.code, i.name]));
    const p = q ? paging(q.page, q.pageSize) : null;
    const rows = await repo.drawMembers(this.core.db, id, p?.pageSize, p?.offset);
    const items: DrawMemberDtoT[] = rows.map((m) => ({
      position: Number(m.position),
      enterpriseId: Number(m.enterprise_id),
      drawKey: drawKey(m.uscc, m.enterprise_id),
      name: m.name,
      uscc: m.uscc,
      districtCode: m.district_code,
      riskClass: m.risk_class,
      inspectors: m.inspectors
        .split(',')
        .filter(Boolean)
        .map((code) => ({ code, name: names.get(code) ?? null })),
    }));
    const total = Object.values(fromJson<Record<string, { selected: number }>>(row.counts_json)).reduce(
      (sum, c) => sum + c.selected,
      0,
    );
    return { items, total, page: p?.page ?? 1, pageSize: p?.pageSize ?? total };
  }
}
