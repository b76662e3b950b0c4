import type { Clock } from '../../clock.js';
import type { SmsSender } from '../../adapters/sms.js';
import { SMS_SIGNATURE } from '../../adapters/sms.js';
import type { FileStorage } from '../../adapters/file-storage.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { AuditLog } from '../../security/audit.js';
import { uploadMimeTypes, type UploadKind } from '../../security/uploads.js';
import type { AccountRepo } from '../../db/repos/accounts.js';
import type { ReviewRequestRepo } from '../../db/repos/review-requests.js';
import type { CredentialChanges } from '../../domain/credential-changes.js';
import { AppError, notFound } from '../../errors.js';
import { legalVerificationChanges } from '../../domain/legal-verification.js';

import type { ReviewStatus } from '../../db/schema.js';
import type { OperatorScope } from '../scope.js';
import type { ReviewQueueRepo } from './repo.js';

interface MobileChangePayload {
  accountType: 'legal' | 'natural';
  newMobile: string;
  applicantName: string;
  applicantIdNumber: string;
  enterpriseName?: string;
  uscc?: string;
  description?: string;
}

interface RealnamePayload {
  enterpriseName: string;
  uscc: string;
  legalRepName: string;
  idType: string;
  idNumber: string;
}

/**
 * 【人工核验】: operators decide phone changes and 实名认证 requests of their region. One
 * decision per request: the conditional update in the repo lets exactly one operator win.
 */
export function createReviewService(deps: {
  queue: ReviewQueueRepo;
  requests: ReviewRequestRepo;
  accounts: AccountRepo;
  credentials: CredentialChanges;
  files: FileStorage;
  sms: SmsSender;
  pii: PiiCrypto;
  audit: AuditLog;
  clock: Clock;
  isUniqueViolation(error: unknown): boolean;
}) {
  const { queue, requests, accounts, pii, audit, clock } = deps;

  async function load(scope: OperatorScope, id: string) {
    const request = await queue.byIdInScope(scope, id);
    if (!request) throw notFound();
    return request;
  }

  const operatorAudit = (scope: OperatorScope, action: string, targetId: string, ip: string, details: Record<string, unknown> = {}) =>
    audit.append({ actorType: 'operator', actorId: scope.operatorId, action, targetType: 'review_request', targetId, ip, details });

  async function claim(scope: OperatorScope, id: string, status: 'approved' | 'rejected', reason: string | null) {
    if (!(await requests.decide(id, status, scope.operatorId, clock.now().toISOString(), reason))) {
      throw new AppError('REVIEW_ALREADY_DECIDED', 409);
    }
  }

  return {
    async list(scope: OperatorScope, filter: { status: ReviewStatus; page: number; pageSize: number }) {
      const { rows, total } = await queue.list(scope, { status: filter.status, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          acceptanceNo: r.acceptance_no,
          kind: r.kind,
          accountType: r.account_type,
          regionCode: r.region_code,
          status: r.status,
          createdAt: r.created_at,
          decidedAt: r.decided_at,
          rejectReason: r.reject_reason,
          matchedAccount: r.account_id !== null,
        })),
      };
    },

    /** Full details for the decision; every view is audited (operators see unmasked data). */
    async detail(scope: OperatorScope, id: string, ip: string) {
      const request = await load(scope, id);
      const payload = JSON.parse(pii.decrypt(request.payload_enc)) as Record<string, unknown>;
      const account = request.account_id ? await accounts.byId(request.account_id) : undefined;
      await operatorAudit(scope, 'review.view', id, ip);
      return {
        id: request.id,
        acceptanceNo: request.acceptance_no,
        kind: request.kind,
        accountType: request.account_type,
        regionCode: request.region_code,
        status: request.status,
        createdAt: request.created_at,
        decidedAt: request.decided_at,
        rejectReason: request.reject_reason,
        payload,
        account: account ? { loginName: account.login_name, status: account.status, realnameStatus: account.realname_status, enterpriseName: account.enterprise_name, uscc: account.verified_uscc, personName: account.person_name } : null,
        files: Object.keys(JSON.parse(request.files) as Record<string, unknown>),
      };
    },

    async file(scope: OperatorScope, id: string, role: string, ip: string) {
      const request = await load(scope, id);
      const files = JSON.parse(request.files) as Record<string, { id: string; kind: UploadKind }>;
      const entry = files[role];
      if (!entry) throw notFound();
      const content = await deps.files.get(entry.id);
      if (!content) throw notFound();
      await operatorAudit(scope, 'review.file_view', id, ip, { role });
      return { content, contentType: uploadMimeTypes[entry.kind] };
    },

    async approve(scope: OperatorScope, id: string, ip: string) {
      const request = await load(scope, id);
      if (request.status !== 'pending') throw new AppError('REVIEW_ALREADY_DECIDED', 409);
      const account = request.account_id ? await accounts.byId(request.account_id) : undefined;
      if (!account || account.status !== 'active') throw new AppError('REVIEW_NO_ACCOUNT', 409);
      await claim(scope, id, 'approved', null);
      try {
        if (request.kind === 'mobile_change') {
          const payload = JSON.parse(pii.decrypt(request.payload_enc)) as MobileChangePayload;
          await deps.credentials.changeMobile(account, payload.newMobile, '人工核验', { type: 'operator', id: scope.operatorId, ip });
        } else {
          const payload = JSON.parse(pii.decrypt(request.payload_enc)) as RealnamePayload;
          await accounts.update(account.id, legalVerificationChanges(payload, pii, clock.now().toISOString()));
          await deps.sms.send({ to: pii.decrypt(account.mobile_enc), text: `${SMS_SIGNATURE}您的实名认证申请（受理编号${request.acceptance_no}）已通过审核。` });
        }
      } catch (error) {
        // The change could not be applied: the request goes back to the queue undecided.
        await queue.reopen(id);
        if (deps.isUniqueViolation(error)) throw new AppError('USCC_EXISTS', 409);
        throw error;
      }
      await operatorAudit(scope, 'review.approve', id, ip, { kind: request.kind });
    },

    async reject(scope: OperatorScope, id: string, reason: string, ip: string) {
      const request = await load(scope, id);
      if (request.status !== 'pending') throw new AppError('REVIEW_ALREADY_DECIDED', 409);
      await claim(scope, id, 'rejected', reason);
      const payload = JSON.parse(pii.decrypt(request.payload_enc)) as Partial<MobileChangePayload>;
      if (request.kind === 'mobile_change' && payload.newMobile) {
        await deps.sms.send({ to: payload.newMobile, text: `${SMS_SIGNATURE}您的手机号修改申请（受理编号${request.acceptance_no}）未通过审核，原因：${reason}` });
      } else if (request.kind === 'realname' && request.account_id) {
        const account = await accounts.byId(request.account_id);
        if (account) {
          await accounts.update(account.id, { realname_status: 'unverified', updated_at: clock.now().toISOString() });
          await deps.sms.send({ to: pii.decrypt(account.mobile_enc), text: `${SMS_SIGNATURE}您的实名认证申请（受理编号${request.acceptance_no}）未通过审核，原因：${reason}` });
        }
      }
      await operatorAudit(scope, 'review.reject', id, ip, { kind: request.kind, reason });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
