import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { loadConfig } from '../../src/server/config.js';

const TOKEN = 'scrape-token-0123456789abcdef';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const scrape = (c: TestContext, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  c.app.inject({ method: 'GET', url: '/metrics', remoteAddress: options.remoteAddress ?? '127.0.0.1', headers: options.headers });

/** The value of one sample line, e.g. `http_request_duration_seconds_count{method="GET",route="/healthz",status_code="200"}`. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (ok) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return null;
}

describe('GET /metrics (default: loopback only, no token)', () => {
  it('counts requests per route pattern, never per URL', async () => {
    for (let i = 0; i < 3; i++) expect((await ctx.app.inject('/healthz')).statusCode).toBe(200);
    expect((await ctx.app.inject('/api/platform/content/secret-id-123')).statusCode).toBe(404);
    expect((await ctx.app.inject('/api/no-such-route/secret-path-456')).statusCode).toBe(404);
    await ctx.app.inject('/api/csrf');
    const res = await scrape(ctx);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(sample(res.body, 'http_request_duration_seconds_count', { route: '/healthz', method: 'GET', status_code: '200' })).toBe(3);
    expect(sample(res.body, 'http_request_duration_seconds_count', { route: '/api/platform/content/:id', status_code: '404' })).toBe(1);
    expect(sample(res.body, 'http_request_duration_seconds_count', { route: '(unmatched)', status_code: '404' })).toBe(1);
    expect(sample(res.body, 'http_request_duration_seconds_count', { route: '/api/csrf', status_code: '200' })).toBe(1);
    expect(res.body).not.toContain('secret-id-123');
    expect(res.body).not.toContain('secret-path-456');
    expect(sample(res.body, 'http_request_duration_seconds_bucket', { route: '/healthz', le: '+Inf' })).toBe(3);
    expect(sample(res.body, 'http_request_duration_seconds_bucket', { route: '/healthz', le: '10' })).toBe(3);
    expect(sample(res.body, 'http_request_duration_seconds_sum', { route: '/healthz' })).toBeGreaterThan(0);
    // Buckets are cumulative: never fewer answers under a larger bound.
    const buckets = res.body.split('\n').filter((line) => line.startsWith('http_request_duration_seconds_bucket{') && line.includes('route="/healthz"'));
    const counts = buckets.map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
    expect(counts).toHaveLength(14);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
  });

  it('reports event-loop delay, the argon2 queue, the pool and the runtime', async () => {
    const body = (await scrape(ctx)).body;
    expect(sample(body, 'nodejs_eventloop_lag_p99_seconds')).toEqual(expect.any(Number));
    expect(sample(body, 'argon2_queue_length')).toBe(0);
    expect(sample(body, 'argon2_workers', { state: 'busy' })).toBe(0);
    expect(sample(body, 'app_info', { dialect: ctx.deps.db.dialect, multi_process: 'false', node_version: process.versions.node })).toBe(1);
    if (ctx.deps.db.dialect === 'postgres') expect(sample(body, 'db_pool_connections', { state: 'max' })).toBe(10);
    else expect(sample(body, 'db_pool_connections', { state: 'max' })).toBeNull();
  });

  it('shows what jobs report', async () => {
    ctx.deps.metrics.jobProgress.set({ kind: 'rescore' }, 0.25);
    ctx.deps.metrics.jobItems.inc({ kind: 'rescore' }, 250_000);
    ctx.deps.metrics.jobRuns.inc({ kind: 'rescore', outcome: 'ok' });
    const body = (await scrape(ctx)).body;
    expect(sample(body, 'job_progress_ratio', { kind: 'rescore' })).toBe(0.25);
    expect(sample(body, 'job_items_processed_total', { kind: 'rescore' })).toBe(250_000);
    expect(sample(body, 'job_runs_total', { kind: 'rescore', outcome: 'ok' })).toBe(1);
  });

  it('answers 404 (in our error model) to any other address, and to loopback through a proxy', async () => {
    const refused: { remoteAddress: string; headers?: Record<string, string> }[] = [
      { remoteAddress: '203.0.113.7' },
      { remoteAddress: '10.0.0.2' },
      { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } },
      { remoteAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.7' } },
      { remoteAddress: '127.0.0.1', headers: { 'x-real-ip': '203.0.113.7' } },
      // No token is configured: a bearer header opens nothing.
      { remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}` } },
    ];
    for (const options of refused) {
      const res = await scrape(ctx, options);
      expect(res.statusCode, JSON.stringify(options)).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '您访问的页面或接口不存在' });
      expect(res.body).not.toContain('http_request');
    }
    expect((await scrape(ctx, { remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await scrape(ctx, { remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);
  });
});

describe('docs/grafana-dashboard.json', () => {
  it('is a Grafana dashboard whose every query names metrics this app exposes', async () => {
    const dashboard = JSON.parse(fs.readFileSync('docs/grafana-dashboard.json', 'utf8')) as {
      title: string;
      __inputs: { name: string }[];
      panels: { type: string; targets?: { expr: string }[] }[];
    };
    expect(dashboard.title).toMatch(/梯度培育平台/);
    expect(dashboard.__inputs.map((input) => input.name)).toContain('DS_PROMETHEUS');
    await ctx.app.inject('/healthz');
    const body = (await scrape(ctx)).body;
    const exposed = new Set(body.split('\n').filter((line) => line.startsWith('# TYPE ')).map((line) => line.split(' ')[2]));
    const queries = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
    expect(queries.length).toBeGreaterThan(10);
    const named = new Set(queries.flatMap((expr) => [...expr.matchAll(/\b([a-z][a-z0-9_]*)\{/g)].map((m) => m[1].replace(/_(bucket|count|sum)$/, ''))));
    for (const metric of named) expect(exposed, metric).toContain(metric);
  });
});

describe('GET /metrics with METRICS_TOKEN and METRICS_ALLOW', () => {
  it('with a token: only the bearer token opens it (loopback no longer does)', async () => {
    const c = await createTestContext({ METRICS_TOKEN: TOKEN });
    try {
      expect((await scrape(c)).statusCode).toBe(404);
      expect((await scrape(c, { remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(404);
      expect((await scrape(c, { remoteAddress: '203.0.113.7', headers: { authorization: TOKEN } })).statusCode).toBe(404);
      const ok = await scrape(c, { remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '198.51.100.1' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('http_request_duration_seconds');
    } finally {
      await c.close();
    }
  });

  it('an allow-list replaces loopback; a trusted proxy is never the scraper', async () => {
    const c = await createTestContext({ METRICS_ALLOW: '10.0.0.0/8, fd00::/8', TRUSTED_PROXIES: '10.9.9.9', ARGON2_WORKERS: '1' });
    try {
      const ok = await scrape(c, { remoteAddress: '10.1.2.3' });
      expect(ok.statusCode).toBe(200);
      // ARGON2_WORKERS sizes the pool (several processes on one host share its cores).
      expect(sample(ok.body, 'argon2_workers', { state: 'idle' })).toBe(1);
      expect((await scrape(c, { remoteAddress: 'fd00::5' })).statusCode).toBe(200);
      expect((await scrape(c, { remoteAddress: '127.0.0.1' })).statusCode).toBe(404);
      expect((await scrape(c, { remoteAddress: '10.9.9.9' })).statusCode).toBe(404);
      expect((await scrape(c, { remoteAddress: '11.0.0.1' })).statusCode).toBe(404);
    } finally {
      await c.close();
    }
  });

  it('refuses to start with a malformed allow-list or a short token', () => {
    expect(() => loadConfig({ APP_ENV: 'test', METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ APP_ENV: 'test', METRICS_ALLOW: 'example.com' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ APP_ENV: 'test', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ APP_ENV: 'test', METRICS_ALLOW: '' }).metricsAllow).toEqual([]);
  });
});
