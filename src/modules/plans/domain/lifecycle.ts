/**
 * State machines of an assignment (R-S2 sign-off, R-S6 lifecycle) and of a progress report (R-S5 review).
 * Pure: the service checks roles and reasons, writes the event and stores the state this returns.
 */

/** Assignment states in lifecycle order; `disputed` and `cancelled` sit beside the main chain. */
export const ASSIGNMENT_STATES = [
  'registered',
  'dispatched',
  'disputed',
  'signed',
  'in_progress',
  'completion_requested',
  'completed',
  'closed',
  'cancelled',
] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Assignment events; the API accepts exactly these names. */
export const ASSIGNMENT_EVENTS = [
  'dispatch',
  'sign',
  'dispute',
  'uphold',
  'reassign',
  'start',
  'request_completion',
  'reject_completion',
  'complete',
  'close',
  'cancel',
  'reopen',
] as const;
export type AssignmentEvent = (typeof ASSIGNMENT_EVENTS)[number];

/** States that can still be cancelled (撤销); `completed` is finished work and is reopened instead. */
export const OPEN_STATES: readonly AssignmentState[] = [
  'registered',
  'dispatched',
  'disputed',
  'signed',
  'in_progress',
  'completion_requested',
];

/** States whose light is DONE and whose roll-up progress comes from the status map. */
export const DONE_STATES: readonly AssignmentState[] = ['completed', 'closed'];

/** Default node labels (configurable per plan through settings, e.g. the 8-node 宜昌 chain). */
export const STATE_LABELS: Readonly<Record<AssignmentState, string>> = {
  registered: '立项',
  dispatched: '交办',
  disputed: '异议',
  signed: '签收',
  in_progress: '承办',
  completion_requested: '办结申请',
  completed: '办结',
  closed: '销号',
  cancelled: '撤销',
};

// Each event maps the states it leaves to the state it reaches. `uphold` is the 督查室 confirming a disputed
// assignment (the sign clock restarts from the new dispatch date); `reassign` retires a disputed assignment
// whose work moves to another unit (a new assignment, since IDs embed the unit code).
const ASSIGNMENT_TABLE: Readonly<Record<AssignmentEvent, Partial<Record<AssignmentState, AssignmentState>>>> = {
  dispatch: { registered: 'dispatched' },
  sign: { dispatched: 'signed' },
  dispute: { dispatched: 'disputed' },
  uphold: { disputed: 'dispatched' },
  reassign: { disputed: 'cancelled' },
  start: { signed: 'in_progress' },
  request_completion: { in_progress: 'completion_requested' },
  reject_completion: { completion_requested: 'in_progress' },
  complete: { completion_requested: 'completed' },
  close: { completed: 'closed' },
  cancel: Object.fromEntries(OPEN_STATES.map((s) => [s, 'cancelled'])),
  // A cancelled assignment comes back as dispatched (it must be signed again); finished work goes back to 承办.
  reopen: { completed: 'in_progress', closed: 'in_progress', cancelled: 'dispatched' },
};

/** Events whose caller must supply a non-empty reason (异议, 撤销, returned 办结申请, reassignment, reopening). */
export const REASON_REQUIRED_EVENTS: readonly AssignmentEvent[] = [
  'dispute',
  'reassign',
  'reject_completion',
  'cancel',
  'reopen',
];

/** Report states of R-S5. */
export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Report events of R-S5; `return` needs a reason. */
export const REPORT_EVENTS = ['submit', 'accept', 'return'] as const;
export type ReportEvent = (typeof REPORT_EVENTS)[number];

const REPORT_TABLE: Readonly<Record<ReportEvent, Partial<Record<ReportState, ReportState>>>> = {
  submit: { draft: 'submitted', returned: 'submitted' },
  accept: { submitted: 'accepted' },
  return: { submitted: 'returned' },
};

/** 评价 grades, given after `completed` (R-S6). */
export const EVALUATIONS = ['好', '较好', '一般', '差'] as const;
export type Evaluation = (typeof EVALUATIONS)[number];

/** A refused transition; services map it to their declared error code. */
export class TransitionError extends Error {
  readonly code = 'INVALID_TRANSITION' as const;
  readonly from: string;
  readonly event: string;

  constructor(from: string, event: string) {
    super(`INVALID_TRANSITION: ${event} is not allowed from ${from}`);
    this.name = 'TransitionError';
    this.from = from;
    this.event = event;
  }
}

/** True for a TransitionError (also across module copies, by code). */
export function isTransitionError(e: unknown): e is TransitionError {
  return (
    e instanceof TransitionError || (e instanceof Error && (e as { code?: unknown }).code === 'INVALID_TRANSITION')
  );
}

/** The assignment state reached by `event` from `state`, or a thrown TransitionError. */
export function transition(state: AssignmentState, event: AssignmentEvent): AssignmentState {
  const next = ASSIGNMENT_TABLE[event]?.[state];
  if (!next) throw new TransitionError(state, event);
  return next;
}

/** The report state reached by `event` from `state`, or a thrown TransitionError. */
export function reportTransition(state: ReportState, event: ReportEvent): ReportState {
  const next = REPORT_TABLE[event]?.[state];
  if (!next) throw new TransitionError(state, event);
  return next;
}

/** Assignment events allowed from a state, in declaration order (the UI shows these as actions). */
export function allowedEvents(state: AssignmentState): AssignmentEvent[] {
  return ASSIGNMENT_EVENTS.filter((e) => ASSIGNMENT_TABLE[e][state] !== undefined);
}

/** Report events allowed from a state, in declaration order. */
export function allowedReportEvents(state: ReportState): ReportEvent[] {
  return REPORT_EVENTS.filter((e) => REPORT_TABLE[e][state] !== undefined);
}

/** True when a 评价 may be recorded, i.e. the work is completed or closed. */
export function canEvaluate(state: AssignmentState): boolean {
  return DONE_STATES.includes(state);
}

/** True when the assignment still counts in lights, roll-ups and reminders (not cancelled). */
export function isActive(state: AssignmentState): boolean {
  return state !== 'cancelled';
}
