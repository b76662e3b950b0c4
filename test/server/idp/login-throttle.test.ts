import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { tryLogin } from '../../helpers/steps.js';

// The address limit is lowered through LIMITS_JSON so that the test needs 10 argon2 runs, not
// 100; the defaults (100 in 15 minutes, 15 minutes) are checked in security/login-throttle.test.ts.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LIMITS_JSON: JSON.stringify({ ipLoginMaxFailures: 10, ipLockoutMinutes: 15 }) });
});
afterAll(async () => ctx?.close());

const login = (ip: string, identifier: string, password: string) => tryLogin(ctx, new TestClient(ctx.app, { ip }), identifier, password);

describe('登录 from one address trying many identifiers', () => {
  it('refuses the address for ipLockoutMinutes after ipLoginMaxFailures failures, the same for known and unknown accounts', async () => {
    const attacker = '198.51.100.7';
    for (let i = 0; i < 9; i++) expect((await login(attacker, `sprayed_name_${i}`, 'Guess#2026')).json().code).toBe('LOGIN_FAILED');
    expect((await login(attacker, 'demo_bound', 'Guess#2026')).json().code).toBe('LOGIN_FAILED');

    const known = await login(attacker, 'demo_xjr', 'Demo@2025');
    const unknown = await login(attacker, 'never_registered', 'Demo@2025');
    const knownByUscc = await login(attacker, '91110108MA01A1B215', 'Demo@2025');
    for (const res of [known, unknown, knownByUscc]) {
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ code: 'LOGIN_THROTTLED', message: '您所在网络的登录失败次数过多，请稍后再试', fieldErrors: {} });
    }
    const strip = (r: typeof known) => ({ ...r.json(), requestId: '' });
    expect(strip(known)).toEqual(strip(unknown));
    expect(strip(knownByUscc)).toEqual(strip(unknown));

    // Another address, and the accounts themselves, are not affected.
    expect((await login('198.51.100.8', 'demo_xjr', 'Demo@2025')).statusCode).toBe(200);
    expect((await login('198.51.100.8', 'demo_bound', 'Demo@2025')).statusCode).toBe(200);
    const throttled = await ctx.deps.audit.list({ action: 'login.address_throttled', limit: 10 });
    expect(throttled.map((r) => r.ip)).toEqual([attacker]);

    ctx.clock.advance(15 * 60_000 - 1);
    expect((await login(attacker, 'demo_xjr', 'Demo@2025')).statusCode).toBe(429);
    ctx.clock.advance(1);
    expect((await login(attacker, 'demo_xjr', 'Demo@2025')).statusCode).toBe(200);
  });

  it('still says 图形验证码错误 first, so a refused address cannot skip the captcha', async () => {
    const ip = '198.51.100.9';
    for (let i = 0; i < 10; i++) await login(ip, `other_spray_${i}`, 'Guess#2026');
    const client = new TestClient(ctx.app, { ip });
    await client.get('/api/captcha');
    const res = await client.post('/api/uc/login', { identifier: 'demo_xjr', password: 'Demo@2025', captchaId: 'x', captchaAnswer: 'abcd' });
    expect(res.json().code).toBe('CAPTCHA_INVALID');
    expect((await login(ip, 'demo_xjr', 'Demo@2025')).json().code).toBe('LOGIN_THROTTLED');
  });
});
