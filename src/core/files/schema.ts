import { type Static, Type } from 'typebox';

/** A stored file: what POST /api/files answers and what modules keep the id of. */
export const FileInfoSchema = Type.Object({
  /** Reference this id from the record the file belongs to. */
  id: Type.Integer({ description: 'file id, referenced from the record the file belongs to' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, lower-case hex' }),
  size: Type.Integer({ minimum: 1, description: 'size in bytes' }),
  mime: Type.String({ description: 'MIME type detected from the content' }),
});
export type FileInfoDto = Static<typeof FileInfoSchema>;

/**
 * The multipart body, for the OpenAPI document only. It has no `type`, so it constrains objects
 * alone: the multipart body is read as a stream by the route and never reaches the validator.
 */
export const UploadBodySchema = Type.Unsafe<unknown>({
  properties: {
    file: { type: 'string', format: 'binary', description: 'the file; its name and type must fit its content' },
  },
  required: ['file'],
});
