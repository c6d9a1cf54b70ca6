import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { timestamptzToIso } from './connect.js';

const pgParse = pg.types.getTypeParser(1184) as (v: string) => Date;

describe('timestamptz text → ISO instant', () => {
  const parse = timestamptzToIso(pgParse);

  it('agrees with pg’s own parser on every form a UTC session sends, and on other offsets', () => {
    for (const text of [
      '2015-07-22 02:00:00+00',
      '2015-07-22 02:00:00.1+00',
      '2015-07-22 02:00:00.12+00',
      '2015-07-22 02:00:00.123+00',
      '2015-07-22 02:00:00.123456+00',
      '2015-07-22 02:00:00.999999+00',
      '2015-12-31 23:59:59.5+00',
      '2015-07-22 10:00:00+08',
      '2015-07-22 02:00:00+05:30',
    ]) {
      assert.equal(parse(text), pgParse(text).toISOString(), text);
    }
  });

  it('rewrites the UTC form as text', () => {
    assert.equal(parse('2015-07-22 02:00:00.123456+00'), '2015-07-22T02:00:00.123Z');
    assert.equal(parse('2015-07-22 02:00:00+00'), '2015-07-22T02:00:00.000Z');
  });
});
