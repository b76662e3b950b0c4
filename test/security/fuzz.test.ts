import fc from 'fast-check';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../helpers/context.js';
import { operatorSessionData, platformSessionData } from '../helpers/sessions.js';
import { TestClient, latestCode, solveCaptcha } from '../helpers/client.js';
import { answerFrameworkError, registerErrorHandling } from '../../src/server/plugins/errors.js';
import { fuzzRuns, loadOperations, problemsOf, requestFor, sweepRequests, type FuzzRequest } from './fuzz-harness.js';

/**
 * Fuzz every API operation (quality.md Security): malformed and random requests never get a
 * 5xx, always the error model with a Chinese message, and never cause an unhandled
 * rejection. Requests carry a valid CSRF token and live sessions so that they reach
 * validation and the handlers. FUZZ_RUNS per operation: 100 by default, 1000 under
 * `npm run fuzz`. The per-file test database absorbs the side effects.
 */

const runs = fuzzRuns();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

const ctx = await createTestContext();
const operations = await loadOperations(ctx.app, ctx.app.routeAccess);

// A plain registered account (not 实名认证), so 实名认证 and 账号设置 are reachable.
const registrar = new TestClient(ctx.app);
const fuzzMobile = '13900002222';
await registrar.post('/api/uc/register/sms-code', { mobile: fuzzMobile, ...(await solveCaptcha(ctx, registrar)) });
const registered = await registrar.post('/api/uc/register', {
  loginName: 'fuzz_plain',
  mobile: fuzzMobile,
  smsCode: latestCode(ctx, fuzzMobile),
  password: 'Strong#Pass2025',
  confirmPassword: 'Strong#Pass2025',
  agree: true,
});
if (registered.statusCode !== 200) throw new Error(`could not register the fuzz account: ${registered.body}`);
const accountId = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'fuzz_plain').executeTakeFirstOrThrow()).id;
// A 省级 operator (region-scoped) for the 管理端 routes; the seeded one when there is one.
const operatorRow = await ctx.deps.db.kysely.selectFrom('operators').select(['id', 'role', 'region_code']).where('username', '=', 'admin_sh').executeTakeFirst();
const operator = { id: operatorRow?.id ?? 'fuzz-operator', role: operatorRow?.role ?? 'province', regionCode: operatorRow?.region_code ?? '31' };

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await ctx.close();
});

/**
 * Who sends the requests. Each fuzzed request goes out as one of these callers, so routes behind
 * the access check are fuzzed past it as well as refused before it:
 * - anonymous: no session at all;
 * - enterprise: the verified 法人 demo_xjr (统一登录 and platform sessions of 北京智芯, 融资服务专区 open);
 * - ministry: a 部级 operator (管理端, every region);
 * - mixed: a plain registered account (not 实名认证) in 统一登录, a platform session, a 省级 operator
 *   and an institution placeholder at once (实名认证 and 账号设置 reachable, region scope applied);
 * - institution: the 金融机构端 session. HOOK: the institution realm's session data is the
 *   operator shape here until the 金融机构端 lands; then make it the seeded institution user's
 *   real session data (src/server/institution/, SessionDataByRealm['institution']).
 */
type Persona = 'anonymous' | 'enterprise' | 'ministry' | 'mixed' | 'institution';
const personas: Persona[] = ['anonymous', 'enterprise', 'ministry', 'mixed', 'institution'];
const XJR_USCC = '91110108MA01A1B215';
const xjrAccountId = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow()).id;
const ministryRow = await ctx.deps.db.kysely.selectFrom('operators').select(['id']).where('username', '=', 'admin').executeTakeFirst();

async function sessionsOf(persona: Persona): Promise<Record<string, string>> {
  const sessions = ctx.deps.sessions;
  switch (persona) {
    case 'anonymous':
      return {};
    case 'enterprise':
      return {
        uc_sid: await sessions.create('uc', xjrAccountId, {}),
        pf_sid: await sessions.create('platform', xjrAccountId, platformSessionData(ctx.deps.pii, { uscc: XJR_USCC })),
      };
    case 'ministry':
      return { adm_sid: await sessions.create('admin', ministryRow?.id ?? 'fuzz-ministry', operatorSessionData({ role: 'ministry', regionCode: '', name: '模糊测试部级' })) };
    case 'institution':
      return { inst_sid: await sessions.create('institution', 'fuzz-institution', operatorSessionData({ name: '模糊测试机构' })) };
    case 'mixed':
      return {
        uc_sid: await sessions.create('uc', accountId, {}),
        pf_sid: await sessions.create('platform', accountId, platformSessionData(ctx.deps.pii)),
        adm_sid: await sessions.create('admin', operator.id, operatorSessionData({ role: operator.role, regionCode: operator.regionCode, name: '模糊测试' })),
        inst_sid: await sessions.create('institution', 'fuzz-institution', operatorSessionData({ name: '模糊测试' })),
      };
  }
}

