import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { loggedIn, loggedInOperator, tryOperatorLogin } from '../../helpers/steps.js';
import { SEED_CATALOGUE } from '../../../src/shared/scoring/seed-catalogue.js';

let ctx: TestContext;
let admin: TestClient;
let sh: TestClient;
let city: TestClient;
let cityCode: string;
let allItems: { id: string; regionCode: string; uscc: string; size: string; score: number | null }[];

async function searchAll(client: TestClient, filter: Record<string, unknown> = {}) {
  const res = await client.post('/api/admin/registrations/search', { filter, page: 1, pageSize: 100 });
  expect(res.statusCode, res.body).toBe(200);
  const first = res.json();
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) items.push(...(await client.post('/api/admin/registrations/search', { filter, page, pageSize: 100 })).json().items);
  return { items, total: first.total as number };
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loggedInOperator(ctx, 'admin');
  sh = await loggedInOperator(ctx, 'admin_sh');
  // The demo registrations are spread over the country at random: move a few enterprises' 住所 to 上海.
  const some = await ctx.deps.db.kysely.selectFrom('registrations').select('uscc').where('latest_version', '>', 0).orderBy('uscc').limit(9).execute();
  for (const [i, r] of some.entries()) {
    await ctx.deps.db.kysely.updateTable('enterprise_registry').set({ division_code: i < 6 ? '310104' : '310115' }).where('uscc', '=', r.uscc).execute();
  }
  allItems = (await searchAll(admin)).items;
  // A 市级 operator of the 上海 city that has the most registrations.
  const counts = new Map<string, number>();
  for (const i of allItems) if (i.regionCode.startsWith('31')) counts.set(i.regionCode.slice(0, 4), (counts.get(i.regionCode.slice(0, 4)) ?? 0) + 1);
  cityCode = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '3101';
  const created = await admin.post('/api/admin/operators', { username: 'reg_city', displayName: '上海市辖区', role: 'city', regionCode: cityCode });
  expect(created.statusCode, created.body).toBe(200);
  city = new TestClient(ctx.app);
  expect((await tryOperatorLogin(ctx, city, 'reg_city', created.json().initialPassword)).json()).toEqual({ step: 'done' });
});
afterAll(async () => ctx?.close());

