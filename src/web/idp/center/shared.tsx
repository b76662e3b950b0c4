import type { ReactNode } from 'react';
import { Tag } from 'antd';
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

const STATUS_COLORS: Record<RealnameStatus, string> = { unverified: 'warning', pending: 'processing', verified: 'success' };

/** 【未实名认证】 / 【审核中】 / 【已实名认证】. */
export function RealnameTag({ status }: { status: RealnameStatus }) {
  return (
    <Tag className="realname-tag" color={STATUS_COLORS[status]}>
      {REALNAME_STATUS_LABELS[status]}
    </Tag>
  );
}
