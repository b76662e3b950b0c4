import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { operatorSessionData, platformSessionData } from '../../helpers/sessions.js';
import { createEnterpriseProfiles } from '../../../src/server/platform/enterprise/service.js';
import { regionOfEnterprise } from '../../../src/server/domain/enterprise-region.js';
import { fixedEnterprises } from '../../../src/server/seed/fixed-enterprises.js';
import type { PlatformSessionData } from '../../../src/server/security/sessions.js';

/** 企业信息管理 (issue 13) through HTTP: 企业信息 read / 【保存】, 认定情况, and who may see what. */

const XJR = '91110108MA01A1B215'; // demo_xjr, 北京智芯微电子科技有限公司, complete
const INCOMPLETE = '91420111MA4W5X6Y7W'; // demo_incomplete, 武汉光谷激光技术有限公司
const BOUND = '91370212MA3B4C5D5C'; // demo_bound, 青岛海川智能装备有限公司

const PROFILE = '/api/platform/enterprise/profile';
const QUALIFICATIONS = '/api/platform/enterprise/qualifications';

const complete = {
  districtCode: '420111',
  addressDetail: '光谷大道77号',
  establishedOn: '2012-06-18',
  registeredCapitalWan: '5000',
  companyType: 'llc',
  industryCode: '356',
  mainBusiness: '工业激光器及激光加工设备',
  employees: 86,
  revenueWan: '3200.5',
  assetsWan: '4100',
  contactName: '吴刚',
  contactMobile: '13800000002',
  contactEmail: 'wugang@example.com',
  businessAddress: '',
  website: 'www.gg-laser.example.cn',
  listed: false,
  intro: '',
};

let ctx: TestContext;
const accountIds: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const loginName of ['demo_xjr', 'demo_incomplete', 'demo_bound', 'demo_person']) {
    accountIds[loginName] = (await ctx.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', loginName).executeTakeFirstOrThrow()).id;
  }
});
afterAll(async () => ctx?.close());

const uscc: Record<string, string> = { demo_xjr: XJR, demo_incomplete: INCOMPLETE, demo_bound: BOUND };

/** A browser with a platform session of a demo account (as the OIDC login makes it). */
async function platformClient(loginName: string, overrides: Partial<PlatformSessionData> = {}) {
  const client = new TestClient(ctx.app);
  const token = await ctx.deps.sessions.create('platform', accountIds[loginName], platformSessionData(ctx.deps.pii, { uscc: uscc[loginName] ?? null, ...overrides }));
  client.cookies.set('pf_sid', token);
  return client;
}

describe('【企业信息】 read', () => {
  it('a complete profile: record fields, values, 企业规模 with its sector and figures, no-store', async () => {
    const res = await (await platformClient('demo_xjr')).get(PROFILE);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      enterpriseName: '北京智芯微电子科技有限公司',
      uscc: XJR,
      legalRepName: '王建国',
      saved: true,
      completeness: { complete: true, missing: [] },
      profile: { districtCode: '110108', industryCode: '397', employees: 320, revenueWan: '18600.5', contactMobile: '13800000001' },
      size: { size: '中型', label: '中型', sector: '工业', figures: '从业人员 320人，营业收入 18600.5万元' },
    });
  });

  it('demo_incomplete: missing fields named in form order, no 企业规模 yet', async () => {
    const body = (await (await platformClient('demo_incomplete')).get(PROFILE)).json();
    expect(body.saved).toBe(true);
    expect(body.completeness).toEqual({
      complete: false,
      missing: ['注册地址', '详细地址', '所属行业', '主营业务', '从业人员（上年末）', '上年度营业收入', '上年度资产总额', '联系人邮箱'],
    });
    expect(body.size).toBeNull();
  });

  it('nothing saved yet: defaults from the registry (住所 区县, 成立日期, 注册资本, 中类 of the 小类, 企业类型 by the name)', async () => {
    await ctx.deps.db.kysely.deleteFrom('enterprise_profiles').where('uscc', '=', BOUND).execute();
    const registry = await ctx.deps.db.kysely.selectFrom('enterprise_registry').selectAll().where('uscc', '=', BOUND).executeTakeFirstOrThrow();
    const body = (await (await platformClient('demo_bound')).get(PROFILE)).json();
    expect(body.saved).toBe(false);
    expect(body.profile).toMatchObject({
      districtCode: '370212',
      establishedOn: registry.established_on,
      registeredCapitalWan: registry.registered_capital,
      industryCode: registry.industry_code.slice(0, 3),
      companyType: 'llc',
      contactName: null,
      contactEmail: null,
    });
    // The 详细地址 without the 省/市/区县 the cascader shows.
    expect(registry.address).toContain(body.profile.addressDetail);
    expect(body.profile.addressDetail).not.toMatch(/^山东省/);
    expect(body.completeness.complete).toBe(false);
  });
});

