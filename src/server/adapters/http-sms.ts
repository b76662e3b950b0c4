import type { SmsSender } from './sms.js';

/**
 * SMS through an HTTP gateway: POST { to, text } as JSON with a bearer token. Most Chinese
 * SMS providers sit behind such a relay (template and signature handled by the relay).
 */
export function httpSmsSender(gatewayUrl: string, token: string, fetchImpl: typeof fetch = fetch): SmsSender {
  return {
    async send({ to, text }) {
      const res = await fetchImpl(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
