import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dummyHash, hashPassword, isStrongPassword, verifyPassword } from './password.js';

describe('isStrongPassword', () => {
  it('needs 10 characters from 3 of 4 classes', () => {
    for (const ok of ['Demo@12345', 'abcdefgh1!', 'ABCDEFGH1a', 'Abcdefghij1', 'abc DEF 123', '密码Abcdefg1']) {
      assert.ok(isStrongPassword(ok), ok);
    }
    for (const weak of [
      '',
      'Demo@1234',
      'abcdefghij',
      'abcdefghi1',
      'ABCDEFGHI!',
      '1234567890',
      'abcdefghijklmnop',
      '!!!!!!!!!!1',
    ]) {
      assert.ok(!isStrongPassword(weak), weak);
    }
  });

  it('counts characters, not UTF-16 code units', () => {
    // Nine characters, eleven code units: still too short.
    assert.ok(!isStrongPassword('Aa1😀😀😀😀😀😀'));
    assert.ok(isStrongPassword('Aa1😀😀😀😀😀😀😀'));
  });
});

describe('argon2id hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('Demo@12345');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!hash.includes('Demo@12345'));
    assert.equal(await verifyPassword(hash, 'Demo@12345'), true);
    assert.equal(await verifyPassword(hash, 'demo@12345'), false);
    assert.equal(await verifyPassword(hash, ''), false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('Same@Pass123'), hashPassword('Same@Pass123')]);
    assert.notEqual(a, b);
    assert.ok(await verifyPassword(b, 'Same@Pass123'));
  });

  it('treats a malformed stored hash as no match', async () => {
    assert.equal(await verifyPassword('not-a-hash', 'Demo@12345'), false);
    assert.equal(await verifyPassword('', 'Demo@12345'), false);
  });

  it('keeps one dummy hash that matches no ordinary password', async () => {
    const a = await dummyHash();
    assert.equal(await dummyHash(), a);
    assert.match(a, /^\$argon2id\$/);
    assert.equal(await verifyPassword(a, 'Demo@12345'), false);
  });
});