describe('【企业信息】 【保存】', () => {
  it('saves, answers complete with 企业规模, keeps contacts encrypted at rest', async () => {
    const client = await platformClient('demo_incomplete');
    const res = await client.request('PUT', PROFILE, complete);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      saved: true,
      completeness: { complete: true, missing: [] },
      profile: { ...complete, businessAddress: null, intro: null, listingBoard: null, stockCode: null },
      size: { size: '小型', sector: '工业' },
    });
    const row = await ctx.deps.db.kysely.selectFrom('enterprise_profiles').selectAll().where('uscc', '=', INCOMPLETE).executeTakeFirstOrThrow();
    const raw = JSON.stringify(row);
    for (const clear of ['13800000002', 'wugang@example.com', '吴刚']) expect(raw).not.toContain(clear);
    expect(ctx.deps.pii.decrypt(row.contact_mobile_enc!)).toBe('13800000002');
    expect(row.updated_by).toBe(accountIds.demo_incomplete);
    // And reads back the same.
    expect((await client.get(PROFILE)).json().profile.contactEmail).toBe('wugang@example.com');
  });

  it('refuses bad input with Chinese messages per field (never a 500)', async () => {
    const client = await platformClient('demo_incomplete');
    const res = await client.request('PUT', PROFILE, {
      ...complete,
      industryCode: '35',
      districtCode: '420100',
      establishedOn: '2026-11-26',
      revenueWan: '12.345',
      employees: -1,
      contactMobile: '1380000',
      contactEmail: 'no-at',
    });
    expect(res.statusCode).toBe(400);
    const { code, fieldErrors } = res.json();
    expect(code).toBe('VALIDATION_FAILED');
    expect(Object.keys(fieldErrors).sort()).toEqual(['contactEmail', 'contactMobile', 'districtCode', 'employees', 'establishedOn', 'industryCode', 'revenueWan'].sort());
    for (const message of Object.values(fieldErrors)) expect(message).toMatch(/[\u4e00-\u9fa5]/);
    expect(fieldErrors.establishedOn).toBe('成立日期不能晚于今天');
    const listed = await client.request('PUT', PROFILE, { ...complete, listed: true });
    expect(Object.keys(listed.json().fieldErrors).sort()).toEqual(['listingBoard', 'stockCode']);
    for (const body of [null, 'x', [], { ...complete, employees: 'many' }]) {
      const r = await client.request('PUT', PROFILE, body);
      expect([400, 415], JSON.stringify(body)).toContain(r.statusCode);
      expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a change of the 注册地址 province is audited; a change inside the province is not', async () => {
    const client = await platformClient('demo_xjr');
    const count = async () => (await ctx.deps.db.kysely.selectFrom('audit_log').select('seq').where('action', '=', 'enterprise.registered_address_province_change').where('target_id', '=', XJR).execute()).length;
    const before = await count();
    const current = (await client.get(PROFILE)).json().profile;
    const base = { ...current, listingBoard: undefined, stockCode: undefined };
    expect((await client.request('PUT', PROFILE, { ...base, districtCode: '110105' })).statusCode).toBe(200);
    expect(await count()).toBe(before);
    expect((await client.request('PUT', PROFILE, { ...base, districtCode: '310115' })).statusCode).toBe(200);
    expect(await count()).toBe(before + 1);
    const record = await ctx.deps.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'enterprise.registered_address_province_change').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(record).toMatchObject({ actor_type: 'account', actor_id: accountIds.demo_xjr, target_type: 'enterprise', target_id: XJR });
    expect(JSON.parse(record.details)).toMatchObject({ from: '11', fromName: '北京市', to: '31', toName: '上海市' });
    // The region for operators and banks stays the registry's, whatever was typed.
    expect(await regionOfEnterprise(ctx.deps.db, XJR)).toBe('110108');
    expect((await client.request('PUT', PROFILE, { ...base, districtCode: '110108' })).statusCode).toBe(200);
  });
});

