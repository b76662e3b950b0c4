import { useEffect, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { LegacyBanner } from './LegacyBanner';

export interface AppFrameProps {
  header: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}

/** Page skeleton shared by every app: skip link, outdated-browser banner, landmarks. */
export function AppFrame({ header, footer, children }: AppFrameProps) {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <div className="app-frame">
      <a className="skip-link" href="#main-content">
        跳到主要内容
      </a>
      <LegacyBanner />
      {header}
      <main id="main-content" className="app-main" tabIndex={-1}>
        {children}
      </main>
      {footer}
    </div>
  );
}
