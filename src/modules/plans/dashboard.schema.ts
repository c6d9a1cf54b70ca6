import { type Static, Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../core/http/schema-helpers.js';

/** Request and response schemas of the plan dashboards (R-S11), baseline comparison (R-S12) and Excel export. */

// Literals spelled out (not mapped from LIGHT_CODES) so the static type keeps them.
const Light = Type.Union(
  [
    Type.Literal('DONE'),
    Type.Literal('OVERDUE'),
    Type.Literal('BEHIND'),
    Type.Literal('NEAR'),
    Type.Literal('NOT_SET'),
    Type.Literal('ON_TRACK'),
  ],
  { description: 'precedence order of R-S7' },
);
const Pct = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 100, description }));
const Progress = Nullable(
  Type.Number({ minimum: 0, maximum: 100, description: 'roll-up 0–100, 1 decimal; null without live assignments' }),
);
const Day = Type.String({ description: 'YYYY-MM-DD' });

/** Count of live assignments per light code. */
export const LightCounts = Type.Object({
  ON_TRACK: Type.Integer(),
  NEAR: Type.Integer(),
  BEHIND: Type.Integer(),
  OVERDUE: Type.Integer(),
  DONE: Type.Integer(),
  NOT_SET: Type.Integer(),
});

const Figures = {
  assignments: Type.Integer({ description: 'live (non-cancelled) assignments dispatched by asOf' }),
  signedPct: Pct('signed (签收) ÷ assignments'),
  onTimeReportRate: Pct('reports submitted by their period’s due day ÷ reports due before asOf'),
  donePct: Pct('assignments done by their due day ÷ assignments'),
  overdue: Type.Integer({ description: 'assignments whose light is OVERDUE' }),
  progress: Progress,
};

export const DashboardQuery = Strict({
  /** The day seen; default QCITY_AS_OF, else today (Shanghai). */
  asOf: Type.Optional(DateString),
});

export const Dashboard = Type.Object({
  asOf: Day,
  plan: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    title: Type.String(),
    colourScheme: Type.String({ description: 'sanse | classic: how the UI colours NEAR' }),
    lights: LightCounts,
    ...Figures,
  }),
  measures: Type.Array(
    Type.Object({
      id: Type.Integer(),
      externalId: Type.String(),
      number: Type.Integer(),
      title: Type.String(),
      sectionNumber: Type.Integer(),
      progress: Progress,
      lights: LightCounts,
      worst: Nullable(Light),
      nextDue: Nullable(Type.String({ description: 'earliest due day on or after asOf of its open assignments' })),
      units: Type.Array(Type.String(), { description: 'unit codes, in display order' }),
    }),
  ),
  units: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      kind: Type.String(),
      ...Figures,
      worst: Nullable(Light),
    }),
  ),
  heatmap: Type.Object({
    units: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    measures: Type.Array(Type.Object({ externalId: Type.String(), number: Type.Integer(), title: Type.String() })),
    cells: Type.Array(
      Type.Object({
        unitCode: Type.String(),
        measureExternalId: Type.String(),
        light: Light,
        progress: Progress,
      }),
      { description: 'only where the unit has work on the measure; worst light and mean progress' },
    ),
  }),
  overdue: Type.Array(
    Type.Object({
      assignmentId: Type.Integer(),
      externalId: Type.String(),
      unitCode: Type.String(),
      unitName: Type.String(),
      measureTitle: Type.String(),
      dueDate: Day,
      daysOverdue: Type.Integer(),
      level: Nullable(Type.Union([Type.Literal('E1'), Type.Literal('E2')], { description: '催办单 E1, 督办单 E2' })),
    }),
    { description: 'most days overdue first' },
  ),
  trend: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      progress: Progress,
      reportsSubmitted: Type.Integer(),
      reportsAccepted: Type.Integer(),
    }),
    { description: 'from the first dispatch month to asOf’s month (at most 36), progress at each month end' },
  ),
});
export type DashboardT = Static<typeof Dashboard>;

export const CompareQuery = Strict({
  from: Type.String({
    pattern: '^(\\d{4}-\\d{2}-\\d{2}|yesterday|7d|1m)$',
    description: 'baseline day, or a preset counted back from `to`: yesterday, 7d, 1m',
  }),
  /** Default: the dashboards' default as-of day. */
  to: Type.Optional(DateString),
  only: Type.Optional(
    Type.Union([Type.Literal('changed'), Type.Literal('enteredRed'), Type.Literal('leftRed')], {
      description: 'changed = every row that differs (added and removed included)',
    }),
  ),
});

const Snapshot = Type.Object(
  {
    state: Type.Optional(Type.String()),
    progress: Type.Optional(Nullable(Type.Number())),
    light: Type.Optional(Nullable(Light)),
    due: Type.Optional(Nullable(Type.String())),
    lastReportOn: Type.Optional(Nullable(Type.String({ description: 'last day a report was submitted' }))),
  },
  { description: 'the row at that day; absent when the assignment did not exist then' },
);

export const Comparison = Type.Object({
  from: Day,
  to: Day,
  rows: Type.Array(
    Type.Object({
      id: Type.String({ description: 'assignment external id' }),
      assignmentId: Type.Integer(),
      title: Type.String({ description: 'the measure’s title' }),
      unitCode: Type.String(),
      unitName: Type.String(),
      measureExternalId: Type.String(),
      status: Type.Union([
        Type.Literal('added'),
        Type.Literal('removed'),
        Type.Literal('changed'),
        Type.Literal('unchanged'),
      ]),
      changes: Type.Array(Type.Object({ field: Type.String(), old: Type.Unknown(), new: Type.Unknown() })),
      summary: Type.String({ description: 'e.g. "changed progress 40→60; light ON_TRACK→BEHIND"' }),
      enteredRed: Type.Boolean(),
      leftRed: Type.Boolean(),
      from: Type.Optional(Snapshot),
      to: Type.Optional(Snapshot),
    }),
  ),
  counts: Type.Object(
    { added: Type.Integer(), removed: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer() },
    { description: 'over every row, before the `only` filter' },
  ),
});
export type ComparisonT = Static<typeof Comparison>;
