import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ChainedFields, canonicalJson, firstBrokenRow, GENESIS_HASH, rowHash } from './chain.js';

type Row = ChainedFields & { hash: string };

/** A valid chain of `n` rows, built the way AuditLog.append builds them. */
function chain(n: number): Row[] {
  const rows: Row[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: ChainedFields = {
      seq: i,
      at: `2025-03-03T01:00:${String(i % 60).padStart(2, '0')}.000Z`,
      actorUserId: i % 2 ? 1 : null,
      actorName: i % 2 ? 'admin' : 'seed',
      role: i % 2 ? 'admin' : null,
      scope: null,
      source: 'ui',
      action: 'org.update',
      entityType: 'org_unit',
      entityId: 'EDU',
      beforeJson: JSON.stringify({ note: `v${i - 1}` }),
      afterJson: JSON.stringify({ note: `v${i}` }),
      requestId: `req-${i}`,
      prevHash: prev,
    };
    const hash = rowHash(fields);
    rows.push({ ...fields, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }),
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
    assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
  });

  it('drops undefined properties and writes scalars as JSON', () => {
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson(null), 'null');
    assert.equal(canonicalJson('市"教育"局\n'), JSON.stringify('市"教育"局\n'));
    assert.equal(canonicalJson(12.5), '12.5');
    assert.equal(canonicalJson(false), 'false');
  });

  it('orders keys by code unit, independent of insertion order', () => {
    const keys = ['b', 'B', '教', 'a', '_', '1'];
    const a = Object.fromEntries(keys.map((k) => [k, k]));
    const b = Object.fromEntries([...keys].reverse().map((k) => [k, k]));
    assert.equal(canonicalJson(a), canonicalJson(b));
    assert.equal(canonicalJson(a), '{"1":"1","B":"B","_":"_","a":"a","b":"b","教":"教"}');
  });
});

describe('rowHash', () => {
  it('is a deterministic sha256 hex over the previous hash and the fields', () => {
    const [row] = chain(1);
    const { hash, ...fields } = row!;
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(rowHash(fields), hash);
    assert.equal(rowHash({ ...fields }), hash);
  });

  it('changes when any covered field changes', () => {
    const [row] = chain(1);
    const { hash, ...fields } = row!;
    const variants: Partial<ChainedFields>[] = [
      { seq: 2 },
      { at: '2025-03-03T01:00:02.000Z' },
      { actorUserId: 2 },
      { actorName: 'edu' },
      { role: 'unit' },
      { scope: 'EDU' },
      { source: 'api' },
      { action: 'org.rename' },
      { entityType: 'user' },
      { entityId: 'QTS' },
      { beforeJson: null },
      { afterJson: '{"note":"x"}' },
      { requestId: null },
      { prevHash: '1'.repeat(64) },
    ];
    for (const change of variants) {
      assert.notEqual(rowHash({ ...fields, ...change }), hash, `changing ${Object.keys(change)[0]}`);
    }
  });
});

describe('firstBrokenRow', () => {
  it('accepts an intact chain, also when verified from the middle', () => {
    const rows = chain(10);
    assert.equal(firstBrokenRow(rows), null);
    assert.equal(firstBrokenRow(rows.slice(4), rows[3]!.hash, 5), null);
    assert.equal(firstBrokenRow([]), null);
  });

  it('names a row whose content was edited (hash)', () => {
    const rows = chain(10);
    rows[6] = { ...rows[6]!, afterJson: '{"note":"forged"}' };
    assert.deepEqual(firstBrokenRow(rows), { seq: 7, reason: 'hash' });
  });

  it('names a row whose stored hash was replaced (the next row no longer links)', () => {
    const rows = chain(10);
    const { hash: _old, ...fields } = { ...rows[3]!, actorName: 'mallory' };
    // A careful forger recomputes the edited row's hash: the break moves to the next row's link.
    rows[3] = { ...fields, hash: rowHash(fields) };
    assert.deepEqual(firstBrokenRow(rows), { seq: 5, reason: 'link' });
  });

  it('names a row whose prevHash was changed (link)', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, prevHash: GENESIS_HASH };
    assert.deepEqual(firstBrokenRow(rows), { seq: 3, reason: 'link' });
  });

  it('names the row after a deleted one (sequence)', () => {
    const rows = chain(6);
    rows.splice(2, 1);
    assert.deepEqual(firstBrokenRow(rows), { seq: 4, reason: 'sequence' });
  });

  it('names an inserted or reordered row (sequence)', () => {
    const rows = chain(4);
    [rows[1], rows[2]] = [rows[2]!, rows[1]!];
    assert.deepEqual(firstBrokenRow(rows), { seq: 3, reason: 'sequence' });
    const first = chain(1)[0]!;
    assert.deepEqual(firstBrokenRow([{ ...first, seq: 2 }]), { seq: 2, reason: 'sequence' });
  });

  it('checks the link of the very first row against the genesis hash', () => {
    const rows = chain(2);
    assert.deepEqual(firstBrokenRow(rows, '1'.repeat(64)), { seq: 1, reason: 'link' });
  });
});
