import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { loggedInOperator, tryOperatorLogin } from '../../helpers/steps.js';

let ctx: TestContext;
let admin: TestClient;
let sh: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loggedInOperator(ctx, 'admin');
  sh = await loggedInOperator(ctx, 'admin_sh');
});
afterAll(async () => ctx?.close());

async function newOperator(body: Record<string, unknown>) {
  const res = await admin.post('/api/admin/operators', body);
  expect(res.statusCode, res.body).toBe(200);
  const client = new TestClient(ctx.app);
  expect((await tryOperatorLogin(ctx, client, body.username as string, res.json().initialPassword)).json()).toEqual({ step: 'done' });
  return { id: res.json().id as string, client };
}

describe('【审计日志】', () => {
  it('is open to 审计员 only: 省级, 市级 and a 部级 operator not marked get 403 on every route', async () => {
    const bu = await newOperator({ username: 'audit_bu', displayName: '部级非审计员', role: 'ministry', regionCode: '' });
    const city = await newOperator({ username: 'audit_city', displayName: '上海市辖区', role: 'city', regionCode: '3101' });
    for (const client of [sh, bu.client, city.client]) {
      const search = await client.post('/api/admin/audit/search', {});
      expect(search.statusCode).toBe(403);
      expect(search.json().message).toBe('仅审计员可以查看审计日志');
      expect((await client.get('/api/admin/audit/verify')).statusCode).toBe(403);
      expect((await client.post('/api/admin/audit/export', {})).statusCode).toBe(403);
    }
    expect((await admin.get('/api/admin/me')).json()).toMatchObject({ isAuditor: true });
    expect((await sh.get('/api/admin/me')).json()).toMatchObject({ isAuditor: false });
  });

  it('a 审计员 flag removed counts at once', async () => {
    const bu = await newOperator({ username: 'audit_bu2', displayName: '部级审计员', role: 'ministry', regionCode: '', isAuditor: true });
    expect((await bu.client.post('/api/admin/audit/search', {})).statusCode).toBe(200);
    expect((await admin.post(`/api/admin/operators/${bu.id}/auditor`, { isAuditor: false })).statusCode).toBe(200);
    expect((await bu.client.post('/api/admin/audit/search', {})).statusCode).toBe(403);
  });

  it('searches by actor, action, object and time with server-side paging that stays put', async () => {
    const created = await newOperator({ username: 'audit_target', displayName: '被操作账号', role: 'province', regionCode: '44' });
    await admin.post(`/api/admin/operators/${created.id}/disable`);
    const byActor = (await admin.post('/api/admin/audit/search', { actor: 'admin', action: 'operator.disable' })).json();
    expect(byActor.items[0]).toMatchObject({ action: 'operator.disable', actorName: '部级管理员（admin）', targetId: created.id, targetName: '被操作账号（audit_target）', actorType: 'operator' });
    const byObject = (await admin.post('/api/admin/audit/search', { object: 'audit_target' })).json();
    expect(byObject.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['operator.create', 'operator.disable', 'operator.login']));
    expect(byObject.items.every((i: { targetId: string }) => i.targetId === created.id)).toBe(true);

    const now = ctx.clock.now().getTime();
    const empty = (await admin.post('/api/admin/audit/search', { from: new Date(now + 60_000).toISOString() })).json();
    expect(empty.total).toBe(0);
    const bad = await admin.post('/api/admin/audit/search', { from: new Date(now).toISOString(), to: new Date(now - 1000).toISOString() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.to).toBe('结束时间应晚于开始时间');

    const first = (await admin.post('/api/admin/audit/search', { pageSize: 2 })).json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(4);
    // Each search is itself recorded; page 2 of the same search still follows page 1.
    const second = (await admin.post('/api/admin/audit/search', { pageSize: 2, page: 2, untilSeq: first.untilSeq })).json();
    expect(second.total).toBe(first.total);
    expect(second.items[0].seq).toBe(first.items[1].seq - 1);
    const searches = (await admin.post('/api/admin/audit/search', { action: 'audit.search', pageSize: 1 })).json();
    expect(searches.items[0]).toMatchObject({ action: 'audit.search', actorName: '部级管理员（admin）' });
  });

  it('shows only masked personal data (as recorded)', async () => {
    await ctx.deps.audit.append({ actorType: 'account', action: 'mobile.change', targetType: 'account', targetId: 'x', details: { newMobile: '13912345678', id: '110108197805122317' } });
    const res = (await admin.post('/api/admin/audit/search', { action: 'mobile.change', pageSize: 1 })).json();
    expect(JSON.stringify(res)).not.toContain('13912345678');
    expect(JSON.stringify(res)).not.toContain('110108197805122317');
    expect(res.items[0].details.newMobile).toBe('139****5678');
  });

  it('shows the chain status, and a tampered record breaks it', async () => {
    const ok = (await admin.get('/api/admin/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, firstBadSeq: null, reason: null });
    expect(ok.count).toBeGreaterThan(5);
    await ctx.deps.db.kysely.updateTable('audit_log').set({ ip: '10.9.9.9' }).where('seq', '=', 2).execute();
    const broken = (await admin.get('/api/admin/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'hash-mismatch' });
    expect((await admin.post('/api/admin/audit/search', { action: 'audit.verify', pageSize: 2 })).json().total).toBeGreaterThanOrEqual(2);
  });

  it('exports the filtered records as XLSX (streamed), and the export is audited', async () => {
    const res = await admin.post('/api/admin/audit/export', { action: 'operator.create' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['cache-control']).toBe('no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '时间', '操作人类型', '操作人', '操作', '对象类型', '操作对象', 'IP地址', '详情']);
    const creates = (await ctx.deps.audit.list({ action: 'operator.create', limit: 100 })).length;
    expect(sheet.actualRowCount).toBe(creates + 1);
    expect(sheet.getRow(2).getCell(5).value).toBe('新建管理端账号');
    expect(sheet.getRow(2).getCell(4).value).toBe('部级管理员（admin）');
    expect((await ctx.deps.audit.list({ action: 'audit.export', limit: 1 }))[0].details).toMatchObject({ action: 'operator.create' });
  });
});

describe('npm run operator:auditor', () => {
  it('marks a 部级 account as 审计员 (the first of a deployment), refuses others, and is audited', async () => {
    const { runOperatorAuditor } = await import('../../../src/server/cli/operator-auditor.js');
    const bu = await newOperator({ username: 'cli_bu', displayName: '部级', role: 'ministry', regionCode: '' });
    expect((await bu.client.post('/api/admin/audit/search', {})).statusCode).toBe(403);
    expect(await runOperatorAuditor(ctx.config.databaseUrl, 'cli_bu', true, ctx.clock)).toEqual({ exitCode: 0, line: '已设为审计员：cli_bu' });
    expect((await bu.client.post('/api/admin/audit/search', {})).statusCode).toBe(200);
    expect((await runOperatorAuditor(ctx.config.databaseUrl, 'admin_sh', true, ctx.clock)).exitCode).toBe(1);
    expect((await runOperatorAuditor(ctx.config.databaseUrl, 'nobody', true, ctx.clock)).exitCode).toBe(1);
    expect((await ctx.deps.audit.list({ targetId: bu.id, action: 'operator.set_auditor', limit: 1 }))[0]).toMatchObject({ actorType: 'system', details: { via: 'cli', isAuditor: true } });
  });
});
