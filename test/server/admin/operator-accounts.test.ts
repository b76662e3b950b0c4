import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { loggedInOperator, tryOperatorLogin } from '../../helpers/steps.js';
import type { TestClient as Client } from '../../helpers/client.js';
import { checkPassword } from '../../../src/shared/validators/password.js';

let ctx: TestContext;
let admin: Client;
let sh: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loggedInOperator(ctx, 'admin');
  sh = await loggedInOperator(ctx, 'admin_sh');
});
afterAll(async () => ctx?.close());

async function create(as: Client, body: Record<string, unknown>) {
  return as.post('/api/admin/operators', body);
}

/** Logs in with the initial password the creation answer gave. */
async function logInAs(username: string, password: string) {
  const client = new TestClient(ctx.app);
  const res = await tryOperatorLogin(ctx, client, username, password);
  return { client, res };
}

const idOf = async (username: string) => (await ctx.deps.db.kysely.selectFrom('operators').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const auditActions = async (targetId: string) => (await ctx.deps.audit.list({ targetId, limit: 50 })).map((r) => r.action);

describe('【账号管理】 as 部级', () => {
  it('creates a 省级 account with an initial password shown once, which logs in', async () => {
    const res = await create(admin, { username: 'op_js', displayName: '江苏省管理员', role: 'province', regionCode: '32' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { id, initialPassword } = res.json();
    expect(checkPassword(initialPassword).ok).toBe(true);
    const stored = await ctx.deps.db.kysely.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ role: 'province', region_code: '32', status: 'active', is_auditor: 0, totp_enrolled: 0 });
    expect(stored.password_hash).not.toContain(initialPassword);
    expect((await logInAs('op_js', initialPassword)).res.json()).toEqual({ step: 'done' });
    const record = (await ctx.deps.audit.list({ targetId: id, action: 'operator.create', limit: 1 }))[0];
    expect(record).toMatchObject({ actorType: 'operator', details: { username: 'op_js', role: 'province', region: '32' } });
    expect(JSON.stringify(record)).not.toContain(initialPassword);
  });

  it('refuses a taken 账号, a region of the wrong shape or unknown, and 审计员 for a non-部级 account', async () => {
    expect((await create(admin, { username: 'admin_sh', displayName: '重复', role: 'province', regionCode: '31' })).json()).toMatchObject({ code: 'OPERATOR_USERNAME_TAKEN', message: '账号已存在' });
    const wrongShape = await create(admin, { username: 'op_x1', displayName: '某市', role: 'city', regionCode: '31' });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().fieldErrors.regionCode).toBe('请选择城市');
    const unknown = await create(admin, { username: 'op_x2', displayName: '某省', role: 'province', regionCode: '99' });
    expect(unknown.json().fieldErrors.regionCode).toBe('请选择地区');
    const auditor = await create(admin, { username: 'op_x3', displayName: '某省', role: 'province', regionCode: '33', isAuditor: true });
    expect(auditor.json().fieldErrors.isAuditor).toBe('只有部级账号可以设为审计员');
    const badName = await create(admin, { username: 'Bad Name', displayName: '某省', role: 'province', regionCode: '33' });
    expect(badName.json().fieldErrors.username).toMatch(/^账号格式不正确/);
  });

  it('lists every account with role, region, status and 2FA state; cannot act on its own', async () => {
    const list = (await admin.get('/api/admin/operators?pageSize=100')).json();
    expect(list.creatableRoles).toEqual(['ministry', 'province', 'city']);
    expect(list.canSetAuditor).toBe(true);
    const me = list.items.find((i: { username: string }) => i.username === 'admin');
    expect(me).toMatchObject({ role: 'ministry', regionCode: '', isAuditor: true, self: true, manageable: false, totpEnrolled: false });
    expect(list.items.find((i: { username: string }) => i.username === 'admin_sh')).toMatchObject({ role: 'province', regionCode: '31', manageable: true });
    expect((await admin.post(`/api/admin/operators/${me.id}/disable`)).json()).toMatchObject({ code: 'OPERATOR_SELF' });
  });

  it('disables (ending the sessions, refusing the login) and enables again, audited', async () => {
    const { initialPassword } = (await create(admin, { username: 'op_zj', displayName: '浙江省管理员', role: 'province', regionCode: '33' })).json();
    const { client } = await logInAs('op_zj', initialPassword);
    expect((await client.get('/api/admin/operators')).statusCode).toBe(200);
    const id = await idOf('op_zj');
    expect((await admin.post(`/api/admin/operators/${id}/disable`)).statusCode).toBe(200);
    expect((await client.get('/api/admin/operators')).statusCode).toBe(401);
    expect((await logInAs('op_zj', initialPassword)).res.json().message).toBe('账号或密码错误');
    expect((await admin.post(`/api/admin/operators/${id}/enable`)).statusCode).toBe(200);
    expect((await logInAs('op_zj', initialPassword)).res.json()).toEqual({ step: 'done' });
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['operator.create', 'operator.disable', 'operator.enable']));
  });

  it('resets the 动态口令: the next login asks for none (development) and enrols one in production', async () => {
    const id = await idOf('op_zj');
    await ctx.deps.db.kysely.updateTable('operators').set({ totp_secret_enc: ctx.deps.pii.encrypt('JBSWY3DPEHPK3PXP'), totp_enrolled: 1 }).where('id', '=', id).execute();
    expect((await admin.get('/api/admin/operators?keyword=op_zj')).json().items[0].totpEnrolled).toBe(true);
    expect((await admin.post(`/api/admin/operators/${id}/reset-totp`)).statusCode).toBe(200);
    const stored = await ctx.deps.db.kysely.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([stored.totp_enrolled, stored.totp_secret_enc]).toEqual([0, null]);
    expect(await auditActions(id)).toContain('operator.reset_totp');
  });

  it('marks and unmarks 审计员 (部级 accounts only)', async () => {
    const { id } = (await create(admin, { username: 'op_bu2', displayName: '部级审计', role: 'ministry', regionCode: '' })).json();
    expect((await admin.post(`/api/admin/operators/${id}/auditor`, { isAuditor: true })).statusCode).toBe(200);
    expect((await admin.get('/api/admin/operators?keyword=op_bu2')).json().items[0].isAuditor).toBe(true);
    const shId = await idOf('admin_sh');
    expect((await admin.post(`/api/admin/operators/${shId}/auditor`, { isAuditor: true })).json().fieldErrors.isAuditor).toBe('只有部级账号可以设为审计员');
    expect(await auditActions(id)).toContain('operator.set_auditor');
  });
});

