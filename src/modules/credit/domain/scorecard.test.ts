import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECORD_TYPE_CODES } from './record-types.js';
import { SEED_RULE_SETS } from './rule-sets.js';
import { createScorer, SCORED_RECORD_TYPES, type ScoredRecord, scorecardParams, scoreEnterprise } from './scorecard.js';

const seed = SEED_RULE_SETS.find((s) => s.code === 'QUALITY_SCORECARD');
assert.ok(seed);
const p = scorecardParams(seed.params);

let nextId = 1;
function rec(
  type: string,
  decidedOn: string,
  severity: string | null = null,
  extra: Partial<ScoredRecord> = {},
): ScoredRecord {
  return {
    id: nextId++,
    type,
    severity,
    status: 'ACTIVE',
    visibility: 'PUBLIC',
    decidedOn,
    publishedOn: decidedOn,
    publicEndsOn: null,
    ...extra,
  };
}

const X = [
  rec('CERTIFICATION', '2015-03-01'),
  rec('ADMIN_PENALTY', '2015-11-20', 'GENERAL'),
  rec('SPOT_CHECK_FAIL', '2014-10-15', 'GENERAL'),
];
const Y = [
  rec('AWARD', '2016-01-10', 'CITY'),
  rec('CERTIFICATION', '2015-05-01'),
  rec('CERTIFICATION', '2015-06-01'),
  rec('DECLARATION', '2016-02-01'),
  rec('STANDARD_LEADER', '2016-03-01'),
];
const brief = (r: ReturnType<typeof scoreEnterprise>) => [r.score / 100, r.grade, r.riskClass];

describe('scorecard (credit.md §6.1 vectors)', () => {
  it('X on 2016-06-30: 75+3−10−4 = 64, B, C', () => {
    assert.deepEqual(brief(scoreEnterprise(X, [], '2016-06-30', p)), [64, 'B', 'C']);
  });

  it('X on 2016-11-20: decay ×0.5 and ×0.25 → 71, A, B', () => {
    const r = scoreEnterprise(X, [], '2016-11-20', p);
    assert.deepEqual(brief(r), [71, 'A', 'B']);
    assert.deepEqual(
      r.lines.filter((l) => l.component === 'negative').map((l) => [l.type, l.points, l.decayBp]),
      [
        ['ADMIN_PENALTY', -500, 5000],
        ['SPOT_CHECK_FAIL', -200, 2500],
      ],
    );
  });

  it('Y: 23 positive points capped at 20 → 95, AAA, A', () => {
    const r = scoreEnterprise(Y, [], '2016-06-30', p);
    assert.deepEqual(brief(r), [95, 'AAA', 'A']);
    assert.ok(r.lines.some((l) => l.component === 'positive-cap' && l.points === -300));
  });

  it('Y on the abnormal list: 85, grade capped at B, class raised to C', () => {
    const r = scoreEnterprise(Y, [{ listCode: 'ABNORMAL', recordId: null }], '2016-06-30', p);
    assert.deepEqual(brief(r), [85, 'B', 'C']);
    assert.equal(r.scoreGrade, 'AA');
  });

  it('Y on the serious list: 95 but C and D (一票否决)', () => {
    assert.deepEqual(brief(scoreEnterprise(Y, [{ listCode: 'SERIOUS', recordId: null }], '2016-06-30', p)), [
      95,
      'C',
      'D',
    ]);
  });

  it('no records: 75, A, B', () => {
    assert.deepEqual(brief(scoreEnterprise([], [], '2016-06-30', p)), [75, 'A', 'B']);
  });
});

