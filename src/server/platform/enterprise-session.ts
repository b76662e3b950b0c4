import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** The enterprise behind a platform request: its account and the USCC of its verified record. */
export interface EnterpriseCaller {
  accountId: string;
  /** From the IdP's verified 法人 record (the ID token at login), never from what the user typed. */
  uscc: string;
}

/**
 * For routes declared `config: { access: 'legal' }` (plugins/session.ts has already answered
 * 401 without a platform session and 403 for a 自然人 one): the enterprise to scope every read
 * and write by. Fails closed when called on a route without that check.
 */
export function requireEnterprise(request: FastifyRequest): EnterpriseCaller {
  const session = request.auth;
  if (!session) throw new AppError('UNAUTHENTICATED');
  if (session.realm !== 'platform' || session.data.userType !== 'legal' || !session.data.uscc) throw new AppError('FORBIDDEN');
  return { accountId: session.accountId, uscc: session.data.uscc };
}
