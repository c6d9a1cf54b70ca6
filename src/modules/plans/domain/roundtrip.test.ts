import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Cell,
  COLUMNS,
  cellText,
  checkHeader,
  dayOfSerial,
  HeaderError,
  readCell,
  type SheetInput,
  type SheetName,
  type Value,
} from './roundtrip.js';
import { planImport } from './roundtrip-diff.js';
import { findingMessage } from './roundtrip-messages.js';
import { type CurrentPlan, exportRows } from './roundtrip-model.js';

const def = (sheet: SheetName, name: string) => COLUMNS[sheet].find((c) => c.name === name)!;
const read = (sheet: SheetName, name: string, value: Cell['value'], percent = false) =>
  readCell(def(sheet, name), { value, percent });

const PLAN: CurrentPlan = {
  code: 'QD2015',
  sectionNos: [1, 2],
  measures: [
    {
      id: 1,
      externalId: 'QD2015-M01',
      sectionNo: 1,
      no: 1,
      ord: 1,
      title: '提高劳动者技能',
      weightBp: null,
      responsibilityRaw: '(市教育局牵头)',
    },
    {
      id: 2,
      externalId: 'QD2015-M02',
      sectionNo: 2,
      no: 1,
      ord: 2,
      title: '加强标准化',
      weightBp: 2500,
      responsibilityRaw: null,
    },
  ],
  actions: [
    {
      id: 11,
      externalId: 'QD2015-M01-A01',
      measureExternalId: 'QD2015-M01',
      ord: 1,
      text: '开展职业技能培训',
      deadlineType: 'absolute',
      dueDate: '2015-12-31',
      weightBp: null,
    },
  ],
  assignments: [
    {
      id: 21,
      externalId: 'QD2015-M01-EDU',
      measureExternalId: 'QD2015-M01',
      actionExternalId: null,
      unitCode: 'EDU',
      unitName: '市教育局',
      role: 'lead',
      deadlineType: 'absolute',
      dueDate: '2015-12-31',
      cadence: 'monthly',
      state: 'in_progress',
      progress: 4000,
      light: 'ON_TRACK',
      lastReportOn: '2015-09-05',
      note: null,
    },
    {
      id: 22,
      externalId: 'QD2015-M01-370282',
      measureExternalId: 'QD2015-M01',
      actionExternalId: null,
      unitCode: '370282',
      unitName: '即墨市',
      role: 'co',
      deadlineType: 'absolute',
      dueDate: '2015-12-31',
      cadence: 'monthly',
      state: 'dispatched',
      progress: 0,
      light: 'BEHIND',
      lastReportOn: null,
      note: null,
    },
  ],
  units: new Map([
    ['EDU', '市教育局'],
    ['370282', '即墨市'],
    ['PSB', '市公安局'],
  ]),
  defaultCadence: 'monthly',
};

/** The export as a re-read file: numbers stay numbers (as exceljs reads them), the rest text. */
function exported(plan: CurrentPlan = PLAN): Record<SheetName, { header: string[]; rows: Value[][] }> {
  const rows = exportRows(plan);
  const out = {} as Record<SheetName, { header: string[]; rows: Value[][] }>;
  for (const s of ['measures', 'actions', 'assignments'] as const) {
    out[s] = { header: COLUMNS[s].map((c) => c.name), rows: rows[s].map((r) => [...r]) };
  }
  return out;
}

function inputs(file: Record<SheetName, { header: string[]; rows: Value[][] }>): SheetInput[] {
  return (Object.keys(file) as SheetName[]).map((sheet) => ({
    sheet,
    header: file[sheet].header,
    rows: file[sheet].rows.map((cells, i) => ({ row: i + 2, cells: cells.map((value) => ({ value })) })),
  }));
}

function setCell(file: ReturnType<typeof exported>, sheet: SheetName, row: number, column: string, value: Value) {
  file[sheet].rows[row]![file[sheet].header.indexOf(column)] = value;
}

