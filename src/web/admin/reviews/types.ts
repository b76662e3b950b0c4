/**
 * 【人工核验】 API shapes (src/server/admin/reviews/service.ts) and their Chinese labels.
 *
 * The labels are the ones of src/shared/schemas (reviewKindLabels, reviewStatusLabels…),
 * repeated here because those modules build zod schemas when loaded and the queue page does
 * not need zod; the detail page imports the shared ones it needs.
 */
export type ReviewKind = 'realname' | 'mobile_change';
export type ReviewStatus = 'pending' | 'approved' | 'rejected';
export type AccountType = 'legal' | 'natural';

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { realname: '实名认证', mobile_change: '手机号修改' };
export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = { legal: '法人', natural: '自然人' };
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { pending: '待审核', approved: '已通过', rejected: '已驳回' };
export const REVIEW_STATUSES: ReviewStatus[] = ['pending', 'approved', 'rejected'];
export const REALNAME_STATUS_LABELS: Record<string, string> = { unverified: '未实名认证', pending: '审核中', verified: '已实名认证' };

/** Tag colours with white text at ≥ 4.5:1 contrast. */
export const STATUS_TAG_COLORS: Record<ReviewStatus, string> = { pending: '#1f5faa', approved: '#237804', rejected: '#a8071a' };

export function isReviewStatus(value: string | null): value is ReviewStatus {
  return value !== null && (REVIEW_STATUSES as string[]).includes(value);
}

/** One row of `GET /api/admin/reviews`. */
export interface ReviewListItem {
  id: string;
  acceptanceNo: string;
  kind: ReviewKind;
  accountType: AccountType;
  regionCode: string;
  status: ReviewStatus;
  createdAt: string;
  decidedAt: string | null;
  rejectReason: string | null;
  matchedAccount: boolean;
}

export interface ReviewList {
  total: number;
  items: ReviewListItem[];
}

export interface MobileChangePayload {
  accountType: AccountType;
  newMobile: string;
  applicantName: string;
  applicantIdNumber: string;
  enterpriseName?: string;
  uscc?: string;
  description?: string;
}

export interface RealnamePayload {
  enterpriseName: string;
  uscc: string;
  legalRepName: string;
  idType: string;
  idNumber: string;
}

/** `GET /api/admin/reviews/:id`. */
export interface ReviewDetail extends Omit<ReviewListItem, 'matchedAccount'> {
  payload: Partial<MobileChangePayload & RealnamePayload> & Record<string, unknown>;
  account: { loginName: string; realnameStatus: string; enterpriseName: string | null; uscc: string | null; personName: string | null } | null;
  files: string[];
}

export const reviewFileUrl = (id: string, role: string) => `/api/admin/reviews/${encodeURIComponent(id)}/files/${encodeURIComponent(role)}`;
