import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionTestContext, createTestContext, type TestContext } from '../helpers/context.js';
import { TestClient, solveCaptcha } from '../helpers/client.js';
import { loadConfig } from '../../src/server/config.js';

/** The address the app recorded for a failed login from `peer` that claims `forwardedFor`. */
async function recordedIp(ctx: TestContext, peer: string, forwardedFor: string) {
  const client = new TestClient(ctx.app, { ip: peer });
  const identifier = `proxy_probe_${crypto.randomBytes(4).toString('hex')}`;
  const res = await client.request('POST', '/api/uc/login', { identifier, password: 'Wrong#pass1', ...(await solveCaptcha(ctx, client)) }, { 'x-forwarded-for': forwardedFor });
  expect(res.json().code).toBe('LOGIN_FAILED');
  const [failure] = await ctx.deps.audit.list({ action: 'login.failure', limit: 1 });
  return failure.ip;
}

describe('TRUSTED_PROXIES', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.10' });
  });
  afterAll(async () => ctx?.close());

  it('believes X-Forwarded-For only from a configured proxy address or CIDR', async () => {
    expect(await recordedIp(ctx, '10.1.2.3', '203.0.113.7')).toBe('203.0.113.7');
    expect(await recordedIp(ctx, '192.0.2.10', '203.0.113.8')).toBe('203.0.113.8');
    expect(await recordedIp(ctx, '198.51.100.9', '203.0.113.9')).toBe('198.51.100.9');
    // A client behind the trusted proxy cannot prepend a forged hop: the proxy's own entry counts.
    expect(await recordedIp(ctx, '10.1.2.3', '127.0.0.1, 203.0.113.10')).toBe('203.0.113.10');
  });
});

describe('production without TRUSTED_PROXIES', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createProductionTestContext();
  });
  afterAll(async () => ctx?.close());

  it('records the peer, not what X-Forwarded-For claims', async () => {
    expect(await recordedIp(ctx, '198.51.100.20', '203.0.113.20')).toBe('198.51.100.20');
  });
});

describe('TRUSTED_PROXIES configuration', () => {
  it('defaults to none and accepts addresses and CIDRs of IPv4 and IPv6', () => {
    expect(loadConfig({ APP_ENV: 'test' }).trustedProxies).toEqual([]);
    expect(loadConfig({ APP_ENV: 'test', TRUSTED_PROXIES: ' 10.0.0.1, 172.16.0.0/12,,fd00::/8 , ::1' }).trustedProxies).toEqual(['10.0.0.1', '172.16.0.0/12', 'fd00::/8', '::1']);
  });

  it('refuses anything else at start', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '10.0.0.1/', 'fd00::/129', 'true', '*']) {
      expect(() => loadConfig({ APP_ENV: 'test', TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});
