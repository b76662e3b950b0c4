import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { tryOperatorLogin } from '../../helpers/steps.js';

// The operator login shares the account login's throttle (security/login-throttle.ts): a lockout
// per typed name and a refusal per address. The address limit is lowered to keep argon2 runs few.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LIMITS_JSON: JSON.stringify({ ipLoginMaxFailures: 8, ipLockoutMinutes: 15 }) });
});
afterAll(async () => ctx?.close());

const login = (ip: string, username: string, password: string) => tryOperatorLogin(ctx, new TestClient(ctx.app, { ip }), username, password);

describe('管理端 login throttle', () => {
  it('locks a name after 5 failures, known or unknown alike, for 30 minutes', async () => {
    for (let i = 0; i < 5; i++) expect((await login(`203.0.113.${i + 1}`, 'admin_sh', 'wrong')).json().code).toBe('LOGIN_FAILED');
    for (let i = 0; i < 5; i++) await login(`203.0.113.${i + 10}`, 'no_such_operator', 'wrong');
    const known = await login('203.0.113.40', 'admin_sh', 'Demo@2025');
    const unknown = await login('203.0.113.40', 'no_such_operator', 'Demo@2025');
    expect(known.statusCode).toBe(429);
    expect({ ...known.json(), requestId: '' }).toEqual({ ...unknown.json(), requestId: '' });
    ctx.clock.advance(30 * 60_000);
    expect((await login('203.0.113.40', 'admin_sh', 'Demo@2025')).json()).toEqual({ step: 'done' });
  });

  it('refuses an address that failed with many names, before looking at the name', async () => {
    const attacker = '198.51.100.70';
    for (let i = 0; i < 8; i++) expect((await login(attacker, `sprayed_operator_${i}`, 'wrong')).json().code).toBe('LOGIN_FAILED');
    const res = await login(attacker, 'admin', 'Demo@2025');
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('LOGIN_THROTTLED');
    expect((await login('198.51.100.71', 'admin', 'Demo@2025')).json()).toEqual({ step: 'done' });
    ctx.clock.advance(15 * 60_000);
    expect((await login(attacker, 'admin', 'Demo@2025')).json()).toEqual({ step: 'done' });
  });
});
