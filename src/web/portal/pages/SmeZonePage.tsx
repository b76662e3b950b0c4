import { Button } from 'antd';
import { Link } from 'react-router';
import { platformLoginUrl } from '../../components/links';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PORTAL_NAME } from '../me';

/** 中小企业服务专区: the services for SMEs; 【在线办理】 enters the platform by single sign-on. */
export default function SmeZonePage() {
  useDocumentTitle(PORTAL_NAME, '中小企业服务专区');
  return (
    <div className="site-container portal-sme">
      <nav className="portal-breadcrumb" aria-label="当前位置">
        <ol>
          <li>
            <Link to="/">首页</Link>
          </li>
          <li aria-current="page">中小企业服务专区</li>
        </ol>
      </nav>
      <h1 className="portal-sme__title">中小企业服务专区</h1>
      <ul className="portal-sme__cards">
        <li className="portal-card portal-card--primary">
          <h2 className="portal-card__title">优质中小企业梯度培育</h2>
          <p>
            创新型中小企业评价、专精特新中小企业认定、专精特新“小巨人”企业培育，以及融资服务专区企业创新积分登记。
          </p>
          <p className="portal-card__meta">办理对象：已完成法人实名认证的企业</p>
          <div className="portal-card__actions">
            <Button type="primary" size="large" onClick={() => window.location.assign(platformLoginUrl('/'))}>
              在线办理
            </Button>
          </div>
        </li>
        <li className="portal-card">
          <h2 className="portal-card__title">办理须知</h2>
          <p>办理前请先在本门户完成注册和法人实名认证。</p>
          <p>从本专区进入业务系统时沿用当前的登录状态，无需再次登录；尚未登录的，将先转到统一登录系统登录。</p>
        </li>
        <li className="portal-card">
          <h2 className="portal-card__title">咨询服务</h2>
          <p>账号注册、实名认证、密码找回、手机号修改等账号问题，请咨询：</p>
          <p className="portal-card__meta">账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务</p>
        </li>
      </ul>
    </div>
  );
}
