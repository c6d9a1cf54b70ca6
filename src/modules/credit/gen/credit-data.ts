import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { bulkInserter } from '../../../core/db/bulk.js';
import type { CreditRecordTable, ListEntryTable } from '../../../core/db/schema-credit.js';
import type { CoreDeps } from '../../../core/deps.js';
import { prng } from './generate.js';

/**
 * Synthetic credit records and list entries for generated enterprises (credit.md §3, §5), written straight
 * into `credit_records` and `list_entries` with demo = 1. Kept apart from the registry generator so the
 * records and lists code can call or extend it. Dates fall in 2012–2015 (demo mode looks from 2015-10-15).
 */

type Kind = {
  type: string;
  polarity: string;
  source: string;
  visibility: string;
  weight: number;
  summary: string;
  severity?: string;
};

const KINDS: Kind[] = [
  {
    type: 'ADMIN_PENALTY',
    polarity: '-',
    source: 'credit',
    visibility: 'PUBLIC',
    weight: 30,
    summary: '生产销售不符合保障人体健康和人身、财产安全的国家标准的产品',
    severity: 'GENERAL',
  },
  {
    type: 'ADMIN_PENALTY',
    polarity: '-',
    source: 'credit',
    visibility: 'PUBLIC',
    weight: 10,
    summary: '未按规定标注产品标识',
    severity: 'MINOR',
  },
  {
    type: 'ADMIN_PENALTY',
    polarity: '-',
    source: 'credit',
    visibility: 'SUBJECT',
    weight: 5,
    summary: '警告:未按规定建立进货查验记录',
    severity: 'MINOR',
  },
  {
    type: 'SPOT_CHECK_FAIL',
    polarity: '-',
    source: 'safety',
    visibility: 'PUBLIC',
    weight: 15,
    summary: '产品质量监督抽查不合格',
  },
  {
    type: 'INSPECTION_RESULT',
    polarity: '0',
    source: 'credit',
    visibility: 'PUBLIC',
    weight: 25,
    summary: '双随机抽查:未发现问题',
  },
  {
    type: 'RECALL',
    polarity: '0',
    source: 'safety',
    visibility: 'PUBLIC',
    weight: 3,
    summary: '主动召回存在缺陷的产品',
  },
  { type: 'AWARD', polarity: '+', source: 'awards', visibility: 'PUBLIC', weight: 4, summary: '青岛市市长质量奖' },
  {
    type: 'CERTIFICATION',
    polarity: '+',
    source: 'awards',
    visibility: 'PUBLIC',
    weight: 8,
    summary: 'ISO 9001 质量管理体系认证',
  },
];
const TOTAL_WEIGHT = KINDS.reduce((s, k) => s + k.weight, 0);
const AS_OF = '2015-10-15';

function pickKind(w: number): Kind {
  let rest = w;
  for (const k of KINDS) {
    rest -= k.weight;
    if (rest < 0) return k;
  }
  return KINDS[0]!;
}

