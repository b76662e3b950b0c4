import { useRef, useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { getCsrfToken, isApiError } from '../components/api';
import { currentPath, platformLoginUrl, PLATFORM_LOGOUT_URL, registerUrl, USER_CENTER_URL } from '../components/links';
import { usePlatformMe } from './me';
import { ENTERPRISE_MENU_LABEL, ENTERPRISE_PAGES } from './enterprise/links';
import { MATCHMAKING_LABEL, MATCHMAKING_PATH } from './matchmaking/links';

/**
 * Top right of the platform header: 【登录】 【注册】, or the enterprise name, 【企业信息管理】
 * (verified 法人 only: 【企业信息】, 【认定情况】), 【融资对接】 (verified 法人), 【用户中心】 and 【退出】.
 */
export function PlatformUserActions() {
  const me = usePlatformMe();
  if (me.isPending) return null;
  if (me.data?.loggedIn) {
    return (
      <>
        <span className="site-header__user" title={me.data.displayName}>
          {me.data.displayName}
        </span>
        {me.data.userType === 'legal' ? <EnterpriseMenu /> : null}
        {me.data.userType === 'legal' ? (
          <Link className="site-header__link" to={MATCHMAKING_PATH}>
            {MATCHMAKING_LABEL}
          </Link>
        ) : null}
        <a className="site-header__link" href={USER_CENTER_URL}>
          用户中心
        </a>
        <LogoutButton />
      </>
    );
  }
  return (
    <>
      <Button onClick={() => window.location.assign(platformLoginUrl(currentPath()))}>登录</Button>
      <Button ghost onClick={() => window.location.assign(registerUrl(window.location.href))}>
        注册
      </Button>
    </>
  );
}

/** 【企业信息管理】 with 【企业信息】 and 【认定情况】. */
function EnterpriseMenu() {
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'info', label: <Link to={ENTERPRISE_PAGES.view}>企业信息</Link> },
          { key: 'qualifications', label: <Link to={ENTERPRISE_PAGES.qualifications}>认定情况</Link> },
        ],
      }}
    >
      <Button ghost>
        {ENTERPRISE_MENU_LABEL} <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}

/**
 * 【退出】 is a plain form POST to /auth/logout (the server ends the platform and IdP
 * sessions and redirects), carrying the CSRF token as `_csrf`.
 */
function LogoutButton() {
  const { message } = App.useApp();
  const formRef = useRef<HTMLFormElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function logout() {
    setBusy(true);
    try {
      if (tokenRef.current) tokenRef.current.value = await getCsrfToken();
    } catch (e) {
      if (isApiError(e) && e.status === 0) {
        void message.error(e.message);
        setBusy(false);
        return;
      }
      // No token to be had: post anyway and let the server decide.
    }
    formRef.current?.submit();
  }

  return (
    <form ref={formRef} className="inline-form" method="post" action={PLATFORM_LOGOUT_URL}>
      <input ref={tokenRef} type="hidden" name="_csrf" />
      <Button ghost loading={busy} onClick={() => void logout()}>
        退出
      </Button>
    </form>
  );
}
