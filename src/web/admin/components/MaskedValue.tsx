import { useState } from 'react';
import { App, Button } from 'antd';
import { errorMessage } from '../../components/api';
import { isUnauthenticated } from '../adminApi';

export interface MaskedValueProps {
  /** The masked value as the page got it (138****0001, 1101**********7723). */
  value: string;
  /** What is revealed, for the button's accessible name (查看完整…). */
  label: string;
  /** Fetches the full value from a route that writes the reveal to the audit log. */
  reveal: () => Promise<string>;
}

/**
 * A masked ID number or mobile with 【查看】, for every console view (issue 16): the full value
 * is fetched on that click only (the server audits it) and kept in this component, never in a
 * cache. 【人工核验】 uses it through reviews/RevealableValue.
 */
export function MaskedValue({ value, label, reveal }: MaskedValueProps) {
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function show() {
    setLoading(true);
    try {
      setFull(await reveal());
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
      <Button className="review-reveal" type="link" size="small" loading={loading} aria-label={`查看完整${label}`} onClick={() => void show()}>
        查看
      </Button>
    </span>
  );
}
