import crypto from 'node:crypto';
import type { TestContext } from '../../../helpers/context.js';
import { TestClient } from '../../../helpers/client.js';
import { platformSessionData } from '../../../helpers/sessions.js';
import { FINANCING_ROUTES } from '../../../../src/shared/schemas/registration.js';

/** Demo enterprises (src/server/seed/fixed-enterprises.ts). */
export const XJR = '91110108MA01A1B215'; // 小巨人, valid; demo_xjr
export const ZJTX = '91310115MA1K2L3M46'; // 专精特新, valid; no account
export const KJX = '91330106MA2H3J4K38'; // 科技型, 入库 this year
export const KJX_EXPIRED = '91320506MA1N2P3Q02'; // 科技型, expired last year
export const UNQUALIFIED = '91510107MA6R7T8U6A'; // no qualification

/** A browser with a platform session of a verified 法人 of `uscc` (or a 自然人 when uscc is null). */
export async function platformClient(ctx: TestContext, uscc: string | null, accountId: string = crypto.randomUUID()): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  const data = uscc ? platformSessionData(ctx.deps.pii, { uscc }) : platformSessionData(ctx.deps.pii, { userType: 'natural', uscc: null });
  client.cookies.set('pf_sid', await ctx.deps.sessions.create('platform', accountId, data));
  return client;
}

/** Opens the 提示事项 and lets its 10 seconds pass. */
export async function readNotice(ctx: TestContext, client: TestClient) {
  const res = await client.get(FINANCING_ROUTES.notice);
  if (res.statusCode !== 200) throw new Error(`notice: ${res.statusCode} ${res.body}`);
  ctx.clock.advance(10_000);
  return res.json();
}

/** A complete, valid registration (① ② ③). */
export function validPayload(overrides: { basic?: Record<string, unknown>; indicators?: Record<string, unknown>; optional?: Record<string, unknown> } = {}) {
  return {
    basic: {
      industryCode: '397',
      districtCode: '110108',
      establishedOn: '2012-06-18',
      employees: 120,
      employeesPrev: 100,
      revenue: '8600.50',
      revenuePrev: '7200',
      assets: '12000',
      netProfit: '-35.2',
      taxPaid: '310',
      contactName: '张丽华',
      contactMobile: '13912345678',
      ...overrides.basic,
    },
    indicators: {
      rdExpense: '960',
      rdStaff: 36,
      inventionPatents: 12,
      otherIp: 30,
      hiTechRevenue: '6000',
      techContractValue: '150',
      standards: 2,
      equityFinancing: '3000',
      rdInstitution: 'provincial',
      techAward: 'none',
      techProject: 'municipal',
      ...overrides.indicators,
    },
    optional: {
      financing: { need: 'yes', amount: '500', termMonths: 12, purpose: '研发投入', methods: ['credit', 'scoreLoan'], institutions: '某银行' },
      hiTechCertNo: 'GR202511000123',
      honours: ['北京市专精特新中小企业'],
      highlights: '自主研发芯片',
      attachments: [],
      ...overrides.optional,
    },
  };
}

/** 武汉光谷激光 (小巨人, valid; demo_incomplete): 企业信息 never completed. */
export const XJR_INCOMPLETE = '91420111MA4W5X6Y7W';

/** A complete 企业信息 (form.md) for `uscc`, written straight into the table. */
export async function completeProfile(ctx: TestContext, uscc: string) {
  const at = new Date().toISOString();
  const k = ctx.deps.db.kysely;
  await k.deleteFrom('enterprise_profiles').where('uscc', '=', uscc).execute();
  await k
    .insertInto('enterprise_profiles')
    .values({
      uscc,
      district_code: '110108',
      address_detail: '中关村大街1号',
      established_on: '2012-06-18',
      registered_capital: '5000',
      company_type: 'llc',
      industry_code: '397',
      main_business: '芯片设计',
      employees: 118,
      revenue: '8000',
      assets: '11000',
      contact_name_enc: ctx.deps.pii.encrypt('王建国'),
      contact_mobile_enc: ctx.deps.pii.encrypt('13800000001'),
      contact_email_enc: ctx.deps.pii.encrypt('contact@example.com'),
      business_address: null,
      website: null,
      listed: 0,
      listing_board: null,
      stock_code: null,
      intro: null,
      updated_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
