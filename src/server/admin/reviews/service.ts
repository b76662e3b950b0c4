import type { Clock } from '../../clock.js';
import type { SmsSender } from '../../adapters/sms.js';
import type { FileStorage } from '../../adapters/file-storage.js';
import type { PiiCrypto } from '../../security/pii-crypto.js';
import type { AuditLog } from '../../security/audit.js';
import type { OperatorScope } from '../../security/region-scope.js';
import { uploadMimeTypes, type UploadKind } from '../../security/uploads.js';
import type { AccountRepo } from '../../db/repos/accounts.js';
import type { ReviewRequestRepo } from '../../db/repos/review-requests.js';
import type { ReviewRequestTable, ReviewStatus } from '../../db/schema.js';
import type { CredentialChanges } from '../../domain/credential-changes.js';
import { reviewOfKind } from '../../reviews/kinds/index.js';
import type { ReviewView, Sensitive } from '../../reviews/kind.js';
import { AppError } from '../../errors.js';
import { maskIdNumber, maskMobile, maskName } from '../../../shared/mask.js';
import type { ComparisonResult, ReviewField, RevealSide } from '../../../shared/review-labels.js';

const masks: Record<Sensitive, (value: string) => string> = { mobile: maskMobile, idNumber: maskIdNumber, name: maskName };
const masked = (value: string | null, sensitive: Sensitive | undefined) => (value !== null && sensitive ? masks[sensitive](value) : value);

/** Alike when equal after Unicode compatibility folding (（） and ()), case and spacing. */
const fold = (value: string) => value.normalize('NFKC').replace(/\s+/g, ' ').trim().toUpperCase();
function compare(applicant: string | null, account: string | null): ComparisonResult {
  if (account === null) return 'missing';
  return applicant !== null && fold(applicant) === fold(account) ? 'same' : 'different';
}

/** What the page gets: sensitive values masked (full ones only through an audited reveal). */
function forPage(view: ReviewView) {
  return {
    applicant: view.applicant.map((f) => ({ field: f.field, value: masked(f.value, f.sensitive), revealable: Boolean(f.sensitive && f.value !== null) })),
    comparison:
      view.comparison?.map((f) => ({
        field: f.field,
        applicant: masked(f.applicant, f.sensitive),
        account: masked(f.account, f.sensitive),
        result: compare(f.applicant, f.account),
        revealable: { applicant: Boolean(f.sensitive && f.applicant !== null), account: Boolean(f.sensitive && f.account !== null) },
      })) ?? null,
  };
}

/** The full values behind the masked ones, by `side:field` (what 【查看】 may reveal). */
function sensitiveValues(view: ReviewView): Map<string, string> {
  const values = new Map<string, string>();
  for (const f of view.applicant) if (f.sensitive && f.value !== null) values.set(`applicant:${f.field}`, f.value);
  for (const f of view.comparison ?? []) {
    if (!f.sensitive) continue;
    if (f.applicant !== null) values.set(`applicant:${f.field}`, f.applicant);
    if (f.account !== null) values.set(`account:${f.field}`, f.account);
  }
  return values;
}

/**
 * 【人工核验】: operators decide the requests of their region (each kind in src/server/reviews/
 * kinds says what that is and what 通过 / 驳回 do). One decision per request: the conditional
 * update in the repo lets exactly one operator win.
 */
export function createReviewService(deps: {
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
  const { requests, accounts, pii, audit, clock } = deps;

  async function load(scope: OperatorScope, id: string) {
    const request = await requests.byIdInScope(scope, id);
    if (!request) throw new AppError('NOT_FOUND');
    return request;
  }

  const review = (request: ReviewRequestTable) => reviewOfKind(request.kind, JSON.parse(pii.decrypt(request.payload_enc)));
  const accountOf = async (request: ReviewRequestTable) => (request.account_id ? await accounts.byId(request.account_id) : undefined);

  const operatorAudit = (scope: OperatorScope, action: string, targetId: string, ip: string, details: Record<string, unknown> = {}) =>
    audit.append({ actorType: 'operator', actorId: scope.operatorId, action, targetType: 'review_request', targetId, ip, details });

  async function claim(scope: OperatorScope, id: string, status: 'approved' | 'rejected', reason: string | null) {
    if (!(await requests.decide(id, status, scope.operatorId, clock.now().toISOString(), reason))) {
      throw new AppError('REVIEW_ALREADY_DECIDED');
    }
  }

  return {
    async list(scope: OperatorScope, filter: { status: ReviewStatus; page: number; pageSize: number }) {
      const { rows, total } = await requests.listInScope(scope, { status: filter.status, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize });
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

    /** What the decision needs, ID numbers, mobiles and names masked; every view is audited. */
    async detail(scope: OperatorScope, id: string, ip: string) {
      const request = await load(scope, id);
      const account = await accountOf(request);
      const view = review(request).view(account, pii);
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
        account: account ? { loginName: account.login_name, status: account.status, realnameStatus: account.realname_status, userType: account.user_type } : null,
        ...forPage(view),
        files: Object.keys(JSON.parse(request.files) as Record<string, unknown>),
      };
    },

    /** 【查看】: one full ID number or mobile, written to the audit log (who, which request, which field). */
    async reveal(scope: OperatorScope, id: string, target: { side: RevealSide; field: ReviewField }, ip: string) {
      const request = await load(scope, id);
      const value = sensitiveValues(review(request).view(await accountOf(request), pii)).get(`${target.side}:${target.field}`);
      if (value === undefined) throw new AppError('NOT_FOUND');
      await operatorAudit(scope, 'review.reveal', id, ip, { side: target.side, field: target.field });
      return { value };
    },

    async file(scope: OperatorScope, id: string, role: string, ip: string) {
      const request = await load(scope, id);
      const files = JSON.parse(request.files) as Record<string, { id: string; kind: UploadKind }>;
      const entry = files[role];
      if (!entry) throw new AppError('NOT_FOUND');
      const content = await deps.files.get(entry.id);
      if (!content) throw new AppError('NOT_FOUND');
      await operatorAudit(scope, 'review.file_view', id, ip, { role });
      return { content, contentType: uploadMimeTypes[entry.kind] };
    },

    async approve(scope: OperatorScope, id: string, ip: string) {
      const request = await load(scope, id);
      if (request.status !== 'pending') throw new AppError('REVIEW_ALREADY_DECIDED');
      const account = await accountOf(request);
      if (!account || account.status !== 'active') throw new AppError('REVIEW_NO_ACCOUNT');
      const kind = review(request);
      await claim(scope, id, 'approved', null);
      try {
        await kind.approve({ request, account, operator: { id: scope.operatorId, ip } }, deps);
      } catch (error) {
        // The change could not be applied: the request goes back to the queue undecided.
        await requests.reopen(id);
        if (deps.isUniqueViolation(error)) throw new AppError('USCC_EXISTS');
        throw error;
      }
      await operatorAudit(scope, 'review.approve', id, ip, { kind: request.kind });
    },

    async reject(scope: OperatorScope, id: string, reason: string, ip: string) {
      const request = await load(scope, id);
      if (request.status !== 'pending') throw new AppError('REVIEW_ALREADY_DECIDED');
      const kind = review(request);
      await claim(scope, id, 'rejected', reason);
      await kind.reject({ request, account: await accountOf(request), operator: { id: scope.operatorId, ip } }, reason, deps);
      await operatorAudit(scope, 'review.reject', id, ip, { kind: request.kind, reason });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
