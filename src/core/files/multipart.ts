import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { QcError } from '../errors.js';
import type { UploadInput } from './files.service.js';

/** The one multipart field an upload carries. */
export const FILE_FIELD = 'file';

/** Reads the single `file` part of a multipart request into memory (at most the upload limit). */
export async function readSingleFile(request: FastifyRequest, limit: number): Promise<UploadInput> {
  if (!request.isMultipart()) throw new QcError('QC_ERR_UNSUPPORTED_MEDIA_TYPE');
  let upload: UploadInput | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== FILE_FIELD) {
        if (part.type === 'file') part.file.resume();
        throw new QcError('QC_ERR_VALIDATION', [`multipart: only one file field named "${FILE_FIELD}" is accepted`]);
      }
      upload = { fileName: part.filename, declaredMime: part.mimetype, bytes: await part.toBuffer() };
    }
  } catch (err) {
    throw multipartError(err, limit);
  }
  if (!upload) throw new QcError('QC_ERR_VALIDATION', [`multipart: the file field "${FILE_FIELD}" is missing`]);
  return upload;
}

/** @fastify/multipart's own errors, turned into our named codes. */
function multipartError(err: unknown, limit: number): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof QcError || typeof code !== 'string') return err;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new QcError('QC_ERR_FILE_TOO_LARGE', [limit]);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new QcError('QC_ERR_VALIDATION', [`multipart: only one file field named "${FILE_FIELD}" is accepted`]);
  }
  if (code.startsWith('FST_')) return new QcError('QC_ERR_VALIDATION', [`multipart: ${(err as Error).message}`]);
  return err;
}

/**
 * Lets the routes of one plugin accept a single multipart file. Registered per plugin, not globally,
 * so every other route keeps refusing multipart bodies.
 */
export async function registerSingleFileUploads(app: FastifyInstance, limit: number): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: limit, files: 1, fields: 0, parts: 1, fieldNameSize: 100, headerPairs: 100 },
  });
}
