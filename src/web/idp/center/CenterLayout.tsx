import { Suspense, useEffect, useState } from 'react';
import { Button } from 'antd';
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useOutletContext } from 'react-router';
import { api, resetCsrfToken } from '../../components/api';
import { IdleWarning } from '../../components/IdleWarning';
import { PORTAL_HOME_URL, platformLoginUrl } from '../../components/links';
import { LoadError, Loading } from '../../components/QueryState';
import { loginPath, ROUTES } from '../links';
import { useUcMe, type UcAccount } from '../me';
import type { LoginNotice } from '../pages/LoginPage';
import { successMessages } from '../../../shared/messages';
import './center.css';

/** 【账号设置】 (flows.md "Exact labels": the link texts are exact). */
const SETTINGS = [
  { to: ROUTES.realname, label: '实名认证' },
  { to: ROUTES.password, label: '修改密码' },
  { to: ROUTES.email, label: '绑定邮箱' },
  { to: ROUTES.mobile, label: '修改手机号' },
  { to: ROUTES.loginRecords, label: '登录记录' },
  { to: ROUTES.export, label: '个人信息下载' },
  { to: ROUTES.close, label: '注销账号' },
] as const;

/** The logged-in account, for the pages inside the 用户中心. */
export function useAccount(): UcAccount {
  return useOutletContext<UcAccount>();
}

/**
 * 用户中心 frame: 【账号设置】 menu on the left (a collapsible list on a phone), the account
 * and 【退出登录】 above the page, the idle-logout warning. Not logged in → 登录, coming back.
 */
export default function CenterLayout() {
  const me = useUcMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data.loggedIn) {
    return <Navigate to={loginPath(`/uc${location.pathname}`)} replace />;
  }
  return <CenterFrame account={me.data} />;
}

/**
 * The other sites of this account: the portal, and the platform — through its single sign-on
 * for a verified account (the platform gives unverified accounts no session, so they see its
 * home page).
 */
function AppLinks({ account }: { account: UcAccount }) {
  const platformHref = account.realnameStatus === 'verified' ? platformLoginUrl('/') : '/';
  return (
    <nav className="center-apps" aria-label="相关系统">
      <a href={PORTAL_HOME_URL}>政务服务门户</a>
      <a href={platformHref}>优质中小企业梯度培育平台</a>
    </nav>
  );
}

function CenterFrame({ account }: { account: UcAccount }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);

  useEffect(() => setMenuOpen(false), [pathname]);

  async function logout() {
    setLeaving(true);
    try {
      await api.post('/api/uc/logout');
    } catch {
      // The session is gone either way for this page; the login page shows the real state.
    }
    resetCsrfToken();
    // The login page forgets the account (see LoginPage); doing it here would let this
    // layout redirect to the login with return_to first.
    const state: LoginNotice = { notice: successMessages.loggedOut };
    navigate(ROUTES.login, { state });
  }

  return (
    <div className="site-container center">
      <div className="center__layout">
        <aside className="center-nav">
          <NavLink to={ROUTES.center} end className="center-nav__home">
            用户中心
          </NavLink>
          <button
            type="button"
            className="center-nav__toggle"
            aria-expanded={menuOpen}
            aria-controls="account-settings-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            账号设置
            <span className={`center-nav__chevron${menuOpen ? ' is-open' : ''}`} aria-hidden="true" />
          </button>
          <h2 className="center-nav__title" id="account-settings-title">
            账号设置
          </h2>
          <nav aria-labelledby="account-settings-title">
            <ul id="account-settings-menu" className={`center-nav__list${menuOpen ? ' is-open' : ''}`}>
              {SETTINGS.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className="center-nav__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
        <div className="center__content">
          <div className="center__bar">
            <span className="center__user">
              当前账号：<strong>{account.loginName}</strong>
            </span>
            <div className="center__bar-actions">
              <AppLinks account={account} />
              <Button onClick={() => void logout()} loading={leaving}>
                退出登录
              </Button>
            </div>
          </div>
          <Suspense fallback={<Loading />}>
            <Outlet context={account} />
          </Suspense>
        </div>
      </div>
      <IdleWarning realm="uc" />
    </div>
  );
}
