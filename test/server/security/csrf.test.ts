import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { registerErrorHandling } from '../../../src/server/plugins/errors.js';
import { registerSessions } from '../../../src/server/plugins/session.js';
import type { OperatorRole } from '../../../src/shared/operator-labels.js';
import { operatorSessionData, platformSessionData } from '../../helpers/sessions.js';

/**
 * CSRF on every state-changing request (quality.md Security). The list of routes comes from
 * the app itself (`routeAccess`), so a route added later is covered without editing this file.
 */

/**
 * Routes that other sites call by protocol (OIDC token, userinfo…) and that declare
 * `config: { csrf: false }`. Keep this list explicit: adding one is a security review.
 */
const CSRF_EXEMPT: string[] = [
  // oidc-provider under /uc/oidc: token, userinfo, end-session… (the provider checks its own state).
  'POST /uc/oidc/*',
  // OpenID Connect back-channel logout: the IdP posts a logout token, checked against its keys.
  'POST /auth/backchannel-logout',
];

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let ctx: TestContext;
let demoId: string;
let operator: { id: string; role: OperatorRole; regionCode: string };
beforeAll(async () => {
  ctx = await createTestContext();
  demoId = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow()).id;
  const row = await ctx.deps.db.kysely.selectFrom('operators').select(['id', 'role', 'region_code']).where('username', '=', 'admin').executeTakeFirst();
  operator = row ? { id: row.id, role: row.role, regionCode: row.region_code } : { id: 'no-operator', role: 'ministry', regionCode: '' };
});
afterAll(async () => ctx?.close());

/** A concrete URL for a route pattern: `:id` and `*` become harmless values. */
const concreteUrl = (pattern: string) => pattern.replace(/:[A-Za-z0-9_]+/g, 'csrf-test').replace(/\*/g, 'csrf-test');

const stateChangingRoutes = () => ctx.app.routeAccess.filter((r) => STATE_CHANGING.has(r.method));
const label = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/**
 * A browser with a CSRF secret cookie, a token for it, and live sessions in every realm, so
 * that the access check (which runs first) lets each request through to the CSRF check.
 */
async function browser() {
  const csrf = await ctx.app.inject('/api/csrf');
  expect(csrf.statusCode).toBe(200);
  const token = csrf.json().token as string;
  expect(token).toMatch(/\S{16,}/);
  const secretCookie = csrf.cookies.find((c) => c.name === 'csrf_secret');
  expect(secretCookie).toBeDefined();
  const cookies: Record<string, string> = {
    csrf_secret: secretCookie!.value,
    uc_sid: await ctx.deps.sessions.create('uc', demoId, {}),
    pf_sid: await ctx.deps.sessions.create('platform', demoId, platformSessionData(ctx.deps.pii)),
    adm_sid: await ctx.deps.sessions.create('admin', operator.id, operatorSessionData({ role: operator.role, regionCode: operator.regionCode })),
    inst_sid: await ctx.deps.sessions.create('institution', 'csrf-institution', operatorSessionData()),
  };
  return { token, cookies };
}

async function send(route: { method: string; url: string }, cookies: Record<string, string>, headers: Record<string, string> = {}) {
  return ctx.app.inject({
    method: route.method as 'POST',
    url: concreteUrl(route.url),
    payload: {},
    cookies,
    headers,
  });
}

function expectCsrfRejected(res: Awaited<ReturnType<typeof send>>, what: string) {
  expect(res.statusCode, what).toBe(403);
  const body = res.json();
  expect(body, what).toMatchObject({ code: 'CSRF_INVALID', fieldErrors: {} });
  expect(body.message, what).toBe('页面已过期，请刷新后重试');
  expect(body.requestId, what).toEqual(expect.any(String));
}

