import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as oidc from 'openid-client';
import { SignJWT, importJWK } from 'jose';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { TestClient, latestCode, solveCaptcha } from '../helpers/client.js';
import { logIn } from '../helpers/steps.js';
import { injectFetch } from '../../src/server/http/inject-fetch.js';
import { loadSigningKey } from '../../src/server/idp/oidc/keys.js';

/** Security findings of issue 11 on the single sign-on: return targets, issuer URLs, logout. */

const ORIGIN = 'http://localhost:3000';
const ISSUER = `${ORIGIN}/uc/oidc`;
const OTHER_RP = { client_id: 'gov-demo-service', client_secret: 'gov-demo-secret-0123456789abcdef', client_name: '某政务服务系统', redirect_uris: ['https://service.example.gov.cn/callback'], post_logout_redirect_uris: ['https://service.example.gov.cn/'] };
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

let ctx: TestContext;
let clientsDir: string;
beforeAll(async () => {
  clientsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidc-security-'));
  const file = path.join(clientsDir, 'clients.json');
  fs.writeFileSync(file, JSON.stringify([OTHER_RP]));
  ctx = await createTestContext({ OIDC_CLIENTS_FILE: file });
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(clientsDir, { recursive: true, force: true });
});

/** A browser logged in at the IdP and, through single sign-on, at the platform. */
async function loggedInEverywhere(identifier = 'demo_xjr') {
  const browser = new TestClient(ctx.app);
  await logIn(ctx, browser, identifier);
  const end = await browser.follow(await browser.get('/auth/login?returnTo=/'));
  expect(end.visited.at(-1)).toBe(`${ORIGIN}/`);
  expect((await browser.get('/api/platform/me')).json().loggedIn).toBe(true);
  return browser;
}

async function loggedIn(browser: TestClient) {
  return {
    platform: (await browser.get('/api/platform/me')).json().loggedIn as boolean,
    idp: (await browser.get('/api/uc/me')).json().loggedIn as boolean,
  };
}

async function accountIdOf(loginName: string) {
  const row = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', loginName).executeTakeFirstOrThrow();
  return row.id;
}

describe('returnTo after platform login (finding 2)', () => {
  // As typed into the address bar: the query string of /auth/login.
  const nasty = [
    '%2F%09%2Fevil.example%2Fphish',
    '%2F%0A%2Fevil.example',
    '%2F%0D%0ASet-Cookie%3A%20a%3Db',
    '%2F%00%2Fevil.example',
    '%2F%2Fevil.example',
    '%2F%5Cevil.example',
    '%5C%5Cevil.example',
    'https%3A%2F%2Fevil.example%2Fphish',
    'http%3A%2F%2Flocalhost%3A3000%40evil.example%2F',
    '%2F%2F%2Fevil.example',
    '%2F..%2F%2Fevil.example',
    '%2F.%2F%2Fevil.example',
    '%2F%252F%252Fevil.example',
    '%2F%2F%2Fevil.example%2F%2E%2E',
    'javascript%3Aalert(1)',
    '%20%2F%2Fevil.example',
    '%E2%80%A8%2F%2Fevil.example',
  ];

  it('never leaves the site and never answers 5xx, whatever returnTo holds', async () => {
    const browser = new TestClient(ctx.app);
    await logIn(ctx, browser, 'demo_xjr');
    for (const raw of nasty) {
      // Follow the single sign-on up to the platform's callback; its answer is what matters.
      let res: LightMyRequestResponse = await browser.get(`/auth/login?returnTo=${raw}`);
      for (let hop = 0; hop < 10; hop++) {
        expect(res.statusCode, raw).toBeLessThan(500);
        if (res.statusCode < 300 || res.statusCode >= 400) break;
        const target = new URL(String(res.headers.location), ORIGIN);
        if (target.origin !== ORIGIN) break;
        res = await browser.get(target.pathname + target.search);
        if (target.pathname === '/auth/callback') break;
      }
      expect(res.statusCode, raw).toBeLessThan(500);
      expect(res.statusCode, raw).toBe(302);
      const location = String(res.headers.location);
      // What the browser does with the Location header: same origin, no control characters.
      expect(location, raw).toMatch(/^\/(?![/\\])/);
      expect(location, raw).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      expect(new URL(location, ORIGIN).origin, raw).toBe(ORIGIN);
    }
  });

  it('still returns to a path of the site, with its query', async () => {
    const browser = new TestClient(ctx.app);
    await logIn(ctx, browser, 'demo_xjr');
    const end = await browser.follow(await browser.get(`/auth/login?returnTo=${encodeURIComponent('/financing?tab=apply#form')}`));
    expect(end.visited.at(-1)).toBe(`${ORIGIN}/financing?tab=apply#form`);
  });
});

