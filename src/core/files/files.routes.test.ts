import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  auditHead,
  auditRowsAfter,
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  rowCounts,
  TEST_START,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import {
  type MultipartPart,
  multipartBody,
  pdfBytes,
  pngBytes,
  xlsxBytes,
} from '../../../test/support/file-fixtures.js';
import { sha256Of } from './store.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LIMIT = 64 * 1024;

interface FileInfo {
  id: number;
  sha256: string;
  size: number;
  mime: string;
}

for (const dialect of DIALECTS) {
  describe(`file upload routes (${dialect})`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let dataDir: string;
    let admin: Caller;
    let edu: Caller;
    let leader: Caller;
    let hospital: Caller;

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-files-routes-'));
      t = await createTestApp(dialect, { env: { QCITY_DATA_DIR: dataDir, QCITY_UPLOAD_LIMIT: String(LIMIT) } });
      [admin, edu, leader, hospital] = await Promise.all([
        t.login('admin'),
        t.login('edu'),
        t.login('leader'),
        t.login('hospital'),
      ]);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const filesDir = () => path.join(dataDir, 'files');
    const blobPath = (sha: string) => path.join(filesDir(), sha.slice(0, 2), sha.slice(2, 4), sha);

    /** Every stored blob and temp file under the files directory. */
    function diskFiles(): string[] {
      if (!fs.existsSync(filesDir())) return [];
      return (fs.readdirSync(filesDir(), { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(filesDir(), f)).isFile())
        .sort();
    }

    async function fileCount(): Promise<number> {
      const row = await t.db
        .selectFrom('files')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    function upload(caller: Caller, parts: MultipartPart[], headers: Record<string, string> = {}) {
      const { body, contentType } = multipartBody(parts);
      return caller.post('/api/files', undefined, { raw: body, headers: { 'content-type': contentType, ...headers } });
    }

    const uploadFile = (caller: Caller, filename: string, contentType: string, data: Buffer) =>
      upload(caller, [{ name: 'file', filename, contentType, data }]);

    /** An upload that must be refused with `code` and leave tables, audit trail and disk as they were. */
    async function refused(request: () => Promise<LightMyRequestResponse>, status: number, code: string) {
      const counts = await rowCounts(t.db);
      const files = await fileCount();
      const head = await auditHead(t.db);
      const disk = diskFiles();
      const body = expectError(await request(), status, code);
      assert.deepEqual(await rowCounts(t.db), counts, `${code}: no row added or removed`);
      assert.equal(await fileCount(), files, `${code}: no files row`);
      assert.equal(await auditHead(t.db), head, `${code}: no audit row`);
      assert.deepEqual(diskFiles(), disk, `${code}: nothing written to disk`);
      return body;
    }

    it('stores a PDF: 201 with id, hash, size and type; one row, one blob, one audit row', async () => {
      const bytes = pdfBytes('整改报告');
      const head = await auditHead(t.db);
      const info = expectOk<FileInfo>(await uploadFile(edu, '整改报告.pdf', 'application/pdf', bytes), 201);
      assert.deepEqual(Object.keys(info).sort(), ['id', 'mime', 'sha256', 'size']);
      assert.equal(info.sha256, sha256Of(bytes));
      assert.equal(info.size, bytes.length);
      assert.equal(info.mime, 'application/pdf');
      assert.deepEqual(fs.readFileSync(blobPath(info.sha256)), bytes);

      const eduId = edu.session!.user.id;
      const row = await t.db.selectFrom('files').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, {
        id: info.id,
        sha256: info.sha256,
        size: bytes.length,
        mime: 'application/pdf',
        created_at: TEST_START,
        created_by: eduId,
      });
      const audit = await auditRowsAfter(t.db, head);
      assert.deepEqual(
        audit.map((r) => [r.action, r.entity_type, r.entity_id, r.actor_name, r.scope]),
        [['file.upload', 'file', String(info.id), 'edu', 'EDU']],
      );
      assert.deepEqual(JSON.parse(audit[0]!.after_json!), info);
    });

    it('stores an XLSX written by exceljs', async () => {
      const bytes = await xlsxBytes([
        ['单位', '完成率'],
        ['市教育局', 95],
      ]);
      const info = expectOk<FileInfo>(await uploadFile(hospital, '进度表.xlsx', XLSX_MIME, bytes), 201);
      assert.equal(info.mime, XLSX_MIME);
      assert.equal(info.size, bytes.length);
      assert.deepEqual(fs.readFileSync(blobPath(info.sha256)), bytes);
    });

    it('returns the existing file for the same content, from anyone, without a new row or audit row', async () => {
      const bytes = pdfBytes('same');
      const first = expectOk<FileInfo>(await uploadFile(edu, 'a.pdf', 'application/pdf', bytes), 201);
      const files = await fileCount();
      const head = await auditHead(t.db);
      const again = expectOk<FileInfo>(await uploadFile(edu, 'a.pdf', 'application/pdf', bytes), 201);
      const other = expectOk<FileInfo>(
        await uploadFile(admin, '另一个名字.pdf', 'application/octet-stream', bytes),
        201,
      );
      assert.deepEqual(again, first);
      assert.deepEqual(other, first);
      assert.equal(await fileCount(), files);
      assert.equal(await auditHead(t.db), head);
    });

    it('refuses a PNG named .pdf with 415 QC_ERR_FILE_TYPE naming both types, writing nothing', async () => {
      const body = await refused(
        () => uploadFile(edu, '整改报告.pdf', 'application/pdf', pngBytes()),
        415,
        'QC_ERR_FILE_TYPE',
      );
      assert.match(body.message, /整改报告\.pdf \(application\/pdf\)/);
      assert.match(body.message, /PNG/);
      assert.deepEqual(body.details, { declared: '整改报告.pdf (application/pdf)', detected: 'PNG' });
      const en = await refused(
        () =>
          upload(edu, [{ name: 'file', filename: 'x.pdf', contentType: 'application/pdf', data: pngBytes() }], {
            'accept-language': 'en',
          }),
        415,
        'QC_ERR_FILE_TYPE',
      );
      assert.match(en.message, /^File refused: declared as x\.pdf \(application\/pdf\), but the content is PNG/);
    });

    it('refuses an executable named .pdf and a text file named .xlsx', async () => {
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
      await refused(() => uploadFile(edu, 'report.pdf', 'application/pdf', exe), 415, 'QC_ERR_FILE_TYPE');
      await refused(
        () => uploadFile(edu, '进度.xlsx', XLSX_MIME, Buffer.from('单位,进度\n市教育局,80\n')),
        415,
        'QC_ERR_FILE_TYPE',
      );
    });

    it('refuses a file over QCITY_UPLOAD_LIMIT with 413 and accepts one at the limit', async () => {
      const body = await refused(
        () => uploadFile(edu, 'big.txt', 'text/plain', Buffer.alloc(LIMIT + 1, 'a')),
        413,
        'QC_ERR_FILE_TOO_LARGE',
      );
      assert.match(body.message, new RegExp(String(LIMIT)));
      const atLimit = expectOk<FileInfo>(await uploadFile(edu, 'big.txt', 'text/plain', Buffer.alloc(LIMIT, 'b')), 201);
      assert.equal(atLimit.size, LIMIT);
      assert.equal(atLimit.mime, 'text/plain');
    });

    it('refuses an empty file with 400 QC_ERR_FILE_EMPTY', async () => {
      await refused(() => uploadFile(edu, 'empty.pdf', 'application/pdf', Buffer.alloc(0)), 400, 'QC_ERR_FILE_EMPTY');
    });

    it('answers 401 to anonymous callers and 403 to leaders (read-only)', async () => {
      await refused(
        () => uploadFile(t.anon, 'a.pdf', 'application/pdf', pdfBytes('anon')),
        401,
        'QC_ERR_AUTH_REQUIRED',
      );
      await refused(() => uploadFile(leader, 'a.pdf', 'application/pdf', pdfBytes('leader')), 403, 'QC_ERR_FORBIDDEN');
      assert.ok(!leader.session!.user.permissions.includes('files.upload'));
      assert.ok(edu.session!.user.permissions.includes('files.upload'));
    });

    it('needs the CSRF header on a cookie-authenticated upload', async () => {
      await refused(
        () =>
          upload(edu, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: pdfBytes('csrf') }], {
            'x-csrf-token': '',
          }),
        403,
        'QC_ERR_CSRF',
      );
    });

    it('accepts API tokens that carry files.upload, and only those', async () => {
      const mint = async (permissions: string[]) =>
        expectOk<{ token: string }>(
          await edu.post('/api/tokens', { name: 'uploader', permissions, expiresInDays: 1 }),
          201,
        ).token;
      const withUpload = t.bearer(await mint(['files.upload']));
      const info = expectOk<FileInfo>(await uploadFile(withUpload, 'api.pdf', 'application/pdf', pdfBytes('api')), 201);
      const audit = await auditRowsAfter(t.db, (await auditHead(t.db)) - 1);
      assert.deepEqual(
        [audit[0]!.action, audit[0]!.entity_id, audit[0]!.source],
        ['file.upload', String(info.id), 'api'],
      );
      const without = t.bearer(await mint(['orgs.read']));
      await refused(() => uploadFile(without, 'api.pdf', 'application/pdf', pdfBytes('no')), 403, 'QC_ERR_FORBIDDEN');
    });

    it('accepts exactly one file part named "file"', async () => {
      const pdf = (name: string, filename = 'a.pdf'): MultipartPart => ({
        name,
        filename,
        contentType: 'application/pdf',
        data: pdfBytes(name),
      });
      await refused(() => upload(edu, [pdf('attachment')]), 400, 'QC_ERR_VALIDATION');
      await refused(() => upload(edu, [pdf('file'), pdf('file', 'b.pdf')]), 400, 'QC_ERR_VALIDATION');
      await refused(() => upload(edu, [{ name: 'note', data: 'hello' }, pdf('file')]), 400, 'QC_ERR_VALIDATION');
      await refused(() => upload(edu, [pdf('file'), { name: 'note', data: 'hello' }]), 400, 'QC_ERR_VALIDATION');
      await refused(() => upload(edu, []), 400, 'QC_ERR_VALIDATION');
    });

    it('answers 415 to a body that is not multipart, and other routes still refuse multipart', async () => {
      await refused(() => edu.post('/api/files', { file: 'x' }), 415, 'QC_ERR_UNSUPPORTED_MEDIA_TYPE');
      const { body, contentType } = multipartBody([{ name: 'file', filename: 'a.pdf', data: pdfBytes() }]);
      await refused(
        () => admin.post('/api/orgs', undefined, { raw: body, headers: { 'content-type': contentType } }),
        415,
        'QC_ERR_UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });
}