function day(r: () => number, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(r() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return s > AS_OF ? AS_OF : s;
}

function plusDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

function plusYears(date: string, n: number): string {
  const [y, m, d] = date.split('-');
  return `${Number(y) + n}-${m}-${d === '29' && m === '02' ? '28' : d}`;
}

/** Writes records (about `perEnterprise` on average) and list entries for generated enterprises without any yet. */
export async function generateCreditData(
  core: CoreDeps,
  options: { seed: number; perEnterprise?: number; onProgress?: (done: number) => void },
): Promise<{ records: number; listEntries: number }> {
  const db = core.db;
  const now = core.clock.now().toISOString();
  const mean = options.perEnterprise ?? 1.5;
  // Resume after the last enterprise that already has generated records, so a second run adds nothing twice.
  const last = await sql<{
    m: number | null;
  }>`select max(enterprise_id) as m from credit_records where source_module like 'gen:%'`.execute(db);
  let after = Number(last.rows[0]?.m ?? 0);
  const recordRows: Insertable<CreditRecordTable>[] = [];
  const entryRows: Insertable<ListEntryTable>[] = [];
  let records = 0;
  let listEntries = 0;
  let recordInserter: ReturnType<typeof bulkInserter<'credit_records'>> | null = null;
  let entryInserter: ReturnType<typeof bulkInserter<'list_entries'>> | null = null;
  for (;;) {
    const page = await db
      .selectFrom('enterprises')
      .select(['id', 'established_on', 'list_flags'])
      .where('demo', '=', 1)
      .where('id', '>', after)
      .orderBy('id')
      .limit(20_000)
      .execute();
    if (page.length === 0) break;
    for (const e of page) {
      const id = Number(e.id);
      const r = prng(options.seed * 7_000_003 + id);
      const n = Math.floor(r() * mean * 2 + 0.5);
      for (let k = 0; k < n; k++) {
        const kind = pickKind(r() * TOTAL_WEIGHT);
        const decided = day(r, 2012, 2015);
        const published = plusDays(decided, 3 + Math.floor(r() * 15));
        const term = kind.severity === 'MINOR' ? null : plusYears(published, 3);
        const ends = kind.type === 'AWARD' || kind.type === 'CERTIFICATION' ? null : (term ?? plusDays(published, 91));
        recordRows.push(record(id, kind, `${k}`, decided, published, ends, options.seed, now));
      }
      for (const code of e.list_flags ? e.list_flags.split(',') : []) {
        const listed = day(r, 2013, 2015);
        const serious = code === 'SERIOUS';
        const kind: Kind = serious
          ? {
              type: 'SERIOUS_LIST',
              polarity: '-',
              source: 'credit',
              visibility: 'PUBLIC',
              weight: 0,
              summary: '列入严重违法失信企业名单',
            }
          : {
              type: 'ABNORMAL_OPERATIONS',
              polarity: '-',
              source: 'credit',
              visibility: 'PUBLIC',
              weight: 0,
              summary: '未按规定报送年度报告,列入经营异常名录',
            };
        recordRows.push(record(id, kind, `L${code}`, listed, listed, plusYears(listed, 3), options.seed, now));
        entryRows.push({
          list_code: code,
          enterprise_id: id,
          person_name: null,
          state: 'PUBLISHED',
          ground: serious ? 'ABNORMAL_3_YEARS' : '1',
          reason_category: serious ? 'quality_safety' : null,
          rule_set_code: serious ? 'SERIOUS_LIST' : 'ABNORMAL_LIST',
          rule_set_version: 'v2014',
          unit_code: 'QTS',
          triggered_on: serious ? listed : `${listed.slice(0, 4)}-07-01`,
          notified_on: listed,
          statement_due_on: null,
          decided_on: listed,
          listed_on: listed,
          published_on: listed,
          expires_on: plusYears(listed, serious ? 5 : 3),
          repairable_from: serious ? plusYears(listed, 1) : null,
          removed_on: null,
          removal_reason: null,
          judgment_json: '{}',
          measures_json: '[]',
          record_id: null,
          demo: 1,
          created_by: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
    }
    after = Number(page[page.length - 1]!.id);
    recordInserter ??= recordRows[0] ? bulkInserter(core.handle, 'credit_records', Object.keys(recordRows[0])) : null;
    entryInserter ??= entryRows[0] ? bulkInserter(core.handle, 'list_entries', Object.keys(entryRows[0])) : null;
    const rs = recordRows.splice(0);
    const es = entryRows.splice(0);
    await db.transaction().execute(async (trx) => {
      if (rs.length) await recordInserter!.insert(trx, rs);
      if (es.length) await entryInserter!.insert(trx, es);
    });
    records += rs.length;
    listEntries += es.length;
    options.onProgress?.(after);
  }
  return { records, listEntries };
}

function record(
  enterpriseId: number,
  kind: Kind,
  key: string,
  decided: string,
  published: string,
  endsOn: string | null,
  seed: number,
  now: string,
): Insertable<CreditRecordTable> {
  const active = endsOn === null || endsOn >= AS_OF;
  return {
    enterprise_id: enterpriseId,
    type: kind.type,
    polarity: kind.polarity,
    severity: kind.severity ?? null,
    // One namespace per seed keeps the (source module, source record, type) key unique across runs.
    source_module: `gen:${kind.source}`,
    source_record_id: `${seed}:${enterpriseId}:${key}`,
    authority: '青岛市市场监督管理局',
    unit_code: 'QTS',
    document_no:
      kind.type === 'ADMIN_PENALTY' ? `青市监罚〔${decided.slice(0, 4)}〕${(enterpriseId % 9000) + 100}号` : null,
    legal_basis: kind.type === 'ADMIN_PENALTY' ? '《中华人民共和国产品质量法》第四十九条' : null,
    summary: kind.summary,
    conduct_ended_on: decided,
    decided_on: decided,
    published_on: published,
    public_ends_on: endsOn,
    visibility: kind.visibility,
    status: active ? 'ACTIVE' : 'EXPIRED',
    rule_set_code: null,
    rule_set_version: null,
    data_flags: '',
    redacted_text: null,
    details_json: '{}',
    supersedes_id: null,
    demo: 1,
    created_by: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}
