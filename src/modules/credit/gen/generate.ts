import type { Insertable } from 'kysely';
import { bulkInserter } from '../../../core/db/bulk.js';
import type { EnterpriseTable } from '../../../core/db/schema-credit.js';
import type { CoreDeps } from '../../../core/deps.js';
import { searchColumns } from '../../../core/search/tokenize.js';
import { QINGDAO_DISTRICTS, QINGDAO_DIVISIONS } from '../domain/qingdao.js';
import { orgCodeCheckChar, USCC_CHARSET, usccCheckChar } from '../domain/uscc.js';
import { BRAND_A, BRAND_B, FORMS, GIVEN, INDUSTRIES, REGIONS, ROADS, SHOP_FORMS, SURNAMES } from './words.js';

/**
 * Deterministic synthetic registry (credit.md §8): realistic names, valid credit codes with Qingdao division
 * codes (a few historical), legal representatives, addresses and statuses. Same seed, same rows.
 */

/** A small, fast seeded PRNG (mulberry32): the same seed gives the same data on every machine. */
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

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

// Registrar codes: mostly today's districts, some the city registrar, a few historical (四方, 即墨市, 胶南).
const REGISTRARS = [...QINGDAO_DISTRICTS, ...QINGDAO_DISTRICTS, '370200', '370205', '370282', '370284'];
const BODY_SPACE = 31 ** 6;

/** The `i`-th generated credit code: unique for i below 31^6 (an affine bijection), valid check characters. */
export function generatedUscc(i: number, seed: number, region: string, type = '1'): string {
  // a = 7919 is coprime to 31, so i → a·i + b is a bijection on [0, 31^6).
  let n = (i * 7919 + (seed % BODY_SPACE) * 104729) % BODY_SPACE;
  let body = '';
  for (let k = 0; k < 6; k++) {
    body = USCC_CHARSET[n % 31]! + body;
    n = Math.floor(n / 31);
  }
  const org = `MA${body}`;
  const first17 = `9${type}${region}${org}${orgCodeCheckChar(org)}`;
  return first17 + usccCheckChar(first17);
}

export const PRESETS = { small: 20_000, city: 2_000_000 } as const;
export type Preset = keyof typeof PRESETS;

/** Rows for one generated enterprise; `lists` decides its current list flags (records follow separately). */
export function generatedEnterprise(i: number, seed: number, now: string): Insertable<EnterpriseTable> {
  const r = prng(seed * 1_000_003 + i);
  const shop = r() < 0.08;
  const region = pick(r, REGISTRARS);
  const uscc = generatedUscc(i, seed, region, shop ? '2' : '1');
  const brand = pick(r, BRAND_A) + pick(r, BRAND_B);
  const industry = pick(r, INDUSTRIES);
  const place = pick(r, REGIONS);
  const roll = r();
  const name = shop
    ? `${QINGDAO_DIVISIONS[region]?.name ?? '市南区'}${brand}${pick(r, SHOP_FORMS)}`
    : roll < 0.1
      ? `${brand}（${place}）${industry}${pick(r, FORMS)}`
      : roll < 0.75
        ? `${place}${brand}${industry}${pick(r, FORMS)}`
        : `${brand}${industry}${pick(r, FORMS)}`;
  const former =
    r() < 0.05
      ? [{ name: `${place}${pick(r, BRAND_A)}${pick(r, BRAND_B)}${industry}有限公司`, until: '2012-06-30' }]
      : [];
  const district = QINGDAO_DIVISIONS[region]?.district ?? pick(r, QINGDAO_DISTRICTS);
  const s = r();
  const status = s < 0.9 ? 'active' : s < 0.95 ? 'deregistered' : s < 0.99 ? 'revoked' : 'moved_out';
  const year = 1990 + Math.floor(r() * 26);
  const established = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const l = r();
  const lists = status !== 'active' ? '' : l < 0.002 ? 'SERIOUS' : l < 0.02 ? 'ABNORMAL' : '';
  const formerJson = JSON.stringify(former);
  return {
    uscc,
    registration_no: null,
    org_code: uscc.slice(8, 17),
    name,
    former_names: formerJson,
    entity_type: `9${shop ? '2' : '1'}`,
    legal_rep: pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : ''),
    legal_rep_id_hash: null,
    registered_capital: shop ? null : Math.floor(r() * 5000 + 10) * 1_000_000,
    currency: shop ? null : 'CNY',
    established_on: established,
    operating_term_to: null,
    registration_authority: `青岛市${QINGDAO_DIVISIONS[district]?.name ?? ''}市场监督管理局`,
    registration_region_code: region,
    district_code: district,
    address: `山东省青岛市${QINGDAO_DIVISIONS[district]?.name ?? ''}${pick(r, ROADS)}${1 + Math.floor(r() * 300)}号`,
    business_scope: null,
    industry_code: null,
    status,
    status_date: status === 'active' ? null : `${Math.max(year, 2010) + 2}-06-30`,
    code_warnings: '',
    source: 'gen',
    source_record_id: `gen:${seed}:${i}`,
    last_synced_at: now,
    last_import_job_id: null,
    demo: 1,
    list_flags: lists,
    ...searchColumns([name, ...former.map((f) => f.name)]),
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

const ENTERPRISE_COLUMNS = Object.keys(generatedEnterprise(0, 1, '2015-01-01T00:00:00.000Z'));

/**
 * Writes `count` generated enterprises (ids follow the table's), 50,000 per transaction; returns how many.
 * Bench and demo load call it; `onProgress` gets the running total.
 */
export async function generateRegistry(
  core: CoreDeps,
  options: { seed: number; count: number; start?: number; onProgress?: (done: number) => void },
): Promise<number> {
  const now = core.clock.now().toISOString();
  const inserter = bulkInserter(core.handle, 'enterprises', ENTERPRISE_COLUMNS);
  const start = options.start ?? 0;
  const BATCH = 50_000;
  // Rows are indexed for search in one set-based pass at the end, not one by one (stack.md §2.4); a
  // killed load is repaired by the next resume (the registry import's start does it too).
  await core.db.transaction().execute((trx) => core.search.suspend(trx, 'enterprises'));
  try {
    for (let from = start; from < start + options.count; from += BATCH) {
      const to = Math.min(start + options.count, from + BATCH);
      const rows: Insertable<EnterpriseTable>[] = [];
      for (let i = from; i < to; i++) rows.push(generatedEnterprise(i, options.seed, now));
      await core.db.transaction().execute((trx) => inserter.insert(trx, rows));
      options.onProgress?.(to - start);
    }
  } finally {
    await core.db.transaction().execute((trx) => core.search.resume(trx, 'enterprises'));
  }
  return options.count;
}