describe('【账号管理】 as 省级 (上海)', () => {
  let cityPassword: string;

  it('creates 市级 accounts of its own province only', async () => {
    const ok = await create(sh, { username: 'op_sh_city', displayName: '上海市辖区管理员', role: 'city', regionCode: '3101' });
    expect(ok.statusCode, ok.body).toBe(200);
    cityPassword = ok.json().initialPassword;
    expect((await create(sh, { username: 'op_js_city', displayName: '南京市管理员', role: 'city', regionCode: '3201' })).statusCode).toBe(403);
    expect((await create(sh, { username: 'op_sh_prov', displayName: '上海', role: 'province', regionCode: '31' })).statusCode).toBe(403);
    expect((await create(sh, { username: 'op_sh_bu', displayName: '部级', role: 'ministry', regionCode: '' })).statusCode).toBe(403);
  });

  it('sees only the 市级 accounts of its province, never itself, other 省级 or other provinces', async () => {
    await create(admin, { username: 'op_nj_city', displayName: '南京市管理员', role: 'city', regionCode: '3201' });
    const list = (await sh.get('/api/admin/operators?pageSize=100')).json();
    expect(list.creatableRoles).toEqual(['city']);
    expect(list.canSetAuditor).toBe(false);
    expect(list.items.map((i: { username: string }) => i.username)).toEqual(['op_sh_city']);
    expect(list.total).toBe(1);
  });

  it('cannot disable, enable, reset or mark an account of another province, a 省级 or a 部级 (404, unchanged)', async () => {
    for (const username of ['op_nj_city', 'op_js', 'admin']) {
      const id = await idOf(username);
      for (const action of ['disable', 'enable', 'reset-totp']) {
        const res = await sh.post(`/api/admin/operators/${id}/${action}`);
        expect(res.statusCode, `${action} ${username}`).toBe(404);
      }
      const row = await ctx.deps.db.kysely.selectFrom('operators').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.status).toBe('active');
    }
    expect((await sh.post(`/api/admin/operators/${await idOf('op_sh_city')}/auditor`, { isAuditor: true })).statusCode).toBe(403);
  });

  it('disables and enables its own 市级 account', async () => {
    const id = await idOf('op_sh_city');
    expect((await sh.post(`/api/admin/operators/${id}/disable`)).statusCode).toBe(200);
    expect((await logInAs('op_sh_city', cityPassword)).res.statusCode).toBe(401);
    expect((await sh.post(`/api/admin/operators/${id}/enable`)).statusCode).toBe(200);
  });

  it('a 省级 of another province cannot touch a 上海 市级 account', async () => {
    const js = await create(admin, { username: 'op_js2', displayName: '江苏省管理员二', role: 'province', regionCode: '32' });
    const { client } = await logInAs('op_js2', js.json().initialPassword);
    const list = (await client.get('/api/admin/operators?pageSize=100')).json();
    expect(list.items.map((i: { username: string }) => i.username)).toEqual(['op_nj_city']);
    expect((await client.post(`/api/admin/operators/${await idOf('op_sh_city')}/disable`)).statusCode).toBe(404);
  });

  it('a 市级 operator manages nothing (403 on every route)', async () => {
    const { client, res } = await logInAs('op_sh_city', cityPassword);
    expect(res.json()).toEqual({ step: 'done' });
    expect((await client.get('/api/admin/operators')).statusCode).toBe(403);
    expect((await create(client, { username: 'op_c2', displayName: '某市', role: 'city', regionCode: '3101' })).statusCode).toBe(403);
    expect((await client.post(`/api/admin/operators/${await idOf('op_nj_city')}/disable`)).statusCode).toBe(403);
    expect((await client.post(`/api/admin/operators/${await idOf('op_sh_city')}/disable`)).statusCode).toBe(403);
  });
});
