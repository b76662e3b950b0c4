import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../src/server/plugins/errors.js';
import { registerFloodLimit } from '../../src/server/plugins/flood-limit.js';
import { createRedisStateStore } from '../../src/server/security/state-store-redis.js';
import type { StateStore } from '../../src/server/security/state-store.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

/**
 * The flood limit of several processes (multi-process mode): two apps, as two processes would
 * be, share one Redis; each adds its hits to the shared count on a timer (here: by hand, sync()).
 */

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let store: StateStore;
let ctx: TestContext;
const apps: FastifyInstance[] = [];
let clock = 10 * 60_000 + 5_000;

/** A store that records each increment, so the test can wait for a sync to land. */
function recording(inner: StateStore) {
  const calls: Promise<number>[] = [];
  return {
    calls,
    increment: (key: string, ttlMs: number, by?: number) => {
      const call = inner.increment(key, ttlMs, by);
      calls.push(call);
      return call;
    },
  };
}

async function makeApp(shared: ReturnType<typeof recording>) {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  registerFloodLimit(app, { max: 10, windowMs: 60_000, now: () => clock, shared: { store: shared, syncMs: 20 } });
  app.get('/api/thing', async () => ({ ok: true }));
  await app.ready();
  apps.push(app);
  return app;
}

/** Waits until the app's timer has sent its hits and the answers are in. */
async function synced(shared: ReturnType<typeof recording>) {
  const before = shared.calls.length;
  for (let i = 0; i < 200 && shared.calls.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  await Promise.all(shared.calls);
  await new Promise((r) => setTimeout(r, 5));
}

beforeAll(async () => {
  store = createRedisStateStore(redisUrl, { keyPrefix: `tidu:flood-test:${crypto.randomBytes(6).toString('hex')}:` });
  try {
    await store.get('ping');
  } catch (error) {
    throw new Error(`Redis does not answer at ${redisUrl} (start redis-server or set TEST_REDIS_URL): ${(error as Error).message}`);
  }
  ctx = await createTestContext();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await store?.close();
  await ctx?.close();
});

describe('flood limit shared by two processes', () => {
  it('6 hits on A and 5 on B exceed a budget of 10 per address; another address is not affected', async () => {
    const sharedA = recording(store);
    const sharedB = recording(store);
    const a = await makeApp(sharedA);
    const b = await makeApp(sharedB);
    const call = (app: FastifyInstance, remoteAddress = '198.51.100.9') => app.inject({ method: 'GET', url: '/api/thing', remoteAddress });

    for (let i = 0; i < 6; i++) expect((await call(a)).statusCode).toBe(200);
    await synced(sharedA);
    expect((await call(b)).statusCode).toBe(200);
    await synced(sharedB);
    // B now knows A's 6: 3 more fit (6 + 4 = 10), the next is refused, on B and on A alike.
    for (let i = 0; i < 3; i++) expect((await call(b)).statusCode).toBe(200);
    const refused = await call(b);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试' });
    // A learns B's hits when it next sends its own: one more hit passes there, then A refuses too.
    await synced(sharedB);
    await call(a);
    await synced(sharedA);
    expect((await call(a)).statusCode).toBe(429);
    expect((await call(b, '198.51.100.10')).statusCode).toBe(200);

    // The next window (aligned to the clock, the same for both) starts from zero.
    clock += 60_000;
    expect((await call(a)).statusCode).toBe(200);
    expect((await call(b)).statusCode).toBe(200);
  });
});

describe('StateStore.increment by more than 1', () => {
  for (const kind of ['redis', 'database'] as const) {
    it(`${kind}: starts a window at the amount, adds the amount, refuses a bad amount`, async () => {
      const s = kind === 'redis' ? store : ctx.deps.store;
      const key = `by-test:${crypto.randomBytes(4).toString('hex')}`;
      expect(await s.increment(key, 60_000, 5)).toBe(5);
      expect(await s.increment(key, 60_000)).toBe(6);
      expect(await s.increment(key, 60_000, 3)).toBe(9);
      expect(await s.ttl(key)).toBeGreaterThan(50_000);
      for (const bad of [0, -1, 1.5, Number.NaN]) await expect(s.increment(key, 60_000, bad)).rejects.toThrow(RangeError);
      expect(await s.get(key)).toBe('9');
    });
  }
});
