import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computePublicTerm, defaultVisibility, isPublicOn, type TermInput } from './publicity.js';

const penalty = (over: Partial<TermInput> = {}): TermInput => ({
  type: 'ADMIN_PENALTY',
  polarity: '-',
  severity: 'GENERAL',
  decidedOn: '2021-11-10',
  publishedOn: '2021-11-25',
  conductEndedOn: '2021-06-01',
  details: {},
  ...over,
});

describe('public terms (credit.md §5.4, §5.5)', () => {
  it('a general fine published 2021-11-25 is public until 2024-11-25', () => {
    const t = computePublicTerm(penalty());
    assert.equal(t.publicEndsOn, '2024-11-25');
    assert.equal(t.decidedBy, 'TYPE_TERM');
    assert.deepEqual(t.flags, []);
  });

  it('the 3-month class ends 2022-02-25', () => {
    assert.equal(computePublicTerm(penalty({ severity: 'MINOR' })).publicEndsOn, '2022-02-25');
  });

  it('the Shandong cap: conduct ended 2019-05-10 → 2024-05-10 despite a later 3-year term', () => {
    const t = computePublicTerm(penalty({ conductEndedOn: '2019-05-10' }));
    assert.equal(t.publicEndsOn, '2024-05-10');
    assert.equal(t.decidedBy, 'SD_CAP');
    assert.equal(t.typeTermEndsOn, '2024-11-25');
  });

  it('an unknown conduct end caps from the decision and flags it', () => {
    const t = computePublicTerm(penalty({ conductEndedOn: null, decidedOn: '2019-01-31', publishedOn: '2021-11-25' }));
    assert.equal(t.publicEndsOn, '2024-01-31');
    assert.deepEqual(t.flags, ['CONDUCT_END_UNKNOWN']);
  });

  it('a longer restriction term prevails over the publicity term (still under the cap)', () => {
    const t = computePublicTerm(
      penalty({ details: { restrictionEndsOn: '2025-06-30' }, conductEndedOn: '2021-11-01' }),
    );
    assert.equal(t.publicEndsOn, '2025-06-30');
  });

  it('an early stop ends the term that day', () => {
    assert.equal(computePublicTerm(penalty({ earlyStopOn: '2022-06-01' })).publicEndsOn, '2022-06-01');
  });

  it('positive records have no cap; awards never end, certificates end when supplied', () => {
    const award = computePublicTerm({ ...penalty(), type: 'AWARD', polarity: '+', severity: 'CITY' });
    assert.deepEqual([award.publicEndsOn, award.flags], [null, []]);
    const cert = computePublicTerm({
      ...penalty(),
      type: 'CERTIFICATION',
      polarity: '+',
      details: { validTo: '2027-03-01' },
    });
    assert.equal(cert.publicEndsOn, '2027-03-01');
  });

  it('fixed 3-year terms from publication (spot checks), leap days clamp', () => {
    const t = computePublicTerm({
      ...penalty(),
      type: 'SPOT_CHECK_FAIL',
      publishedOn: '2016-02-29',
      conductEndedOn: '2016-02-01',
    });
    assert.equal(t.publicEndsOn, '2019-02-28');
  });

  it('declaration nonconformity: 1 year, or until rectification when later; open until rectified', () => {
    const base = {
      ...penalty(),
      type: 'DECLARATION_NONCONFORMITY',
      decidedOn: '2015-03-01',
      conductEndedOn: '2015-03-01',
    };
    assert.equal(computePublicTerm({ ...base, details: { rectifiedOn: '2015-05-01' } }).publicEndsOn, '2016-03-01');
    assert.equal(computePublicTerm({ ...base, details: { rectifiedOn: '2016-05-01' } }).publicEndsOn, '2016-05-01');
    // Not rectified: only the 5-year cap ends it.
    assert.equal(computePublicTerm({ ...base, details: {} }).publicEndsOn, '2020-03-01');
  });
});

describe('publication hygiene (credit.md §7.2)', () => {
  const r = { visibility: 'PUBLIC', status: 'ACTIVE', publishedOn: '2021-11-25', publicEndsOn: '2024-11-25' };
  it('public from publication through the last day, hidden the next day', () => {
    assert.equal(isPublicOn(r, '2021-11-24'), false);
    assert.equal(isPublicOn(r, '2021-11-25'), true);
    assert.equal(isPublicOn(r, '2024-11-25'), true);
    assert.equal(isPublicOn(r, '2024-11-26'), false);
  });
  it('not PUBLIC, not ACTIVE or unpublished → hidden', () => {
    assert.equal(isPublicOn({ ...r, visibility: 'SHARED' }, '2022-01-01'), false);
    assert.equal(isPublicOn({ ...r, status: 'REPAIRED' }, '2022-01-01'), false);
    assert.equal(isPublicOn({ ...r, publishedOn: null }, '2022-01-01'), false);
    assert.equal(isPublicOn({ ...r, publicEndsOn: null }, '2099-01-01'), true);
  });
  it('warning-only penalties are shown to the enterprise only', () => {
    assert.equal(defaultVisibility('ADMIN_PENALTY', { warningOnly: true }), 'SUBJECT');
    assert.equal(defaultVisibility('TOURISM_WATCH', {}), 'SHARED');
  });
});
