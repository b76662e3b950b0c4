import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, solveCaptcha } from '../../helpers/client.js';
import { operatorRepo } from '../../../src/server/db/repos/operators.js';

/** ASVS 2.8.4: a 动态口令 logs an operator in once; the next login needs a later one. */
let ctx: TestContext;
const secret = authenticator.generateSecret();
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.deps.db.kysely.updateTable('operators').set({ totp_secret_enc: ctx.deps.pii.encrypt(secret), totp_enrolled: 1 }).where('username', '=', 'admin').execute();
});
afterAll(async () => ctx?.close());

const codeNow = () => authenticator.clone({ epoch: ctx.clock.now().getTime() }).generate(secret);

/** A login form filled in (the captcha solved), to be sent later. */
async function loginForm(totpCode: string) {
  const client = new TestClient(ctx.app);
  const body = { username: 'admin', password: 'Demo@2025', totpCode, ...(await solveCaptcha(ctx, client)) };
  return () => client.post('/api/admin/login', body);
}

const login = async (totpCode: string) => (await loginForm(totpCode))();

describe('动态口令 replay', () => {
  it('accepts a code once, refuses it again, and accepts the next time step\'s code', async () => {
    ctx.clock.advance(60_000);
    const code = codeNow();
    expect((await login(code)).json()).toEqual({ step: 'done' });
    const replay = await login(code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().message).toBe('账号或密码错误');
    ctx.clock.advance(30_000);
    expect((await login(codeNow())).json()).toEqual({ step: 'done' });
  });

  it('refuses an older code that is still inside the window once a newer one was used', async () => {
    ctx.clock.advance(60_000);
    const older = codeNow();
    ctx.clock.advance(30_000);
    expect((await login(codeNow())).json()).toEqual({ step: 'done' });
    // Still within the ±1 step window, but before the step already used.
    expect((await login(older)).statusCode).toBe(401);
  });

  it('lets exactly one of two simultaneous logins with one code in', async () => {
    ctx.clock.advance(60_000);
    const code = codeNow();
    const forms = [await loginForm(code), await loginForm(code)];
    const results = await Promise.all(forms.map((send) => send()));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('records a time step in one conditional update: of five racing acceptances one wins', async () => {
    const repo = operatorRepo(ctx.deps.db);
    const { id, last_totp_step } = (await repo.byUsername('admin'))!;
    const results = await Promise.all(Array.from({ length: 5 }, () => repo.acceptTotpStep(id, last_totp_step + 1)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await repo.byId(id))!.last_totp_step).toBe(last_totp_step + 1);
  });
});
