import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient, solveCaptcha } from '../../helpers/client.js';
import { operatorSessionData } from '../../helpers/sessions.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function operator(username: string, data: Parameters<typeof operatorSessionData>[0]) {
  const id = (await ctx.deps.db.kysely.selectFrom('operators').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const client = new TestClient(ctx.app);
  client.cookies.set('adm_sid', await ctx.deps.sessions.create('admin', id, operatorSessionData(data)));
  return client;
}

describe('【账号管理】 → 金融机构账号', () => {
  it('部级 creates an institution; its user logs in at /api/institution with the initial password; audited', async () => {
    const admin = await operator('admin', {});
    const res = await admin.post('/api/admin/institutions', { name: '测试担保有限公司', regions: ['44'], username: 'guarantee_gd', displayName: '担保经理' });
    expect(res.statusCode, res.body).toBe(200);
    const { initialPassword } = res.json();
    const list = (await admin.get('/api/admin/institutions')).json();
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['京华银行股份有限公司', '测试担保有限公司']));
    const bank = new TestClient(ctx.app);
    const login = await bank.post('/api/institution/login', { username: 'guarantee_gd', password: initialPassword, ...(await solveCaptcha(ctx, bank)) });
    expect(login.statusCode, login.body).toBe(200);
    expect((await bank.get('/api/institution/profile')).json()).toMatchObject({ institution: '测试担保有限公司', regions: ['44'] });
    const audit = await ctx.deps.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'institution.create').execute();
    expect(audit).toHaveLength(1);
    // The same 账号 twice: a field error, no 500.
    const again = await admin.post('/api/admin/institutions', { name: '另一家机构', regions: ['44'], username: 'guarantee_gd', displayName: '担保经理' });
    expect(again.statusCode).toBe(400);
    expect(again.json().fieldErrors.username).toMatch(/已存在/);
  });

  it('省级 creates only inside its province and sees only those institutions; 市级 none', async () => {
    const sh = await operator('admin_sh', { role: 'province', regionCode: '31', name: '上海市管理员' });
    expect((await sh.post('/api/admin/institutions', { name: '外省银行', regions: ['11'], username: 'bank_bj2', displayName: '客户经理' })).statusCode).toBe(400);
    expect((await sh.post('/api/admin/institutions', { name: '浦江银行', regions: ['31'], username: 'bank_pj', displayName: '客户经理' })).statusCode).toBe(200);
    const names = (await sh.get('/api/admin/institutions')).json().items.map((i: { name: string }) => i.name);
    expect(names).toEqual(['浦江银行']);
    const city = await operator('admin_sh', { role: 'city', regionCode: '3101', name: '市级' });
    expect((await city.get('/api/admin/institutions')).statusCode).toBe(403);
    expect((await city.post('/api/admin/institutions', { name: '市级银行', regions: ['3101'], username: 'bank_city', displayName: '客户经理' })).statusCode).toBe(403);
  });
});
