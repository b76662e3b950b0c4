import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { registerSecurityHeaders } from '../../../src/server/plugins/security-headers.js';

/** Security headers (quality.md Security): CSP with nonces, framing, sniffing, referrer, HSTS, body limits. */

const PAGES = ['/', '/portal/sme', '/uc/login', '/admin', '/institution'];

function cspOf(res: LightMyRequestResponse): Map<string, string[]> {
  const header = res.headers['content-security-policy'];
  expect(header, 'content-security-policy header').toBeDefined();
  const directives = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

const nonceOf = (values: string[] | undefined) => values?.find((v) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(v))?.slice(7, -1);

describe('security headers (APP_ENV=test, i.e. outside development)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  it('pages get a CSP whose scripts need a per-response nonce, never unsafe-inline', async () => {
    for (const url of PAGES) {
      const res = await ctx.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      const csp = cspOf(res);
      const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
      expect(scriptSrc, url).toBeDefined();
      expect(nonceOf(scriptSrc), `${url} script nonce`).toBeDefined();
      for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
        expect(scriptSrc, `${url} script-src ${forbidden}`).not.toContain(forbidden);
      }
      expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
      expect(csp.get('script-src-attr') ?? [], url).not.toContain("'unsafe-inline'");
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(csp.get('object-src'), url).toEqual(["'none'"]);
      expect(csp.get('default-src'), url).toEqual(["'self'"]);
      expect(csp.get('base-uri'), url).toEqual(["'self'"]);
    }
  });

  it('the nonce changes with every response and every <script> of the page carries it', async () => {
    const a = await ctx.app.inject('/portal/sme');
    const b = await ctx.app.inject('/portal/sme');
    const nonceA = nonceOf(cspOf(a).get('script-src'))!;
    const nonceB = nonceOf(cspOf(b).get('script-src'))!;
    expect(nonceA).not.toBe(nonceB);
    const scripts = a.body.match(/<script\b[^>]*>/g) ?? [];
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceA}"`);
    expect(a.body).not.toContain(nonceB);
    expect(a.body).not.toContain('__CSP_NONCE__');
    // The style nonce the page hands to antd is the one the header allows.
    const styleNonce = nonceOf(cspOf(a).get('style-src'));
    const meta = a.body.match(/<meta name="csp-nonce" content="([^"]*)"/);
    if (meta) expect(meta[1]).toBe(styleNonce);
  });

  it('nosniff, frame denial, a strict referrer policy and HSTS on pages, API answers and errors', async () => {
    for (const url of ['/portal/sme', '/api/site', '/api/nope', '/api/csrf']) {
      const res = await ctx.app.inject(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(String(res.headers['x-frame-options']).toUpperCase(), url).toBe('DENY');
      expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], url).toContain(res.headers['referrer-policy']);
      const hsts = String(res.headers['strict-transport-security'] ?? '');
      expect(hsts, url).toMatch(/max-age=\d+/);
      expect(Number(/max-age=(\d+)/.exec(hsts)![1]), url).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts, url).toMatch(/includeSubDomains/i);
      expect(res.headers['x-powered-by'], url).toBeUndefined();
      expect(cspOf(res).get('frame-ancestors'), url).toEqual(["'none'"]);
    }
  });

  it('answers other than HTML pages carry the policy without nonces: no inline script or style at all', async () => {
    for (const url of ['/api/site', '/api/csrf', '/api/nope']) {
      const csp = cspOf(await ctx.app.inject(url));
      expect(csp.get('script-src'), url).toEqual(["'self'"]);
      expect(csp.get('style-src'), url).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
    }
  });

  it('health probes answer the load balancer with nosniff and no-store only', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await ctx.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['content-security-policy'], url).toBeUndefined();
    }
  });

  it('answers the OIDC provider writes itself carry the same headers and the request id', async () => {
    const res = await ctx.app.inject('/uc/oidc/.well-known/openid-configuration');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['x-frame-options']).toUpperCase()).toBe('DENY');
    expect(cspOf(res).get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pages and personal answers are not cached', async () => {
    expect(String((await ctx.app.inject('/portal/sme')).headers['cache-control'])).toContain('no-store');
    expect(String((await ctx.app.inject('/api/captcha')).headers['cache-control'])).toContain('no-store');
  });

  it('bodies over the limit are refused with 413 in the error model', async () => {
    const csrf = await ctx.app.inject('/api/csrf');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/uc/login',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.json().token },
      cookies: { csrf_secret: csrf.cookies.find((c) => c.name === 'csrf_secret')!.value },
      payload: JSON.stringify({ identifier: 'x'.repeat(ctx.config.bodyLimitBytes + 10), password: 'x' }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE', fieldErrors: {} });
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(ctx.config.bodyLimitBytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it('every response carries its request id', async () => {
    const res = await ctx.app.inject('/api/site');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // A request id sent by the client is not echoed (no log injection).
    const forged = await ctx.app.inject({ url: '/api/nope', headers: { 'x-request-id': 'forged\nline' } });
    expect(forged.json().requestId).not.toBe('forged\nline');
  });
});

describe('security headers in development', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ APP_ENV: 'development', LOG_LEVEL: 'warn' });
  });
  afterAll(async () => ctx?.close());

  it('the context really is development', () => {
    expect(ctx.config.appEnv).toBe('development');
  });

  it('sends no HSTS (plain http://localhost) but keeps the CSP and the other headers', async () => {
    for (const url of ['/portal/sme', '/api/site']) {
      const res = await ctx.app.inject(url);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(cspOf(res).get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
    }
  });

  it('cookies are not Secure in development (http), still HttpOnly and SameSite=Lax', async () => {
    const res = await ctx.app.inject('/api/csrf');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('csrf_secret='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe('registerSecurityHeaders by environment (plugin level)', () => {
  for (const [appEnv, hsts] of [
    ['development', false],
    ['test', true],
    ['production', true],
  ] as const) {
    it(`${appEnv}: HSTS ${hsts ? 'on' : 'off'}`, async () => {
      const app = Fastify({ logger: false });
      await registerSecurityHeaders(app, { appEnv } as Parameters<typeof registerSecurityHeaders>[1]);
      app.get('/', async () => ({ ok: true }));
      const res = await app.inject('/');
      expect(res.headers['strict-transport-security'] !== undefined).toBe(hsts);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      await app.close();
    });
  }
});
