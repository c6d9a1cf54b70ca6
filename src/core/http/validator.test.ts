import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { Strict } from './schema-helpers.js';
import { describeFailure, failureDetails } from './validation-message.js';
import { convertUrlValues, validatorCompiler } from './validator.js';

const Query = Strict({
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  ratio: Type.Optional(Type.Number()),
  open: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String()),
  code: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

function compile(httpPart: 'body' | 'querystring') {
  return validatorCompiler({ schema: Query, httpPart, method: 'GET', url: '/x' }) as (v: unknown) => {
    value?: unknown;
    error?: unknown[];
  };
}

describe('convertUrlValues', () => {
  it('converts text that is exactly a number or boolean', () => {
    assert.deepEqual(convertUrlValues(Query, { page: '2', ratio: '0.5', open: 'false', q: '12' }), {
      page: 2,
      ratio: 0.5,
      open: false,
      q: '12',
    });
  });

  it('leaves lossy or malformed text alone so the type check fails', () => {
    assert.deepEqual(convertUrlValues(Query, { page: '1.5', ratio: '1e', open: 'yes' }), {
      page: '1.5',
      ratio: '1e',
      open: 'yes',
    });
    assert.deepEqual(convertUrlValues(Query, { page: ['1', '2'] }), { page: ['1', '2'] });
  });
});

describe('validatorCompiler', () => {
  it('converts query strings but never JSON bodies', () => {
    assert.deepEqual(compile('querystring')({ page: '3' }).value, { page: 3 });
    assert.ok(compile('body')({ page: '3' }).error);
    assert.deepEqual(compile('body')({ page: 3 }).value, { page: 3 });
  });

  it('rejects unknown fields instead of stripping them', () => {
    const result = compile('querystring')({ page: '1', secret: 'x' });
    const details = failureDetails('querystring', result.error as never);
    assert.deepEqual(details, [
      { path: 'querystring', message: 'must not have additional properties', field: 'secret' },
    ]);
  });
});

describe('describeFailure', () => {
  it('names the field in Chinese and English', () => {
    const failures = compile('body')({ page: 1, secret: 'x' }).error as never;
    assert.equal(describeFailure('body', failures, 'zh'), 'body 含有不允许的字段 secret');
    assert.equal(describeFailure('body', failures, 'en'), 'body has an unknown field secret');
    const low = compile('body')({ page: 0 }).error as never;
    assert.equal(describeFailure('body', low, 'zh'), 'body/page 不能小于 1');
  });
});
