import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { QcError } from '../errors.js';
import { FileStore, sha256Of } from './store.js';

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

describe('FileStore', () => {
  let root: string;
  let store: FileStore;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-files-'));
    store = new FileStore(root, 1024);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores content under ab/cd/<sha256> and reads it back', async () => {
    const bytes = Buffer.from('整改报告 v1\n');
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    assert.deepEqual(await store.put(bytes), { sha256: sha, size: bytes.length });
    const file = path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
    assert.deepEqual(fs.readFileSync(file), bytes);
    assert.equal(await store.exists(sha), true);
    assert.equal(await text(await store.open(sha)), '整改报告 v1\n');
    assert.deepEqual(filesUnder(path.join(root, 'tmp')), [], 'no temp file left');
  });

  it('does nothing when the same content is stored again', async () => {
    const bytes = Buffer.from('same content');
    const first = await store.put(bytes);
    const file = store.pathOf(first.sha256);
    const before = fs.statSync(file);
    // A sentinel mtime shows the second put did not rewrite the file.
    fs.utimesSync(file, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    assert.deepEqual(await store.put(bytes), first);
    const after = fs.statSync(file);
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtime.toISOString(), '2020-01-01T00:00:00.000Z');
  });

  it('lands one complete file when the same bytes are stored concurrently', async () => {
    const bytes = crypto.randomBytes(1000);
    const results = await Promise.all(Array.from({ length: 12 }, () => store.put(bytes)));
    assert.equal(new Set(results.map((r) => r.sha256)).size, 1);
    assert.deepEqual(fs.readFileSync(store.pathOf(sha256Of(bytes))), bytes);
    assert.deepEqual(filesUnder(path.join(root, 'tmp')), [], 'no temp file left');
  });

  it('replaces a damaged copy (wrong size) under the hash', async () => {
    const bytes = Buffer.from('the real content');
    const sha = sha256Of(bytes);
    fs.mkdirSync(path.dirname(store.pathOf(sha)), { recursive: true });
    fs.writeFileSync(store.pathOf(sha), 'trunc');
    await store.put(bytes);
    assert.deepEqual(fs.readFileSync(store.pathOf(sha)), bytes);
  });

  it('leaves no partial file behind when a write fails', async () => {
    const bytes = Buffer.from('cannot land');
    const sha = sha256Of(bytes);
    // A directory squatting on the final name makes the rename fail after the temp file was written.
    fs.mkdirSync(store.pathOf(sha), { recursive: true });
    fs.writeFileSync(path.join(store.pathOf(sha), 'keep'), 'x');
    const before = filesUnder(root);
    await assert.rejects(store.put(bytes));
    assert.deepEqual(filesUnder(root), before, 'nothing added');
    assert.deepEqual(filesUnder(path.join(root, 'tmp')), [], 'the temp file was removed');
    assert.equal(await store.exists(sha), false);
  });

  it('refuses content over the size cap before writing anything', async () => {
    const before = filesUnder(root);
    await assert.rejects(store.put(Buffer.alloc(1025, 1)), (err: unknown) => {
      return err instanceof QcError && err.code === 'QC_ERR_FILE_TOO_LARGE';
    });
    assert.deepEqual(filesUnder(root), before);
    assert.deepEqual(await store.put(Buffer.alloc(1024, 2)), { sha256: sha256Of(Buffer.alloc(1024, 2)), size: 1024 });
  });

  it('answers missing content and non-hash names without touching the file system outside the root', async () => {
    const missing = 'a'.repeat(64);
    assert.equal(await store.exists(missing), false);
    await assert.rejects(store.open(missing), (err: unknown) => {
      return err instanceof QcError && err.code === 'QC_ERR_FILE_MISSING';
    });
    assert.equal(await store.exists('../../etc/passwd'), false);
    await assert.rejects(store.open('../../etc/passwd'), (err: unknown) => {
      return err instanceof QcError && err.code === 'QC_ERR_FILE_NOT_FOUND';
    });
    assert.throws(() => store.pathOf('A'.repeat(64)), QcError);
  });
});