describe('scorecard rules', () => {
  it('inactive, internal, future and past-term records count 0', () => {
    const rs = [
      rec('ADMIN_PENALTY', '2016-01-01', 'GENERAL', { status: 'REPAIRED' }),
      rec('ADMIN_PENALTY', '2016-01-01', 'GENERAL', { status: 'REVOKED' }),
      rec('ADMIN_PENALTY', '2016-01-01', 'GENERAL', { visibility: 'INTERNAL' }),
      rec('ADMIN_PENALTY', '2016-07-01', 'GENERAL'),
      rec('ADMIN_PENALTY', '2015-01-01', 'GENERAL', { publicEndsOn: '2016-06-29' }),
    ];
    assert.equal(scoreEnterprise(rs, [], '2016-06-30', p).score, 7500);
  });

  it('decays to 0 after three steps; severities pick their points', () => {
    assert.equal(scoreEnterprise([rec('ADMIN_PENALTY', '2013-06-30', 'HEAVY')], [], '2016-06-30', p).score, 7500);
    assert.equal(scoreEnterprise([rec('ADMIN_PENALTY', '2016-01-01', 'HEAVY')], [], '2016-06-30', p).score, 5500);
    assert.equal(scoreEnterprise([rec('ADMIN_PENALTY', '2016-01-01', 'MINOR')], [], '2016-06-30', p).score, 7000);
    assert.equal(scoreEnterprise([rec('SPOT_CHECK_FAIL', '2016-01-01', 'SAFETY')], [], '2016-06-30', p).score, 6000);
    assert.equal(scoreEnterprise([rec('RECALL', '2016-01-01', 'VOLUNTARY')], [], '2016-06-30', p).score, 7300);
    assert.equal(
      scoreEnterprise([rec('DECLARATION_NONCONFORMITY', '2016-01-01', 'OVERDUE')], [], '2016-06-30', p).score,
      6500,
    );
    assert.equal(scoreEnterprise([rec('AWARD', '2016-01-01', 'NATIONAL')], [], '2016-06-30', p).score, 9000);
    assert.equal(scoreEnterprise([rec('COURT_DEFAULTER', '2016-01-01')], [], '2016-06-30', p).score, 7500);
  });

  it('certifications cap at 9; one declaration counts once', () => {
    const certs = [1, 2, 3, 4].map(() => rec('CERTIFICATION', '2016-01-01'));
    assert.equal(scoreEnterprise(certs, [], '2016-06-30', p).score, 8400);
    const decl = [rec('DECLARATION', '2016-01-01'), rec('DECLARATION', '2016-02-01')];
    assert.equal(scoreEnterprise(decl, [], '2016-06-30', p).score, 7700);
  });

  it('the abnormal record keeps full weight while listed, and is not counted twice', () => {
    const r = rec('ABNORMAL_OPERATIONS', '2014-07-15');
    assert.equal(scoreEnterprise([r], [{ listCode: 'ABNORMAL', recordId: r.id }], '2016-06-30', p).score, 6500);
    assert.equal(scoreEnterprise([r], [], '2016-06-30', p).score, 7000, 'after removal it decays (×0.5)');
  });

  it('clamps to 0…100', () => {
    const many = Array.from({ length: 6 }, () => rec('ADMIN_PENALTY', '2016-06-01', 'HEAVY'));
    const r = scoreEnterprise(many, [], '2016-06-30', p);
    assert.equal(r.score, 0);
    assert.equal(r.grade, 'C');
    assert.equal(r.riskClass, 'D');
  });
});

describe('scorecard shortcuts of the full recompute', () => {
  it('types outside SCORED_RECORD_TYPES never move a score (the recompute does not read them)', () => {
    for (const type of [...RECORD_TYPE_CODES, 'SOMETHING_NEW']) {
      if (SCORED_RECORD_TYPES.includes(type)) continue;
      for (const severity of [null, 'GENERAL', 'HEAVY', 'NATIONAL']) {
        const r = scoreEnterprise([rec(type, '2016-01-10', severity)], [], '2016-06-30', p);
        assert.deepEqual([r.score, r.lines.length], [7500, 1], `${type} ${severity}`);
      }
    }
  });

  it('a reused scorer without explanation gives the same score, grade and class', () => {
    const scorer = createScorer(p, '2016-11-20');
    for (const records of [X, Y, [], [...X, ...Y]])
      for (const lists of [[], [{ listCode: 'ABNORMAL', recordId: null }], [{ listCode: 'SERIOUS', recordId: null }]]) {
        const full = scoreEnterprise(records, lists, '2016-11-20', p);
        const quick = scorer.score(records, lists, false);
        assert.deepEqual(brief(quick), brief(full));
        assert.deepEqual(quick.lines, []);
        assert.deepEqual(scorer.score(records, lists, true), full);
      }
  });
});
