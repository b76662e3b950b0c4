/**
 * 【人工核验】 API shapes (src/server/admin/reviews/service.ts). The labels come from the
 * zod-free shared label modules, so the queue page loads no schema module.
 */
import { REALNAME_STATUS_LABELS as realnameStatusLabels, USER_TYPE_LABELS, type UserType } from '../../../shared/account-labels';
import { reviewKindLabels, reviewStatusLabels, type ComparisonResult, type ReviewField, type ReviewKind, type ReviewStatus, type RevealSide } from '../../../shared/review-labels';

export type AccountType = UserType;
export type { ComparisonResult, ReviewField, ReviewKind, ReviewStatus, RevealSide };

export const REVIEW_KIND_LABELS = reviewKindLabels;
export const ACCOUNT_TYPE_LABELS = USER_TYPE_LABELS;
export const REVIEW_STATUS_LABELS = reviewStatusLabels;
export const REALNAME_STATUS_LABELS: Record<string, string> = realnameStatusLabels;
export const REVIEW_STATUSES: ReviewStatus[] = ['pending', 'approved', 'rejected'];

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
  /** null: only 部级 operators decide it (a 手机号修改 of an unknown or unverified account). */
  regionCode: string | null;
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

/** Something the applicant typed; ID numbers and mobiles come masked (`revealable`). */
export interface ApplicantField {
  field: ReviewField;
  value: string | null;
  revealable: boolean;
}

/** The applicant's value beside the account's verified one. */
export interface ComparedField {
  field: ReviewField;
  applicant: string | null;
  account: string | null;
  result: ComparisonResult;
  revealable: Record<RevealSide, boolean>;
}

/** `GET /api/admin/reviews/:id`. */
export interface ReviewDetail extends Omit<ReviewListItem, 'matchedAccount'> {
  account: { loginName: string; status: 'active' | 'disabled'; realnameStatus: string; userType: AccountType | null } | null;
  applicant: ApplicantField[];
  /** 手机号修改: the applicant against the account's verified record; null for other kinds. */
  comparison: ComparedField[] | null;
  files: string[];
}

export const reviewFileUrl = (id: string, role: string) => `/api/admin/reviews/${encodeURIComponent(id)}/files/${encodeURIComponent(role)}`;
export const revealUrl = (id: string) => `/api/admin/reviews/${encodeURIComponent(id)}/reveal`;
