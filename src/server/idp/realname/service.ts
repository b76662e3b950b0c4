import type { Clock } from '../../clock.js';
import { shanghaiDate } from '../../clock.js';
import type { Limits } from '../../config.js';
import type { EnterpriseRegistry } from '../../adapters/enterprise-registry.js';
import type { PersonRegistry } from '../../adapters/person-registry.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { StateStore } from '../../security/state-store.js';
import type { AuditLog } from '../../security/audit.js';
import type { ReceivedFile } from '../../security/uploads.js';
import type { AccountRepo, AccountRow } from '../../db/repos/accounts.js';
import { AppError } from '../../errors.js';
import { legalVerificationChanges } from '../../domain/legal-verification.js';
import { errorMessages } from '../../../shared/errors.js';
import type { FileReviewRequest } from '../review-filing.js';
import type { RequestMeta } from '../accounts/service.js';

export interface RealnameDeps {
  accounts: AccountRepo;
  enterpriseRegistry: EnterpriseRegistry;
  personRegistry: PersonRegistry;
  fileReviewRequest: FileReviewRequest;
  pii: PiiCrypto;
  store: StateStore;
  audit: AuditLog;
  clock: Clock;
  limits: Limits;
  /** True when a write failed on a unique constraint (the race for one USCC). */
  isUniqueViolation(error: unknown): boolean;
}

/** 实名认证 of flows.md: 法人 by the enterprise registry, 自然人 by the person registry, others by 人工核验. */
export function createRealnameService(deps: RealnameDeps) {
  const { accounts, pii, store, audit, clock, limits } = deps;
  const failureKey = (accountId: string) => `realname:fail:${accountId}:${shanghaiDate(clock.now())}`;
  const DAY_MS = 24 * 3600_000;

  const attemptAudit = (account: AccountRow, meta: RequestMeta, result: string, details: Record<string, unknown>) =>
    audit.append({ actorType: 'account', actorId: account.id, action: 'realname.attempt', targetType: 'account', targetId: account.id, ip: meta.ip, details: { result, ...details } });

  async function loadForVerification(accountId: string, wanted: 'legal' | 'natural') {
    const account = await accounts.byId(accountId);
    if (!account || account.status !== 'active') throw new AppError('UNAUTHENTICATED');
    if (account.realname_status === 'verified') {
      if (account.user_type === 'natural' && wanted === 'legal') throw new AppError('REALNAME_NATURAL_LOCKED');
      throw new AppError('REALNAME_ALREADY');
    }
    if (account.realname_status === 'pending') throw new AppError('REALNAME_PENDING');
    if (Number((await store.get(failureKey(accountId))) ?? 0) >= limits.realnameDailyAttempts) {
      throw new AppError('REALNAME_DAILY_LIMIT');
    }
    return account;
  }

  async function countFailure(account: AccountRow) {
    await store.increment(failureKey(account.id), DAY_MS);
  }

  /**
   * Counted like a mismatch: the answer tells whether an enterprise already has a verified
   * account, so one account may ask it only as often as its daily attempts allow.
   */
  async function usccExists(account: AccountRow, meta: RequestMeta, details: Record<string, unknown>): Promise<never> {
    await countFailure(account);
    await attemptAudit(account, meta, 'uscc_exists', details);
    throw new AppError('USCC_EXISTS', { uscc: errorMessages.USCC_EXISTS });
  }

  return {
    async verifyLegal(accountId: string, input: { enterpriseName: string; uscc: string; legalRepName: string; idNumber: string }, meta: RequestMeta) {
      const account = await loadForVerification(accountId, 'legal');
      const details = { uscc: input.uscc, idNumber: input.idNumber };
      const holder = await accounts.byVerifiedUscc(input.uscc);
      if (holder && holder.id !== account.id) return usccExists(account, meta, details);
      const matches = await deps.enterpriseRegistry.verify({ name: input.enterpriseName, uscc: input.uscc, legalRepName: input.legalRepName, legalRepIdNumber: input.idNumber });
      if (!matches) {
        await countFailure(account);
        await attemptAudit(account, meta, 'mismatch', details);
        throw new AppError('REALNAME_MISMATCH');
      }
      try {
        await accounts.update(account.id, legalVerificationChanges(input, pii, clock.now().toISOString()));
      } catch (error) {
        // Another account won the race for this USCC: the unique constraint decided.
        if (deps.isUniqueViolation(error)) return usccExists(account, meta, details);
        throw error;
      }
      await attemptAudit(account, meta, 'verified', details);
    },

    async verifyNatural(accountId: string, input: { name: string; idNumber: string }, meta: RequestMeta) {
      const account = await loadForVerification(accountId, 'natural');
      const details = { idNumber: input.idNumber };
      if (!(await deps.personRegistry.verify(input))) {
        await countFailure(account);
        await attemptAudit(account, meta, 'mismatch', details);
        throw new AppError('REALNAME_MISMATCH');
      }
      const at = clock.now().toISOString();
      await accounts.update(account.id, {
        user_type: 'natural',
        realname_status: 'verified',
        person_name: input.name,
        id_number_enc: pii.encrypt(input.idNumber),
        id_number_hash: pii.lookupHash(input.idNumber, 'id_number'),
        verified_at: at,
        updated_at: at,
      });
      await attemptAudit(account, meta, 'verified', details);
    },

    /** Other 证件类型: stored with the uploads for an operator; the account shows 【审核中】. */
    async requestManualLegal(
      accountId: string,
      input: { enterpriseName: string; uscc: string; legalRepName: string; idType: string; idNumber: string },
      uploads: { businessLicense: ReceivedFile; idDocument: ReceivedFile },
      meta: RequestMeta,
    ) {
      const account = await loadForVerification(accountId, 'legal');
      if (await accounts.byVerifiedUscc(input.uscc)) return usccExists(account, meta, { uscc: input.uscc });
      const acceptanceNo = await deps.fileReviewRequest({
        kind: 'realname',
        account,
        accountType: 'legal',
        payload: input,
        newMobileHash: null,
        uploads,
      });
      await accounts.update(account.id, { realname_status: 'pending', updated_at: clock.now().toISOString() });
      await attemptAudit(account, meta, 'manual_review_requested', { uscc: input.uscc, acceptanceNo });
      return acceptanceNo;
    },
  };
}

export type RealnameService = ReturnType<typeof createRealnameService>;
