import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths, WorkingCalendar } from '../../../core/working-days.js';
import {
  escalationStep,
  isExpiredOn,
  LIST_DEFAULTS,
  listingDates,
  nextListState,
  statementDueOn,
  tourismProposalPair,
} from './list-lifecycle.js';
import { objectionDueOn, type RepairFacts, repairEligibility, repairSla } from './repair.js';
import { waterDisplayEndsOn, waterGrade } from './water-grade.js';

// The spec's fixture calendar: National Day holidays and the make-up working Saturday 2015-10-10.
const cal = new WorkingCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2015-10-${d}`, kind: 'holiday' as const })),
  { day: '2015-10-10', kind: 'workday' as const },
]);

describe('list state machine (credit.md §5.1)', () => {
  const serious = LIST_DEFAULTS.SERIOUS;
  it('walks PROPOSED → NOTIFIED → APPROVAL_PENDING → LISTED → PUBLISHED → EXPIRED', () => {
    assert.equal(nextListState('PROPOSED', 'notify', serious, false), 'NOTIFIED');
    assert.equal(nextListState('NOTIFIED', 'decide', serious, false), 'APPROVAL_PENDING');
    assert.equal(nextListState('NOTIFIED', 'decide', serious, true), 'LISTED');
    assert.equal(nextListState('APPROVAL_PENDING', 'approve', serious, true), 'LISTED');
    assert.equal(nextListState('LISTED', 'publish', serious, false), 'PUBLISHED');
    assert.equal(nextListState('PUBLISHED', 'expire', serious, false), 'EXPIRED');
  });
  it('refuses illegal transitions (null → LIST_BAD_TRANSITION)', () => {
    assert.equal(nextListState('PROPOSED', 'publish', serious, true), null);
    assert.equal(nextListState('EXPIRED', 'revoke', serious, true), null);
    assert.equal(nextListState('PUBLISHED', 'cure', serious, true), null, 'the serious list is not cured');
    assert.equal(nextListState('PUBLISHED', 'cure', LIST_DEFAULTS.ABNORMAL, true), 'REMOVED_ON_CURE');
  });
});

describe('serious list v2021 (credit.md §5.2)', () => {
  const d = listingDates(cal, '2021-10-15', LIST_DEFAULTS.SERIOUS);
  it('listed 2021-10-15: repairable from 2022-10-15, last public day 2024-10-15', () => {
    assert.equal(d.repairableFrom, '2022-10-15');
    assert.equal(d.expiresOn, '2024-10-15');
    assert.equal(isExpiredOn({ state: 'PUBLISHED', expiresOn: d.expiresOn }, '2024-10-15'), false);
    assert.equal(isExpiredOn({ state: 'PUBLISHED', expiresOn: d.expiresOn }, '2024-10-16'), true);
  });
  it('repair refused 2022-10-14 (REPAIR_NOT_YET_ELIGIBLE), accepted 2022-10-15', () => {
    const facts = (today: string): RepairFacts => ({
      kind: 'SERIOUS_EARLY_REMOVAL',
      today,
      entry: { listCode: 'SERIOUS', state: 'PUBLISHED', listedOn: d.listedOn, repairableFrom: d.repairableFrom },
      onAbnormalOrSerious: true,
      heavierPenaltySinceListing: false,
      repeatedViolation: false,
      checklist: { obligationsFulfilled: true, rectified: true, harmRemoved: true, measureTermsExpired: true },
      commitmentSigned: true,
    });
    const early = repairEligibility(facts('2022-10-14'));
    assert.deepEqual(
      [early.eligible, early.refusal, early.reasons],
      [false, 'REPAIR_NOT_YET_ELIGIBLE', ['NOT_YET:2022-10-15']],
    );
    assert.equal(repairEligibility(facts('2022-10-15')).eligible, true);
    const heavier = repairEligibility({
      ...facts('2023-01-01'),
      heavierPenaltySinceListing: true,
      commitmentSigned: false,
    });
    assert.deepEqual(heavier.reasons, ['HEAVIER_PENALTY', 'COMMITMENT_UNSIGNED']);
  });
  it('statement window: 5 working days after service, across the National Day holidays', () => {
    assert.equal(statementDueOn(cal, '2015-09-29', LIST_DEFAULTS.SERIOUS), '2015-10-12');
    // Publicity within 20 working days of the decision.
    assert.equal(listingDates(cal, '2015-09-30', LIST_DEFAULTS.SERIOUS).publishDueOn, '2015-11-03');
  });
});

describe('abnormal operations v2014 (credit.md §5.3)', () => {
  const d = listingDates(cal, '2015-07-15', LIST_DEFAULTS.ABNORMAL);
  it('listed 2015-07-15 → warning window 2018-05-16…2018-07-15, proposal 2018-07-15', () => {
    assert.equal(d.escalationWarningFrom, '2018-05-16');
    assert.equal(d.escalationOn, '2018-07-15');
    assert.equal(d.expiresOn, null, 'no automatic expiry');
    const e = { state: 'PUBLISHED', escalationOn: d.escalationOn, escalationWarningFrom: d.escalationWarningFrom };
    assert.equal(escalationStep(e, '2018-05-15'), 'none');
    assert.equal(escalationStep(e, '2018-05-16'), 'warn');
    assert.equal(escalationStep(e, '2018-07-14'), 'warn');
    assert.equal(escalationStep(e, '2018-07-15'), 'propose');
    assert.equal(escalationStep({ ...e, state: 'REMOVED_ON_CURE' }, '2018-07-15'), 'none');
  });
  it('a cure application is repairable at once and decided within 7 calendar days (act deadline)', () => {
    assert.equal(d.repairableFrom, '2015-07-15');
    // 2015-09-24 + 7 = 10-01, a holiday → next working day 10-08.
    assert.equal(repairSla(cal, 'ABNORMAL_REMOVAL', '2015-09-22').decideDueFrom('2015-09-24'), '2015-10-08');
  });
});

describe('penalty early stop (credit.md §5.4)', () => {
  const base: RepairFacts = {
    kind: 'PENALTY_EARLY_STOP',
    today: '2022-05-25',
    record: {
      type: 'ADMIN_PENALTY',
      status: 'ACTIVE',
      publishedOn: '2021-11-25',
      penaltyKinds: ['FINE'],
      sector: null,
    },
    onAbnormalOrSerious: false,
    heavierPenaltySinceListing: false,
    repeatedViolation: false,
    checklist: { obligationsFulfilled: true, harmRemoved: true },
    commitmentSigned: true,
  };
  it('a general fine published 2021-11-25 may stop early from 2022-05-25', () => {
    assert.deepEqual(repairEligibility(base), { eligible: true, earliestOn: '2022-05-25', refusal: null, reasons: [] });
    assert.equal(repairEligibility({ ...base, today: '2022-05-24' }).refusal, 'REPAIR_NOT_YET_ELIGIBLE');
  });
  it('food, drugs and special equipment wait a year; licence revocation never stops early; listed enterprises not', () => {
    assert.equal(repairEligibility({ ...base, record: { ...base.record!, sector: 'FOOD' } }).earliestOn, '2022-11-25');
    const revoked = repairEligibility({
      ...base,
      record: { ...base.record!, penaltyKinds: ['FINE', 'REVOKE_LICENCE'] },
    });
    assert.deepEqual([revoked.refusal, revoked.earliestOn], ['REPAIR_NOT_ALLOWED', null]);
    assert.deepEqual(repairEligibility({ ...base, onAbnormalOrSerious: true }).reasons, ['ON_LIST']);
  });
  it('SLA: accept in 2, decide in 15, de-publish in 3 working days', () => {
    const sla = repairSla(cal, 'PENALTY_EARLY_STOP', '2015-09-29');
    assert.equal(sla.acceptDueOn, '2015-10-08');
    assert.equal(sla.decideDueFrom('2015-09-30'), '2015-10-27');
    assert.equal(sla.depublishDueFrom('2015-09-30'), '2015-10-10');
  });
});

describe('objections, tourism, water grades', () => {
  it('objection filed 2015-09-29 → due 2015-10-09, or 2015-10-14 with external verification', () => {
    assert.equal(objectionDueOn(cal, '2015-09-29', false), '2015-10-09');
    assert.equal(objectionDueOn(cal, '2015-09-29', true), '2015-10-14');
  });
  it('tourism v2018: two watch entries within 12 months propose a blacklist entry', () => {
    assert.deepEqual(tourismProposalPair(['2019-01-10', '2020-01-10'], addMonths), ['2019-01-10', '2020-01-10']);
    assert.equal(tourismProposalPair(['2019-01-10', '2020-01-11'], addMonths), null);
    assert.deepEqual(tourismProposalPair(['2020-01-11', '2017-05-01', '2019-01-10'], addMonths), null);
  });
  it('water grade bands and the 7-working-day display', () => {
    assert.deepEqual(
      [9000, 8999, 8000, 7000, 6000, 5990].map((s) => waterGrade(s)),
      ['AAA', 'AA', 'AA', 'A', 'B', 'C'],
    );
    assert.equal(waterGrade(10000), 'AAA');
    assert.equal(waterDisplayEndsOn(cal, '2015-09-30'), '2015-10-15');
  });
});