describe('CSRF protection of state-changing routes', () => {
  it('there are state-changing routes to check (the derivation works)', () => {
    const urls = stateChangingRoutes().map(label);
    expect(urls).toContain('POST /api/uc/login');
    expect(urls).toContain('POST /api/session/keepalive');
    expect(urls).toContain('POST /api/uc/account/password');
  });

  it('every one rejects a request without a token (403 CSRF_INVALID, Chinese message)', async () => {
    const { cookies } = await browser();
    for (const route of stateChangingRoutes()) {
      if (CSRF_EXEMPT.includes(label(route))) continue;
      expectCsrfRejected(await send(route, cookies), label(route));
    }
  });

  it('every one rejects a wrong token, a token in the query string, and another browser’s token', async () => {
    const mine = await browser();
    const theirs = await browser();
    const forged = mine.token.slice(0, -4) + (mine.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const route of stateChangingRoutes()) {
      if (CSRF_EXEMPT.includes(label(route))) continue;
      const what = label(route);
      expectCsrfRejected(await send(route, mine.cookies, { 'x-csrf-token': forged }), `${what} (forged)`);
      expectCsrfRejected(await send(route, mine.cookies, { 'x-csrf-token': theirs.token }), `${what} (other browser)`);
      expectCsrfRejected(await send(route, mine.cookies, { 'x-csrf-token': '' }), `${what} (empty)`);
      // The header or a form's _csrf field carry it; a query parameter (leaks into logs and
      // Referer) does not.
      const inQuery = await ctx.app.inject({ method: route.method as 'POST', url: `${concreteUrl(route.url)}?_csrf=${encodeURIComponent(mine.token)}`, payload: {}, cookies: mine.cookies });
      expectCsrfRejected(inQuery, `${what} (token in query)`);
    }
  });

  it('every one rejects a valid token without its secret cookie', async () => {
    const { token, cookies } = await browser();
    const { csrf_secret: _dropped, ...withoutSecret } = cookies;
    for (const route of stateChangingRoutes()) {
      if (CSRF_EXEMPT.includes(label(route))) continue;
      expectCsrfRejected(await send(route, withoutSecret, { 'x-csrf-token': token }), label(route));
    }
  });

  it('every one rejects a tampered (unsigned) secret cookie', async () => {
    const { token, cookies } = await browser();
    const unsigned = cookies.csrf_secret.replace(/\.[^.]*$/, '');
    for (const route of stateChangingRoutes()) {
      if (CSRF_EXEMPT.includes(label(route))) continue;
      expectCsrfRejected(await send(route, { ...cookies, csrf_secret: unsigned }, { 'x-csrf-token': token }), label(route));
    }
  });

  it('every one accepts the token from GET /api/csrf (the request reaches the route)', async () => {
    for (const route of stateChangingRoutes()) {
      // A fresh browser per route: logout and the like end the sessions they are sent with.
      const { token, cookies } = await browser();
      const res = await send(route, cookies, { 'x-csrf-token': token });
      const what = `${label(route)} → ${res.statusCode} ${res.body}`;
      expect(res.statusCode, what).not.toBe(403);
      expect(res.statusCode, what).toBeLessThan(500);
      if (res.statusCode >= 400 && String(res.headers['content-type']).includes('json')) expect(res.json().code, what).not.toBe('CSRF_INVALID');
    }
  });

  it('a plain HTML form may carry the token in a _csrf field instead of the header', async () => {
    const { token, cookies } = await browser();
    const asJson = await ctx.app.inject({ method: 'POST', url: '/api/session/keepalive', payload: { realm: 'uc', _csrf: token }, cookies });
    expect(asJson.statusCode).toBe(200);
    const forged = await ctx.app.inject({ method: 'POST', url: '/api/session/keepalive', payload: { realm: 'uc', _csrf: `${token}x` }, cookies });
    expectCsrfRejected(forged, 'forged _csrf field');
  });

  it('a token stays valid across requests (one per page load is enough)', async () => {
    const { token, cookies } = await browser();
    for (let i = 0; i < 3; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/session/keepalive', payload: { realm: 'uc' }, cookies, headers: { 'x-csrf-token': token } });
      expect(res.statusCode).toBe(200);
    }
  });

  it('only the explicit allow-list is exempt (observed: no token and still not CSRF_INVALID)', async () => {
    const { cookies } = await browser();
    const exempt: string[] = [];
    for (const route of stateChangingRoutes()) {
      const res = await send(route, cookies);
      const isJson = String(res.headers['content-type']).includes('json');
      if (!(res.statusCode === 403 && isJson && res.json().code === 'CSRF_INVALID')) exempt.push(label(route));
    }
    expect(exempt.sort()).toEqual([...CSRF_EXEMPT].sort());
  });

  it('safe methods need no token', async () => {
    for (const url of ['/api/csrf', '/api/captcha', '/api/site', '/api/uc/me', '/api/session/status?realm=uc']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('an unknown URL answers 404 in the error model, with or without a token', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/does-not-exist', payload: {} });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});

describe('the CSRF mechanism (plugin level)', () => {
  it('exempts exactly the routes that say csrf: false, and fails closed for undeclared ones', async () => {
    const app = Fastify({ logger: false });
    // As in app.ts: routes (GET /api/csrf among them) declare zod schemas.
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    await registerSessions(app, ctx.config, ctx.deps.sessions, Buffer.alloc(32, 7));
    app.post('/exempt', { config: { access: 'anonymous', csrf: false } }, async () => ({ ok: true }));
    app.post('/guarded', { config: { access: 'anonymous' } }, async () => ({ ok: true }));
    app.post('/undeclared', async () => ({ ok: true }));
    app.put('/guarded-put', { config: { access: 'anonymous' } }, async () => ({ ok: true }));
    app.delete('/guarded-delete', { config: { access: 'anonymous' } }, async () => ({ ok: true }));
    app.patch('/guarded-patch', { config: { access: 'anonymous' } }, async () => ({ ok: true }));
    await app.ready();
    try {
      expect((await app.inject({ method: 'POST', url: '/exempt' })).statusCode).toBe(200);
      for (const [method, url] of [['POST', '/guarded'], ['POST', '/undeclared'], ['PUT', '/guarded-put'], ['DELETE', '/guarded-delete'], ['PATCH', '/guarded-patch']] as const) {
        const res = await app.inject({ method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().code).toBe('CSRF_INVALID');
      }
      const csrf = await app.inject('/api/csrf');
      const secret = csrf.cookies.find((c) => c.name === 'csrf_secret')!.value;
      const ok = await app.inject({ method: 'POST', url: '/guarded', cookies: { csrf_secret: secret }, headers: { 'x-csrf-token': csrf.json().token } });
      expect(ok.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
