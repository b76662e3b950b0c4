/**
 * Cross-app URLs (full page navigations between the platform, the IdP and the server's
 * login endpoints).
 */

/** Encodes a query value, keeping '/' and ':' readable (both are legal in a query). */
function q(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
}

/** Platform login (OIDC against the IdP), coming back to `returnTo` (a platform path). */
export function platformLoginUrl(returnTo: string): string {
  return `/auth/login?returnTo=${q(returnTo)}`;
}

/** Platform logout (POST, ends the platform and the IdP session). */
export const PLATFORM_LOGOUT_URL = '/auth/logout';

/** IdP login for the portal. */
export const PORTAL_LOGIN_URL = '/uc/login?return_to=/portal';

/** IdP 用户中心. */
export const USER_CENTER_URL = '/uc/center';

/** IdP 用户中心 → 【账号设置】 → 【实名认证】. */
export const REALNAME_URL = '/uc/center/realname';

/** 政务服务门户 home. */
export const PORTAL_HOME_URL = '/portal';

/**
 * The query flag that makes a platform page say "您已注册并登录统一登录系统…" (【暂不认证】 after
 * 注册). A neutral value: nothing about the account travels in the URL.
 */
export const REGISTERED_NOTICE = { param: 'notice', value: 'registered' } as const;

/** `path` (same origin) with the 注册 notice flag when it is a platform page; other apps' pages unchanged. */
export function withRegisteredNotice(path: string): string {
  const url = new URL(path, window.location.origin);
  if (/^\/(uc|portal|admin|institution|api|auth)(\/|$)/.test(url.pathname)) return path;
  url.searchParams.set(REGISTERED_NOTICE.param, REGISTERED_NOTICE.value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** IdP 注册; 【暂不认证】 on 注册成功 goes back to `from` (an absolute URL). */
export function registerUrl(from: string): string {
  return `/uc/register?from=${q(from)}`;
}

/** The current location as a path with query, e.g. for `returnTo`. */
export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}
