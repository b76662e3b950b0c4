import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle';

export interface NotFoundProps {
  /** The app's name, for the document title. */
  siteName: string;
  /** True inside the platform app (its router serves 首页 at "/"); else a full page link. */
  inPlatform?: boolean;
}

export function NotFound({ siteName, inPlatform = false }: NotFoundProps) {
  useDocumentTitle(siteName, '页面不存在');
  return (
    <section className="site-container not-found" aria-labelledby="not-found-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title" className="not-found__title">
        页面不存在
      </h1>
      <p className="not-found__text">您访问的页面不存在或已被移除，请检查网址是否正确。</p>
      {inPlatform ? (
        <Link className="not-found__link" to="/">
          返回平台首页
        </Link>
      ) : (
        <a className="not-found__link" href="/">
          返回平台首页
        </a>
      )}
    </section>
  );
}
