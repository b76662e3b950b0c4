import Button from 'antd/es/button';
import Spin from 'antd/es/spin';
import { errorMessage } from './api';

/** Loading indicator for a block or page whose data is on its way. */
export function Loading({ label = '正在加载' }: { label?: string }) {
  return (
    <div className="query-state" role="status">
      <Spin />
      <span className="query-state__text">{label}…</span>
    </div>
  );
}

/** A failed load: the server's (or the network) message and 【重试】. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="query-state query-state--error" role="alert">
      <span className="query-state__text">加载失败：{errorMessage(error)}</span>
      <Button size="small" onClick={onRetry}>
        重试
      </Button>
    </div>
  );
}
