import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('skeleton', () => {
  it('answers health and readiness', async () => {
    expect((await ctx.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: ctx.deps.db.dialect });
  });

  it('answers an unknown API path in the error model with a Chinese message', async () => {
    const res = await ctx.app.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body).toMatchObject({ code: 'NOT_FOUND', fieldErrors: {} });
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('serves the OpenAPI document', async () => {
    const res = await ctx.app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/platform/home');
  });

  it('declares who may call every route', () => {
    const undeclared = ctx.app.routeAccess.filter((r) => r.access === undefined && !r.url.startsWith('/assets'));
    expect(undeclared).toEqual([]);
  });

  it('serves the home page content from the seeded database', async () => {
    const res = await ctx.app.inject('/api/platform/home');
    expect(res.statusCode).toBe(200);
    const { policies, notices } = res.json();
    expect(policies.length).toBeGreaterThan(0);
    expect(notices[0].title).toContain('创新积分');
    const one = await ctx.app.inject(`/api/platform/content/${notices[0].id}`);
    expect(one.json().body).toContain('融资服务专区');
    expect((await ctx.app.inject('/api/platform/content/none')).statusCode).toBe(404);
  });

  it('serves pages with a CSP nonce and strict headers', async () => {
    const res = await ctx.app.inject('/portal/sme');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('exposes the development outbox and captcha answer outside production', async () => {
    const res = await ctx.app.inject('/__dev/outbox');
    expect(res.statusCode).toBe(200);
    expect(Array.isArray(res.json())).toBe(true);
    expect((await ctx.app.inject('/__dev/captcha/latest')).json()).toHaveProperty('answer');
  });
});

describe('API flood protection', () => {
  it('answers 429 in the error model once an IP exceeds the per-minute budget', async () => {
    const small = await createTestContext({ LIMITS_JSON: JSON.stringify({ apiRequestsPerIpPerMinute: 5 }) });
    try {
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await small.app.inject({ url: '/api/site', remoteAddress: '10.9.8.7' })).statusCode);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const limited = await small.app.inject({ url: '/api/site', remoteAddress: '10.9.8.7' });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试' });
      // pages and health probes are not counted
      expect((await small.app.inject({ url: '/portal', remoteAddress: '10.9.8.7' })).statusCode).toBe(200);
      expect((await small.app.inject({ url: '/healthz', remoteAddress: '10.9.8.7' })).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });
});
