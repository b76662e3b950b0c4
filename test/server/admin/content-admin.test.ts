import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { loggedInOperator, tryOperatorLogin } from '../../helpers/steps.js';
import { shanghaiDate } from '../../../src/server/clock.js';

let ctx: TestContext;
let admin: TestClient;
let sh: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loggedInOperator(ctx, 'admin');
  sh = await loggedInOperator(ctx, 'admin_sh');
});
afterAll(async () => ctx?.close());

const today = () => shanghaiDate(ctx.clock.now());
const home = async () => (await new TestClient(ctx.app).get('/api/platform/home')).json();

describe('【内容管理】', () => {
  it('publishes a 通知公告 that leads the platform home at once, edits and deletes it, all audited', async () => {
    const created = await admin.post('/api/admin/content', { kind: 'notice', title: '关于系统升级的通知', summary: '', body: '第一段。\n\n第二段。', publishedOn: today() });
    expect(created.statusCode, created.body).toBe(200);
    const { id } = created.json();
    expect((await home()).notices[0]).toMatchObject({ id, title: '关于系统升级的通知', summary: '第一段。 第二段。' });
    expect((await new TestClient(ctx.app).get(`/api/platform/content/${id}`)).json().body).toBe('第一段。\n\n第二段。');

    const list = (await admin.get('/api/admin/content?kind=notice')).json();
    expect(list.items[0]).toMatchObject({ id, kind: 'notice', publishedOn: today() });
    expect((await admin.get(`/api/admin/content/${id}`)).json().body).toBe('第一段。\n\n第二段。');

    const edited = await admin.post(`/api/admin/content/${id}`, { kind: 'policy', title: '关于系统升级的政策', summary: '摘要', body: '正文', publishedOn: today() });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = await home();
    expect(after.notices.map((n: { id: string }) => n.id)).not.toContain(id);
    expect(after.policies[0]).toMatchObject({ id, title: '关于系统升级的政策', summary: '摘要' });

    expect((await admin.post(`/api/admin/content/${id}/delete`)).statusCode).toBe(200);
    expect((await home()).policies.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await new TestClient(ctx.app).get(`/api/platform/content/${id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/admin/content/${id}/delete`)).statusCode).toBe(404);
    const actions = (await ctx.deps.audit.list({ targetId: id, limit: 10 })).map((r) => r.action);
    expect(actions).toEqual(['content.delete', 'content.update', 'content.create']);
  });

  it('checks the fields in Chinese', async () => {
    const res = await admin.post('/api/admin/content', { kind: 'notice', title: '', body: '', publishedOn: '2020-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors).toMatchObject({ title: '请输入标题', body: '请输入正文' });
    expect((await admin.post('/api/admin/content', { kind: 'notice', title: 't', body: 'b', publishedOn: '2020-02-30' })).json().fieldErrors.publishedOn).toBe('请选择发布日期');
    const future = new Date(ctx.clock.now().getTime() + 3 * 86400_000);
    expect((await admin.post('/api/admin/content', { kind: 'notice', title: 't', body: 'b', publishedOn: shanghaiDate(future) })).json().fieldErrors.publishedOn).toBe('发布日期不能晚于今天');
    expect((await admin.post('/api/admin/content', { kind: 'news', title: 't', body: 'b', publishedOn: today() })).statusCode).toBe(400);
  });

  it('is 部级 only: 省级 and 市级 get 403 on every route and change nothing', async () => {
    const city = await admin.post('/api/admin/operators', { username: 'content_city', displayName: '上海市辖区', role: 'city', regionCode: '3101' });
    const cityClient = new TestClient(ctx.app);
    expect((await tryOperatorLogin(ctx, cityClient, 'content_city', city.json().initialPassword)).json()).toEqual({ step: 'done' });
    const before = await home();
    for (const client of [sh, cityClient]) {
      expect((await client.get('/api/admin/content')).statusCode).toBe(403);
      expect((await client.get('/api/admin/content/notice-001')).statusCode).toBe(403);
      expect((await client.post('/api/admin/content', { kind: 'notice', title: '越权', body: '越权', publishedOn: today() })).statusCode).toBe(403);
      expect((await client.post('/api/admin/content/notice-001', { kind: 'notice', title: '越权', body: '越权', publishedOn: today() })).statusCode).toBe(403);
      expect((await client.post('/api/admin/content/notice-001/delete')).statusCode).toBe(403);
    }
    expect(await home()).toEqual(before);
  });
});