/** A browser: CSRF secret cookie and token, and the live sessions of the persona. */
let csrf: { token: string; secret: string } | undefined;
const sessionCookies = new Map<Persona, Record<string, string>>();
async function browser(persona: Persona) {
  if (!csrf) {
    // One token for the run: the secret lives only in the browser's cookie, so it stays valid.
    const res = await ctx.app.inject({ method: 'GET', url: '/api/csrf' });
    const secret = res.cookies.find((c) => c.name === 'csrf_secret');
    if (!secret) throw new Error(`GET /api/csrf: ${res.statusCode} ${res.body}`);
    csrf = { token: res.json().token as string, secret: secret.value };
  }
  let cookies = sessionCookies.get(persona);
  if (!cookies) {
    cookies = await sessionsOf(persona);
    sessionCookies.set(persona, cookies);
  }
  return { token: csrf.token, cookies: { csrf_secret: csrf.secret, ...cookies } };
}

async function send(request: FuzzRequest, persona: Persona = 'mixed') {
  const { token, cookies } = await browser(persona);
  const res = await ctx.app.inject({
    method: request.method,
    url: request.url,
    headers: { ...request.headers, 'x-csrf-token': token },
    cookies,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  // A state change that succeeded may have ended sessions (退出登录, 注销, a new password):
  // start fresh ones, so the following requests still get past the access check.
  if (request.method !== 'GET' && res.statusCode < 400) sessionCookies.delete(persona);
  return res;
}

const describeRequest = (r: FuzzRequest) => {
  const payload = r.payload === undefined ? '' : typeof r.payload === 'string' ? r.payload : `<${r.payload.length} bytes>`;
  return `${r.shape}: ${r.method} ${r.url.slice(0, 300)} ${JSON.stringify(r.headers).slice(0, 200)} ${JSON.stringify(payload.slice(0, 300))}${payload.length > 300 ? '…' : ''}`;
};

describe('fuzz: every API operation', () => {
  it('finds the operations in the OpenAPI document', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toContain('POST /api/uc/login');
    expect(names).toContain('GET /api/platform/content/{id}');
    expect(operations.find((o) => o.path === '/api/uc/login')!.body?.properties).toHaveProperty('captchaId');
    expect(operations.length).toBeGreaterThan(20);
  });

  for (const op of operations) {
    it(
      `${op.method} ${op.path}`,
      async () => {
        const statuses = new Map<number, number>();
        const byPersona = new Map<Persona, number>();
        await fc.assert(
          fc.asyncProperty(requestFor(op), fc.constantFrom(...personas), async (request, persona) => {
            const res = await send(request, persona);
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            byPersona.set(persona, (byPersona.get(persona) ?? 0) + 1);
            // The router's own answers (before any route) have their own test below.
            if (isRouterAnswer(res)) return;
            const problems = problemsOf(res);
            if (problems.length) throw new Error(`${problems.join('; ')}\n  as: ${persona}\n  request: ${describeRequest(request)}\n  answer: ${res.statusCode} ${res.body.slice(0, 500)}`);
          }),
          { numRuns: runs, endOnFailure: false, interruptAfterTimeLimit: 10 * 60_000 },
        );
        if (process.env.FUZZ_VERBOSE) console.log('STATUSES', op.method, op.path, JSON.stringify([...statuses].sort()), JSON.stringify([...byPersona]));
        // Every caller kind was used on every route.
        expect([...byPersona.keys()].sort(), `${op.method} ${op.path}`).toEqual([...personas].sort());
        // The requests did reach the route: not everything was refused before validation.
        expect([...statuses.keys()].some((s) => s !== 403), `${op.method} ${op.path}: ${JSON.stringify([...statuses])}`).toBe(true);
      },
      30_000 + runs * 250,
    );
  }

});

/** Fastify's router answered by itself (undecodable URL, over-long parameter), outside our error model. */
function isRouterAnswer(res: { body: string }) {
  return /"code":"FST_ERR_(BAD_URL|MAX_PARAM_LENGTH)"/.test(res.body);
}

describe('answers of the router itself (app level)', () => {
  it('undecodable URLs and over-long path parameters answer in the error model', async () => {
    const urls = ['/api/platform/content/%', '/api/platform/content/%E0%A4%A', `/api/platform/content/${'a'.repeat(300)}`, '/api/%ZZ'];
    const problems: string[] = [];
    for (const url of urls) {
      const res = await send({ method: 'GET', url, headers: {}, payload: undefined, shape: 'router' });
      const found = problemsOf(res);
      if (found.length) problems.push(`${url.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 120)}: ${found.join('; ')}`);
    }
    expect(
      problems,
      'Fastify answers these before any route or error handler: pass `frameworkErrors: answerFrameworkError` (src/server/plugins/errors.ts) to Fastify() in src/server/app.ts',
    ).toEqual([]);
  });
});

describe('sweep: every dangerous value in every field, the other fields valid (captcha solved)', () => {
  const freshCaptcha = async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/captcha' });
    return { captchaId: res.json().captchaId as string, captchaAnswer: ctx.deps.captcha.latestAnswer()! };
  };
  for (const op of operations) {
    const cases = sweepRequests(op, freshCaptcha);
    if (!cases.length) continue;
    it(`${op.method} ${op.path} (${cases.length} requests)`, async () => {
      const problems: string[] = [];
      for (const c of cases) {
        const request = await c.make();
        const res = await send(request);
        const found = problemsOf(res);
        if (found.length) problems.push(`${c.describe}: ${found.join('; ')} — answer ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
    }, 120_000);
  }
});

describe('fuzz harness self-check (the checks can fail)', () => {
  const fake = (statusCode: number, body: string, headers: Record<string, string> = {}) =>
    ({ statusCode, body, headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r1', ...headers } }) as never;

  it('accepts a proper error answer', () => {
    expect(problemsOf(fake(400, JSON.stringify({ code: 'VALIDATION_FAILED', message: '提交的信息有误', fieldErrors: { a: '此项为必填项' }, requestId: 'r1' })))).toEqual([]);
  });

  it('flags a 5xx, English messages, a missing requestId, non-JSON errors and stack traces', () => {
    expect(problemsOf(fake(500, JSON.stringify({ code: 'INTERNAL', message: '系统繁忙', fieldErrors: {}, requestId: 'r1' })))).not.toEqual([]);
    expect(problemsOf(fake(400, JSON.stringify({ code: 'X', message: 'Bad Request', fieldErrors: {}, requestId: 'r1' })))).not.toEqual([]);
    expect(problemsOf(fake(400, JSON.stringify({ code: 'X', message: '错误', fieldErrors: { a: 'Required' }, requestId: 'r1' })))).not.toEqual([]);
    expect(problemsOf(fake(400, JSON.stringify({ code: 'X', message: '错误', fieldErrors: {} })))).not.toEqual([]);
    expect(problemsOf(fake(404, 'Not Found', { 'content-type': 'text/plain' }))).not.toEqual([]);
    expect(problemsOf(fake(400, JSON.stringify({ code: 'X', message: '错误 Error: at f (/a/b.js:1:2)', fieldErrors: {}, requestId: 'r1' })))).not.toEqual([]);
  });

  it('generates requests of many shapes, huge strings and lone surrogates included', () => {
    const login = operations.find((o) => o.path === '/api/uc/login')!;
    const sample = fc.sample(requestFor(login), { numRuns: 400, seed: 42 });
    const shapes = new Set(sample.map((r) => r.shape.replace(/ \+.*$/, '')));
    expect(shapes.size).toBeGreaterThan(8);
    expect(sample.some((r) => typeof r.payload === 'string' && r.payload.length > 10_000)).toBe(true);
    expect(sample.some((r) => typeof r.payload === 'string' && /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i.test(r.payload))).toBe(true);
    expect(sample.some((r) => r.shape.includes('broken JSON'))).toBe(true);
    expect(sample.some((r) => r.shape.includes('wrong method'))).toBe(true);
  });
});

describe('answers of the router itself (plugin level)', () => {
  it('undecodable URLs and over-long path parameters get the error model when frameworkErrors is wired', async () => {
    const app = Fastify({ logger: false, frameworkErrors: answerFrameworkError, routerOptions: { maxParamLength: 200 } });
    registerErrorHandling(app);
    app.get('/x/:id', async () => ({ ok: true }));
    await app.ready();
    try {
      for (const url of ['/x/%', '/x/%E0%A4%A', '/x/%ZZ', `/x/${'a'.repeat(300)}`]) {
        const res = await app.inject(url);
        expect(problemsOf(res), `${url}: ${res.statusCode} ${res.body}`).toEqual([]);
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      }
    } finally {
      await app.close();
    }
  });
});

// Last, after every request above has been answered.
describe('the whole run', () => {
  it('caused no unhandled promise rejection', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled.map(String)).toEqual([]);
  });
});
