/** Router paths of the 管理端 app (basename /admin). */
export const ROUTES = {
  login: '/login',
  reviews: '/reviews',
} as const;

export const reviewPath = (id: string) => `${ROUTES.reviews}/${encodeURIComponent(id)}`;

/**
 * A router path inside the 管理端 to come back to after 登录 (`?from=`), or null when the
 * value is not one (no other origin, no `//host`, no control characters, not the login itself).
 */
export function safeFromPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  if (value === ROUTES.login || value.startsWith(`${ROUTES.login}?`)) return null;
  return value;
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
