import { errorCatalogue, type ErrorCode } from '../shared/errors.js';

/**
 * A failure the user can act on: answered in the error model with the code's status and
 * Chinese message from the catalogue (`message` replaces the catalogue text where the
 * answer must say more, e.g. why 注销 was refused).
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors: Record<string, string> = {},
    message?: string,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.status = errorCatalogue[code].status;
  }
}
