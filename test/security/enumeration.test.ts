import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { TestClient, solveCaptcha } from '../helpers/client.js';
import { newMobileCode, sendForgotCode, startMobileChange, tryLogin } from '../helpers/steps.js';

/**
 * Account enumeration (issue 19, quality.md): for 登录, 忘记密码 and 手机号修改 an existing and an
 * unknown identifier get the same status, the same body and the same headers (cookies by name),
 * also when limits start to refuse. The timing side is measured by bench/enumeration.ts.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** What an observer compares: status, body without its request id / random token, headers without the volatile ones. */
function observable(res: LightMyRequestResponse) {
  const headers = { ...res.headers };
  delete headers.date;
  headers['x-request-id'] = typeof headers['x-request-id'] === 'string' ? 'ID' : headers['x-request-id'];
  const cookies = res.cookies.map((c) => c.name).sort();
  delete headers['set-cookie'];
  let body: unknown = res.body;
  try {
    const json = res.json() as Record<string, unknown>;
    body = {
      ...json,
      ...(typeof json.requestId === 'string' ? { requestId: 'ID' } : {}),
      ...(typeof json.flowToken === 'string' ? { flowToken: json.flowToken.replace(/[A-Za-z0-9_-]/g, 'x') } : {}),
    };
  } catch {
    // not JSON: compared as it is
  }
  return { status: res.statusCode, body, headers, cookies };
}

describe('登录: existing and unknown identifiers answer alike', () => {
  it('wrong password, unknown login name, unknown USCC, existing USCC with a wrong password: one answer', async () => {
    const answers = [];
    for (const identifier of ['demo_xjr', 'nobody_enum_1', '91310115MA1K2L3M46', '91110108MA01A1B215']) {
      answers.push(observable(await tryLogin(ctx, new TestClient(ctx.app), identifier, 'Wrong#Pass1')));
    }
    expect(answers[0].status).toBe(401);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });
});

describe('忘记密码: existing and unknown identifiers answer alike', () => {
  it('bound mobile, another mobile, unknown account: one answer', async () => {
    const answers = [];
    const cases: [string, string][] = [
      ['demo_incomplete', '13800000002'],
      ['demo_incomplete', '13912340001'],
      ['nobody_enum_2', '13912340002'],
      ['91420111MA4W5X6Y7W', '13912340003'],
    ];
    for (const [identifier, mobile] of cases) {
      ctx.clock.advance(61_000);
      answers.push(observable(await sendForgotCode(ctx, new TestClient(ctx.app), identifier, mobile)));
    }
    expect(answers[0].status).toBe(200);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });

  it('the per-mobile limit counts unknown accounts too: the second request to a mobile within a minute is refused either way', async () => {
    const pairs: [string, string][][] = [
      [['demo_person', '13800000009'], ['nobody_enum_3', '13800000009']],
      [['nobody_enum_4', '13800000009'], ['demo_person', '13800000009']],
    ];
    const outcomes = [];
    for (const pair of pairs) {
      ctx.clock.advance(61 * 60_000);
      const first = observable(await sendForgotCode(ctx, new TestClient(ctx.app), ...pair[0]));
      const second = observable(await sendForgotCode(ctx, new TestClient(ctx.app), ...pair[1]));
      outcomes.push({ first, second });
    }
    expect(outcomes[0].first.status).toBe(200);
    expect(outcomes[0].second.status).toBe(429);
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});

describe('手机号修改: existing and unknown identifiers answer alike', () => {
  it('step 1 (账号 + 图形验证码): the same answer, a flow token of the same form', async () => {
    const answers = [];
    for (const identifier of ['demo_xjr', 'nobody_enum_5', '91110108MA01A1B215', '91310115MA1K2L3M46']) {
      const client = new TestClient(ctx.app);
      answers.push(observable(await client.post('/api/uc/mobile-change/start', { identifier, ...(await solveCaptcha(ctx, client)) })));
    }
    expect(answers[0].status).toBe(200);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });

  it('the next steps (邮箱验证码, 新手机号验证码) answer the same for an existing and an unknown account', async () => {
    const answers = [];
    for (const [identifier, newMobile] of [['demo_person', '13912340006'], ['nobody_enum_6', '13912340007']]) {
      const client = new TestClient(ctx.app);
      const flowToken = await startMobileChange(ctx, client, identifier);
      const email = observable(await client.post('/api/uc/mobile-change/email-code', { flowToken }));
      await newMobileCode(ctx, client, flowToken, newMobile);
      answers.push({ email });
    }
    expect(answers[0].email.status).toBe(200);
    expect(answers[1]).toEqual(answers[0]);
  });
});