describe('【认定情况】', () => {
  beforeEach(async () => {
    await ctx.deps.db.kysely.updateTable('qualifications').set({ status: 'active', revoked_reason: null }).where('uscc', '=', XJR).execute();
  });

  it('demo_xjr: 专精特新“小巨人”企业 有效, with every column', async () => {
    const res = await (await platformClient('demo_xjr')).get(QUALIFICATIONS);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const { items } = res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'xjr', typeLabel: '专精特新“小巨人”企业', state: 'valid', stateLabel: '有效', authority: '工业和信息化部', revokedReason: null });
    expect(items[0].certNo).toMatch(/^XJR/);
    expect(items[0].recognizedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('已撤销 after a revocation, 已过期 after 有效期至', async () => {
    const client = await platformClient('demo_xjr');
    await ctx.deps.db.kysely.updateTable('qualifications').set({ status: 'revoked', revoked_reason: '不再符合认定条件' }).where('uscc', '=', XJR).execute();
    expect((await client.get(QUALIFICATIONS)).json().items[0]).toMatchObject({ state: 'revoked', stateLabel: '已撤销', revokedReason: '不再符合认定条件' });
    await ctx.deps.db.kysely.updateTable('qualifications').set({ status: 'active', revoked_reason: null }).where('uscc', '=', XJR).execute();
    const { valid_until } = await ctx.deps.db.kysely.selectFrom('qualifications').select('valid_until').where('uscc', '=', XJR).executeTakeFirstOrThrow();
    const later = await createTestContext();
    try {
      later.clock.set(new Date(`${valid_until}T16:00:00Z`)); // 00:00 the next day in Beijing
      const other = new TestClient(later.app);
      const id = (await later.deps.db.kysely.selectFrom('accounts').select('id').where('login_name', '=', 'demo_xjr').executeTakeFirstOrThrow()).id;
      other.cookies.set('pf_sid', await later.deps.sessions.create('platform', id, platformSessionData(later.deps.pii)));
      expect((await other.get(QUALIFICATIONS)).json().items[0]).toMatchObject({ state: 'expired', stateLabel: '已过期' });
    } finally {
      await later.close();
    }
  });

  it('an enterprise without qualifications gets an empty list', async () => {
    await ctx.deps.db.kysely.deleteFrom('qualifications').where('uscc', '=', BOUND).execute();
    expect((await (await platformClient('demo_bound')).get(QUALIFICATIONS)).json()).toEqual({ items: [] });
  });
});

describe('who may call (object-level)', () => {
  const routes = [
    { method: 'GET' as const, url: PROFILE },
    { method: 'PUT' as const, url: PROFILE, body: complete },
    { method: 'GET' as const, url: QUALIFICATIONS },
  ];

  it('anonymous: 401; a 统一登录系统 or 管理端 session is no platform session: 401', async () => {
    const anonymous = new TestClient(ctx.app);
    const uc = new TestClient(ctx.app);
    uc.cookies.set('uc_sid', await ctx.deps.sessions.create('uc', accountIds.demo_xjr, {}));
    const operator = new TestClient(ctx.app);
    const operatorId = (await ctx.deps.db.kysely.selectFrom('operators').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    operator.cookies.set('adm_sid', await ctx.deps.sessions.create('admin', operatorId, operatorSessionData()));
    for (const client of [anonymous, uc, operator]) {
      for (const r of routes) {
        const res = await client.request(r.method, r.url, r.body);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
        expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
      }
    }
  });

  it('a 自然人 platform session: 403 with a Chinese message and no data', async () => {
    const client = await platformClient('demo_person', { userType: 'natural', uscc: null });
    for (const r of routes) {
      const res = await client.request(r.method, r.url, r.body);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body).not.toContain('北京智芯');
    }
  });

  it('a session whose USCC is not its account’s verified record (another enterprise’s): 403, nothing read or written', async () => {
    const before = await ctx.deps.db.kysely.selectFrom('enterprise_profiles').selectAll().where('uscc', '=', XJR).executeTakeFirstOrThrow();
    const client = await platformClient('demo_bound', { uscc: XJR });
    for (const r of routes) {
      const res = await client.request(r.method, r.url, r.body);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.body).not.toContain('北京智芯');
      expect(res.body).not.toContain('110108');
    }
    expect(await ctx.deps.db.kysely.selectFrom('enterprise_profiles').selectAll().where('uscc', '=', XJR).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('each enterprise reads and writes only its own (the USCC of the session, never of the body)', async () => {
    const xjrBefore = (await (await platformClient('demo_xjr')).get(PROFILE)).json();
    const bound = await platformClient('demo_bound');
    const res = await bound.request('PUT', PROFILE, { ...complete, uscc: XJR, enterpriseName: '北京智芯微电子科技有限公司', districtCode: '370212', contactName: '郑伟', contactMobile: '13800000003' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ uscc: BOUND, enterpriseName: '青岛海川智能装备有限公司' });
    expect((await (await platformClient('demo_xjr')).get(PROFILE)).json()).toEqual(xjrBefore);
    const quals = (await bound.get(QUALIFICATIONS)).json().items as { certNo: string }[];
    expect(quals.every((q) => !q.certNo.startsWith('XJR'))).toBe(true);
  });

  it('a disabled (注销) account’s session is refused', async () => {
    const client = await platformClient('demo_bound');
    await ctx.deps.db.kysely.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', accountIds.demo_bound).execute();
    try {
      expect((await client.get(PROFILE)).statusCode).toBe(403);
    } finally {
      await ctx.deps.db.kysely.updateTable('accounts').set({ status: 'active' }).where('id', '=', accountIds.demo_bound).execute();
    }
  });
});

describe('for the registration (EnterpriseProfilePort) and other rooms', () => {
  it('isComplete, prefillBasic and saveBasic (the shared fields only; a province change audited)', async () => {
    const profiles = createEnterpriseProfiles(ctx.deps);
    expect(await profiles.isComplete(XJR)).toBe(true);
    expect(await profiles.isComplete('91510107MA6R7T8U6A')).toBe(false); // nothing saved
    expect(await profiles.prefillBasic(XJR)).toMatchObject({ industryCode: '397', employees: 320, revenue: '18600.5', assets: '24300', contactName: '王建国', contactMobile: '13800000001' });
    expect(await profiles.prefillBasic('91510107MA6R7T8U6A')).toMatchObject({ industryCode: '512', districtCode: '510107', contactName: null, employees: null });

    const before = (await profiles.readProfile(XJR)).values;
    await profiles.saveBasic(XJR, { industryCode: '651', districtCode: '110108', establishedOn: '2013-01-01', employees: 99, revenue: '900', assets: '800', contactName: '李四', contactMobile: '13900000000' }, { accountId: accountIds.demo_xjr, ip: '127.0.0.1' });
    const after = (await profiles.readProfile(XJR)).values;
    expect(after).toEqual({ ...before, industryCode: '651', establishedOn: '2013-01-01', employees: 99, revenueWan: '900', assetsWan: '800', contactName: '李四', contactMobile: '13900000000' });
    expect(await profiles.completeness(XJR)).toEqual({ complete: true, missing: [] });
  });

  it('regionOfEnterprise: the registry’s 住所 division, else the USCC’s', async () => {
    expect(await regionOfEnterprise(ctx.deps.db, INCOMPLETE)).toBe('420111');
    await ctx.deps.db.kysely.updateTable('enterprise_registry').set({ division_code: '420102' }).where('uscc', '=', INCOMPLETE).execute();
    expect(await regionOfEnterprise(ctx.deps.db, INCOMPLETE)).toBe('420102');
    expect(await regionOfEnterprise(ctx.deps.db, '91330100MA00000000'.slice(0, 17) + 'X')).toBe('330100');
  });

  it('demo data: 企业信息 complete for every demo account but demo_incomplete (spec README)', async () => {
    const fresh = await createTestContext();
    try {
      const profiles = createEnterpriseProfiles(fresh.deps);
      for (const e of fixedEnterprises.filter((f) => f.account)) expect(await profiles.isComplete(e.uscc), e.account!.loginName).toBe(e.account!.profileComplete);
    } finally {
      await fresh.close();
    }
  });
});
