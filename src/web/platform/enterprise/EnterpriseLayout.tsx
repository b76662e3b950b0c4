import { useEffect, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { isApiError } from '../../components/api';
import { platformLoginUrl } from '../../components/links';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PLATFORM_NAME } from '../me';
import { ENTERPRISE_MENU_LABEL, ENTERPRISE_PAGES } from './links';
import './enterprise.css';

/** 企业信息管理 pages: the section's two links, the page title, the loading and error states. */
export function EnterpriseLayout({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(PLATFORM_NAME, title);
  return (
    <div className="site-container enterprise-page">
      <nav className="enterprise-nav" aria-label={ENTERPRISE_MENU_LABEL}>
        <span className="enterprise-nav__title">{ENTERPRISE_MENU_LABEL}</span>
        <NavLink to={ENTERPRISE_PAGES.view} end className={({ isActive }) => (isActive ? 'enterprise-nav__link is-active' : 'enterprise-nav__link')}>
          企业信息
        </NavLink>
        <NavLink to={ENTERPRISE_PAGES.qualifications} className={({ isActive }) => (isActive ? 'enterprise-nav__link is-active' : 'enterprise-nav__link')}>
          认定情况
        </NavLink>
      </nav>
      <section className="enterprise-panel" aria-labelledby="enterprise-title">
        <h1 className="enterprise-panel__title" id="enterprise-title">
          {title}
        </h1>
        {children}
      </section>
    </div>
  );
}

/** A query's loading / error state; 401 sends the person to the platform login and back here. */
export function QueryGate({ query, returnTo, children }: { query: { isPending: boolean; error: unknown; refetch: () => unknown }; returnTo: string; children: () => ReactNode }) {
  const unauthenticated = isApiError(query.error) && query.error.status === 401;
  useEffect(() => {
    if (unauthenticated) window.location.assign(platformLoginUrl(returnTo));
  }, [unauthenticated, returnTo]);
  if (query.isPending || unauthenticated) return <Loading />;
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children()}</>;
}
