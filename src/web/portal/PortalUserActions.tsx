import { useState } from 'react';
import { App, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError, resetCsrfToken } from '../components/api';
import { PORTAL_LOGIN_URL, registerUrl, USER_CENTER_URL } from '../components/links';
import { portalMeQuery, usePortalMe } from './me';
import { successMessages } from '../../shared/messages';

/**
 * Top right of the portal header: 【登录】 【注册】, or who is logged in (企业名称 for 法人, the
 * person's name for 自然人, the 登录名 before 实名认证), 【用户中心】 and 【退出】.
 */
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
        <LogoutButton />
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

/** 【退出】 ends the 统一登录系统 session; the portal then shows 【登录】 【注册】 again. */
function LogoutButton() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function logout() {
    setBusy(true);
    try {
      await api.post('/api/uc/logout');
    } catch (e) {
      if (isApiError(e) && e.status === 0) {
        void message.error(e.message);
        setBusy(false);
        return;
      }
      // Any other answer: the session is gone or unusable; show the page as logged out.
    }
    resetCsrfToken();
    queryClient.setQueryData(portalMeQuery.queryKey, { loggedIn: false });
    void message.success(successMessages.loggedOut);
  }

  return (
    <Button ghost loading={busy} onClick={() => void logout()}>
      退出
    </Button>
  );
}
