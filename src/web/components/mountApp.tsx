import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';

/**
 * index.html carries a static `#legacy-banner` for engines that cannot run the bundle
 * (360 浏览器 兼容模式 / IE). Once React has rendered, the bundle evidently runs: remove it.
 */
function StartedSignal() {
  useEffect(() => {
    document.getElementById('legacy-banner')?.remove();
  }, []);
  return null;
}

export function mountApp(app: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('#root missing in index.html');
  createRoot(container).render(
    <StrictMode>
      {app}
      <StartedSignal />
    </StrictMode>,
  );
}
