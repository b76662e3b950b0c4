import crypto from 'node:crypto';
import type { Clock } from '../clock.js';
import { shanghaiDate } from '../clock.js';
import type { FileStorage } from '../adapters/file-storage.js';
import type { PiiCrypto } from '../security/pii-crypto.js';
import type { ReceivedFile } from '../security/uploads.js';
import type { ReviewRequestRepo } from '../db/repos/review-requests.js';
import type { AccountRow } from '../db/repos/accounts.js';
import type { ReviewKind, UserType } from '../db/schema.js';
import { reviewOfKind } from '../reviews/kinds/index.js';

/** 受理编号: HY + yyyyMMdd (China date) + 6 random digits. */
function newAcceptanceNo(now: Date): string {
  return `HY${shanghaiDate(now).replaceAll('-', '')}${crypto.randomInt(0, 1_000_000).toString().padStart(6, '0')}`;
}

export interface ReviewFiling {
  kind: ReviewKind;
  /**
   * The account the request is about: the target of a 手机号修改 (null when none matched),
   * the applicant's own for 实名认证. Its kind decides from it (and never from what the
   * applicant typed about themselves) which operators see the request.
   */
  account: AccountRow | null;
  accountType: UserType;
  /** What the applicant typed, in the kind's payload shape; stored encrypted. */
  payload: object;
  newMobileHash: string | null;
  uploads: Record<string, ReceivedFile>;
}

/**
 * Files a request for 管理端 【人工核验】 (实名认证 with other 证件类型, 手机号修改 by 人工核验):
 * uploads stored outside the web root, the applicant's data encrypted, a fresh 受理编号.
 */
export function createReviewFiling(deps: { reviews: ReviewRequestRepo; files: FileStorage; pii: PiiCrypto; clock: Clock }) {
  return async function fileReviewRequest(filing: ReviewFiling): Promise<string> {
    const review = reviewOfKind(filing.kind, filing.payload);
    const files: Record<string, { id: string; kind: string }> = {};
    for (const [role, file] of Object.entries(filing.uploads)) files[role] = { id: await deps.files.put(file.content), kind: file.kind };
    const now = deps.clock.now();
    let acceptanceNo = newAcceptanceNo(now);
    while (await deps.reviews.acceptanceNoTaken(acceptanceNo)) acceptanceNo = newAcceptanceNo(now);
    await deps.reviews.insert({
      id: crypto.randomUUID(),
      acceptance_no: acceptanceNo,
      kind: filing.kind,
      account_id: filing.account?.id ?? null,
      account_type: filing.accountType,
      region_code: review.regionOf(filing.account, deps.pii),
      status: 'pending',
      payload_enc: deps.pii.encrypt(JSON.stringify(review.payload)),
      new_mobile_hash: filing.newMobileHash,
      files: JSON.stringify(files),
      created_at: now.toISOString(),
      decided_at: null,
      decided_by: null,
      reject_reason: null,
    });
    return acceptanceNo;
  };
}

export type FileReviewRequest = ReturnType<typeof createReviewFiling>;
