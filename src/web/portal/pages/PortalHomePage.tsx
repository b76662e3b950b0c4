import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PORTAL_NAME } from '../me';

const services = [
  {
    title: '统一身份认证',
    text: '一个账号、一次登录，即可使用工业和信息化部接入统一登录系统的各类政务服务。',
  },
  {
    title: '实名认证',
    text: '企业以法人身份、个人以自然人身份完成实名认证后，即可在线办理相应业务。',
  },
  {
    title: '账号安全',
    text: '忘记密码、更换绑定手机号，均可在登录页自助办理，也可申请人工核验。',
  },
  {
    title: '中小企业服务',
    text: '优质中小企业梯度培育、融资服务专区企业创新积分登记等中小企业服务集中办理。',
  },
] as const;

/** 政务服务门户 home. */
export function PortalHomePage() {
  useDocumentTitle(PORTAL_NAME);
  return (
    <>
      <section className="portal-hero" aria-labelledby="portal-hero-title">
        <div className="site-container">
          <h1 className="portal-hero__title" id="portal-hero-title">
            {PORTAL_NAME}
          </h1>
          <p className="portal-hero__text">统一身份认证，一网通办政务服务</p>
        </div>
      </section>
      <div className="site-container">
        <section className="portal-services" aria-labelledby="portal-services-title">
          <h2 className="portal-section-title" id="portal-services-title">
            平台服务
          </h2>
          <ul className="portal-tiles">
            {services.map((s) => (
              <li key={s.title} className="portal-tile">
                <h3 className="portal-tile__title">{s.title}</h3>
                <p className="portal-tile__text">{s.text}</p>
              </li>
            ))}
          </ul>
        </section>
        <section className="portal-sme-entry" aria-label="中小企业服务">
          <Link className="portal-sme-entry__link" to="/sme">
            中小企业服务专区
          </Link>
          <p className="portal-sme-entry__text">优质中小企业梯度培育、融资服务专区登记等服务在此办理</p>
        </section>
      </div>
    </>
  );
}
