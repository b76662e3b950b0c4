import type { ReactNode } from 'react';
import { Button, Tag } from 'antd';
import { platformLoginUrl } from '../../components/links';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { IDP_NAME, REALNAME_STATUS_LABELS, type RealnameStatus } from '../me';

/** A page of the 用户中心: its title (h1 and document title) and content. */
export function CenterPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  useDocumentTitle(IDP_NAME, title);
  return (
    <section className="center-page" aria-labelledby="center-page-title">
      <h1 id="center-page-title" className="center-page__title">
        {title}
      </h1>
      {intro ? <div className="center-page__intro">{intro}</div> : null}
      {children}
    </section>
  );
}

export type StatusTone = 'warning' | 'info' | 'success' | 'error';

/** A tag in colours with enough contrast (antd's preset tag colours are below 4.5:1). */
export function StatusTag({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  return <Tag className={`status-tag status-tag--${tone}`}>{children}</Tag>;
}

const STATUS_TONES: Record<RealnameStatus, StatusTone> = { unverified: 'warning', pending: 'info', verified: 'success' };

/** 【未实名认证】 / 【审核中】 / 【已实名认证】. */
export function RealnameTag({ status }: { status: RealnameStatus }) {
  return <StatusTag tone={STATUS_TONES[status]}>{REALNAME_STATUS_LABELS[status]}</StatusTag>;
}

/**
 * 【进入梯度培育平台】 for a verified account: through the platform's single sign-on, which
 * completes without a login page because this 统一登录系统 session exists. The platform's
 * header reads only the platform's own session, made at the end of that sign-on: a plain
 * link to its home would show 【登录】.
 */
export function EnterPlatformButton() {
  return (
    <Button type="primary" size="large" onClick={() => window.location.assign(platformLoginUrl('/'))}>
      进入梯度培育平台
    </Button>
  );
}
