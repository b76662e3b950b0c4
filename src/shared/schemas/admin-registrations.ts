import { z } from 'zod';
import { QUALIFICATION_TYPES } from '../qualification-labels.js';
import { ENTERPRISE_SIZES } from '../enterprise-size.js';
import { hasNoControlChars } from './common.js';

/** 管理端 【登记查询】, 【工作台】 and 【系统设置】 (issue 16). Filters travel in POST bodies. */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择正确的日期');

export const REGISTRATION_STATUS_FILTER_LABELS = { submitted: '已提交', draft: '修改中' } as const;
export const STAGE_FILTER_LABELS = { startup: '初创期', growth: '成长期', mature: '稳定期' } as const;

export const registrationFilterSchema = z
  .object({
    /** Division-code prefix: 省 (2 digits), 市 (4) or 区县 (6). */
    region: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '地区格式错误').optional(),
    /** GB/T 4754 门类 letter. */
    section: z.string().regex(/^[A-T]$/, '行业格式错误').optional(),
    qualification: z.enum(QUALIFICATION_TYPES).optional(),
    size: z.enum(ENTERPRISE_SIZES).optional(),
    stage: z.enum(['startup', 'growth', 'mature']).optional(),
    scoreMin: z.number({ error: '请输入积分' }).min(0, '积分在0到1000之间').max(1000, '积分在0到1000之间').optional(),
    scoreMax: z.number({ error: '请输入积分' }).min(0, '积分在0到1000之间').max(1000, '积分在0到1000之间').optional(),
    status: z.enum(['submitted', 'draft']).optional(),
    dataYear: z.number().int().min(2000).max(2100).optional(),
    submittedFrom: isoDate.optional(),
    submittedTo: isoDate.optional(),
    /** 统一社会信用代码 or part of the 企业名称. */
    keyword: z.string().trim().max(60, '关键词不能超过60个字').refine(hasNoControlChars, '关键词含有非法字符').optional(),
  })
  .superRefine((f, ctx) => {
    if (f.scoreMin !== undefined && f.scoreMax !== undefined && f.scoreMin > f.scoreMax) ctx.addIssue({ code: 'custom', path: ['scoreMax'], message: '最高积分不能低于最低积分' });
    if (f.submittedFrom && f.submittedTo && f.submittedFrom > f.submittedTo) ctx.addIssue({ code: 'custom', path: ['submittedTo'], message: '结束日期不能早于开始日期' });
  });
export type RegistrationFilterInput = z.infer<typeof registrationFilterSchema>;

export const registrationSearchSchema = z.object({
  filter: registrationFilterSchema.default({}),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const registrationItem = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string().nullable(),
  dataYear: z.number(),
  version: z.number(),
  regionCode: z.string(),
  regionLabel: z.string(),
  industryCode: z.string(),
  industryLabel: z.string(),
  size: z.string(),
  status: z.enum(['submitted', 'draft']),
  statusLabel: z.string(),
  score: z.number().nullable(),
  stageLabel: z.string().nullable(),
  firstSubmittedAt: z.string(),
  submittedAt: z.string(),
});
export type RegistrationItem = z.infer<typeof registrationItem>;
export const registrationListResponse = z.object({ items: z.array(registrationItem), total: z.number() });

export const registrationDetailResponse = z.object({
  item: registrationItem,
  /** 联系人 and 联系人手机 of the latest version, masked. */
  contactName: z.string(),
  contactMobile: z.string(),
  qualifications: z.array(z.object({ typeLabel: z.string(), certNo: z.string(), recognizedOn: z.string(), validUntil: z.string(), valid: z.boolean() })),
  versions: z.array(z.object({ id: z.string(), version: z.number(), acceptanceNo: z.string(), submittedAt: z.string() })),
  /** ① 企业基本情况 of the latest version (no personal data), label → value. */
  basic: z.array(z.object({ label: z.string(), value: z.string() })),
  score: z
    .object({
      total: z.number(),
      stageLabel: z.string(),
      catalogueVersion: z.string(),
      computedAt: z.string(),
      indicators: z.array(z.object({ code: z.string(), name: z.string(), score: z.number() })),
    })
    .nullable(),
});
export type RegistrationDetail = z.infer<typeof registrationDetailResponse>;

export const registrationExportSchema = z.object({
  filter: registrationFilterSchema.default({}),
  /** 部级 only: full 联系人 and 联系人手机, with a typed reason (audited). */
  unmasked: z.boolean().default(false),
  reason: z.string().trim().max(200, '原因不能超过200个字').refine(hasNoControlChars, '原因含有非法字符').optional(),
});

// ---- 【工作台】 -------------------------------------------------------------------------------

const countRow = z.object({ key: z.string(), label: z.string(), count: z.number() });
export const dashboardResponse = z.object({
  scopeLabel: z.string(),
  dataYear: z.number(),
  totals: z.object({ /** All accounts (部级 only: accounts have no region). */ accounts: z.number().nullable(), verifiedLegal: z.number(), eligibleEnterprises: z.number(), registrations: z.number() }),
  daily: z.array(countRow),
  byRegion: z.array(countRow),
  byIndustry: z.array(countRow),
  byQualification: z.array(countRow),
  scoreHistogram: z.array(countRow),
  /** 对接 of the partner institutions (金融机构端 【登记对接】) inside the region. */
  matchmaking: z.object({
    contacted: z.number(),
    grantedCount: z.number(),
    grantedWan: z.string(),
    byInstitution: z.array(z.object({ name: z.string(), contacted: z.number(), grantedCount: z.number(), grantedWan: z.string() })),
  }),
});
export type DashboardData = z.infer<typeof dashboardResponse>;

// ---- 【系统设置】 -----------------------------------------------------------------------------

export const settingsResponse = z.object({
  window: z.object({ dataYear: z.number(), opensOn: z.string(), closesOn: z.string(), configured: z.boolean() }),
  notice: z.object({ version: z.number(), title: z.string(), body: z.string(), createdAt: z.string() }),
  catalogue: z.object({ version: z.string(), body: z.string() }),
  runs: z.array(
    z.object({
      id: z.string(),
      dataYear: z.number(),
      catalogueVersion: z.string(),
      status: z.enum(['running', 'done', 'failed']),
      statusLabel: z.string(),
      totalRows: z.number(),
      processedRows: z.number(),
      changedRows: z.number(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
});
export type SettingsData = z.infer<typeof settingsResponse>;

/** A new indicator catalogue version: the JSON text (checked against form.md's bounds by scoring). */
export const catalogueVersionRequest = z.object({
  body: z.string({ error: '请输入指标体系' }).min(2, '请输入指标体系').max(200_000, '指标体系过长'),
});
export const recomputeRequest = z.object({ dataYear: z.number().int().min(2000).max(2100).optional() });
export const recomputeStartedResponse = z.object({ dataYear: z.number() });
