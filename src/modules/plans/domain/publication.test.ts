import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { dataFile } from '../../../paths.js';
import type { Registry } from '../../orgs/resolve.js';
import { readOrgSeed } from '../../orgs/seed.js';
import { parsePlan } from '../parser/index.js';
import { measureDeadline, planPublication } from './publication.js';

const seed = readOrgSeed(dataFile('orgs.json'));
const registry: Registry = {
  units: seed.units.map((u, i) => ({ ...u, displayOrder: (i + 1) * 10 })),
  groups: seed.groups,
};
const parse = parsePlan(fs.readFileSync(dataFile('qingdao-2015-quality-action-plan.txt'), 'utf8'), { registry });

describe('planPublication on the Qingdao 2015 seed (plans.md §3)', () => {
  it('per action: 739 unit × action assignments (529 explicit, 105 for 十二, 63 for 十三, 42 for 十五)', () => {
    const { assignments } = planPublication(parse, registry, { dispatchDate: '2015-07-21', mode: 'perAction' });
    assert.equal(assignments.length, 739);
    const count = (m: string) => assignments.filter((a) => a.measureExternalId === m).length;
    assert.equal(count('QD2015-M12'), 105);
    assert.equal(count('QD2015-M13'), 63);
    assert.equal(count('QD2015-M15'), 42);
    assert.equal(assignments.length - 105 - 63 - 42, 529);
    assert.ok(assignments.some((a) => a.externalId === 'QD2015-M08-A08-PSB'));
  });

  it('per measure: 153 unit × measure assignments, QTS leading 十五 with 20 co-units from G-LGM', () => {
    const { assignments } = planPublication(parse, registry, { dispatchDate: '2015-07-21', mode: 'perMeasure' });
    assert.equal(assignments.length, 153);
    const m15 = assignments.filter((a) => a.measureExternalId === 'QD2015-M15');
    assert.equal(m15.length, 21);
    assert.deepEqual(
      m15.filter((a) => a.role === 'lead').map((a) => a.unitCode),
      ['QTS'],
    );
    assert.equal(m15.filter((a) => a.role === 'co').length, 20);
    const m08 = assignments.filter((a) => a.measureExternalId === 'QD2015-M08').map((a) => a.unitCode);
    assert.deepEqual(m08, [
      'QTS',
      'EIC',
      'PSB',
      'UCC',
      'TRC',
      'AGRI',
      'COM',
      'CPP',
      'TOUR',
      'FDA',
      'AIC',
      'CIQQD',
      'CIQHD',
    ]);
    assert.ok(
      assignments.every((a) => a.dueDate === '2015-12-31' && a.externalId === `${a.measureExternalId}-${a.unitCode}`),
    );
  });

  it('keeps the structure: 4 sections, 18 measures, 86 actions, groups as written', () => {
    const { sections } = planPublication(parse, registry, { dispatchDate: '2015-07-21', mode: 'perMeasure' });
    assert.equal(sections.length, 4);
    const measures = sections.flatMap((s) => s.measures);
    assert.equal(measures.length, 18);
    assert.equal(
      measures.reduce((n, m) => n + m.actions.length, 0),
      86,
    );
    const m15 = measures.find((m) => m.externalId === 'QD2015-M15')!;
    assert.deepEqual(
      m15.parties.map((p) => [p.name, p.unitCode, p.groupCode, p.role]),
      [
        ['市质监局', 'QTS', null, 'lead'],
        ['市质量工作领导小组各成员单位', null, 'G-LGM', 'co'],
      ],
    );
  });

  it('groups expand by membership on the dispatch date: a retired member gets nothing', () => {
    const retired: Registry = {
      ...registry,
      units: registry.units.map((u) => (u.code === 'FOR' ? { ...u, validTo: '2015-01-01' } : u)),
    };
    const { assignments } = planPublication(parse, retired, { dispatchDate: '2015-07-21', mode: 'perMeasure' });
    const m12 = assignments.filter((a) => a.measureExternalId === 'QD2015-M12').map((a) => a.unitCode);
    assert.equal(m12.length, 20);
    assert.ok(!m12.includes('FOR'));
  });
});

describe('measureDeadline', () => {
  it('takes the latest due date and its type; none → the first action’s type', () => {
    const d = (type: 'absolute' | 'relative' | 'ongoing', due?: string) => ({
      deadline: { type, due, raw: '', source: 'text' as const },
    });
    assert.deepEqual(measureDeadline([d('relative', '2015-12-31'), d('absolute', '2015-09-30')]), {
      type: 'relative',
      due: '2015-12-31',
    });
    assert.deepEqual(measureDeadline([d('ongoing'), d('ongoing')]), { type: 'ongoing', due: null });
  });
});
