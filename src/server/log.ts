/** Fields that may carry personal data or secrets never reach the logs. */
export const logRedactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/**
 * Query parameters whose values may appear in logs. Every other value (a mobile in the dev
 * outbox's `?to=`, an `id_token_hint`, an authorization code…) is replaced: URLs end up in the
 * access log, and personal data must not.
 */
const LOGGED_QUERY_PARAMETERS = new Set(['page', 'pageSize', 'status', 'realm', 'qualification']);
const REDACTED = '[已隐藏]';

export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const query = [...new URLSearchParams(url.slice(start + 1))]
    .map(([name, value]) => `${encodeURIComponent(name)}=${LOGGED_QUERY_PARAMETERS.has(name) ? encodeURIComponent(value) : REDACTED}`)
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

/** Fastify's request serializer, with the query values redacted. */
export const logSerializers = {
  req(request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
    return { method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
  },
};
