import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestContext } from './context.js';

/** A browser stand-in for app.inject: keeps cookies, fetches and sends the CSRF token. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { ip?: string; userAgent?: string } = {},
  ) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const stateChanging = method !== 'GET';
    if (stateChanging && this.csrfToken === null) {
      const res = await this.request('GET', '/api/csrf');
      this.csrfToken = res.json().token;
    }
    const res = await this.app.inject({
      method,
      url,
      payload: body === undefined ? undefined : (body as object),
      remoteAddress: this.options.ip ?? '127.0.0.1',
      headers: {
        host: 'localhost:3000',
        'user-agent': this.options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36',
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(stateChanging && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  /**
   * Follows redirects like a browser within this app (absolute URLs of `origin` included);
   * stops at the first response that is not a redirect or that leaves the app.
   */
  async follow(first: LightMyRequestResponse, origin = 'http://localhost:3000', max = 15) {
    let res = first;
    const visited: string[] = [];
    for (let i = 0; i < max && res.statusCode >= 300 && res.statusCode < 400; i++) {
      const location = String(res.headers.location);
      const target = new URL(location, origin);
      visited.push(target.href);
      if (target.origin !== new URL(origin).origin) return { res, location: target.href, visited };
      res = await this.get(target.pathname + target.search);
    }
    return { res, location: res.statusCode >= 300 && res.statusCode < 400 ? String(res.headers.location) : null, visited };
  }

  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
}

/** A fresh captcha and its answer (the dev generator remembers the newest one). */
export async function solveCaptcha(ctx: TestContext, client: TestClient) {
  const res = await client.get('/api/captcha');
  return { captchaId: res.json().captchaId as string, captchaAnswer: ctx.deps.captcha.latestAnswer()! };
}

/** The newest code sent to a mobile or e-mail, from the dev outbox. */
export function latestCode(ctx: TestContext, to: string): string {
  const message = ctx.deps.outbox!.list(to).find((m) => m.code);
  if (!message?.code) throw new Error(`no code sent to ${to}`);
  return message.code;
}
