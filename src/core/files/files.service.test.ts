import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { auditHead, auditRowsAfter, createTestApp, TEST_START, type TestApp } from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { docxBytes, pdfBytes } from '../../../test/support/file-fixtures.js';
import { type Actor, type RequestContext, systemContext } from '../context.js';
import { QcError } from '../errors.js';
import type { FileInfo, FileService } from './files.service.js';
import * as repo from './repository.js';
import { sha256Of } from './store.js';

function rejectsWith(code: string) {
  return (err: unknown) => err instanceof QcError && err.code === code;
}

for (const dialect of DIALECTS) {
  describe(`FileService and files repository (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let dataDir: string;
    let files: FileService;
    let ctx: RequestContext;
    let eduId: number;

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-files-service-'));
      t = await createTestApp(dialect, { env: { QCITY_DATA_DIR: dataDir } });
      files = t.services.files;
      const user = await t.db.selectFrom('users').select('id').where('username', '=', 'edu').executeTakeFirstOrThrow();
      eduId = Number(user.id);
      const actor: Actor = {
        userId: eduId,
        username: 'edu',
        displayName: '市教育局',
        roles: [{ role: 'unit', scope: 'EDU' }],
        tokenPermissions: null,
        sessionId: null,
      };
      ctx = { actor, requestId: 'req-files-1', source: 'ui', lang: 'zh' };
    });
    after(async () => {
      await t?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('round-trips a row with the same values on both databases', async () => {
      const inserted = await repo.insertFile(t.db, {
        sha256: 'f'.repeat(64),
        size: 3_000_000_000,
        mime: 'application/pdf',
        created_at: '2025-03-03T01:02:03.456Z',
        created_by: eduId,
      });
      const expected = {
        id: inserted.id,
        sha256: 'f'.repeat(64),
        size: 3_000_000_000,
        mime: 'application/pdf',
        created_at: '2025-03-03T01:02:03.456Z',
        created_by: eduId,
      };
      assert.equal(typeof inserted.id, 'number');
      assert.deepEqual(inserted, expected);
      assert.deepEqual(await repo.findById(t.db, inserted.id), expected);
      assert.deepEqual(await repo.findBySha256(t.db, 'f'.repeat(64)), expected);
      const anonymous = await repo.insertFile(t.db, {
        ...expected,
        id: undefined,
        sha256: 'e'.repeat(64),
        created_by: null,
      });
      assert.equal((await repo.findById(t.db, anonymous.id))?.created_by, null);
    });

    it('keeps one row and one audit row when the same new content is uploaded concurrently', async () => {
      const bytes = docxBytes('并发上传');
      const head = await auditHead(t.db);
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          files.upload(ctx, {
            fileName: '方案.docx',
            declaredMime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            bytes,
          }),
        ),
      );
      assert.equal(new Set(results.map((r) => r.id)).size, 1);
      const rows = await t.db.selectFrom('files').selectAll().where('sha256', '=', results[0]!.sha256).execute();
      assert.equal(rows.length, 1);
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => [r.action, r.entity_id, r.request_id]),
        [['file.upload', String(results[0]!.id), 'req-files-1']],
      );
    });

    it('answers with the row another transaction committed first (unique key race)', async () => {
      const bytes = pdfBytes('race');
      let pending: Promise<FileInfo> | undefined;
      const winner = await t.db.transaction().execute(async (trx) => {
        const row = await repo.insertFile(trx, {
          sha256: sha256Of(bytes),
          size: bytes.length,
          mime: 'application/pdf',
          created_at: TEST_START,
          created_by: null,
        });
        // On PostgreSQL the upload's insert now waits on the unique index until this commits, then fails.
        pending = files.upload(ctx, { fileName: 'race.pdf', declaredMime: 'application/pdf', bytes });
        pending.catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 300));
        return row;
      });
      const result = await pending!;
      assert.equal(result.id, winner.id);
      assert.equal(
        (await t.db.selectFrom('files').select('id').where('sha256', '=', result.sha256).execute()).length,
        1,
      );
    });

    it('opens a stored file by id for a module that has checked access', async () => {
      const bytes = pdfBytes('download');
      const info = await files.upload(ctx, { fileName: 'x.pdf', declaredMime: 'application/pdf', bytes });
      const got = await files.download(ctx, info.id);
      assert.deepEqual({ id: got.id, sha256: got.sha256, size: got.size, mime: got.mime }, info);
      assert.deepEqual(await buffer(got.stream), bytes);
      // The CLI and scheduled jobs act without a user.
      const viaCli = await files.download(systemContext('cli', 'qcity'), info.id);
      assert.deepEqual(await buffer(viaCli.stream), bytes);
    });

    it('names a missing id, missing bytes and a missing caller', async () => {
      await assert.rejects(files.download(ctx, 987654), rejectsWith('QC_ERR_FILE_NOT_FOUND'));
      const anon: RequestContext = { actor: null, requestId: null, source: 'ui', lang: 'zh' };
      const info = await files.upload(ctx, { fileName: 'gone.pdf', declaredMime: '', bytes: pdfBytes('gone') });
      await assert.rejects(files.download(anon, info.id), rejectsWith('QC_ERR_AUTH_REQUIRED'));
      fs.rmSync(files.store.pathOf(info.sha256));
      await assert.rejects(files.download(ctx, info.id), rejectsWith('QC_ERR_FILE_MISSING'));
      // Uploading the content again heals the store and keeps the row.
      const again = await files.upload(ctx, { fileName: 'gone.pdf', declaredMime: '', bytes: pdfBytes('gone') });
      assert.equal(again.id, info.id);
      assert.deepEqual(await buffer((await files.download(ctx, info.id)).stream), pdfBytes('gone'));
    });

    it('checks permission before anything else', async () => {
      const leader: RequestContext = {
        ...ctx,
        actor: { ...ctx.actor!, username: 'leader', roles: [{ role: 'leader', scope: null }] },
      };
      await assert.rejects(
        files.upload(leader, { fileName: 'a.pdf', declaredMime: 'application/pdf', bytes: Buffer.alloc(0) }),
        rejectsWith('QC_ERR_FORBIDDEN'),
      );
      await assert.rejects(
        files.upload(systemContext('cli', 'qcity'), { fileName: 'a.pdf', declaredMime: '', bytes: pdfBytes() }),
        rejectsWith('QC_ERR_AUTH_REQUIRED'),
      );
    });
  });
}
