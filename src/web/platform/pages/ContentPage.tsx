import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import type { ContentDetail } from '../../../shared/schemas/platform';
import { CONTENT_KIND_LABELS } from '../../../shared/content-labels';
import { PLATFORM_NAME } from '../me';
import './content.css';

/** Plain text with paragraphs separated by blank lines → paragraphs (never HTML). */
function paragraphs(body: string): string[] {
  return body
    .split(/\r?\n[ \t\u3000]*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** `/content/:id`: one 政策文件 or 通知公告. */
export default function ContentPage() {
  const { id = '' } = useParams();
  const content = useQuery({
    queryKey: ['platform', 'content', id],
    queryFn: ({ signal }) => api.get<ContentDetail>(`/api/platform/content/${encodeURIComponent(id)}`, { signal }),
  });
  const missing = isApiError(content.error) && content.error.status === 404;
  useDocumentTitle(PLATFORM_NAME, missing ? '内容不存在' : content.data?.title);

  let main;
  if (content.isPending) {
    main = <Loading />;
  } else if (missing) {
    main = (
      <div className="content-missing">
        <h1 className="content-article__title">内容不存在或已被删除</h1>
        <Link to="/">返回平台首页</Link>
      </div>
    );
  } else if (content.error || !content.data) {
    main = <LoadError error={content.error} onRetry={() => void content.refetch()} />;
  } else {
    const item = content.data;
    main = (
      <>
        <nav className="content-breadcrumb" aria-label="当前位置">
          <ol>
            <li>
              <Link to="/">首页</Link>
            </li>
            <li>{CONTENT_KIND_LABELS[item.kind]}</li>
          </ol>
        </nav>
        <article className="content-article">
          <h1 className="content-article__title">{item.title}</h1>
          <p className="content-article__meta">
            发布日期：<time dateTime={item.publishedAt}>{item.publishedAt}</time>
          </p>
          <div className="content-article__body">
            {paragraphs(item.body).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        </article>
      </>
    );
  }
  return <div className="site-container content-page">{main}</div>;
}
