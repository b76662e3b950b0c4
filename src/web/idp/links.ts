/**
 * Where the IdP pages may send people after 登录 / 注册: only back into this site.
 * `return_to` is a relative path (`/…`, never `//…`); `from` an absolute URL of this origin.
 * Both go through the one check of shared/same-site-path.ts (the server's `returnTo` too).
 */
import { sameSitePath } from '../../shared/same-site-path';

/** A same-origin path (with query and hash) for `return_to`, or null when it is not one. */
export function safeReturnPath(value: string | null | undefined): string | null {
  return sameSitePath(value, window.location.origin);
}

/** The path of a `from` URL (absolute or relative) when it belongs to this origin, else null. */
export function sameOriginPath(value: string | null | undefined): string | null {
  return sameSitePath(value, window.location.origin);
}

/** Router paths of the IdP app (basename /uc). */
export const ROUTES = {
  login: '/login',
  register: '/register',
  forgotPassword: '/forgot-password',
  mobileChange: '/mobile-change',
  agreement: '/agreement',
  privacy: '/privacy',
  center: '/center',
  realname: '/center/realname',
  password: '/center/password',
  email: '/center/email',
  mobile: '/center/mobile',
  loginRecords: '/center/login-records',
  export: '/center/export',
  close: '/center/close',
} as const;

/** 登录 page URL (router path) coming back to `returnTo` (a full path such as /uc/center). */
export function loginPath(returnTo?: string | null): string {
  return returnTo ? `${ROUTES.login}?return_to=${encodeURIComponent(returnTo)}` : ROUTES.login;
}

/** 注册 page URL (router path) with `from`: an absolute URL to come back to. */
export function registerPath(from?: string | null): string {
  return from ? `${ROUTES.register}?from=${encodeURIComponent(from)}` : ROUTES.register;
}
