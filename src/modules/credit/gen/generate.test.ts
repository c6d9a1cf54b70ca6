import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_ACCOUNTS } from '../../users/demo.js';
import { validateUSCC } from '../reference.js';
import { DEMO_SEED } from './demo.js';
import { generatedEnterprise } from './generate.js';

describe('registry generator', () => {
  it('is deterministic by seed and writes valid, unique Qingdao credit codes', () => {
    const now = '2015-10-15T00:00:00.000Z';
    assert.deepEqual(generatedEnterprise(5, 9, now), generatedEnterprise(5, 9, now));
    assert.notEqual(generatedEnterprise(5, 9, now).uscc, generatedEnterprise(5, 10, now).uscc);
    const seen = new Set<string>();
    const regions = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const e = generatedEnterprise(i, 9, now);
      const r = validateUSCC(e.uscc!);
      assert.ok(r.ok && r.warnings.length === 0, `${e.uscc}: ${JSON.stringify(r)}`);
      assert.ok(!seen.has(e.uscc!));
      seen.add(e.uscc!);
      regions.add(r.parts.regionCode!);
      assert.equal(e.demo, 1);
      assert.match(e.name, /^[\u4e00-\u9fff（）]+$/);
    }
    for (const historical of ['370205', '370282', '370284']) assert.ok(regions.has(historical));
  });

  it('the demo enterprise account belongs to demo enterprise number 0', () => {
    const qiye = DEMO_ACCOUNTS.find((a) => a.username === 'qiye')!;
    assert.equal(qiye.roles[0]!.scope, generatedEnterprise(0, DEMO_SEED, 'x').uscc);
  });
});
