import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionTestContext, PRODUCTION_ENV, PRODUCTION_PUBLIC_URL, type TestContext } from '../helpers/context.js';
import { TestClient } from '../helpers/client.js';
import { loadConfig } from '../../src/server/config.js';

/** Cookies and single sign-on under APP_ENV=production (issue 11, findings 4 and 10). */

const PUBLIC_URL = PRODUCTION_PUBLIC_URL;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createProductionTestContext();
});
afterAll(async () => ctx?.close());

const setCookies = (res: LightMyRequestResponse) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);

/** A browser reaching the app straight (no proxy): Host only, no X-Forwarded-Proto. */
async function browserLoggedInAtIdp() {
  const browser = new TestClient(ctx.app);
  const account = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow();
  browser.cookies.set('__Host-uc_sid', await ctx.deps.sessions.create('uc', account.id, {}));
  return browser;
}

describe('production cookies (finding 10)', () => {
  it('session and CSRF cookies carry the __Host- prefix: Secure, Path=/, no Domain', async () => {
    const csrf = await ctx.app.inject({ url: '/api/csrf', headers: { host: 'tidu.example.gov.cn' } });
    const secret = setCookies(csrf).find((c) => c.startsWith('__Host-csrf_secret='));
    expect(secret).toBeDefined();

    const browser = await browserLoggedInAtIdp();
    const visited: LightMyRequestResponse[] = [];
    let res = await browser.get('/auth/login?returnTo=/');
    for (let hop = 0; hop < 10 && res.statusCode >= 300 && res.statusCode < 400; hop++) {
      visited.push(res);
      const target = new URL(String(res.headers.location), PUBLIC_URL);
      expect(target.origin).toBe(PUBLIC_URL);
      res = await browser.get(target.pathname + target.search);
    }
    visited.push(res);
    for (const r of visited) expect(r.statusCode, r.body).toBeLessThan(500);
    const platform = visited.flatMap(setCookies).find((c) => c.startsWith('__Host-pf_sid='));
    expect(platform).toBeDefined();
    const oidcSession = visited.flatMap(setCookies).find((c) => c.startsWith('__Host-oidc_session='));
    expect(oidcSession).toBeDefined();
    for (const cookie of [secret!, platform!, oidcSession!]) {
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
      expect(cookie).not.toMatch(/;\s*Domain=/i);
    }
    expect((await browser.get('/api/platform/me')).json().loggedIn).toBe(true);
    expect([...browser.cookies.keys()].filter((name) => /^(uc_sid|pf_sid|csrf_secret|oidc_session)$/.test(name))).toEqual([]);
  });

  it('a missing X-Forwarded-Proto never produces a 500 on the single sign-on and logout', async () => {
    const browser = await browserLoggedInAtIdp();
    let res = await browser.get('/auth/login?returnTo=/');
    for (let hop = 0; hop < 10 && res.statusCode >= 300 && res.statusCode < 400; hop++) {
      res = await browser.get(new URL(String(res.headers.location), PUBLIC_URL).pathname + new URL(String(res.headers.location), PUBLIC_URL).search);
      expect(res.statusCode, res.body).toBeLessThan(500);
    }
    const logout = await browser.post('/auth/logout');
    expect(logout.statusCode).toBe(303);
    const endSession = new URL(String(logout.headers.location));
    expect(endSession.origin).toBe(PUBLIC_URL);
    const page = await browser.get(endSession.pathname + endSession.search);
    expect(page.statusCode, page.body).toBe(200);
    const action = /action="([^"]+)"/.exec(page.body)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)![1];
    const confirmed = await browser.request('POST', new URL(action, PUBLIC_URL).pathname, `xsrf=${xsrf}&logout=yes`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    expect(confirmed.headers.location).toBe(`${PUBLIC_URL}/`);
    expect((await browser.get('/api/uc/me')).json().loggedIn).toBe(false);
  });
});

describe('production OIDC URLs (finding 4)', () => {
  it('discovery names only PUBLIC_URL endpoints whatever the forwarded headers say', async () => {
    const res = await ctx.app.inject({ url: '/uc/oidc/.well-known/openid-configuration', headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' } });
    const meta = res.json();
    expect(meta.issuer).toBe(`${PUBLIC_URL}/uc/oidc`);
    expect(meta.token_endpoint).toBe(`${PUBLIC_URL}/uc/oidc/token`);
    expect(meta.authorization_endpoint).toBe(`${PUBLIC_URL}/uc/oidc/auth`);
    expect(meta.end_session_endpoint).toBe(`${PUBLIC_URL}/uc/oidc/session/end`);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });
});

describe('production configuration (finding 10)', () => {
  it('refuses a PUBLIC_URL that is not https at start', () => {
    const env = { ...PRODUCTION_ENV, SECRET_KEY_FILE: '/run/secrets/tidu.json' };
    expect(loadConfig(env).publicUrl).toBe(PUBLIC_URL);
    expect(() => loadConfig({ ...env, PUBLIC_URL: 'http://tidu.example.gov.cn' })).toThrow(/https PUBLIC_URL/);
    const { PUBLIC_URL: _omitted, ...withoutPublicUrl } = env;
    expect(() => loadConfig(withoutPublicUrl)).toThrow(/https PUBLIC_URL/);
  });
});
