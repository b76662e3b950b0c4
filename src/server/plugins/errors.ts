import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessages, type ErrorBody, type ErrorCode } from '../../shared/errors.js';
import { AppError } from '../errors.js';

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  fieldErrors: Record<string, string> = {},
  message: string = errorMessages[code],
) {
  const body: ErrorBody = { code, message, fieldErrors, requestId: request.id };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own error codes for bad requests, answered in our model (never a 5xx). */
const frameworkErrors: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_REQUEST_BODY' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_REQUEST_BODY' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST_BODY' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'BAD_REQUEST_BODY' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST_BODY' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'BAD_REQUEST_BODY' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST_BODY' },
  FST_ERR_VALIDATION: { status: 400, code: 'VALIDATION_FAILED' },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'CSRF_INVALID' },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'CSRF_INVALID' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_PARTS_LIMIT: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_FILES_LIMIT: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_FIELDS_LIMIT: { status: 413, code: 'BODY_TOO_LARGE' },
};

/** `/body/loginName` → `loginName`; nested paths keep dots: `a.b.0`. */
function fieldName(instancePath: string, params: unknown): string {
  const fromPath = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (fromPath) return fromPath;
  const missing = (params as { missingProperty?: string } | undefined)?.missingProperty;
  return missing ?? '_';
}

/**
 * For Fastify's `frameworkErrors` constructor option (app.ts). The router answers URLs it
 * cannot decode (`/api/platform/content/%`) and over-long path parameters before any route
 * or error handler runs; without this option they get Fastify's English JSON outside the
 * error model.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = error.code ? frameworkErrors[error.code] : undefined;
  reply.header('x-content-type-options', 'nosniff').header('x-request-id', request.id);
  return sendError(reply, request, known?.status ?? 400, known?.code ?? 'BAD_REQUEST_BODY');
}

/**
 * PostgreSQL refuses U+0000 in text (SQLSTATE 22021, "invalid byte sequence for encoding
 * UTF8: 0x00"). It comes from a request field that a schema let through (e.g. a 登录名 typed
 * with a NUL character), so it is the sender's error, not the server's: 400, never a 500.
 */
function isInputEncodingError(error: FastifyError) {
  return (error as { code?: unknown }).code === '22021' && /0x00/.test(String(error.message));
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendError(reply, request, error.status, error.code, error.fieldErrors, error.message);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of error.validation) {
        const name = fieldName(issue.instancePath, issue.params);
        fieldErrors[name] ??= issue.message ?? errorMessages.VALIDATION_FAILED;
      }
      return sendError(reply, request, 400, 'VALIDATION_FAILED', fieldErrors);
    }
    const known = error.code ? frameworkErrors[error.code] : undefined;
    if (known) return sendError(reply, request, known.status, known.code);
    if (isInputEncodingError(error)) {
      request.log.warn({ err: error }, 'text the database cannot store (U+0000) reached a query');
      return sendError(reply, request, 400, 'BAD_REQUEST_BODY');
    }
    if (error.statusCode === 503) return sendError(reply, request, 503, 'SERVICE_UNAVAILABLE');
    if (error.statusCode === 429) return sendError(reply, request, 429, 'TOO_MANY_REQUESTS');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, request, error.statusCode, 'BAD_REQUEST_BODY');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, request, 500, 'INTERNAL');
  });

}
