import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  activationIssues,
  checkParamTypes,
  paramSchema,
  type RuleSet,
  ruleSetForExisting,
  ruleSetInForce,
  SEED_RULE_SETS,
  seedStatus,
} from './rule-sets.js';

const seeded: RuleSet[] = SEED_RULE_SETS.map((s) => ({ ...s, status: seedStatus(s) }));
const find = (code: string, version: string) => {
  const s = seeded.find((r) => r.code === code && r.version === version);
  assert.ok(s, `${code} ${version}`);
  return s;
};

describe('seeded rule sets (credit.md §4.1)', () => {
  it('has every version the spec lists', () => {
    assert.deepEqual(
      seeded.map((s) => `${s.code} ${s.version}`),
      [
        'SERIOUS_LIST v2014',
        'SERIOUS_LIST v2016',
        'SERIOUS_LIST v2021',
        'ABNORMAL_LIST v2014',
        'ABNORMAL_LIST v2025',
        'PENALTY_PUBLICITY v2021',
        'SD_CREDIT v2020',
        'CREDIT_REPAIR v2021',
        'TOURISM v2015',
        'TOURISM v2018',
        'TOURISM v2022',
        'WATER_GRADE v2015',
        'WATER_GRADE v2019',
        'QUALITY_SCORECARD v1',
        'SAMPLING v1',
      ],
    );
  });

  it('versions with required-but-unknown values start as drafts', () => {
    const drafts = seeded.filter((s) => s.status === 'draft').map((s) => `${s.code} ${s.version}`);
    assert.deepEqual(drafts, ['SERIOUS_LIST v2016', 'ABNORMAL_LIST v2025', 'PENALTY_PUBLICITY v2021', 'TOURISM v2022']);
    assert.deepEqual(
      activationIssues(find('PENALTY_PUBLICITY', 'v2021')).map((i) => [i.key, i.problem]),
      [['lowerAmountThresholdFen', 'REQUIRED']],
    );
    assert.deepEqual(
      activationIssues(find('ABNORMAL_LIST', 'v2025')).map((i) => i.key),
      ['effectiveFrom'],
    );
  });

  it('carries the spec values', () => {
    const s = find('SERIOUS_LIST', 'v2021').params;
    assert.equal(s.statementWorkingDays, 5);
    assert.equal(s.publicityWorkingDays, 20);
    assert.equal(s.listingYears, 3);
    assert.equal(s.repairAfterYears, 1);
    assert.equal(s.requiresHigherApproval, true);
    assert.equal(find('ABNORMAL_LIST', 'v2014').params.showAfterRemoval, true);
    assert.equal(find('ABNORMAL_LIST', 'v2025').params.showAfterRemoval, false);
    assert.equal(find('SAMPLING', 'v1').params.ratioBBp, 500);
    assert.equal(find('QUALITY_SCORECARD', 'v1').params.positiveCap, 20);
    assert.equal(find('SD_CREDIT', 'v2020').params.negativeCapYears, 5);
  });

  it('checks parameter types, ranges and unknown keys', () => {
    const schema = paramSchema('SAMPLING', 'v1');
    assert.ok(schema);
    assert.deepEqual(checkParamTypes(schema, { ratioABp: 200 }), []);
    assert.deepEqual(
      checkParamTypes(schema, { ratioABp: 2.5, ratioBBp: 20000, perEnterprise: '2', nope: 1 }).map((i) => [
        i.key,
        i.problem,
      ]),
      [
        ['nope', 'UNKNOWN'],
        ['ratioABp', 'TYPE'],
        ['ratioBBp', 'RANGE'],
        ['perEnterprise', 'TYPE'],
      ],
    );
    assert.deepEqual(
      checkParamTypes(paramSchema('ABNORMAL_LIST', 'v2014') ?? [], { annualReportDue: '13-01' }).map((i) => i.problem),
      ['TYPE'],
    );
  });

  it('a version the office creates takes the schema of the latest seeded version', () => {
    assert.equal(paramSchema('SERIOUS_LIST', 'v2030'), paramSchema('SERIOUS_LIST', 'v2021'));
    assert.equal(paramSchema('NOPE', 'v1'), null);
  });
});

describe('ruleSetInForce', () => {
  it('picks the active version in force on the trigger date', () => {
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2015-06-01', seeded)?.version, 'v2014');
    // v2016 is a draft until the office enters its parameters: not in force.
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2017-06-01', seeded)?.version, 'v2014');
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2021-08-31', seeded)?.version, 'v2014');
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2021-09-01', seeded)?.version, 'v2021');
    assert.equal(ruleSetInForce('TOURISM', '2019-01-10', seeded)?.version, 'v2018');
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2014-09-30', seeded), null);
    assert.equal(ruleSetInForce('NOPE', '2020-01-01', seeded), null);
  });

  it('respects effectiveTo and ignores retired versions', () => {
    const v2016: RuleSet = { ...find('SERIOUS_LIST', 'v2016'), status: 'active' };
    const sets = [...seeded.filter((s) => s !== find('SERIOUS_LIST', 'v2016')), v2016];
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2017-06-01', sets)?.version, 'v2016');
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2021-09-01', sets)?.version, 'v2021');
    const retired = sets.map((s) => (s === v2016 ? { ...s, status: 'retired' as const } : s));
    assert.equal(ruleSetInForce('SERIOUS_LIST', '2017-06-01', retired)?.version, 'v2014');
  });

  it('a later version reaches an existing record only with appliesToExisting', () => {
    const later: RuleSet = { ...find('SERIOUS_LIST', 'v2021'), version: 'v2030', effectiveFrom: '2030-01-01' };
    assert.equal(ruleSetForExisting('SERIOUS_LIST', 'v2021', '2031-01-01', [...seeded, later])?.version, 'v2021');
    const retro = { ...later, appliesToExisting: true };
    assert.equal(ruleSetForExisting('SERIOUS_LIST', 'v2021', '2031-01-01', [...seeded, retro])?.version, 'v2030');
    assert.equal(ruleSetForExisting('SERIOUS_LIST', 'v2021', '2029-12-31', [...seeded, retro])?.version, 'v2021');
  });
});
