import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const formPost = (url: string) => ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });

/** The rooms are registered in an order that decides which routes take HTML form bodies (ADR 0008). */
describe('form bodies by room', () => {
  it('the JSON routes of the IdP and the 管理端 refuse them', async () => {
    for (const url of ['/api/uc/login', '/api/admin/login']) {
      const res = await formPost(url);
      expect(res.statusCode, url).toBe(415);
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('the platform’s 【退出】 form and an unknown path take them (then CSRF and 404 answer)', async () => {
    const logout = await formPost('/auth/logout');
    expect(logout.json().code).toBe('CSRF_INVALID');
    const unknown = await formPost('/api/nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
  });
});
