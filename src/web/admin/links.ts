import { sameSitePath } from '../../shared/same-site-path';

/** Router paths of the 管理端 app (basename /admin). */
export const ROUTES = {
  login: '/login',
  reviews: '/reviews',
  operators: '/operators',
  audit: '/audit',
  content: '/content',
  qualifications: '/qualifications',
  dashboard: '/dashboard',
  registrations: '/registrations',
  settings: '/settings',
} as const;

export const reviewPath = (id: string) => `${ROUTES.reviews}/${encodeURIComponent(id)}`;
export const registrationPath = (id: string) => `${ROUTES.registrations}/${encodeURIComponent(id)}`;

/**
 * A router path inside the 管理端 to come back to after 登录 (`?from=`), or null when the
 * value is not one (no other origin, no `//host`, no control characters, not the login itself).
 */
export function safeFromPath(value: string | null | undefined): string | null {
  const path = sameSitePath(value, window.location.origin);
  if (!path || path === ROUTES.login || path.startsWith(`${ROUTES.login}?`)) return null;
  return path;
}

/** 登录 page (router path) coming back to `from` (a router path such as /reviews/…). */
export function loginPath(from?: string | null): string {
  const safe = safeFromPath(from);
  return safe ? `${ROUTES.login}?from=${encodeURIComponent(safe)}` : ROUTES.login;
}

/** Router state the login page reads (退出, session ended). */
export interface LoginNotice {
  notice?: string;
}
