import { Button } from 'antd';
import { PORTAL_LOGIN_URL, registerUrl, USER_CENTER_URL } from '../components/links';
import { usePortalMe } from './me';

/** Top right of the portal header: 【登录】 【注册】, or the user's name and 用户中心. */
export function PortalUserActions() {
  const me = usePortalMe();
  if (me.isPending) return null;
  if (me.data?.loggedIn) {
    return (
      <>
        <span className="site-header__user" title={me.data.displayName}>
          {me.data.displayName}
        </span>
        <a className="site-header__link" href={USER_CENTER_URL}>
          用户中心
        </a>
      </>
    );
  }
  return (
    <>
      <Button onClick={() => window.location.assign(PORTAL_LOGIN_URL)}>登录</Button>
      <Button ghost onClick={() => window.location.assign(registerUrl(window.location.href))}>
        注册
      </Button>
    </>
  );
}
