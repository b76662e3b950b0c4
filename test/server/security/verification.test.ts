import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, latestCode, solveCaptcha } from '../../helpers/client.js';
import { freshMobile, sendRegisterCode, submitRegistration, tryLogin } from '../../helpers/steps.js';
import { DEMO_PASSWORD } from '../../../src/server/seed/accounts.js';

/**
 * SMS verification codes (validators.md 验证码): through POST /api/uc/register/sms-code and
 * POST /api/uc/register, and at service level where no route exists yet.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SMS_TEXT = (code: string) => `【梯度培育平台】您的验证码为${code}，5分钟内有效。如非本人操作，请忽略本短信。`;
const TOO_FREQUENT = { code: 'SMS_TOO_FREQUENT', message: '发送过于频繁，请稍后再试' };

let nameCounter = 0;
const freshLoginName = () => `vtest_${++nameCounter}_${Math.floor(Math.random() * 1e6)}`;
const register = (client: TestClient, mobile: string, smsCode: string) => submitRegistration(client, { loginName: freshLoginName(), mobile, smsCode });

const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const smsTo = (ctx: TestContext, mobile: string) => ctx.deps.outbox!.list(mobile).filter((m) => m.channel === 'sms');

function expectCodeRejected(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ code: 'SMS_CODE_INVALID', fieldErrors: { smsCode: '短信验证码错误或已过期' } });
}

describe('SMS verification codes', () => {
  let ctx: TestContext;
  let client: TestClient;
  beforeAll(async () => {
    ctx = await createTestContext();
    client = new TestClient(ctx.app);
  });
  afterAll(async () => ctx?.close());

  it('sends a 6-digit code with the exact SMS text, and the outbox carries the code', async () => {
    const mobile = freshMobile();
    const res = await sendRegisterCode(ctx, client, mobile);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const sent = smsTo(ctx, mobile);
    expect(sent).toHaveLength(1);
    expect(sent[0].code).toMatch(/^\d{6}$/);
    expect(sent[0].text).toBe(SMS_TEXT(sent[0].code!));
    expect(sent[0].text).toMatch(/^【梯度培育平台】您的验证码为\d{6}，5分钟内有效。如非本人操作，请忽略本短信。$/);
  });

  it('normalises the mobile before sending (+86, spaces, dashes)', async () => {
    const mobile = freshMobile();
    const res = await sendRegisterCode(ctx, client, `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`);
    expect(res.statusCode).toBe(200);
    expect(smsTo(ctx, mobile)).toHaveLength(1);
  });

  it('codes are random: many sends give many different codes', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const mobile = freshMobile();
      expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
      codes.add(latestCode(ctx, mobile));
    }
    expect(codes.size).toBeGreaterThanOrEqual(7);
  });

  it('stores the code hashed: no verifications row contains the code or the mobile', async () => {
    const mobile = freshMobile();
    expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
    const code = latestCode(ctx, mobile);
    const rows = await ctx.deps.db.kysely.selectFrom('verifications').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(mobile);
    const mine = rows.filter((r) => r.target_hash === ctx.deps.pii.lookupHash(mobile, 'mobile'));
    expect(mine).toHaveLength(1);
    expect(mine[0].purpose).toBe('register');
    expect(mine[0].code_hash.length).toBeGreaterThanOrEqual(32);
    expect(Number(mine[0].tries)).toBe(0);
  });

  it('accepts the right code once: registration succeeds, a second use fails', async () => {
    const mobile = freshMobile();
    await sendRegisterCode(ctx, client, mobile);
    const code = latestCode(ctx, mobile);
    const first = await register(new TestClient(ctx.app), mobile, code);
    expect(first.statusCode).toBe(200);
    expectCodeRejected(await register(new TestClient(ctx.app), mobile, code));
  });

  it('a code is valid for 5 minutes: accepted at 4:59, refused at 5:00', async () => {
    const early = freshMobile();
    const late = freshMobile();
    await sendRegisterCode(ctx, client, early);
    await sendRegisterCode(ctx, client, late);
    ctx.clock.advance(5 * MINUTE - 1000);
    expect((await register(new TestClient(ctx.app), early, latestCode(ctx, early))).statusCode).toBe(200);
    ctx.clock.advance(1000);
    expectCodeRejected(await register(new TestClient(ctx.app), late, latestCode(ctx, late)));
  });

  it('4 wrong tries leave the code usable; the 5th voids it (the right code then fails)', async () => {
    const survives = freshMobile();
    await sendRegisterCode(ctx, client, survives);
    const goodA = latestCode(ctx, survives);
    for (let i = 0; i < 4; i++) expectCodeRejected(await register(client, survives, wrongCodeFor(goodA)));
    expect((await register(new TestClient(ctx.app), survives, goodA)).statusCode).toBe(200);

    const voided = freshMobile();
    await sendRegisterCode(ctx, client, voided);
    const goodB = latestCode(ctx, voided);
    for (let i = 0; i < 5; i++) expectCodeRejected(await register(client, voided, wrongCodeFor(goodB)));
    expectCodeRejected(await register(new TestClient(ctx.app), voided, goodB));
    const rows = await ctx.deps.db.kysely
      .selectFrom('verifications')
      .select('tries')
      .where('target_hash', '=', ctx.deps.pii.lookupHash(voided, 'mobile'))
      .execute();
    expect(rows).toEqual([]);
  });

  it('a new send replaces the old code', async () => {
    const mobile = freshMobile();
    await sendRegisterCode(ctx, client, mobile);
    const oldCode = latestCode(ctx, mobile);
    ctx.clock.advance(MINUTE + 1000);
    expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
    let newCode = latestCode(ctx, mobile);
    // Two independent 6-digit codes may coincide (1 in a million); send once more then.
    if (newCode === oldCode) {
      ctx.clock.advance(MINUTE + 1000);
      await sendRegisterCode(ctx, client, mobile);
      newCode = latestCode(ctx, mobile);
    }
    expect(newCode).not.toBe(oldCode);
    expectCodeRejected(await register(client, mobile, oldCode));
    expect((await register(new TestClient(ctx.app), mobile, newCode)).statusCode).toBe(200);
  });

  it('a code sent for 注册 does not serve 修改手机号 (and is not used up by the attempt)', async () => {
    const mobile = freshMobile();
    await sendRegisterCode(ctx, client, mobile);
    const code = latestCode(ctx, mobile);

    const user = new TestClient(ctx.app);
    const login = await tryLogin(ctx, user, 'demo_xjr');
    expect(login.statusCode).toBe(200);
    const change = await user.post('/api/uc/account/mobile', { currentPassword: DEMO_PASSWORD, newMobile: mobile, smsCode: code });
    expectCodeRejected(change);

    expect((await register(new TestClient(ctx.app), mobile, code)).statusCode).toBe(200);
  });

  it('service level: a code for one purpose never passes the check of another', async () => {
    const mobile = freshMobile();
    const target = { channel: 'sms' as const, mobile };
    const { verification } = ctx.deps;
    await verification.sendWithoutCaptcha({ target, purpose: 'reset_password', ip: '10.9.9.1' });
    const code = latestCode(ctx, mobile);
    for (const other of ['register', 'change_mobile', 'close_account', 'mobile_change_new', 'mobile_change_email', 'bind_email'] as const) {
      expect(await verification.check(target, other, code)).toBe(false);
    }
    expect(await verification.check({ channel: 'sms', mobile: freshMobile() }, 'reset_password', code)).toBe(false);
    expect(await verification.check(target, 'reset_password', code)).toBe(true);
    expect(await verification.check(target, 'reset_password', code)).toBe(false);
  });

  it('service level: e-mail codes are 6 digits, hashed, single use', async () => {
    const email = `v${Date.now()}@example.com`;
    const target = { channel: 'email' as const, email };
    await ctx.deps.verification.sendWithoutCaptcha({ target, purpose: 'bind_email', ip: '10.9.9.2' });
    const mail = ctx.deps.outbox!.list(email)[0];
    expect(mail.channel).toBe('email');
    expect(mail.code).toMatch(/^\d{6}$/);
    expect(mail.text).toContain(mail.code!);
    const dump = JSON.stringify(await ctx.deps.db.kysely.selectFrom('verifications').selectAll().execute());
    expect(dump).not.toContain(mail.code!);
    expect(dump).not.toContain(email);
    expect(await ctx.deps.verification.check(target, 'bind_email', mail.code!)).toBe(true);
    expect(await ctx.deps.verification.check(target, 'bind_email', mail.code!)).toBe(false);
  });

  it('service level: malformed codes count as wrong tries and never pass', async () => {
    const mobile = freshMobile();
    const target = { channel: 'sms' as const, mobile };
    await ctx.deps.verification.sendWithoutCaptcha({ target, purpose: 'register', ip: '10.9.9.3' });
    const code = latestCode(ctx, mobile);
    for (const bad of [undefined, '', ` ${code}`, `${code}0`, code.slice(1), '１２３４５６']) {
      expect(await ctx.deps.verification.check(target, 'register', bad)).toBe(false);
    }
    // Five wrong tries happened: the code is void.
    expect(await ctx.deps.verification.check(target, 'register', code)).toBe(false);
  });

  it('service level: concurrent wrong guesses cannot exceed 5 tries (no lost updates)', async () => {
    const mobile = freshMobile();
    const target = { channel: 'sms' as const, mobile };
    await ctx.deps.verification.sendWithoutCaptcha({ target, purpose: 'register', ip: '10.9.9.4' });
    const code = latestCode(ctx, mobile);
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.all(guesses.map((g) => ctx.deps.verification.check(target, 'register', g)));
    expect(results.every((r) => r === false)).toBe(true);
    expect(await ctx.deps.verification.check(target, 'register', code)).toBe(false);
  });

  it('service level: of concurrent checks of the right code exactly one passes', async () => {
    const mobile = freshMobile();
    const target = { channel: 'sms' as const, mobile };
    await ctx.deps.verification.sendWithoutCaptcha({ target, purpose: 'register', ip: '10.9.9.5' });
    const code = latestCode(ctx, mobile);
    const results = await Promise.all(Array.from({ length: 10 }, () => ctx.deps.verification.check(target, 'register', code)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('a graphic captcha precedes every send', () => {
  let ctx: TestContext;
  let client: TestClient;
  beforeAll(async () => {
    ctx = await createTestContext();
    client = new TestClient(ctx.app);
  });
  afterAll(async () => ctx?.close());

  function expectCaptchaRejected(res: LightMyRequestResponse, mobile: string) {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CAPTCHA_INVALID', message: '图形验证码错误', fieldErrors: { captchaAnswer: '图形验证码错误' } });
    expect(smsTo(ctx, mobile)).toEqual([]);
  }

  it('a wrong answer → 400 图形验证码错误, nothing sent, the mobile’s limits untouched', async () => {
    const mobile = freshMobile();
    const { captchaId, captchaAnswer } = await solveCaptcha(ctx, client);
    const wrong = captchaAnswer === 'zzzz' ? 'yyyy' : 'zzzz';
    expectCaptchaRejected(await client.post('/api/uc/register/sms-code', { mobile, captchaId, captchaAnswer: wrong }), mobile);
    // The per-mobile 1-a-minute window was not consumed by the refused attempt.
    expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
  });

  it('an unknown (never issued) captcha → 400 图形验证码错误, nothing sent', async () => {
    const mobile = freshMobile();
    await solveCaptcha(ctx, client);
    const answer = ctx.deps.captcha.latestAnswer()!;
    expectCaptchaRejected(await client.post('/api/uc/register/sms-code', { mobile, captchaId: 'never-issued-captcha-id', captchaAnswer: answer }), mobile);
  });

  it('a reused captcha → 400 图形验证码错误, nothing sent the second time', async () => {
    const first = freshMobile();
    const second = freshMobile();
    const captcha = await solveCaptcha(ctx, client);
    expect((await client.post('/api/uc/register/sms-code', { mobile: first, ...captcha })).statusCode).toBe(200);
    expectCaptchaRejected(await client.post('/api/uc/register/sms-code', { mobile: second, ...captcha }), second);
  });

  it('an expired captcha (5 minutes) → 400 图形验证码错误', async () => {
    const mobile = freshMobile();
    const captcha = await solveCaptcha(ctx, client);
    ctx.clock.advance(5 * MINUTE);
    expectCaptchaRejected(await client.post('/api/uc/register/sms-code', { mobile, ...captcha }), mobile);
  });

  it('missing captcha fields → 400 with a captcha field error, nothing sent', async () => {
    const mobile = freshMobile();
    const { captchaId } = await solveCaptcha(ctx, client);
    for (const body of [{ mobile }, { mobile, captchaId }, { mobile, captchaId, captchaAnswer: '' }, { mobile, captchaAnswer: 'abcd' }]) {
      const res = await client.post('/api/uc/register/sms-code', body);
      expect(res.statusCode).toBe(400);
      const fieldErrors = res.json().fieldErrors as Record<string, string>;
      const captchaMessages = [fieldErrors.captchaId, fieldErrors.captchaAnswer].filter(Boolean);
      expect(captchaMessages.length).toBeGreaterThan(0);
      for (const m of captchaMessages) expect(m).toMatch(/图形验证码/);
    }
    expect(smsTo(ctx, mobile)).toEqual([]);
  });

  it('service level: send() refuses without a captcha; only sendWithoutCaptcha skips it', async () => {
    const mobile = freshMobile();
    const request = { target: { channel: 'sms' as const, mobile }, purpose: 'register' as const, ip: '10.8.0.1' };
    await expect(ctx.deps.verification.send({ ...request, captchaId: undefined, captchaAnswer: undefined })).rejects.toMatchObject({ code: 'CAPTCHA_INVALID', status: 400 });
    expect(smsTo(ctx, mobile)).toEqual([]);
  });
});

describe('sending limits per mobile: 1 a minute, 5 an hour, 10 a day', () => {
  let ctx: TestContext;
  let client: TestClient;
  beforeAll(async () => {
    ctx = await createTestContext();
    client = new TestClient(ctx.app);
  });
  afterAll(async () => ctx?.close());

  function expectTooFrequent(res: LightMyRequestResponse) {
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject(TOO_FREQUENT);
    expect(res.json().requestId).toEqual(expect.any(String));
  }

  it('1 a minute: the second send within the minute is refused and sends nothing', async () => {
    const mobile = freshMobile();
    expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
    ctx.clock.advance(59_000);
    expectTooFrequent(await sendRegisterCode(ctx, client, mobile));
    expect(smsTo(ctx, mobile)).toHaveLength(1);
    ctx.clock.advance(1_000);
    expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
    expect(smsTo(ctx, mobile)).toHaveLength(2);
  });

  it('other mobiles are not affected by one mobile’s limit', async () => {
    const a = freshMobile();
    const b = freshMobile();
    expect((await sendRegisterCode(ctx, client, a)).statusCode).toBe(200);
    expect((await sendRegisterCode(ctx, client, b)).statusCode).toBe(200);
  });

  it('5 an hour, 10 a day, and the windows reset as the clock moves', async () => {
    const mobile = freshMobile();
    const start = ctx.clock.now().getTime();
    const at = (ms: number) => ctx.clock.set(new Date(start + ms));
    for (let i = 0; i < 5; i++) {
      at(i * (MINUTE + 1000));
      expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
    }
    at(5 * (MINUTE + 1000));
    expectTooFrequent(await sendRegisterCode(ctx, client, mobile)); // 6th in the hour
    at(59 * MINUTE);
    expectTooFrequent(await sendRegisterCode(ctx, client, mobile));
    expect(smsTo(ctx, mobile)).toHaveLength(5);

    for (let i = 0; i < 5; i++) {
      at(HOUR + 1000 + i * (MINUTE + 1000));
      expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
    }
    expect(smsTo(ctx, mobile)).toHaveLength(10);
    at(2 * HOUR + 5 * MINUTE);
    expectTooFrequent(await sendRegisterCode(ctx, client, mobile)); // 11th in the day, first in its hour
    at(23 * HOUR);
    expectTooFrequent(await sendRegisterCode(ctx, client, mobile));
    expect(smsTo(ctx, mobile)).toHaveLength(10);

    at(24 * HOUR + 1000);
    expect((await sendRegisterCode(ctx, client, mobile)).statusCode).toBe(200);
    expect(smsTo(ctx, mobile)).toHaveLength(11);
  });

  it('the default per-IP limit of APP_ENV=test is raised, the per-mobile ones are not', () => {
    expect(ctx.config.limits.smsPerMobilePerMinute).toBe(1);
    expect(ctx.config.limits.smsPerMobilePerHour).toBe(5);
    expect(ctx.config.limits.smsPerMobilePerDay).toBe(10);
    expect(ctx.config.limits.smsGlobalPerMinute).toBe(600);
    expect(ctx.config.limits.codeTtlSeconds).toBe(300);
    expect(ctx.config.limits.codeMaxTries).toBe(5);
  });
});

describe('sending limits per IP (20 an hour by default)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ LIMITS_JSON: JSON.stringify({ smsPerIpPerHour: 3 }) });
  });
  afterAll(async () => ctx?.close());

  it('the 4th send from one IP within the hour is refused; other IPs go on; the hour resets', async () => {
    const a = new TestClient(ctx.app, { ip: '203.0.113.7' });
    const b = new TestClient(ctx.app, { ip: '203.0.113.8' });
    for (let i = 0; i < 3; i++) expect((await sendRegisterCode(ctx, a, freshMobile())).statusCode).toBe(200);
    const refused = freshMobile();
    const res = await sendRegisterCode(ctx, a, refused);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject(TOO_FREQUENT);
    expect(smsTo(ctx, refused)).toEqual([]);
    expect((await sendRegisterCode(ctx, b, freshMobile())).statusCode).toBe(200);
    ctx.clock.advance(59 * MINUTE);
    expect((await sendRegisterCode(ctx, a, freshMobile())).statusCode).toBe(429);
    ctx.clock.advance(MINUTE);
    expect((await sendRegisterCode(ctx, a, refused)).statusCode).toBe(200);
  });

  it('the production default is 20 an hour per IP', async () => {
    const { defaultLimits } = await import('../../../src/server/config.js');
    expect(defaultLimits).toMatchObject({ smsPerIpPerHour: 20, smsGlobalPerMinute: 600, smsPerMobilePerMinute: 1, smsPerMobilePerHour: 5, smsPerMobilePerDay: 10 });
  });
});

describe('global sending budget (600 a minute by default)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ LIMITS_JSON: JSON.stringify({ smsGlobalPerMinute: 4 }) });
  });
  afterAll(async () => ctx?.close());

  it('over the budget every send is refused, whatever the mobile or IP, until the minute ends', async () => {
    for (let i = 0; i < 4; i++) {
      const client = new TestClient(ctx.app, { ip: `198.51.100.${i + 1}` });
      expect((await sendRegisterCode(ctx, client, freshMobile())).statusCode).toBe(200);
    }
    const late = new TestClient(ctx.app, { ip: '198.51.100.99' });
    const mobile = freshMobile();
    const res = await sendRegisterCode(ctx, late, mobile);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject(TOO_FREQUENT);
    expect(smsTo(ctx, mobile)).toEqual([]);
    ctx.clock.advance(MINUTE);
    expect((await sendRegisterCode(ctx, late, mobile)).statusCode).toBe(200);
  });
});
