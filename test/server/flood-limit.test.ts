import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../src/server/plugins/errors.js';
import { registerFloodLimit } from '../../src/server/plugins/flood-limit.js';

/** Per-IP flood protection of the JSON APIs (plugins/flood-limit.ts), on an injected clock. */

let clock = 1_000_000;
let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ logger: false });
  registerErrorHandling(app);
  registerFloodLimit(app, { max: 3, windowMs: 60_000, now: () => clock });
  app.get('/api/thing', async () => ({ ok: true }));
  app.post('/api/thing', async () => ({ ok: true }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.ready();
});
afterAll(async () => app?.close());

const call = (remoteAddress: string, url = '/api/thing', method: 'GET' | 'POST' = 'GET') => app.inject({ method, url, remoteAddress });

describe('flood limit', () => {
  it('answers 429 in the error model, with Retry-After, once an address exceeds its budget', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('192.0.2.1', '/api/thing', i % 2 ? 'POST' : 'GET')).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
    clock += 20_000;
    const limited = await call('192.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试', fieldErrors: {} });
    expect(limited.headers['retry-after']).toBe('40');
    // Another address has its own budget.
    expect((await call('192.0.2.2')).statusCode).toBe(200);
  });

  it('counts only /api routes', async () => {
    for (let i = 0; i < 5; i++) expect((await call('192.0.2.1', '/healthz')).statusCode).toBe(200);
  });

  it('a new window starts once the old one has ended', async () => {
    clock += 39_999;
    expect((await call('192.0.2.1')).statusCode).toBe(429);
    clock += 1;
    for (let i = 0; i < 3; i++) expect((await call('192.0.2.1')).statusCode).toBe(200);
    expect((await call('192.0.2.1')).statusCode).toBe(429);
  });

  it('adds no headers to answers within the budget', async () => {
    const res = await call('192.0.2.3');
    expect(Object.keys(res.headers).filter((h) => /ratelimit|retry-after/i.test(h))).toEqual([]);
  });
});
