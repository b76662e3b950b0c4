import { Link } from 'react-router';
import { useSiteInfo } from './useSiteInfo';

export interface SiteFooterProps {
  /**
   * True inside the platform app, whose router serves /guide; the other apps link to the
   * platform's 填报指引 with a full page load.
   */
  inPlatform?: boolean;
}

/** The government-site footer: 主办单位, 技术支持, 网站标识码, 备案号, 联系我们, 填报指引. */
export function SiteFooter({ inPlatform = false }: SiteFooterProps) {
  const { data: site } = useSiteInfo();
  return (
    <footer className="site-footer">
      <div className="site-container">
        <nav className="site-footer__links" aria-label="页脚导航">
          {inPlatform ? <Link to="/guide">填报指引</Link> : <a href="/guide">填报指引</a>}
        </nav>
        {site ? (
          <>
            <p className="site-footer__line">
              <span>主办单位：{site.sponsor}</span>
              <span>技术支持：{site.techSupport}</span>
            </p>
            <p className="site-footer__line">
              <span>联系我们：</span>
              <span>
                电话 <a href={`tel:${site.contactPhone.replace(/[^\d+]/g, '')}`}>{site.contactPhone}</a>
              </span>
              <span>
                邮箱 <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>
              </span>
            </p>
            <p className="site-footer__line">
              <span>网站标识码：{site.siteCode}</span>
              <span>ICP备案号：{site.icp}</span>
              <span>公安备案号：{site.psb}</span>
            </p>
          </>
        ) : null}
      </div>
    </footer>
  );
}