describe('round trip: cells', () => {
  it('keeps IDs and codes as text, 370282 included', () => {
    assert.deepEqual(read('assignments', 'unit_code', 370282), { value: '370282' });
    assert.deepEqual(read('assignments', 'unit_code', ' 370282 '), { value: '370282' });
    assert.deepEqual(read('assignments', 'unit_code', '３７０２８２'), { value: '370282' });
    assert.equal(cellText({ value: 0.1 + 0.2 }), '0.3');
  });

  it('reads dates as YYYY-MM-DD text, Excel date cells and serials', () => {
    assert.deepEqual(read('actions', 'due_date', '2015-12-31'), { value: '2015-12-31' });
    assert.deepEqual(read('actions', 'due_date', new Date(Date.UTC(2015, 11, 31))), { value: '2015-12-31' });
    assert.deepEqual(read('actions', 'due_date', 42369), { value: '2015-12-31' });
    assert.deepEqual(read('actions', 'due_date', '2015/9/1'), { value: '2015-09-01' });
    assert.equal(dayOfSerial(61), '1900-03-01');
    assert.deepEqual(read('actions', 'due_date', '2015-02-30'), {
      problem: { code: 'INVALID_VALUE', expected: 'YYYY-MM-DD' },
    });
    assert.deepEqual(read('actions', 'due_date', ''), { value: null });
  });

  it('reads progress in percent and weights 0–1 into stored integers', () => {
    assert.deepEqual(read('assignments', 'progress', 60.5), { value: 6050 });
    assert.deepEqual(read('assignments', 'progress', '60%'), { value: 6000 });
    assert.deepEqual(read('assignments', 'progress', 0.6, true), { value: 6000 });
    assert.deepEqual(read('assignments', 'progress', 101), { problem: { code: 'OUT_OF_RANGE', expected: '0–100' } });
    assert.deepEqual(read('assignments', 'progress', 'sixty'), {
      problem: { code: 'INVALID_VALUE', expected: 'number 0–100' },
    });
    assert.deepEqual(read('measures', 'weight', 0.25), { value: 2500 });
    assert.deepEqual(read('measures', 'weight', '25%'), { value: 2500 });
    assert.deepEqual(read('measures', 'weight', 0.25, true), { value: 2500 });
  });

  it('accepts choices case-insensitively and states by their Chinese label', () => {
    assert.deepEqual(read('assignments', 'state', 'Cancelled'), { value: 'cancelled' });
    assert.deepEqual(read('assignments', 'state', '销号'), { value: 'closed' });
    assert.equal('problem' in read('assignments', 'role', 'boss'), true);
  });
});

describe('round trip: headers', () => {
  it('accepts exactly the export headers in any order', () => {
    const names = COLUMNS.assignments.map((c) => c.name);
    const positions = checkHeader('assignments', [...names].reverse());
    assert.equal(positions.get('external_id'), names.length - 1);
    assert.equal(
      checkHeader('measures', [
        '\uFEFFexternal_id',
        ...names.slice(0, 0),
        'section_no',
        'no',
        'title',
        'weight',
        'responsibility_raw',
        '',
      ]).size,
      6,
    );
  });

  it('refuses any other header with UNKNOWN_COLUMN, and a missing one with MISSING_COLUMN', () => {
    const names = COLUMNS.measures.map((c) => c.name);
    assert.throws(
      () => checkHeader('measures', [...names, 'comment']),
      (e: unknown) => e instanceof HeaderError && e.code === 'UNKNOWN_COLUMN' && e.column === 'comment',
    );
    assert.throws(
      () => checkHeader('measures', names.slice(1)),
      (e: unknown) => e instanceof HeaderError && e.code === 'MISSING_COLUMN' && e.column === 'external_id',
    );
    // `light*` is how the spec marks the column, not its header.
    assert.throws(
      () =>
        checkHeader(
          'assignments',
          COLUMNS.assignments.map((c) => (c.name === 'light' ? 'light*' : c.name)),
        ),
      HeaderError,
    );
  });
});

