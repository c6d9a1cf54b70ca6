import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QcError } from '../errors.js';
import { assertCleanInput, findBadInput } from './input-guard.js';

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
}

function validationError(fn: () => unknown): QcError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof QcError, String(err));
    assert.equal(err.code, 'QC_ERR_VALIDATION');
    assert.equal(err.status, 400);
    return err;
  }
  assert.fail('expected QC_ERR_VALIDATION');
}

describe('findBadInput', () => {
  it('accepts ordinary values, Chinese text and astral characters', () => {
    for (const v of [
      null,
      undefined,
      0,
      true,
      '',
      '市教育局',
      '😀 ok',
      ['a', { b: [1, 2] }],
      { 中文: '值' },
      nested(32),
    ]) {
      assert.equal(findBadInput(v), null, JSON.stringify(v));
    }
  });

  it('names a lone surrogate', () => {
    assert.equal(findBadInput('\ud800'), '/ (invalid Unicode)');
    assert.equal(findBadInput({ a: ['ok', 'x\udc00y'] }), '/a/1 (invalid Unicode)');
    assert.equal(findBadInput({ '\ud83d': 1 }), '/<key> (invalid Unicode)');
  });

  it('names a NUL character', () => {
    assert.equal(findBadInput({ name: 'a\u0000b' }), '/name (NUL character)');
    assert.equal(findBadInput({ 'k\u0000': 'v' }), '/<key> (NUL character)');
  });

  it('stops absurd nesting without recursing through it', () => {
    assert.match(findBadInput(nested(33)) ?? '', /nested deeper than 32/);
    assert.match(findBadInput(nested(100_000)) ?? '', /nested deeper than 32/);
  });
});

describe('assertCleanInput', () => {
  it('passes clean parts and names the offending part', () => {
    assertCleanInput({ body: { a: 'b' }, query: { q: '即墨' }, params: { code: 'EDU' } });
    const err = validationError(() => assertCleanInput({ body: {}, query: { q: 'x\u0000' } }));
    assert.match(err.messageIn('en'), /query\/q \(NUL character\)/);
  });
});
