import { adminApi } from '../adminApi';
import { MaskedValue } from '../components/MaskedValue';
import { revealUrl, type ReviewField, type RevealSide } from './types';
import type { RevealAnswer } from '../../../shared/schemas/admin';

export interface RevealableValueProps {
  reviewId: string;
  side: RevealSide;
  field: ReviewField;
  /** The masked value as the detail sent it. */
  value: string;
  /** What is revealed, for the button's accessible name (查看完整…). */
  label: string;
}

/** A masked value of a 人工核验 request with 【查看】 (POST …/reveal, audited by the server). */
export function RevealableValue({ reviewId, side, field, value, label }: RevealableValueProps) {
  return <MaskedValue value={value} label={label} reveal={async () => (await adminApi.post<RevealAnswer>(revealUrl(reviewId), { side, field })).value} />;
}
