import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PLAN_SETTINGS, mergeSettings, SettingsError } from './settings.js';

describe('plan settings', () => {
  it('holds the defaults of plans.md §4 and the issue', () => {
    const d = DEFAULT_PLAN_SETTINGS;
    assert.equal(d.signDays, 3);
    assert.equal(d.nearDays, 3);
    assert.equal(d.tolerance, 15);
    assert.equal(d.cadence, 'monthly');
    assert.equal(d.reportDueDay, 28);
    assert.equal(d.narrativeMinLength, 20);
    assert.equal(d.unitHeadApproval, false);
    assert.equal(d.rollupMode, 'average');
    assert.deepEqual(d.roleWeights, { lead: 1, co: 1, shared: 1 });
    assert.equal(d.statusProgress.completed, 100);
    assert.equal(d.includeSubPlans, false);
    assert.equal(d.subPlanDueDays, 30);
    assert.equal(d.colourScheme, 'sanse');
    assert.equal(d.assignmentMode, 'perMeasure');
    assert.deepEqual([d.reminders.e1AfterDays, d.reminders.e2AfterDays, d.reminders.e2RepeatDays], [1, 7, 7]);
    assert.equal(d.stateLabels.closed, '销号');
  });

  it('is frozen', () => {
    assert.throws(() => {
      (DEFAULT_PLAN_SETTINGS as { signDays: number }).signDays = 5;
    }, TypeError);
    assert.throws(() => {
      (DEFAULT_PLAN_SETTINGS.roleWeights as { lead: number }).lead = 2;
    }, TypeError);
  });

  it('merges a partial override, nested objects key by key', () => {
    const s = mergeSettings({
      cadence: 'quarterly',
      tolerance: 10,
      roleWeights: { lead: 2 },
      reminders: { e2RepeatDays: 14 },
      stateLabels: { closed: '归档' },
    });
    assert.equal(s.cadence, 'quarterly');
    assert.equal(s.tolerance, 10);
    assert.deepEqual(s.roleWeights, { lead: 2, co: 1, shared: 1 });
    assert.equal(s.reminders.e2RepeatDays, 14);
    assert.equal(s.reminders.e2AfterDays, 7);
    assert.equal(s.stateLabels.closed, '归档');
    assert.equal(s.stateLabels.signed, '签收');
    assert.equal(DEFAULT_PLAN_SETTINGS.roleWeights.lead, 1);
  });

  it('null in statusProgress removes a mapping', () => {
    const s = mergeSettings({ statusProgress: { closed: null, completion_requested: 90 } });
    assert.deepEqual(s.statusProgress, { completed: 100, completion_requested: 90 });
  });

  it('throws one error listing every bad key', () => {
    try {
      mergeSettings({
        signDays: -1,
        tolerance: 120,
        cadence: 'weekly',
        reportDueDay: 32,
        colour: 'red',
        reminders: { e1AfterDays: 0, bogus: 1 },
        statusProgress: { done: 100 },
      } as Record<string, unknown>);
      assert.fail('expected SettingsError');
    } catch (e) {
      assert.ok(e instanceof SettingsError);
      assert.equal(e.code, 'INVALID_SETTINGS');
      assert.deepEqual(e.keys, [
        'signDays',
        'tolerance',
        'cadence',
        'reportDueDay',
        'colour',
        'reminders.e1AfterDays',
        'reminders.bogus',
        'statusProgress.done',
      ]);
      assert.match(e.message, /signDays, tolerance/);
    }
  });

  it('checks cross-field rules', () => {
    assert.throws(() => mergeSettings({ reminders: { e1AfterDays: 7, e2AfterDays: 7 } }), {
      keys: ['reminders.e2AfterDays'],
    });
    assert.throws(() => mergeSettings({ roleWeights: { lead: 0, co: 0, shared: 0 } }), { keys: ['roleWeights'] });
    assert.throws(() => mergeSettings({ reminders: 3 } as Record<string, unknown>), { keys: ['reminders'] });
  });
});
