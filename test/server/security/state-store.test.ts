import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/server/security/state-store.js';
import { createDbStateStore, type DbStateStore } from '../../../src/server/security/state-store-db.js';
import { createRedisStateStore } from '../../../src/server/security/state-store-redis.js';
import { createStateStore } from '../../../src/server/security/state-store-factory.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

/**
 * The window the shared suite uses. The database store follows a FakeClock, so there the
 * waits are instant; Redis keeps its own time, so there they are real (a few, ~0.1 s each).
 */
const T = 200;
/** Extra wait past an expiry, for timer granularity on the real-time (Redis) run. */
const MARGIN = 25;

let keyCounter = 0;
const freshKey = (label: string) => `${label}:${++keyCounter}:${randomBytes(4).toString('hex')}`;

function describeStateStore(name: string, makeStore: () => Promise<StateStore>, advance: (ms: number) => Promise<void>) {
  describe(`StateStore contract: ${name}`, () => {
    // Made on first use rather than in beforeAll: if it cannot be made (Redis down), every
    // test then fails with the reason instead of being reported as skipped.
    let made: Promise<StateStore> | undefined;
    const storeReady = () => (made ??= makeStore());
    afterAll(async () => {
      const store = await made?.catch(() => undefined);
      await store?.close();
    });

    it('get returns null for a key never set', async () => {
      const store = await storeReady();
      expect(await store.get(freshKey('absent'))).toBeNull();
    });

    it('set / get round-trips text values, including empty, unicode and long ones', async () => {
      const store = await storeReady();
      const values = ['', '验证码 1234 ✓', 'x'.repeat(10_000), '{"a":[1,2]}'];
      const keys = values.map(() => freshKey('text'));
      await Promise.all(values.map((v, i) => store.set(keys[i], v, 60_000)));
      for (const [i, v] of values.entries()) expect(await store.get(keys[i])).toBe(v);
    });

    it('values live for ttlMs and then vanish for get, take and ttl alike', async () => {
      const store = await storeReady();
      const a = freshKey('exp-a');
      const b = freshKey('exp-b');
      await store.set(a, 'va', T);
      await store.set(b, 'vb', T);
      expect(await store.get(a)).toBe('va');
      await advance(T / 2);
      expect(await store.get(a)).toBe('va');
      await advance(T / 2 + MARGIN);
      expect(await store.get(a)).toBeNull();
      expect(await store.ttl(a)).toBe(0);
      expect(await store.take(b)).toBeNull();
    });

    it('set overwrites both the value and the expiry', async () => {
      const store = await storeReady();
      const key = freshKey('overwrite');
      await store.set(key, 'first', T);
      await advance(T / 2);
      await store.set(key, 'second', T);
      await advance(T / 2 + MARGIN);
      expect(await store.get(key)).toBe('second');
    });

    it('rejects a ttl that is not a positive number', async () => {
      const store = await storeReady();
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(store.set(freshKey('bad'), 'v', bad)).rejects.toThrow(RangeError);
        await expect(store.increment(freshKey('bad'), bad)).rejects.toThrow(RangeError);
      }
    });

    it('take returns the value once, then null', async () => {
      const store = await storeReady();
      const key = freshKey('take');
      await store.set(key, 'token', 60_000);
      expect(await store.take(key)).toBe('token');
      expect(await store.take(key)).toBeNull();
      expect(await store.get(key)).toBeNull();
      expect(await store.take(freshKey('take-absent'))).toBeNull();
    });

    it('50 concurrent takes of one key: exactly one gets the value', async () => {
      const store = await storeReady();
      const key = freshKey('take-race');
      await store.set(key, 'only-once', 60_000);
      const results = await Promise.all(Array.from({ length: 50 }, () => store.take(key)));
      expect(results.filter((r) => r !== null)).toEqual(['only-once']);
      expect(await store.get(key)).toBeNull();
    });

    it('increment counts 1..n in a fixed window that later hits do not extend, then restarts at 1', async () => {
      const store = await storeReady();
      const key = freshKey('window');
      expect(await store.increment(key, T)).toBe(1);
      expect(await store.increment(key, T)).toBe(2);
      expect(await store.increment(key, T)).toBe(3);
      await advance(T / 2);
      expect(await store.increment(key, T)).toBe(4);
      expect(await store.get(key)).toBe('4');
      // The window still ends T after the first hit, not after the latest one.
      expect(await store.ttl(key)).toBeLessThanOrEqual(T / 2);
      await advance(T / 2 + MARGIN);
      expect(await store.get(key)).toBeNull();
      expect(await store.increment(key, T)).toBe(1);
      expect(await store.increment(key, T)).toBe(2);
      expect(await store.ttl(key)).toBeGreaterThan(T / 2);
    });

    it('the ttl passed by later hits does not change the window', async () => {
      const store = await storeReady();
      const key = freshKey('window-ttl');
      await store.increment(key, 60_000);
      await store.increment(key, 10);
      await store.increment(key, 3_600_000);
      const left = await store.ttl(key);
      expect(left).toBeGreaterThan(50_000);
      expect(left).toBeLessThanOrEqual(60_000);
    });

    it('100 concurrent increments of one key return 1..100, each exactly once', async () => {
      const store = await storeReady();
      const key = freshKey('incr-race');
      const results = await Promise.all(Array.from({ length: 100 }, () => store.increment(key, 60_000)));
      expect([...results].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(await store.get(key)).toBe('100');
      expect(await store.increment(key, 60_000)).toBe(101);
    });

    it('ttl: 0 when absent, else the milliseconds left', async () => {
      const store = await storeReady();
      expect(await store.ttl(freshKey('ttl-absent'))).toBe(0);
      const key = freshKey('ttl');
      await store.set(key, 'v', T);
      const first = await store.ttl(key);
      expect(first).toBeGreaterThan(T / 2);
      expect(first).toBeLessThanOrEqual(T);
      await advance(T / 2);
      const later = await store.ttl(key);
      expect(later).toBeGreaterThan(0);
      expect(later).toBeLessThanOrEqual(T / 2);
    });

    it('delete removes a key (values and counters); deleting an absent key is harmless', async () => {
      const store = await storeReady();
      const value = freshKey('del-v');
      const counter = freshKey('del-c');
      await store.set(value, 'v', 60_000);
      await store.increment(counter, 60_000);
      await store.increment(counter, 60_000);
      await store.delete(value);
      await store.delete(counter);
      await store.delete(freshKey('del-absent'));
      expect(await store.get(value)).toBeNull();
      expect(await store.ttl(value)).toBe(0);
      expect(await store.increment(counter, 60_000)).toBe(1);
    });

    it('keys are isolated, including ones differing only by case or trailing space', async () => {
      const store = await storeReady();
      const base = freshKey('iso');
      const [a, b, c, d] = [base, `${base} `, base.toUpperCase(), `${base}:child`];
      await store.set(a, 'A', 60_000);
      await store.set(b, 'B', 60_000);
      expect(await store.increment(c, 60_000)).toBe(1);
      expect(await store.increment(d, 60_000)).toBe(1);
      expect(await store.increment(d, 60_000)).toBe(2);
      expect(await store.get(a)).toBe('A');
      expect(await store.get(b)).toBe('B');
      expect(await store.get(c)).toBe('1');
      expect(await store.take(a)).toBe('A');
      await store.delete(c);
      expect(await store.get(b)).toBe('B');
      expect(await store.get(d)).toBe('2');
    });
  });
}

