import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ASSIGNMENT_EVENTS,
  ASSIGNMENT_STATES,
  type AssignmentEvent,
  type AssignmentState,
  allowedEvents,
  allowedReportEvents,
  canEvaluate,
  isTransitionError,
  OPEN_STATES,
  REPORT_EVENTS,
  REPORT_STATES,
  type ReportEvent,
  type ReportState,
  reportTransition,
  TransitionError,
  transition,
} from './lifecycle.js';

const run = (events: AssignmentEvent[], from: AssignmentState = 'registered') =>
  events.reduce<AssignmentState>((s, e) => transition(s, e), from);

describe('R-S6 assignment lifecycle', () => {
  it('runs the main chain 立项 → 交办 → 签收 → 承办 → 办结申请 → 办结 → 销号', () => {
    assert.equal(run(['dispatch', 'sign', 'start', 'request_completion', 'complete', 'close']), 'closed');
  });

  it('a returned completion request goes back to in_progress', () => {
    assert.equal(transition('completion_requested', 'reject_completion'), 'in_progress');
  });

  it('R-S2: a dispute is upheld (back to dispatched), reassigned or cancelled', () => {
    assert.equal(transition('dispatched', 'dispute'), 'disputed');
    assert.equal(transition('disputed', 'uphold'), 'dispatched');
    assert.equal(transition('disputed', 'reassign'), 'cancelled');
    assert.equal(transition('disputed', 'cancel'), 'cancelled');
  });

  it('any open state can be cancelled; finished and cancelled ones cannot', () => {
    for (const s of OPEN_STATES) assert.equal(transition(s, 'cancel'), 'cancelled');
    for (const s of ['completed', 'closed', 'cancelled'] as const) {
      assert.throws(() => transition(s, 'cancel'), { code: 'INVALID_TRANSITION', from: s, event: 'cancel' });
    }
  });

  it('reopens completed or closed work to in_progress and a cancelled assignment to dispatched', () => {
    assert.equal(transition('completed', 'reopen'), 'in_progress');
    assert.equal(transition('closed', 'reopen'), 'in_progress');
    assert.equal(transition('cancelled', 'reopen'), 'dispatched');
  });

  it('refuses everything else with a typed INVALID_TRANSITION error', () => {
    let allowed = 0;
    for (const s of ASSIGNMENT_STATES) {
      for (const e of ASSIGNMENT_EVENTS) {
        try {
          transition(s, e);
          allowed++;
        } catch (err) {
          assert.ok(err instanceof TransitionError);
          assert.ok(isTransitionError(err));
          assert.deepEqual(
            { code: err.code, from: err.from, event: err.event },
            { code: 'INVALID_TRANSITION', from: s, event: e },
          );
        }
      }
    }
    // 10 single-step moves + 6 cancels + 3 reopens
    assert.equal(allowed, 19);
    assert.throws(() => transition('registered', 'sign'), { code: 'INVALID_TRANSITION' });
    assert.throws(() => transition('signed', 'complete'), { code: 'INVALID_TRANSITION' });
  });

  it('lists the events allowed from a state for the UI', () => {
    assert.deepEqual(allowedEvents('dispatched'), ['sign', 'dispute', 'cancel']);
    assert.deepEqual(allowedEvents('completed'), ['close', 'reopen']);
  });

  it('评价 only after completed', () => {
    assert.equal(canEvaluate('completed'), true);
    assert.equal(canEvaluate('closed'), true);
    assert.equal(canEvaluate('in_progress'), false);
  });
});

describe('R-S5 report review', () => {
  it('draft → submitted → returned → submitted → accepted', () => {
    let s: ReportState = 'draft';
    for (const e of ['submit', 'return', 'submit', 'accept'] as ReportEvent[]) s = reportTransition(s, e);
    assert.equal(s, 'accepted');
  });

  it('anything else is INVALID_TRANSITION (accepted reports are immutable)', () => {
    const ok = new Set(['draft:submit', 'returned:submit', 'submitted:accept', 'submitted:return']);
    for (const s of REPORT_STATES) {
      for (const e of REPORT_EVENTS) {
        if (ok.has(`${s}:${e}`)) continue;
        assert.throws(() => reportTransition(s, e), { code: 'INVALID_TRANSITION', from: s, event: e });
      }
    }
    assert.deepEqual(allowedReportEvents('accepted'), []);
    assert.deepEqual(allowedReportEvents('submitted'), ['accept', 'return']);
  });
});
