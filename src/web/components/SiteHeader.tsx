import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmblemMark } from './EmblemMark';

export interface SiteHeaderProps {
  /** The system's name, e.g. 优质中小企业梯度培育平台. */
  title: string;
  /** Link the name to the app's home page (a router path); plain text when omitted. */
  homePath?: string;
  /** Top-right area: 【登录】 【注册】 or the logged-in user's name. */
  actions?: ReactNode;
}

export function SiteHeader({ title, homePath, actions }: SiteHeaderProps) {
  const brand = (
    <>
      <EmblemMark className="site-brand__mark" />
      <span className="site-brand__name">{title}</span>
    </>
  );
  return (
    <header className="site-header">
      <div className="site-container site-header__inner">
        {homePath === undefined ? (
          <span className="site-brand">{brand}</span>
        ) : (
          <Link className="site-brand" to={homePath} aria-label={`${title}首页`}>
            {brand}
          </Link>
        )}
        {actions ? <div className="site-header__actions">{actions}</div> : null}
      </div>
    </header>
  );
}
