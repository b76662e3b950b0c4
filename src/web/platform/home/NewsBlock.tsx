import { Link } from 'react-router';
import { LoadError, Loading } from '../../components/QueryState';
import type { ContentItem } from '../../../shared/schemas/platform';

export interface NewsBlockProps {
  id: string;
  title: string;
  emptyText: string;
  items: ContentItem[] | undefined;
  error: unknown;
  isPending: boolean;
  onRetry: () => void;
}

/** A titled list of 政策文件 or 通知公告 linking to their detail pages. */
export function NewsBlock({ id, title, emptyText, items, error, isPending, onRetry }: NewsBlockProps) {
  let content;
  if (isPending) content = <Loading />;
  else if (error || !items) content = <LoadError error={error} onRetry={onRetry} />;
  else if (items.length === 0) content = <p className="home-block__empty">{emptyText}</p>;
  else
    content = (
      <ul className="news-list">
        {items.map((item) => (
          <li key={item.id} className="news-item">
            <div className="news-item__head">
              <Link className="news-item__title" to={`/content/${encodeURIComponent(item.id)}`}>
                {item.title}
              </Link>
              <time className="news-item__date" dateTime={item.publishedAt}>
                {item.publishedAt}
              </time>
            </div>
            {item.summary ? <p className="news-item__summary">{item.summary}</p> : null}
          </li>
        ))}
      </ul>
    );
  return (
    <section className="home-block" aria-labelledby={id}>
      <h2 className="home-block__title" id={id}>
        {title}
      </h2>
      {content}
    </section>
  );
}
