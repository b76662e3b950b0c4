import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { TestClient } from '../helpers/client.js';
import { logIn } from '../helpers/steps.js';
import { newLoggedInAccount } from '../helpers/accounts.js';
import { injectFetch } from '../../src/server/http/inject-fetch.js';

const ORIGIN = 'http://localhost:3000';
const ISSUER = `${ORIGIN}/uc/oidc`;
const OTHER_RP = { client_id: 'gov-demo-service', client_secret: 'gov-demo-secret-0123456789abcdef', client_name: '某政务服务系统', redirect_uris: ['https://service.example.gov.cn/callback'], post_logout_redirect_uris: ['https://service.example.gov.cn/'] };

let ctx: TestContext;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidc-clients-'));
  const file = path.join(dir, 'clients.json');
  fs.writeFileSync(file, JSON.stringify([OTHER_RP]));
  ctx = await createTestContext({ OIDC_CLIENTS_FILE: file });
});
afterAll(async () => ctx?.close());

/** Platform 【登录】 → IdP login page → login → back to the platform. */
async function platformLogin(client: TestClient, identifier = 'demo_xjr', returnTo = '/financing') {
  const start = await client.follow(await client.get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`));
  if (start.location === null && start.res.statusCode === 200) {
    // the IdP asked for a login: our /uc/login page with return_to=/uc/interaction/…
    const loginPage = start.visited.find((u) => u.includes('/uc/login'))!;
    const returnToInteraction = new URL(loginPage).searchParams.get('return_to')!;
    await logIn(ctx, client, identifier);
    return client.follow(await client.get(returnToInteraction));
  }
  return start;
}

describe('discovery', () => {
  it('publishes the issuer under /uc/oidc with code + PKCE S256 and ES256 ID tokens', async () => {
    const res = await ctx.app.inject({ url: '/uc/oidc/.well-known/openid-configuration', headers: { host: 'localhost:3000' } });
    const meta = res.json();
    expect(meta.issuer).toBe(ISSUER);
    expect(meta.authorization_endpoint).toBe(`${ISSUER}/auth`);
    expect(meta.jwks_uri).toBe(`${ISSUER}/jwks`);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.id_token_signing_alg_values_supported).toEqual(['ES256']);
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'enterprise']));
    const jwks = (await ctx.app.inject({ url: '/uc/oidc/jwks', headers: { host: 'localhost:3000' } })).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});

describe('platform single sign-on', () => {
  it('logs in through the IdP and lands where it started, showing the 企业名称', async () => {
    const browser = new TestClient(ctx.app);
    const end = await platformLogin(browser);
    expect(end.visited.at(-1)).toBe(`${ORIGIN}/financing`);
    expect((await browser.get('/api/platform/me')).json()).toEqual({ loggedIn: true, displayName: '北京智芯微电子科技有限公司', userType: 'legal' });
    expect(browser.cookies.has('pf_sid')).toBe(true);
  });

  it('needs no second login while the 统一登录系统 session lives (portal 在线办理)', async () => {
    const browser = new TestClient(ctx.app);
    await logIn(ctx, browser, 'demo_bound');
    const end = await browser.follow(await browser.get('/auth/login?returnTo=/'));
    expect(end.visited.some((u) => u.includes('/uc/login'))).toBe(false);
    expect(end.visited.at(-1)).toBe(`${ORIGIN}/`);
    expect((await browser.get('/api/platform/me')).json().displayName).toBe('青岛海川智能装备有限公司');
  });

  it('shows the person name for 自然人', async () => {
    const browser = new TestClient(ctx.app);
    await platformLogin(browser, 'demo_person', '/');
    expect((await browser.get('/api/platform/me')).json().displayName).toBe('刘洋');
  });

  it('gives an account without 实名认证 no platform session and sends it to the 用户中心', async () => {
    const { client } = await newLoggedInAccount(ctx);
    const end = await client.follow(await client.get('/auth/login?returnTo=/'));
    expect(end.visited.at(-1)).toBe(`${ORIGIN}/uc/center`);
    expect((await client.get('/api/platform/me')).json()).toEqual({ loggedIn: false });
  });

  it('asks for a login again after 【退出登录】 at the IdP', async () => {
    const browser = new TestClient(ctx.app);
    await platformLogin(browser);
    await browser.post('/api/uc/logout');
    const again = await browser.follow(await browser.get('/auth/login?returnTo=/'));
    expect(again.visited.some((u) => u.includes('/uc/login'))).toBe(true);
  });

  it('【退出】 ends the platform and the IdP sessions (RP-initiated logout)', async () => {
    const browser = new TestClient(ctx.app);
    await platformLogin(browser);
    const logout = await browser.post('/auth/logout');
    expect(logout.statusCode).toBe(303);
    const confirmPage = await browser.follow(logout);
    expect(confirmPage.res.body).toContain('正在退出统一登录系统');
    const form = /action="([^"]+)"/.exec(confirmPage.res.body)!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmPage.res.body)!;
    const confirm = await browser.request('POST', new URL(form[1], ORIGIN).pathname, `xsrf=${xsrf[1]}&logout=yes`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toBe(`${ORIGIN}/`);
    expect((await browser.get('/api/platform/me')).json()).toEqual({ loggedIn: false });
    expect((await browser.get('/api/uc/me')).json()).toEqual({ loggedIn: false });
  });
});

describe('protocol safety', () => {
  it('refuses an unregistered redirect URI with a Chinese page and no redirect', async () => {
    const res = await ctx.app.inject(
      `/uc/oidc/auth?client_id=tidu-platform&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}&code_challenge=abcabcabcabcabcabcabcabcabcabcabcabcabcabca&code_challenge_method=S256&state=s&nonce=n`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toContain('回调地址未登记');
    expect(res.body).not.toMatch(/oops|something went wrong/i);
  });

  it('refuses an authorization request without PKCE', async () => {
    const res = await ctx.app.inject(`/uc/oidc/auth?client_id=tidu-platform&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${ORIGIN}/auth/callback`)}&state=s&nonce=n`);
    // the error goes back to the registered redirect URI (the protocol's way), never to the user as English
    const location = new URL(String(res.headers.location));
    expect(location.pathname).toBe('/auth/callback');
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a callback whose state does not belong to this browser', async () => {
    const browser = new TestClient(ctx.app);
    await browser.get('/auth/login?returnTo=/');
    const res = await browser.get('/auth/callback?code=abc&state=forged');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('登录请求已过期或已使用');
  });

  it('refuses an ID token whose nonce does not match', async () => {
    const browser = new TestClient(ctx.app);
    await logIn(ctx, browser, 'demo_xjr');
    const start = await browser.get('/auth/login?returnTo=/');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const pending = JSON.parse((await ctx.deps.store.get(`rp:${state}`))!);
    await ctx.deps.store.set(`rp:${state}`, JSON.stringify({ ...pending, nonce: 'another-nonce' }), 60_000);
    const end = await browser.follow(start);
    expect(end.res.statusCode).toBe(400);
    expect(end.res.body).toContain('登录凭证校验失败');
  });
});

