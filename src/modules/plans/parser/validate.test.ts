import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePlan } from './parse.js';
import { codes, measures, parse, planOf, registry, SEED_TEXT } from './test-helpers.js';
import { PlanParseError } from './types.js';
import { checkCoverage, coverageNodes, textLossIssues } from './validate.js';

describe('R-P11 validation', () => {
  it('TEXT_LOSS: a character that belongs to no node is reported with its offset', () => {
    const r = parse(SEED_TEXT);
    const m8 = r.sections[1]!.measures[2]!;
    const dropped = m8.actions[7]!;
    // Drop one action from the tree: its text (and the 。 it ends with) now belongs to nothing.
    const broken = r.sections.map((s) => ({
      ...s,
      measures: s.measures.map((m) => (m === m8 ? { ...m, actions: m.actions.filter((a) => a !== dropped) } : m)),
    }));
    const issues = textLossIssues(SEED_TEXT, r.plan, broken);
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity, i.offset]),
      [['TEXT_LOSS', 'error', dropped.span[0]]],
    );
    assert.equal(issues[0]!.data?.kind, 'missing');
    assert.match(issues[0]!.message, /打击严重扰乱旅游市场秩序/);
  });

  it('TEXT_LOSS: a character that belongs to two nodes is reported too', () => {
    const source = '标题\n正文。';
    const gaps = checkCoverage(
      source,
      [
        [0, 2],
        [3, 5],
        [4, 6],
      ],
      [0, 6],
    );
    assert.deepEqual(gaps, [{ kind: 'double', span: [4, 5], text: '文' }]);
    assert.deepEqual(
      checkCoverage(
        source,
        [
          [0, 2],
          [3, 5],
        ],
        [0, 6],
      ),
      [],
    );
  });

  it('TEXT_LOSS passes on the seed and covers title, preamble, markers, titles, actions, responsibility and closing', () => {
    const r = parse(SEED_TEXT);
    assert.deepEqual(textLossIssues(SEED_TEXT, r.plan, r.sections), []);
    const nodes = coverageNodes(r.plan, r.sections);
    // title + preamble + 4×(marker, title) + 18×(marker, title, group) + 86 actions + closing + 3 chrome lines
    assert.equal(nodes.length, 1 + 1 + 8 + 54 + 86 + 1 + 3);
  });

  it('NO_RESPONSIBILITY and EMPTY_TITLE are errors; TITLE_LONG and NO_VERB are warnings', () => {
    const r = parse(planOf('(一)。开展工作。', '(二)测试。开展工作。(市质监局)'));
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.severity]),
      [
        ['EMPTY_TITLE', 'error'],
        ['NO_RESPONSIBILITY', 'error'],
        ['NO_VERB', 'warning'],
      ],
    );
  });

  it('COUNT_MISMATCH when expected counts are given', () => {
    assert.deepEqual(codes(parse(SEED_TEXT, { expected: { sections: 4, measures: 18, actions: 86 } })), []);
    const r = parse(SEED_TEXT, { expected: { measures: 17, actions: 86 } });
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.severity, w.data]),
      [['COUNT_MISMATCH', 'error', { what: 'measures', expected: 17, found: 18 }]],
    );
  });

  it('warnings carry offsets into the source, sorted', () => {
    const text = planOf('(一)测试。开展工作。(市编办负责)', '(二)测试。适时开展。(市质监局负责)');
    const r = parse(text);
    assert.deepEqual(
      r.warnings.map((w) => [w.code, text.slice(w.offset, w.offset + 3)]),
      [
        ['UNRESOLVED_UNIT', '市编办'],
        ['DEADLINE_UNSET', '适时开'],
      ],
    );
    assert.equal(measures(r)[0]!.responsibility!.parties[0]!.name, '市编办');
  });

  it('throws EMPTY_INPUT for empty text, NOT_A_PLAN for text without headings and TOO_LARGE past maxChars', () => {
    assert.throws(
      () => parsePlan(SEED_TEXT, { registry, maxChars: 1000 }),
      (e: unknown) => e instanceof PlanParseError && e.code === 'TOO_LARGE',
    );
    assert.throws(
      () => parsePlan('  \n\t', { registry }),
      (e: unknown) => e instanceof PlanParseError && e.code === 'EMPTY_INPUT',
    );
    assert.throws(
      () => parsePlan('今天天气很好。我们去公园散步。', { registry }),
      (e: unknown) => e instanceof PlanParseError && e.code === 'NOT_A_PLAN',
    );
  });
});
