import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isUniqueViolation } from '../db/errors.js';
import { ERRORS, type ErrorCode, formatMessage, langFromHeader, QcError } from '../errors.js';
import { describeFailure, failureDetails, type SchemaFailure } from './validation-message.js';

/** Maps Fastify's own error codes to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'QC_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'QC_ERR_VALIDATION',
  FST_ERR_CTP_BODY_TOO_LARGE: 'QC_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'QC_ERR_EMPTY_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'QC_ERR_BAD_JSON',
  FST_ERR_CTP_EMPTY_TYPE: 'QC_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'QC_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'QC_ERR_VALIDATION',
  FST_ERR_BAD_URL: 'QC_ERR_VALIDATION',
  FST_ERR_MAX_PARAM_LENGTH: 'QC_ERR_VALIDATION',
  FST_ERR_ASYNC_CONSTRAINT: 'QC_ERR_VALIDATION',
  FST_ERR_INVALID_URL: 'QC_ERR_VALIDATION',
  FST_ERR_RATE_LIMIT: 'QC_ERR_RATE_LIMITED',
  FST_UNDER_PRESSURE: 'QC_ERR_OVERLOADED',
  FST_ERR_NOT_FOUND: 'QC_ERR_NOT_FOUND',
};

function byStatus(status: number): ErrorCode {
  if (status === 404) return 'QC_ERR_NOT_FOUND';
  if (status === 405) return 'QC_ERR_METHOD_NOT_ALLOWED';
  if (status === 413) return 'QC_ERR_BODY_TOO_LARGE';
  if (status === 415) return 'QC_ERR_UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'QC_ERR_RATE_LIMITED';
  if (status === 503) return 'QC_ERR_OVERLOADED';
  if (status >= 400 && status < 500) return 'QC_ERR_VALIDATION';
  return 'QC_ERR_INTERNAL';
}

/** A database error that means the request itself was impossible (too long a number, bad bytes). */
function isInputDbError(err: { code?: unknown; message?: string }): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  // PostgreSQL: 22xxx data exceptions (numeric out of range, invalid text, bad datetime).
  return /^22[0-9A-Z]{3}$/.test(code) || code === 'SQLITE_TOOBIG' || code === 'ERR_OUT_OF_RANGE';
}

/** One JSON error shape for everything: `{ code, message, requestId, details? }`. */
export function errorHandler(error: FastifyError | QcError | Error, request: FastifyRequest, reply: FastifyReply) {
  const lang = request.ctx?.lang ?? langFromHeader(request.headers['accept-language']);
  let code: ErrorCode;
  let message: string;
  let details: unknown;
  let status: number;
  if (error instanceof QcError) {
    code = error.code;
    status = error.status;
    message = error.messageIn(lang);
    details = error.details;
  } else {
    const fe = error as FastifyError;
    const statusCode = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (fe.validation) {
      code = 'QC_ERR_VALIDATION';
      const failures = fe.validation as SchemaFailure[];
      details = failureDetails(fe.validationContext ?? '', failures);
      message = formatMessage(code, lang, [describeFailure(fe.validationContext ?? '', failures, lang)]);
    } else if (fe.code && FASTIFY_CODES[fe.code]) {
      code = FASTIFY_CODES[fe.code]!;
      message = formatMessage(code, lang, [fe.message]);
    } else if (error instanceof SyntaxError && statusCode === 400) {
      code = 'QC_ERR_BAD_JSON';
      message = formatMessage(code, lang);
    } else if (statusCode === 500 && isUniqueViolation(fe)) {
      // A concurrent write took the key after the service's own check: a conflict, not a crash.
      code = 'QC_ERR_CONFLICT';
      message = formatMessage(code, lang);
    } else if (statusCode === 500 && isInputDbError(fe as { code?: unknown })) {
      code = 'QC_ERR_VALIDATION';
      message = formatMessage(code, lang, [fe.message]);
    } else {
      code = byStatus(statusCode);
      message = formatMessage(code, lang, [fe.message]);
    }
    // The declared status of the code we answer with, so the code and the status never disagree.
    status = ERRORS[code].status;
  }
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code }, 'request rejected');
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ code, message, requestId: String(request.id), ...(details === undefined ? {} : { details }) });
}
