import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { newLoggedInAccount } from '../../helpers/accounts.js';
import { fileRealnameReview } from '../../helpers/steps.js';
import { operatorClient } from './personal-data-helpers.js';
import { platformSessionData } from '../../helpers/sessions.js';

/** Public, non-personal answers that a route marks cacheable itself; everything else is no-store. */
const CACHEABLE = [/^\/assets\//, /^\/uc\/oidc-assets\//];

let ctx: TestContext;
let account: Awaited<ReturnType<typeof newLoggedInAccount>>;
let reviewId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  account = await newLoggedInAccount(ctx);
  reviewId = (await fileRealnameReview(ctx, account)).id;
});
afterAll(async () => ctx?.close());

async function platformClient() {
  const person = await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow();
  const client = new TestClient(ctx.app);
  client.cookies.set('pf_sid', await ctx.deps.sessions.create('platform', person.id, platformSessionData(ctx.deps.pii)));
  return client;
}

describe('Cache-Control: no-store on authenticated and personal answers', () => {
  it('用户中心: /api/uc/me, 登录记录, 个人信息下载', async () => {
    for (const url of ['/api/uc/me', '/api/uc/account/login-records', '/api/uc/account/export']) {
      const res = await account.client.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('管理端: /api/admin/me, the queue, a request’s details and its uploads', async () => {
    const admin = await operatorClient(ctx);
    for (const url of ['/api/admin/me', '/api/admin/reviews', `/api/admin/reviews/${reviewId}`, `/api/admin/reviews/${reviewId}/files/idDocument`]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('the platform: /api/platform/me of a logged-in 法人', async () => {
    const res = await (await platformClient()).get('/api/platform/me');
    expect(res.json()).toEqual({ loggedIn: true, displayName: '北京智芯微电子科技有限公司', userType: 'legal' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('every GET route answers no-store (whatever the status) unless it is public and marks itself cacheable', async () => {
    const admin = await operatorClient(ctx);
    const platform = await platformClient();
    const client = new TestClient(ctx.app);
    for (const [name, value] of [...account.client.cookies, ...admin.cookies, ...platform.cookies]) client.cookies.set(name, value);
    const routes = ctx.app.routeAccess.filter((r) => r.method === 'GET' && !r.url.startsWith('/uc/oidc/'));
    expect(routes.length).toBeGreaterThan(15);
    // A route that sets its own Cache-Control keeps it.
    expect((await client.get('/uc/oidc-assets/logout.js')).headers['cache-control']).toBe('public, max-age=3600');
    for (const route of routes) {
      const url = route.url.replace(/:[A-Za-z0-9_]+/g, 'x').replace(/\*/g, 'x.js');
      const res = await client.get(url);
      // A missing asset is an error answer like any other.
      if (CACHEABLE.some((p) => p.test(url)) && res.statusCode === 200) expect(res.headers['cache-control'], url).toMatch(/^public/);
      else expect(res.headers['cache-control'], `${url} (${res.statusCode})`).toBe('no-store');
    }
  });
});