// ---------------------------------------------------------------------------------------
// Database (SQLite or PostgreSQL, per TEST_DB), on the test context's FakeClock.

describe('database state store', () => {
  let ctx: TestContext;
  let store: DbStateStore;
  beforeAll(async () => {
    ctx = await createTestContext();
    store = createDbStateStore(ctx.deps.db, ctx.clock);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  describeStateStore(
    `db (${process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite'})`,
    async () => createDbStateStore(ctx.deps.db, ctx.clock),
    async (ms) => ctx.clock.advance(ms),
  );

  it('expires exactly at expires_at by the injected clock', async () => {
    const key = freshKey('boundary');
    const counter = freshKey('boundary-c');
    await store.set(key, 'v', 30 * 60_000);
    await store.increment(counter, 30 * 60_000);
    ctx.clock.advance(30 * 60_000 - 1);
    expect(await store.get(key)).toBe('v');
    expect(await store.ttl(key)).toBe(1);
    expect(await store.increment(counter, 30 * 60_000)).toBe(2);
    ctx.clock.advance(1);
    expect(await store.get(key)).toBeNull();
    expect(await store.ttl(key)).toBe(0);
    expect(await store.increment(counter, 30 * 60_000)).toBe(1);
    expect(await store.ttl(counter)).toBe(30 * 60_000);
  });

  it('take of an expired row returns null and removes the row', async () => {
    const key = freshKey('take-expired');
    await store.set(key, 'v', 1_000);
    ctx.clock.advance(1_000);
    expect(await store.take(key)).toBeNull();
    const rows = await ctx.deps.db.kysely.selectFrom('state_entries').select('key').where('key', '=', key).execute();
    expect(rows).toEqual([]);
  });

  it('purgeExpired deletes only expired rows and says how many', async () => {
    await store.purgeExpired();
    const short = freshKey('purge-short');
    const counter = freshKey('purge-counter');
    const long = freshKey('purge-long');
    await store.set(short, 'v', 60_000);
    await store.increment(counter, 60_000);
    await store.set(long, 'v', 600_000);
    ctx.clock.advance(60_000);
    expect(await store.purgeExpired()).toBe(2);
    const left = await ctx.deps.db.kysely
      .selectFrom('state_entries')
      .select('key')
      .where('key', 'in', [short, counter, long])
      .execute();
    expect(left.map((r) => r.key)).toEqual([long]);
    expect(await store.purgeExpired()).toBe(0);
    expect(await store.get(long)).toBe('v');
  });

  it('createStateStore without a Redis URL stores in the database', async () => {
    const viaFactory = createStateStore({ redisUrl: undefined, db: ctx.deps.db, clock: ctx.clock });
    const key = freshKey('factory-db');
    await viaFactory.set(key, 'in-db', 60_000);
    const row = await ctx.deps.db.kysely.selectFrom('state_entries').selectAll().where('key', '=', key).executeTakeFirst();
    expect(row?.value).toBe('in-db');
    expect(Number(row?.expires_at)).toBe(ctx.clock.now().getTime() + 60_000);
    await viaFactory.close();
  });
});

// ---------------------------------------------------------------------------------------
// Redis: the project's CI starts one. No Redis → these tests fail (never skip).

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function connectRedisOrFail(url: string): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3_000 });
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis does not answer at ${url} (${(cause ?? (error as Error)).message}). The state-store tests need a Redis server: ` +
        'start one (redis-server) or point TEST_REDIS_URL at one.',
    );
  }
}

describe('redis state store', () => {
  const prefix = `test:state:${randomBytes(6).toString('hex')}:`;
  let admin: Redis | undefined;
  const adminClient = async () => (admin ??= await connectRedisOrFail(redisUrl));

  afterAll(async () => {
    if (!admin) return;
    const keys: string[] = [];
    for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  describeStateStore(
    'redis',
    async () => {
      await adminClient();
      return createRedisStateStore(redisUrl, { keyPrefix: prefix });
    },
    (ms) => sleep(ms),
  );

  it('keeps keys under its prefix, with a real PEXPIRE set by the first hit only', async () => {
    const redis = await adminClient();
    const store = createRedisStateStore(redisUrl, { keyPrefix: prefix });
    try {
      const key = freshKey('layout');
      await store.set(key, 'v', 60_000);
      expect(await redis.get(prefix + key)).toBe('v');
      const counter = freshKey('layout-c');
      await store.increment(counter, 60_000);
      const first = await redis.pttl(prefix + counter);
      await store.increment(counter, 10);
      const second = await redis.pttl(prefix + counter);
      expect(first).toBeGreaterThan(59_000);
      expect(second).toBeGreaterThan(59_000);
      expect(second).toBeLessThanOrEqual(first);
    } finally {
      await store.close();
    }
  });

  it('stores with different prefixes do not see each other', async () => {
    await adminClient();
    const one = createRedisStateStore(redisUrl, { keyPrefix: `${prefix}one:` });
    const two = createRedisStateStore(redisUrl, { keyPrefix: `${prefix}two:` });
    try {
      const key = freshKey('prefix');
      await one.set(key, 'one', 60_000);
      expect(await two.get(key)).toBeNull();
      expect(await two.increment(key, 60_000)).toBe(1);
      expect(await one.get(key)).toBe('one');
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('createStateStore with a Redis URL stores in Redis, not the database', async () => {
    const redis = await adminClient();
    const noDb = new Proxy({}, { get: () => { throw new Error('the Redis store must not touch the database'); } });
    const viaFactory = createStateStore({ redisUrl, db: noDb as never, clock: { now: () => new Date(0) }, keyPrefix: prefix });
    try {
      const key = freshKey('factory-redis');
      await viaFactory.set(key, 'in-redis', 60_000);
      expect(await redis.get(prefix + key)).toBe('in-redis');
      expect(await viaFactory.ttl(key)).toBeGreaterThan(59_000);
    } finally {
      await viaFactory.close();
    }
  });

  it('close() can be called twice', async () => {
    await adminClient();
    const store = createRedisStateStore(redisUrl, { keyPrefix: prefix });
    await store.get(freshKey('close'));
    await store.close();
    await store.close();
  });
});