describe('【登记查询】', () => {
  it('lists the demo registrations for 部级, only 上海 for 省级 上海, only its city for 市级', async () => {
    expect(allItems.length).toBeGreaterThan(100);
    expect(allItems.some((i) => !i.regionCode.startsWith('31'))).toBe(true);
    const shItems = (await searchAll(sh)).items;
    expect(shItems.length).toBe(allItems.filter((i) => i.regionCode.startsWith('31')).length);
    expect(shItems.length).toBeGreaterThan(0);
    expect(shItems.every((i) => i.regionCode.startsWith('31'))).toBe(true);
    const cityItems = (await searchAll(city)).items;
    expect(cityItems.length).toBe(allItems.filter((i) => i.regionCode.startsWith(cityCode)).length);
    expect(cityItems.every((i) => i.regionCode.startsWith(cityCode))).toBe(true);
    // A region filter outside the scope gives nothing, not the other province.
    expect((await searchAll(sh, { region: '11' })).total).toBe(0);
  });

  it('filters by score range, 企业规模 and keyword', async () => {
    const ranged = (await searchAll(admin, { scoreMin: 300, scoreMax: 500 })).items;
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.every((i) => i.score !== null && i.score >= 300 && i.score <= 500)).toBe(true);
    const size = allItems[0].size;
    const sized = (await searchAll(admin, { size })).items;
    expect(sized.length).toBe(allItems.filter((i) => i.size === size).length);
    const one = (await searchAll(admin, { keyword: allItems[0].uscc })).items;
    expect(one.map((i) => i.id)).toEqual([allItems[0].id]);
    const bad = await admin.post('/api/admin/registrations/search', { filter: { scoreMin: 80, scoreMax: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors['filter.scoreMax'] ?? JSON.stringify(bad.json())).toContain('最高积分不能低于最低积分');
  });

  it('shows a detail with versions, masked contact and score breakdown, audited; another region gets 404', async () => {
    const mine = allItems.find((i) => i.regionCode.startsWith('31') && i.score !== null)!;
    const res = await sh.get(`/api/admin/registrations/${mine.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.versions.length).toBeGreaterThan(0);
    expect(detail.contactMobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(detail.score.indicators).toHaveLength(18);
    expect((await ctx.deps.audit.list({ targetId: mine.id, limit: 5 })).map((r) => r.action)).toContain('registration.view');

    const other = allItems.find((i) => !i.regionCode.startsWith('31'))!;
    const refused = await sh.get(`/api/admin/registrations/${other.id}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(other.uscc);
    expect((await city.get(`/api/admin/registrations/${other.id}`)).statusCode).toBe(404);
  });

  it('exports the filtered set as XLSX, masked; unmasked only for 部级 with a reason, audited', async () => {
    const res = await sh.post('/api/admin/registrations/export', { filter: {} });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const shCount = allItems.filter((i) => i.regionCode.startsWith('31')).length;
    expect(sheet.rowCount).toBe(shCount + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    for (let r = 2; r <= sheet.rowCount; r++) {
      expect(String(sheet.getRow(r).getCell(4).value)).toMatch(/^上海/);
      expect(String(sheet.getRow(r).getCell(14).value)).toMatch(/^(\d{3}\*{4}\d{4})?$/);
    }

    expect((await sh.post('/api/admin/registrations/export', { filter: {}, unmasked: true, reason: '核对数据' })).statusCode).toBe(403);
    const noReason = await admin.post('/api/admin/registrations/export', { filter: { region: '31' }, unmasked: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fieldErrors.reason).toBe('请填写导出完整个人信息的原因');
    const full = await admin.post('/api/admin/registrations/export', { filter: { region: '31' }, unmasked: true, reason: '核对联系人信息' });
    expect(full.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    const mobiles = wb2.worksheets[0].getColumn(14).values.slice(2).map(String);
    expect(mobiles.some((m) => /^1\d{10}$/.test(m))).toBe(true);
    const records = await ctx.deps.audit.list({ action: 'registration.export_unmasked', limit: 5 });
    expect(records[0]).toMatchObject({ action: 'registration.export_unmasked' });
    expect(JSON.stringify(records[0].details)).toContain('核对联系人信息');
  });

  it('refuses platform users and anonymous callers', async () => {
    const legal = await loggedIn(ctx, 'demo_xjr');
    const anon = new TestClient(ctx.app);
    const id = allItems[0].id;
    for (const client of [legal, anon]) {
      expect([401, 403]).toContain((await client.post('/api/admin/registrations/search', { filter: {} })).statusCode);
      expect([401, 403]).toContain((await client.get(`/api/admin/registrations/${id}`)).statusCode);
      expect([401, 403]).toContain((await client.post('/api/admin/registrations/export', { filter: {} })).statusCode);
      expect([401, 403]).toContain((await client.get('/api/admin/dashboard')).statusCode);
      expect([401, 403]).toContain((await client.get('/api/admin/settings')).statusCode);
    }
  });
});

describe('【工作台】', () => {
  it('counts inside the operator region', async () => {
    const all = (await admin.get('/api/admin/dashboard')).json();
    expect(all.totals.registrations).toBeGreaterThan(100);
    expect(all.daily).toHaveLength(60);
    expect(all.byRegion.length).toBeGreaterThan(1);
    expect(all.scoreHistogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBeGreaterThan(0);
    const shData = (await sh.get('/api/admin/dashboard')).json();
    expect(shData.scopeLabel).toBe('上海市');
    expect(all.totals.accounts).toBeGreaterThan(0);
    expect(shData.totals.accounts).toBeNull();
    // 对接 of the demo bank (北京市 and 上海市): 上海 sees a part of the nation's, no more.
    expect(all.matchmaking.contacted).toBeGreaterThan(0);
    expect(shData.matchmaking.contacted).toBeLessThanOrEqual(all.matchmaking.contacted);
    expect((await city.get('/api/admin/dashboard')).json().matchmaking.contacted).toBeLessThanOrEqual(shData.matchmaking.contacted);
    expect(shData.totals.registrations).toBeLessThan(all.totals.registrations);
    expect(shData.byRegion.every((r: { key: string }) => r.key.startsWith('31'))).toBe(true);
    expect(shData.byRegion.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(shData.totals.registrations);
    const cityData = (await city.get('/api/admin/dashboard')).json();
    expect(cityData.byRegion.map((r: { key: string }) => r.key)).toEqual(cityData.totals.registrations > 0 ? [cityCode] : []);
  });
});

describe('【系统设置】', () => {
  it('is 部级 only: 省级 and 市级 get 403 on every route and change nothing', async () => {
    const before = (await admin.get('/api/admin/settings')).json();
    for (const client of [sh, city]) {
      expect((await client.get('/api/admin/settings')).statusCode).toBe(403);
      expect((await client.post('/api/admin/settings/window', { dataYear: 2030, opensOn: '2030-01-01', closesOn: '2030-02-01' })).statusCode).toBe(403);
      expect((await client.post('/api/admin/settings/notice', { title: '越权', body: '越权', changesDataUse: false })).statusCode).toBe(403);
      expect((await client.post('/api/admin/settings/catalogue', { body: JSON.stringify({ ...SEED_CATALOGUE, version: 'x-1' }) })).statusCode).toBe(403);
      expect((await client.post('/api/admin/settings/recompute', {})).statusCode).toBe(403);
    }
    expect((await admin.get('/api/admin/settings')).json()).toEqual(before);
  });

  it('sets the filing window and publishes a notice version, audited; checks in Chinese', async () => {
    const bad = await admin.post('/api/admin/settings/window', { dataYear: 2025, opensOn: '2026-03-01', closesOn: '2026-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.closesOn).toBe('截止日期不能早于开始日期');
    expect((await admin.post('/api/admin/settings/window', { dataYear: 2025, opensOn: '2026-01-01', closesOn: '2026-12-31' })).statusCode).toBe(200);
    expect((await admin.get('/api/admin/settings')).json().window).toEqual({ dataYear: 2025, opensOn: '2026-01-01', closesOn: '2026-12-31', configured: true });
    const notice = await admin.post('/api/admin/settings/notice', { title: '提示事项', body: '新的提示事项正文。', changesDataUse: false });
    expect(notice.statusCode, notice.body).toBe(200);
    expect((await admin.get('/api/admin/settings')).json().notice).toMatchObject({ version: notice.json().version, body: '新的提示事项正文。' });
    const actions = (await ctx.deps.audit.list({ limit: 5 })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['settings.window', 'settings.notice']));
  });

  it('takes a new catalogue version within the bounds only, then recomputes with progress', async () => {
    const outOfBounds = await admin.post('/api/admin/settings/catalogue', { body: JSON.stringify({ ...SEED_CATALOGUE, version: 'bad-1', indicators: [] }) });
    expect(outOfBounds.statusCode).toBe(400);
    expect(outOfBounds.json().fieldErrors.body).toMatch(/[\u4e00-\u9fa5]/);
    expect((await admin.post('/api/admin/settings/catalogue', { body: '{ 指标' })).json().fieldErrors.body).toBe('指标体系不是有效的JSON');
    expect((await admin.post('/api/admin/settings/catalogue', { body: JSON.stringify(SEED_CATALOGUE) })).json().fieldErrors.body).toContain('已存在');
    const ok = await admin.post('/api/admin/settings/catalogue', { body: JSON.stringify({ ...SEED_CATALOGUE, version: `${SEED_CATALOGUE.version}-t` }) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await admin.get('/api/admin/settings')).json().catalogue.version).toBe(`${SEED_CATALOGUE.version}-t`);

    ctx.clock.advance(60_000);
    const started = await admin.post('/api/admin/settings/recompute', {});
    expect(started.statusCode, started.body).toBe(200);
    const dataYear = started.json().dataYear;
    let run: { status: string; processedRows: number; totalRows: number; catalogueVersion: string } | undefined;
    for (let i = 0; i < 200; i++) {
      run = (await admin.get('/api/admin/settings')).json().runs.find((r: { dataYear: number; catalogueVersion: string }) => r.dataYear === dataYear && r.catalogueVersion === `${SEED_CATALOGUE.version}-t`);
      if (run?.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(run).toMatchObject({ status: 'done', catalogueVersion: `${SEED_CATALOGUE.version}-t` });
    expect(run!.processedRows).toBe(run!.totalRows);
    expect((await ctx.deps.audit.list({ action: 'settings.recompute', limit: 1 })).length).toBe(1);
  });
});
