/**
 * 【人工核验】 in the console. The API shapes are the shared response schemas' types (imported
 * as types only) and the labels come from the zod-free shared label modules, so the queue page
 * loads no schema module.
 */
import { REALNAME_STATUS_LABELS as realnameStatusLabels, USER_TYPE_LABELS } from '../../../shared/account-labels';
import { reviewKindLabels, reviewStatusLabels, reviewStatuses, type ComparisonResult, type ReviewField, type ReviewKind, type ReviewStatus, type RevealSide } from '../../../shared/review-labels';

export type { ComparisonResult, ReviewField, ReviewKind, ReviewStatus, RevealSide };
export type { ComparedField, ReviewDetail, ReviewList, ReviewListItem } from '../../../shared/schemas/admin';

export const REVIEW_KIND_LABELS = reviewKindLabels;
export const ACCOUNT_TYPE_LABELS = USER_TYPE_LABELS;
export const REVIEW_STATUS_LABELS = reviewStatusLabels;
export const REALNAME_STATUS_LABELS: Record<string, string> = realnameStatusLabels;
export const REVIEW_STATUSES: readonly ReviewStatus[] = reviewStatuses;

/** Tag colours with white text at ≥ 4.5:1 contrast. */
export const STATUS_TAG_COLORS: Record<ReviewStatus, string> = { pending: '#1f5faa', approved: '#237804', rejected: '#a8071a' };

export function isReviewStatus(value: string | null): value is ReviewStatus {
  return value !== null && (REVIEW_STATUSES as string[]).includes(value);
}

export const reviewFileUrl = (id: string, role: string) => `/api/admin/reviews/${encodeURIComponent(id)}/files/${encodeURIComponent(role)}`;
export const revealUrl = (id: string) => `/api/admin/reviews/${encodeURIComponent(id)}/reveal`;
