import { useState } from 'react';
import { App, Button } from 'antd';
import { errorMessage } from '../../components/api';
import { adminApi, isUnauthenticated } from '../adminApi';
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

/**
 * A masked ID number or mobile with 【查看】: the full value is fetched on that click only
 * (the server writes it to the audit log) and kept in this component, never in a cache.
 */
export function RevealableValue({ reviewId, side, field, value, label }: RevealableValueProps) {
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function reveal() {
    setLoading(true);
    try {
      setFull((await adminApi.post<RevealAnswer>(revealUrl(reviewId), { side, field })).value);
    } catch (error) {
      if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 6 });
    } finally {
      setLoading(false);
    }
  }

  if (full !== null) return <span className="review-value">{full}</span>;
  return (
    <span className="review-value">
      {value}
      <Button className="review-reveal" type="link" size="small" loading={loading} aria-label={`查看完整${label}`} onClick={() => void reveal()}>
        查看
      </Button>
    </span>
  );
}
