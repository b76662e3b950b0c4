import type { AppDeps } from '../deps.js';
import type { EnterpriseProfileTable } from '../db/schema.js';
import { fixedEnterprises } from './fixed-enterprises.js';

/** 企业信息 the demo enterprises have saved (spec README: complete for every demo account but demo_incomplete). */
const demoProfiles: Record<string, Omit<EnterpriseProfileTable, 'uscc' | 'created_at' | 'updated_at' | 'updated_by' | 'contact_name_enc' | 'contact_mobile_enc' | 'contact_email_enc'> & { contact: { name: string; mobile: string; email: string | null } }> = {
  // demo_xjr: 工业 (397 电子器件制造), 中型.
  '91110108MA01A1B215': {
    district_code: '110108',
    address_detail: '中关村软件园二期12号楼',
    established_on: '2012-06-18',
    registered_capital: '5000',
    company_type: 'llc',
    industry_code: '397',
    main_business: '集成电路设计、功率半导体器件研发与销售',
    employees: 320,
    revenue: '18600.5',
    assets: '24300',
    contact: { name: '王建国', mobile: '13800000001', email: 'contact@zhixin-micro.example.cn' },
    business_address: null,
    website: 'www.zhixin-micro.example.cn',
    listed: 0,
    listing_board: null,
    stock_code: null,
    intro: '专注于功率半导体与模拟芯片设计，产品用于工业控制与新能源汽车。',
  },
  // demo_incomplete: only part of it saved (注册地址, 所属行业, figures and 联系人邮箱 missing).
  '91420111MA4W5X6Y7W': {
    district_code: null,
    address_detail: null,
    established_on: '2012-06-18',
    registered_capital: '5000',
    company_type: 'llc',
    industry_code: null,
    main_business: null,
    employees: null,
    revenue: null,
    assets: null,
    contact: { name: '吴刚', mobile: '13800000002', email: null },
    business_address: null,
    website: null,
    listed: 0,
    listing_board: null,
    stock_code: null,
    intro: null,
  },
  // demo_bound: 工业 (349 其他通用设备制造业), 小型.
  '91370212MA3B4C5D5C': {
    district_code: '370212',
    address_detail: '株洲路187号海川工业园',
    established_on: '2012-06-18',
    registered_capital: '5000',
    company_type: 'llc',
    industry_code: '349',
    main_business: '智能装备与自动化生产线的研发、制造和销售',
    employees: 150,
    revenue: '1800',
    assets: '3200',
    contact: { name: '郑伟', mobile: '13800000003', email: 'demo_bound@example.com' },
    business_address: null,
    website: null,
    listed: 0,
    listing_board: null,
    stock_code: null,
    intro: null,
  },
};

/** Seeds the 企业信息 of the fixed demo enterprises that have accounts; returns how many. */
export async function seedDemoEnterpriseProfiles(deps: AppDeps): Promise<number> {
  const at = deps.clock.now().toISOString();
  const rows: EnterpriseProfileTable[] = [];
  for (const e of fixedEnterprises) {
    const profile = demoProfiles[e.uscc];
    if (!e.account || !profile) continue;
    const { contact, ...rest } = profile;
    rows.push({
      uscc: e.uscc,
      ...rest,
      contact_name_enc: deps.pii.encrypt(contact.name),
      contact_mobile_enc: deps.pii.encrypt(contact.mobile),
      contact_email_enc: contact.email === null ? null : deps.pii.encrypt(contact.email),
      updated_by: null,
      created_at: at,
      updated_at: at,
    });
  }
  if (rows.length > 0) await deps.db.kysely.insertInto('enterprise_profiles').values(rows).onConflict((oc) => oc.column('uscc').doNothing()).execute();
  return rows.length;
}
