/** Longer return targets are refused (the platform's `returnTo` query allows 500 characters). */
const MAX_LENGTH = 2000;

/**
 * Where a page may send someone after 登录 / 注册 (`returnTo`, `return_to`, `from`): only a path
 * on this site, else null. The value is parsed against the site's origin like a browser would;
 * control characters and backslashes are refused outright (browsers drop or reinterpret them,
 * so `/\t/evil.example` becomes `//evil.example`), and so is anything that lands on another
 * origin or whose normalised path a browser would read as another host (`/..//evil.example`).
 * The answer is the normalised, percent-encoded path with query and fragment.
 */
export function sameSitePath(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith('//')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
