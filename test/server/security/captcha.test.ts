import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, solveCaptcha } from '../../helpers/client.js';
import { DEMO_PASSWORD } from '../../../src/server/seed/accounts.js';

/** Graphic captcha (validators.md 验证码): 4–5 characters, 5 minutes, single use, case-insensitive. */

const MINUTE = 60_000;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** Issues a captcha over HTTP and reads its answer from the development endpoint. */
async function issue() {
  const res = await ctx.app.inject('/api/captcha');
  expect(res.statusCode).toBe(200);
  const latest = await ctx.app.inject('/__dev/captcha/latest');
  return { res, captchaId: res.json().captchaId as string, answer: latest.json().answer as string };
}

const swapCase = (s: string) => [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

let mobileCounter = 0;
const freshMobile = () => `137${String(20_000_000 + ++mobileCounter * 104_729).slice(-8)}`;

describe('GET /api/captcha', () => {
  it('returns { captchaId, image } with an SVG data URL and no-store caching', async () => {
    const { res, captchaId } = await issue();
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['captchaId', 'image']);
    expect(captchaId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(body.image).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    const svg = Buffer.from(body.image.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg).toContain('</svg>');
    // The characters are drawn as paths, not as text a script could read.
    expect(svg).not.toMatch(/<text/i);
    expect(String(res.headers['cache-control'])).toContain('no-store');
  });

  it('the answer has 4–5 characters without look-alikes (0/O, 1/I/l)', async () => {
    for (let i = 0; i < 20; i++) {
      const { answer } = await issue();
      expect(answer).toMatch(/^[A-Za-z2-9]{4,5}$/);
      expect(answer).not.toMatch(/[01OIl]/);
    }
  });

  it('issues a new id every time', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await issue()).captchaId);
    expect(ids.size).toBe(20);
  });

  it('the answer is stored server-side, keyed by the id, not sent to the browser', async () => {
    const { res, answer } = await issue();
    expect(res.body).not.toContain(`"${answer}"`);
    expect(JSON.stringify(res.headers)).not.toContain(answer);
  });
});

describe('checking an answer', () => {
  it('is case-insensitive and ignores surrounding spaces', async () => {
    const { captchaService } = ctx.deps;
    const a = await issue();
    expect(await captchaService.check(a.captchaId, a.answer.toUpperCase())).toBe(true);
    const b = await issue();
    expect(await captchaService.check(b.captchaId, a.answer === b.answer ? swapCase(b.answer) : b.answer.toLowerCase())).toBe(true);
    const c = await issue();
    expect(await captchaService.check(c.captchaId, `  ${swapCase(c.answer)} `)).toBe(true);
  });

  it('is case-insensitive through a route too (注册 SMS code)', async () => {
    const client = new TestClient(ctx.app);
    const { captchaId, captchaAnswer } = await solveCaptcha(ctx, client);
    const res = await client.post('/api/uc/register/sms-code', { mobile: freshMobile(), captchaId, captchaAnswer: swapCase(captchaAnswer) });
    expect(res.statusCode).toBe(200);
  });

  it('is single use: the right answer works once', async () => {
    const { captchaId, answer } = await issue();
    expect(await ctx.deps.captchaService.check(captchaId, answer)).toBe(true);
    expect(await ctx.deps.captchaService.check(captchaId, answer)).toBe(false);
  });

  it('is consumed by a wrong answer too (no guessing on one image)', async () => {
    const { captchaId, answer } = await issue();
    expect(await ctx.deps.captchaService.check(captchaId, `${answer}x`)).toBe(false);
    expect(await ctx.deps.captchaService.check(captchaId, answer)).toBe(false);
  });

  it('of concurrent checks of one captcha at most one passes', async () => {
    const { captchaId, answer } = await issue();
    const results = await Promise.all(Array.from({ length: 10 }, () => ctx.deps.captchaService.check(captchaId, answer)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('expires after 5 minutes: accepted at 4:59, refused at 5:00', async () => {
    const early = await issue();
    const late = await issue();
    ctx.clock.advance(5 * MINUTE - 1000);
    expect(await ctx.deps.captchaService.check(early.captchaId, early.answer)).toBe(true);
    ctx.clock.advance(1000);
    expect(await ctx.deps.captchaService.check(late.captchaId, late.answer)).toBe(false);
  });

  it('one captcha’s answer does not open another captcha', async () => {
    const a = await issue();
    const b = await issue();
    if (a.answer.toLowerCase() === b.answer.toLowerCase()) return;
    expect(await ctx.deps.captchaService.check(b.captchaId, a.answer)).toBe(false);
  });

  it('missing, empty, over-long or odd inputs never pass and never throw', async () => {
    const { captchaId, answer } = await issue();
    const cases: [string | undefined, string | undefined][] = [
      [undefined, answer],
      [captchaId, undefined],
      ['', answer],
      [captchaId, ''],
      ['x'.repeat(65), answer],
      [`${captchaId}\u0000`, answer],
      ['İ', 'i̇'],
      ['\ud800', '\udfff'],
    ];
    for (const [id, given] of cases) expect(await ctx.deps.captchaService.check(id, given)).toBe(false);
    // None of those consumed the real one.
    expect(await ctx.deps.captchaService.check(captchaId, answer)).toBe(true);
  });
});

describe('captcha on 登录', () => {
  it('a wrong captcha refuses even the right password: 400 图形验证码错误', async () => {
    const client = new TestClient(ctx.app);
    const { captchaId, captchaAnswer } = await solveCaptcha(ctx, client);
    const res = await client.post('/api/uc/login', { identifier: 'demo_xjr', password: DEMO_PASSWORD, captchaId, captchaAnswer: `${captchaAnswer}9` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CAPTCHA_INVALID', fieldErrors: { captchaAnswer: '图形验证码错误' } });
    expect((await client.get('/api/uc/me')).json()).toEqual({ loggedIn: false });
  });

  it('a captcha used by a login cannot be used again', async () => {
    const client = new TestClient(ctx.app);
    const captcha = await solveCaptcha(ctx, client);
    expect((await client.post('/api/uc/login', { identifier: 'demo_xjr', password: DEMO_PASSWORD, ...captcha })).statusCode).toBe(200);
    const again = await new TestClient(ctx.app).post('/api/uc/login', { identifier: 'demo_xjr', password: DEMO_PASSWORD, ...captcha });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('CAPTCHA_INVALID');
  });
});
