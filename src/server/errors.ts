import { errorMessages, type ErrorCode } from '../shared/errors.js';

/** A failure the user can act on: mapped to the error model with its Chinese message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly fieldErrors: Record<string, string> = {},
    message?: string,
  ) {
    super(message ?? errorMessages[code]);
  }
}

export const notFound = () => new AppError('NOT_FOUND', 404);
export const forbidden = () => new AppError('FORBIDDEN', 403);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401);
export const fieldError = (field: string, message: string, code: ErrorCode = 'VALIDATION_FAILED') =>
  new AppError(code, 400, { [field]: message }, message);