describe('a second relying party from OIDC_CLIENTS_FILE', () => {
  it('asks consent, signs in, verifies the ID token against jwks_uri, and refuses a replayed code', async () => {
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
    await logIn(ctx, browser, 'demo_xjr');
    const consent = await browser.follow(await browser.get(authUrl.pathname + authUrl.search));
    expect(consent.res.body).toContain('授权确认');
    expect(consent.res.body).toContain('某政务服务系统');
    expect(consent.res.body).toContain('>同意<');
    expect(consent.res.body).toContain('>拒绝<');
    const action = /action="([^"]+)"/.exec(consent.res.body)![1];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(consent.res.body)![1];
    const approved = await browser.request('POST', action, `_csrf=${encodeURIComponent(csrf)}&decision=approve`, { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': '' });
    const back = await browser.follow(approved);
    expect(back.location).toMatch(/^https:\/\/service\.example\.gov\.cn\/callback\?code=/);

    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location!), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    expect(tokens.claims()).toMatchObject({ iss: ISSUER, aud: OTHER_RP.client_id, name: '北京智芯微电子科技有限公司', preferred_username: 'demo_xjr', user_type: 'legal', realname_status: 'verified', uscc: '91110108MA01A1B215' });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo.uscc).toBe('91110108MA01A1B215');

    await expect(oidc.authorizationCodeGrant(config, new URL(back.location!), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a consent form without its _csrf field', async () => {
    const browser = new TestClient(ctx.app);
    await logIn(ctx, browser, 'demo_person');
    const q = new URLSearchParams({ client_id: OTHER_RP.client_id, response_type: 'code', scope: 'openid', redirect_uri: OTHER_RP.redirect_uris[0], state: 'st', nonce: 'nn', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
    const consent = await browser.follow(await browser.get(`/uc/oidc/auth?${q}`));
    const action = /action="([^"]+)"/.exec(consent.res.body)![1];
    const res = await browser.request('POST', action, 'decision=approve', { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': '' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
  });

  it('sends the user back with access_denied after 【拒绝】', async () => {
    const browser = new TestClient(ctx.app);
    await logIn(ctx, browser, 'demo_bound');
    const q = new URLSearchParams({ client_id: OTHER_RP.client_id, response_type: 'code', scope: 'openid profile', redirect_uri: OTHER_RP.redirect_uris[0], state: 'st', nonce: 'nn', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
    const consent = await browser.follow(await browser.get(`/uc/oidc/auth?${q}`));
    const action = /action="([^"]+)"/.exec(consent.res.body)![1];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(consent.res.body)![1];
    const back = await browser.follow(await browser.request('POST', action, `_csrf=${encodeURIComponent(csrf)}&decision=deny`, { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': '' }));
    expect(new URL(back.location!).searchParams.get('error')).toBe('access_denied');
  });
});
