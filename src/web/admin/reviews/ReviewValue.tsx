import type { ReactNode } from 'react';
import { ID_TYPE_LABELS } from '../../../shared/account-labels';
import { reviewFieldLabels } from '../../../shared/review-labels';
import { RevealableValue } from './RevealableValue';
import { ACCOUNT_TYPE_LABELS, type ReviewField, type RevealSide } from './types';

/** A field's value as operators read it: codes as their labels, '—' when empty. */
function readable(field: ReviewField, value: string): string {
  if (field === 'accountType') return ACCOUNT_TYPE_LABELS[value as keyof typeof ACCOUNT_TYPE_LABELS] ?? value;
  if (field === 'idType') return ID_TYPE_LABELS[value as keyof typeof ID_TYPE_LABELS] ?? value;
  return value;
}

export interface ReviewValueProps {
  reviewId: string;
  side: RevealSide;
  field: ReviewField;
  value: string | null;
  revealable: boolean;
  /** Who the value belongs to, in the 【查看】 button's name (申请人填写的 / 账号实名的). */
  owner: string;
}

/** One value of a request detail; masked ones offer 【查看】. */
export function ReviewValue({ reviewId, side, field, value, revealable, owner }: ReviewValueProps): ReactNode {
  if (value === null || value.trim() === '') return '—';
  if (revealable) return <RevealableValue reviewId={reviewId} side={side} field={field} value={value} label={`${owner}${reviewFieldLabels[field]}`} />;
  return readable(field, value);
}
