import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../../src/server/config.js';
import { addressKey, createLoginThrottle } from '../../../src/server/security/login-throttle.js';
import { createDbStateStore } from '../../../src/server/security/state-store-db.js';
import { createRedisStateStore } from '../../../src/server/security/state-store-redis.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

const MINUTE = 60_000;
let seq = 0;
/** Distinct addresses per test, so that tests sharing one store do not count each other's failures. */
const freshIpv4 = () => `198.51.100.${++seq}`;

describe('login throttle (database store, injected clock)', () => {
  let ctx: TestContext;
  let throttle: ReturnType<typeof createLoginThrottle>;
  beforeAll(async () => {
    ctx = await createTestContext();
    throttle = createLoginThrottle(createDbStateStore(ctx.deps.db, ctx.clock), defaultLimits, 'login');
  });
  afterAll(async () => ctx?.close());

  it('defaults: 100 failed logins from one address within 15 minutes, then 15 minutes of refusal', () => {
    expect(defaultLimits).toMatchObject({ ipLoginMaxFailures: 100, ipLockoutMinutes: 15, loginMaxFailures: 5, lockoutMinutes: 30 });
  });

  it('refuses an address after 100 failures across 100 identifiers, for 15 minutes, and no other address', async () => {
    const ip = freshIpv4();
    for (let i = 0; i < 99; i++) await throttle.recordFailure(`name-${ip}-${i}`, ip);
    expect(await throttle.addressRefused(ip)).toBe(false);
    expect((await throttle.recordFailure(`name-${ip}-99`, ip)).addressRefusedNow).toBe(true);
    expect(await throttle.addressRefused(ip)).toBe(true);
    expect(await throttle.addressRefused(freshIpv4())).toBe(false);
    // No identifier reached its own limit: only the address waits.
    expect(await throttle.identifierLocked(`name-${ip}-0`)).toBe(false);
    ctx.clock.advance(15 * MINUTE - 1);
    expect(await throttle.addressRefused(ip)).toBe(true);
    ctx.clock.advance(1);
    expect(await throttle.addressRefused(ip)).toBe(false);
  });

  it('forgets failures older than the window: 99 now and 99 after 15 minutes refuse nothing', async () => {
    const ip = freshIpv4();
    for (let i = 0; i < 99; i++) await throttle.recordFailure(`a-${i}`, ip);
    ctx.clock.advance(15 * MINUTE);
    for (let i = 0; i < 99; i++) await throttle.recordFailure(`b-${i}`, ip);
    expect(await throttle.addressRefused(ip)).toBe(false);
  });

  it('keeps the address count through a successful login', async () => {
    const ip = freshIpv4();
    for (let i = 0; i < 60; i++) await throttle.recordFailure(`c-${i}`, ip);
    await throttle.recordSuccess('c-0');
    for (let i = 60; i < 100; i++) await throttle.recordFailure(`c-${i}`, ip);
    expect(await throttle.addressRefused(ip)).toBe(true);
    ctx.clock.advance(15 * MINUTE);
  });

  it('locks an identifier after 5 failures for 30 minutes, from any addresses; unlock lifts it', async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await throttle.recordFailure('victim', freshIpv4()));
    expect(results.map((r) => r.lockedNow)).toEqual([false, false, false, false, true]);
    expect(await throttle.identifierLocked('victim')).toBe(true);
    ctx.clock.advance(30 * MINUTE);
    expect(await throttle.identifierLocked('victim')).toBe(false);
    for (let i = 0; i < 5; i++) await throttle.recordFailure('victim', freshIpv4());
    await throttle.unlock('victim');
    expect(await throttle.identifierLocked('victim')).toBe(false);
  });

  it('counts one IPv6 /64 as one address, and IPv4-mapped IPv6 as the IPv4 address', async () => {
    for (let i = 0; i < 100; i++) await throttle.recordFailure(`v6-${i}`, `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect(await throttle.addressRefused('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(true);
    expect(await throttle.addressRefused('2001:db8:1:3::1')).toBe(false);
    expect(await throttle.addressRefused('::ffff:198.51.100.250')).toBe(false);
    ctx.clock.advance(15 * MINUTE);
  });

  it('scopes keep the account and operator forms apart', async () => {
    const ip = freshIpv4();
    const admin = createLoginThrottle(createDbStateStore(ctx.deps.db, ctx.clock), defaultLimits, 'admin');
    for (let i = 0; i < 100; i++) await admin.recordFailure(`op-${i}`, ip);
    expect(await admin.addressRefused(ip)).toBe(true);
    expect(await throttle.addressRefused(ip)).toBe(false);
    ctx.clock.advance(15 * MINUTE);
  });
});

describe('addressKey', () => {
  it('normalises what request.ip can be', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:0db8:0000:0000:0001:0002:0003:0004')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:db8:a:b:c:d:e:f')).toBe('2001:db8:a:b::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
  });
});

describe('login throttle (Redis store): app processes count together', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `test:throttle:${randomBytes(6).toString('hex')}:`;
  const stores = [createRedisStateStore(redisUrl, { keyPrefix: prefix }), createRedisStateStore(redisUrl, { keyPrefix: prefix })];
  afterAll(async () => {
    const admin = new Redis(redisUrl);
    const keys: string[] = [];
    for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
    for (const store of stores) await store.close();
  });

  it('refuses the address in every process once their failures add up to 100', async () => {
    const [one, two] = stores.map((store) => createLoginThrottle(store, defaultLimits, 'login'));
    const ip = '203.0.113.77';
    for (let i = 0; i < 50; i++) await one.recordFailure(`p1-${i}`, ip);
    for (let i = 0; i < 49; i++) await two.recordFailure(`p2-${i}`, ip);
    expect(await one.addressRefused(ip)).toBe(false);
    await two.recordFailure('p2-49', ip);
    expect(await one.addressRefused(ip)).toBe(true);
    expect(await two.addressRefused(ip)).toBe(true);
  });
});