describe('round trip: comparison', () => {
  it('export → import unchanged: 0 creates, 0 updates, 0 errors (R-S13)', () => {
    const plan = planImport(PLAN, inputs(exported()));
    assert.deepEqual(plan.totals, { create: 0, update: 0, delete: 0, unchanged: 5, errors: 0, warnings: 0 });
    assert.deepEqual(plan.rows, []);
    assert.deepEqual(plan.findings, []);
  });

  it('one progress cell changed → 1 update with the diff and its row number (R-S13)', () => {
    const file = exported();
    setCell(file, 'assignments', 0, 'progress', 55);
    const plan = planImport(PLAN, inputs(file));
    assert.equal(plan.totals.update, 1);
    assert.equal(plan.totals.errors, 0);
    assert.deepEqual(plan.rows[0], {
      sheet: 'assignments',
      row: 2,
      op: 'update',
      externalId: 'QD2015-M01-EDU',
      id: 21,
      changes: [{ field: 'progress', old: 40, new: 55 }],
      set: { progress: 5500 },
      event: null,
      reason: null,
    });
  });

  it('UNKNOWN_ID for an ID not in the plan; the row is not written', () => {
    const file = exported();
    setCell(file, 'assignments', 1, 'external_id', 'QD2015-M09-XXX');
    const plan = planImport(PLAN, inputs(file));
    assert.equal(plan.counts.assignments.errors, 1);
    assert.deepEqual(
      plan.findings.map((f) => [f.row, f.column, f.code, f.severity]),
      [[3, 'external_id', 'UNKNOWN_ID', 'error']],
    );
    assert.match(findingMessage(plan.findings[0]!, 'zh'), /QD2015-M09-XXX.*不存在/);
  });

  it('READONLY_IGNORED for an edited read-only cell; the rest of the row still applies', () => {
    const file = exported();
    setCell(file, 'assignments', 0, 'light', 'DONE');
    setCell(file, 'assignments', 0, 'role', 'co');
    const plan = planImport(PLAN, inputs(file));
    assert.deepEqual(
      plan.findings.map((f) => [f.column, f.code, f.severity, f.value, f.detail]),
      [['light', 'READONLY_IGNORED', 'warning', 'DONE', 'ON_TRACK']],
    );
    assert.deepEqual(plan.rows[0]!.set, { role: 'co' });
    assert.deepEqual(plan.totals, { create: 0, update: 1, delete: 0, unchanged: 4, errors: 0, warnings: 1 });
  });

  it('an empty ID creates with a new ID; whole-measure assignments name the measure', () => {
    const file = exported();
    file.measures.rows.push([null, 2, 2, '新措施', null, null]);
    file.actions.rows.push([null, 'QD2015-M01', null, '新举措', null, '2015-11-30', null]);
    file.assignments.rows.push(
      [null, 'QD2015-M01', 'PSB', null, 'co', null, null, null, null, null, null, null, null, null],
      [null, 'QD2015-M01-A01', '370282', '即墨市', null, null, null, null, null, null, null, null, null, null],
    );
    const plan = planImport(PLAN, inputs(file));
    assert.deepEqual(plan.findings, []);
    assert.deepEqual(
      plan.rows.map((r) => [r.sheet, r.row, r.op, r.externalId]),
      [
        ['measures', 4, 'create', 'QD2015-M03'],
        ['actions', 3, 'create', 'QD2015-M01-A02'],
        ['assignments', 4, 'create', 'QD2015-M01-PSB'],
        ['assignments', 5, 'create', 'QD2015-M01-A01-370282'],
      ],
    );
    assert.deepEqual(plan.rows[1]!.set, {
      ord: 2,
      text: '新举措',
      deadline_type: 'absolute',
      due_date: '2015-11-30',
      weight_bp: null,
      measure_external_id: 'QD2015-M01',
    });
    const whole = plan.rows[2]!.set;
    assert.deepEqual(
      [
        whole.measure_external_id,
        whole.action_external_id,
        whole.role,
        whole.deadline_type,
        whole.due_date,
        whole.state,
      ],
      ['QD2015-M01', null, 'co', 'absolute', '2015-12-31', 'dispatched'],
    );
    assert.equal(plan.rows[3]!.set.action_external_id, 'QD2015-M01-A01');
  });

  it('_op=delete cancels (trash) with the note as reason, and again is a no-op', () => {
    const file = exported();
    setCell(file, 'assignments', 1, '_op', 'delete');
    const noReason = planImport(PLAN, inputs(file));
    assert.deepEqual(
      noReason.findings.map((f) => [f.column, f.code]),
      [['note', 'REASON_REQUIRED']],
    );
    setCell(file, 'assignments', 1, 'note', '职责调整');
    const plan = planImport(PLAN, inputs(file));
    assert.deepEqual(plan.totals.delete, 1);
    assert.deepEqual(plan.rows[0]!.set, { state: 'cancelled', state_reason: '职责调整' });
    assert.equal(plan.rows[0]!.event, 'cancel');
    const cancelled: CurrentPlan = {
      ...PLAN,
      assignments: PLAN.assignments.map((a) => (a.id === 22 ? { ...a, state: 'cancelled', note: '职责调整' } : a)),
    };
    assert.equal(planImport(cancelled, inputs(file)).totals.delete, 0);
  });

  it('state changes only by one office step; lowering progress needs a note', () => {
    const file = exported();
    setCell(file, 'assignments', 1, 'state', 'completed');
    setCell(file, 'assignments', 0, 'progress', 30);
    const plan = planImport(PLAN, inputs(file));
    assert.deepEqual(
      plan.findings.map((f) => [f.row, f.column, f.code, f.detail]),
      [
        [2, 'note', 'REASON_REQUIRED', 'regress'],
        [3, 'state', 'INVALID_TRANSITION', 'dispatched'],
      ],
    );
    assert.equal(plan.totals.errors, 2);
  });

  it('raising progress on signed work starts it, as accepting a report does', () => {
    const signed: CurrentPlan = {
      ...PLAN,
      assignments: PLAN.assignments.map((a) => (a.id === 22 ? { ...a, state: 'signed' } : a)),
    };
    const file = exported(signed);
    setCell(file, 'assignments', 1, 'progress', 10);
    const row = planImport(signed, inputs(file)).rows[0]!;
    assert.deepEqual([row.event, row.set], ['start', { state: 'in_progress', progress: 1000 }]);
  });

  it('refuses identity changes, duplicates and unknown references', () => {
    const file = exported();
    setCell(file, 'assignments', 0, 'unit_code', 'PSB');
    file.assignments.rows.push([...file.assignments.rows[1]!]);
    file.actions.rows.push([null, 'QD2015-M77', 1, '无主举措', null, null, null]);
    const plan = planImport(PLAN, inputs(file));
    assert.deepEqual(
      plan.findings.map((f) => [f.sheet, f.row, f.column, f.code]),
      [
        ['actions', 3, 'measure_external_id', 'UNKNOWN_REF'],
        ['assignments', 2, 'unit_code', 'IDENTITY_CHANGED'],
        ['assignments', 4, 'external_id', 'DUPLICATE_ID'],
      ],
    );
  });
});