describe('OIDC URLs come from PUBLIC_URL, never from request headers (finding 4)', () => {
  const forged: Record<string, string>[] = [
    { host: 'evil.example' },
    { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    { host: 'evil.example:8080', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'https', 'x-forwarded-port': '444', forwarded: 'host=evil3.example;proto=http' },
  ];

  it('discovery names only PUBLIC_URL endpoints and is cacheable without Vary on forwarded headers', async () => {
    for (const headers of forged) {
      const res = await ctx.app.inject({ url: '/uc/oidc/.well-known/openid-configuration', headers });
      expect(res.statusCode).toBe(200);
      const meta = res.json() as Record<string, unknown>;
      expect(meta.issuer).toBe(ISSUER);
      const urls = Object.entries(meta).filter(([key, value]) => typeof value === 'string' && (key === 'issuer' || key.endsWith('_endpoint') || key.endsWith('_uri')));
      expect(urls.length).toBeGreaterThan(5);
      for (const [key, value] of urls) expect(value, `${key} with ${JSON.stringify(headers)}`).toMatch(new RegExp(`^${ISSUER}(/|$)`));
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(String(res.headers.vary ?? '')).not.toMatch(/host|forwarded|proto/i);
    }
  });

  it('a login through forged headers still sends the browser only to PUBLIC_URL', async () => {
    const browser = new TestClient(ctx.app);
    const send = browser.request.bind(browser);
    browser.request = (method, url, body, headers = {}) => send(method, url, body, { ...headers, 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    await logIn(ctx, browser, 'demo_xjr');
    const start = await browser.get('/auth/login?returnTo=/');
    const locations: string[] = [];
    let res = start;
    for (let hop = 0; hop < 10 && res.statusCode >= 300 && res.statusCode < 400; hop++) {
      const location = String(res.headers.location);
      locations.push(location);
      const target = new URL(location, ORIGIN);
      expect(target.origin, location).toBe(ORIGIN);
      res = await browser.get(target.pathname + target.search);
    }
    expect(locations.at(-1)).toBe('/');
    expect((await browser.get('/api/platform/me')).json().loggedIn).toBe(true);
  });
});

describe('sessions after credential changes and logout (finding 8)', () => {
  async function otherRpTokens(identifier: string, password = 'Demo@2025') {
    const config = await oidc.discovery(new URL(ISSUER), OTHER_RP.client_id, OTHER_RP.client_secret, oidc.ClientSecretBasic(OTHER_RP.client_secret), {
      execute: [oidc.allowInsecureRequests],
      [oidc.customFetch]: injectFetch(ctx.app),
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: OTHER_RP.redirect_uris[0],
      scope: 'openid profile enterprise',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const browser = new TestClient(ctx.app);
    await logIn(ctx, browser, identifier, password);
    const consent = await browser.follow(await browser.get(authUrl.pathname + authUrl.search));
    const action = /action="([^"]+)"/.exec(consent.res.body)![1];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(consent.res.body)![1];
    const back = await browser.follow(await browser.request('POST', action, `_csrf=${encodeURIComponent(csrf)}&decision=approve`, { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': '' }));
    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location!), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    return { config, tokens, browser };
  }

  it('a password change revokes the access tokens and grants of the account (userinfo refused)', async () => {
    const { config, tokens, browser } = await otherRpTokens('demo_incomplete');
    const sub = tokens.claims()!.sub;
    expect((await oidc.fetchUserInfo(config, tokens.access_token, sub)).preferred_username).toBe('demo_incomplete');
    const grantsBefore = await ctx.deps.db.kysely.selectFrom('oidc_payloads').select('id').where('model', '=', 'Grant').where('payload', 'like', `%${sub}%`).execute();
    expect(grantsBefore.length).toBeGreaterThan(0);

    const changed = await browser.post('/api/uc/account/password', { oldPassword: 'Demo@2025', newPassword: 'Another#Pass2026', confirmPassword: 'Another#Pass2026' });
    expect(changed.statusCode).toBe(200);

    await expect(oidc.fetchUserInfo(config, tokens.access_token, sub)).rejects.toMatchObject({ status: 401 });
    const grantsAfter = await ctx.deps.db.kysely.selectFrom('oidc_payloads').select('id').where('model', '=', 'Grant').where('payload', 'like', `%${sub}%`).execute();
    expect(grantsAfter).toEqual([]);
    // The browser that changed the password keeps its 统一登录系统 session and can sign in to the platform again.
    expect((await browser.get('/api/uc/me')).json().loggedIn).toBe(true);
    const again = await browser.follow(await browser.get('/auth/login?returnTo=/'));
    expect(again.visited.at(-1)).toBe(`${ORIGIN}/`);
    expect((await browser.get('/api/platform/me')).json().loggedIn).toBe(true);
  });

  it('【退出登录】 at the IdP ends the platform session of that browser (back-channel logout), not of another browser', async () => {
    const browser = await loggedInEverywhere('demo_xjr');
    const elsewhere = await loggedInEverywhere('demo_xjr');
    const logout = await browser.post('/api/uc/logout');
    expect(logout.statusCode).toBe(200);
    expect(await loggedIn(browser)).toEqual({ platform: false, idp: false });
    expect(await loggedIn(elsewhere)).toEqual({ platform: true, idp: true });
  });

  it('【退出登录】 with a tampered or stale oidc_session cookie still logs out (no 500)', async () => {
    const browser = await loggedInEverywhere('demo_xjr');
    browser.cookies.set('oidc_session', 'tampered');
    browser.cookies.set('oidc_session.sig', 'tampered');
    const logout = await browser.post('/api/uc/logout');
    expect(logout.statusCode).toBe(200);
    expect((await browser.get('/api/uc/me')).json().loggedIn).toBe(false);
  });

  it("注销账号 ends the account's single sign-on too: grants and tokens gone, platform logged out", async () => {
    const { config, tokens, browser } = await otherRpTokens('demo_incomplete', 'Another#Pass2026');
    const sub = tokens.claims()!.sub;
    expect((await browser.follow(await browser.get('/auth/login?returnTo=/'))).visited.at(-1)).toBe(`${ORIGIN}/`);
    await browser.post('/api/uc/account/close/code', await solveCaptcha(ctx, browser));
    const closed = await browser.post('/api/uc/account/close', { password: 'Another#Pass2026', smsCode: latestCode(ctx, '13800000002') });
    expect(closed.statusCode, closed.body).toBe(200);
    await expect(oidc.fetchUserInfo(config, tokens.access_token, sub)).rejects.toMatchObject({ status: 401 });
    const grants = await ctx.deps.db.kysely.selectFrom('oidc_payloads').select('id').where('model', '=', 'Grant').where('payload', 'like', `%${sub}%`).execute();
    expect(grants).toEqual([]);
    expect(await loggedIn(browser)).toEqual({ platform: false, idp: false });
  });

  it('the platform session records the OIDC sid and sub it came from', async () => {
    await loggedInEverywhere('demo_bound');
    const [session] = await ctx.deps.sessions.listFor(await accountIdOf('demo_bound'), 'platform');
    expect(typeof session.data.sid).toBe('string');
  });

  describe('the platform back-channel logout endpoint', () => {
    async function logoutToken(claims: Record<string, unknown>, options: { key?: 'idp' | 'other'; typ?: string } = {}) {
      const jwk = options.key === 'other' ? { ...(crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as object), kid: 'x' } : loadSigningKey(ctx.config);
      const key = await importJWK(jwk as never, 'ES256');
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: (jwk as { kid: string }).kid, typ: options.typ ?? 'logout+jwt' })
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(key);
    }
    const post = (token: string) => ctx.app.inject({ method: 'POST', url: '/auth/backchannel-logout', headers: { host: 'localhost:3000', 'content-type': 'application/x-www-form-urlencoded' }, payload: `logout_token=${encodeURIComponent(token)}` });

    it('ends the platform session named by a valid logout token, refuses forged ones', async () => {
      const browser = await loggedInEverywhere('demo_person');
      const sub = await accountIdOf('demo_person');
      const [session] = await ctx.deps.sessions.listFor(sub, 'platform');
      const sid = String(session.data.sid);
      const valid = { iss: ISSUER, aud: 'tidu-platform', sub, sid, jti: crypto.randomUUID(), events: { [BACKCHANNEL_EVENT]: {} } };
      const forged: [string, Promise<string>][] = [
        ['signed by another key', logoutToken(valid, { key: 'other' })],
        ['another issuer', logoutToken({ ...valid, iss: 'http://evil.example/uc/oidc' })],
        ['another audience', logoutToken({ ...valid, aud: OTHER_RP.client_id })],
        ['no logout event', logoutToken({ ...valid, events: undefined })],
        ['an ID token (nonce)', logoutToken({ ...valid, nonce: 'n' })],
        ['neither sid nor sub', logoutToken({ ...valid, sid: undefined, sub: undefined })],
        ['not a JWT', Promise.resolve('not-a-jwt')],
      ];
      for (const [label, token] of forged) {
        const res = await post(await token);
        expect(res.statusCode, label).toBe(400);
        expect((await browser.get('/api/platform/me')).json().loggedIn, label).toBe(true);
      }
      const res = await post(await logoutToken(valid));
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect((await browser.get('/api/platform/me')).json().loggedIn).toBe(false);
    });
  });

  describe('RP-initiated logout asks unless the relying party proves itself', () => {
    it('a bare GET to end_session shows a confirmation page and logs nobody out', async () => {
      const browser = await loggedInEverywhere('demo_xjr');
      const meta = (await ctx.app.inject({ url: '/uc/oidc/.well-known/openid-configuration' })).json();
      const endSession = new URL(meta.end_session_endpoint as string);
      const page = await browser.get(endSession.pathname);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('确定要退出统一登录系统吗');
      expect(page.body).toContain('>退出<');
      expect(page.body).not.toContain('logout.js');
      expect(await loggedIn(browser)).toEqual({ platform: true, idp: true });

      // Another site cannot confirm for the user: the form carries a secret of this page.
      const forgedConfirm = await browser.request('POST', `${endSession.pathname}/confirm`, 'logout=yes', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(forgedConfirm.statusCode).toBe(400);
      expect(await loggedIn(browser)).toEqual({ platform: true, idp: true });

      // The person's own click on 【退出】 ends everything.
      const action = /action="([^"]+)"/.exec(page.body)![1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)![1];
      const confirmed = await browser.request('POST', new URL(action, ORIGIN).pathname, `xsrf=${xsrf}&logout=yes`, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(confirmed.statusCode).toBe(303);
      expect(await loggedIn(browser)).toEqual({ platform: false, idp: false });
    });

    it('an id_token_hint of another account still asks', async () => {
      const other = await loggedInEverywhere('demo_bound');
      const [otherSession] = await ctx.deps.sessions.listFor(await accountIdOf('demo_bound'), 'platform');
      expect(otherSession).toBeDefined();
      const browser = await loggedInEverywhere('demo_xjr');
      // The platform's 【退出】 URL of the other browser, opened in this one.
      const logout = await other.post('/auth/logout');
      const hinted = new URL(String(logout.headers.location));
      expect(hinted.searchParams.get('id_token_hint')).toBeTruthy();
      const page = await browser.get(hinted.pathname + hinted.search);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('确定要退出统一登录系统吗');
      expect(page.body).not.toContain('logout.js');
      expect(await loggedIn(browser)).toEqual({ platform: true, idp: true });
    });

    it('the platform 【退出】 (valid id_token_hint of this session) confirms by itself', async () => {
      const browser = await loggedInEverywhere('demo_xjr');
      const page = await browser.follow(await browser.post('/auth/logout'));
      expect(page.res.body).toContain('正在退出统一登录系统');
      expect(page.res.body).toContain('/uc/oidc-assets/logout.js');
    });

    it('with only a 统一登录系统 session (no OIDC session), the auto-posted confirmation keeps it', async () => {
      const browser = new TestClient(ctx.app);
      await logIn(ctx, browser, 'demo_xjr');
      const page = await browser.get('/uc/oidc/session/end');
      expect(page.statusCode).toBe(200);
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)![1];
      const confirmed = await browser.request('POST', '/uc/oidc/session/end/confirm', `xsrf=${xsrf}&logout=yes`, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(confirmed.statusCode).toBe(303);
      expect((await browser.get('/api/uc/me')).json().loggedIn).toBe(true);
    });
  });
});
