import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { redactUrl } from '../../../src/server/log.js';
import { platformLogin } from './personal-data-helpers.js';

/** The access log (Fastify's request lines at level info), as the server writes it. */
const lines: string[] = [];
const loggedUrls = () => lines.map((l) => JSON.parse(l) as { req?: { url: string } }).flatMap((l) => (l.req ? [l.req.url] : []));

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOG_LEVEL: 'info' }, { logStream: { write: (line) => void lines.push(line) } });
});
afterAll(async () => ctx?.close());
beforeEach(() => {
  lines.length = 0;
});

const mobile = '13912340000';

describe('access log: no mobile, ID number or token in a logged URL', () => {
  it('核验进度查询 takes the mobile in the body (POST); the log never shows it', async () => {
    const client = new TestClient(ctx.app);
    const res = await client.post('/api/uc/mobile-change/status', { acceptanceNo: 'HY20261125000001', newMobile: mobile });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ found: false, message: '未查询到申请记录' });
    expect(loggedUrls()).toContain('/api/uc/mobile-change/status');
    expect(lines.join('\n')).not.toContain(mobile);
  });

  it('the old GET form with the mobile in the query string is gone, and would not be logged in clear', async () => {
    const res = await ctx.app.inject(`/api/uc/mobile-change/status?acceptanceNo=HY20261125000001&newMobile=${mobile}`);
    expect(res.statusCode).toBe(404);
    expect(lines.join('\n')).not.toContain(mobile);
  });

  it('/__dev/outbox?to= (fixed by the spec) is logged with the value hidden', async () => {
    await ctx.app.inject(`/__dev/outbox?to=${mobile}`);
    expect(loggedUrls()).toContain('/__dev/outbox?to=[已隐藏]');
    expect(lines.join('\n')).not.toContain(mobile);
  });

  it('the IdP end-session URL is logged without its id_token_hint (the ID token carries the name)', async () => {
    const browser = new TestClient(ctx.app);
    await platformLogin(ctx, browser, 'demo_person');
    const logout = await browser.post('/auth/logout');
    const endSession = new URL(String(logout.headers.location));
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    lines.length = 0;
    await browser.get(endSession.pathname + endSession.search);
    expect(loggedUrls().some((u) => u.startsWith(`${endSession.pathname}?`))).toBe(true);
    expect(lines.join('\n')).not.toContain('eyJ');
  });
});

describe('redactUrl', () => {
  it('keeps paths and harmless parameters, hides every other value', () => {
    expect(redactUrl('/api/admin/reviews?status=pending&page=2')).toBe('/api/admin/reviews?status=pending&page=2');
    expect(redactUrl('/x?newMobile=13800000001&idNumber=110101199003077723&uscc=91110108MA01A1B215')).toBe('/x?newMobile=[已隐藏]&idNumber=[已隐藏]&uscc=[已隐藏]');
    expect(redactUrl('/uc/oidc/auth?code=abc&state=s')).toBe('/uc/oidc/auth?code=[已隐藏]&state=[已隐藏]');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});
