import { z } from 'zod';
import { zMoneyWan } from '../validators/index.js';
import { QUALIFICATION_TYPES } from '../qualification-labels.js';
import { FINANCING_METHODS } from './registration.js';

/**
 * 金融机构端 (flows.md): 企业名单, detail, 【查看联系方式】, 【登记对接】 / 【对接记录】, and the
 * platform's 【融资对接】 page. Identifiers travel in POST bodies, never in query strings.
 *
 *   POST /api/institution/enterprises          listRequest → listResponse
 *   POST /api/institution/enterprises/detail   usccRequest → detailResponse (audited, seen by the enterprise)
 *   POST /api/institution/enterprises/contact  usccRequest → contactResponse (【查看联系方式】, audited)
 *   POST /api/institution/matchmaking          recordRequest → timelineResponse (【登记对接】)
 *   POST /api/institution/matchmaking/timeline usccRequest → timelineResponse (own entries, kept after a withdrawal)
 *   GET  /api/institution/records              → recordsResponse (【对接记录】: own entries)
 *   GET  /api/institution/profile              → profileResponse (institution name, regions)
 *   GET  /api/platform/matchmaking             → activityResponse (【融资对接】)
 *   POST /api/platform/matchmaking/withdraw    → activityResponse (【撤回授权】)
 */
export const INSTITUTION_ROUTES = {
  list: '/api/institution/enterprises',
  detail: '/api/institution/enterprises/detail',
  contact: '/api/institution/enterprises/contact',
  record: '/api/institution/matchmaking',
  timeline: '/api/institution/matchmaking/timeline',
  profile: '/api/institution/profile',
  records: '/api/institution/records',
  mine: '/api/platform/matchmaking',
  withdraw: '/api/platform/matchmaking/withdraw',
} as const;

export const INSTITUTION_LABELS = {
  list: '企业名单',
  records: '对接记录',
  record: '登记对接',
  revealContact: '查看联系方式',
  matchmaking: '融资对接',
  withdraw: '撤回授权',
} as const;

export const OUTCOMES = ['contacted', 'granted', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { contacted: '已联系', granted: '已授信', rejected: '未通过' };
export const STAGES = ['startup', 'growth', 'mature'] as const;
export { STAGE_LABELS } from '../scoring/catalogue.js';

const zUscc = z.string({ error: '请选择企业' }).trim().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '请选择企业');
export const usccRequest = z.object({ uscc: zUscc });

const optionalNumber = (min: number, max: number) => z.coerce.number({ error: '请输入数字' }).min(min, `不能小于${min}`).max(max, `不能大于${max}`).optional();

export const listRequest = z.object({
  current: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['score_desc', 'score_asc']).default('score_desc'),
  region: z.string().trim().regex(/^(\d{2}|\d{4}|\d{6})$/, '请选择地区').optional(),
  industry: z.string().trim().regex(/^([A-T]|\d{2})$/, '请选择所属行业').optional(),
  qualification: z.enum(QUALIFICATION_TYPES, { error: '请选择资质' }).optional(),
  stage: z.enum(STAGES, { error: '请选择发展阶段' }).optional(),
  scoreMin: optionalNumber(0, 1000),
  scoreMax: optionalNumber(0, 1000),
  amountMin: optionalNumber(0, 10_000_000),
  amountMax: optionalNumber(0, 10_000_000),
  termMin: optionalNumber(1, 600),
  termMax: optionalNumber(1, 600),
  method: z.enum(FINANCING_METHODS, { error: '请选择意向融资方式' }).optional(),
});
export type ListRequest = z.input<typeof listRequest>;

const financingNeed = z.object({
  need: z.string().nullable(),
  amount: z.string().nullable(),
  termMonths: z.number().nullable(),
  purpose: z.string().nullable(),
  methods: z.array(z.string()),
  institutions: z.string().nullable(),
});
export type FinancingNeedView = z.infer<typeof financingNeed>;

export const listItem = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string(),
  score: z.string(),
  stage: z.string(),
  financing: financingNeed,
});
export const listResponse = z.object({ data: z.array(listItem), total: z.number(), success: z.literal(true) });
export type ListResponse = z.infer<typeof listResponse>;

export const timelineEntry = z.object({
  id: z.string(),
  outcome: z.enum(OUTCOMES),
  amount: z.string().nullable(),
  rate: z.string().nullable(),
  termMonths: z.number().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export const timelineResponse = z.object({ uscc: z.string(), name: z.string(), entries: z.array(timelineEntry) });
export type TimelineResponse = z.infer<typeof timelineResponse>;

export const detailResponse = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string(),
  dataYear: z.number(),
  version: z.number(),
  submittedAt: z.string(),
  qualifications: z.array(z.object({ type: z.string(), validUntil: z.string() })),
  basic: z.record(z.string(), z.unknown()),
  indicators: z.record(z.string(), z.unknown()),
  contactName: z.string(),
  contactMobile: z.string(),
  financing: financingNeed,
  honours: z.array(z.string()),
  highlights: z.string().nullable(),
  score: z.unknown(),
  entries: z.array(timelineEntry),
});
export type DetailResponse = z.infer<typeof detailResponse>;

export const contactResponse = z.object({ contactName: z.string(), contactMobile: z.string() });

const zRate = z.string().trim().regex(/^\d{1,2}(\.\d{1,2})?$/, '请输入正确的利率（%）');
export const recordRequest = z.discriminatedUnion('outcome', [
  z.object({ uscc: zUscc, outcome: z.literal('contacted'), note: z.string().trim().max(200, '内容过长').optional() }),
  z.object({
    uscc: zUscc,
    outcome: z.literal('granted'),
    amount: zMoneyWan,
    rate: zRate,
    termMonths: z.coerce.number({ error: '请输入期限（月）' }).int('请输入整数').min(1, '请输入1-600之间的整数（月）').max(600, '请输入1-600之间的整数（月）'),
    note: z.string().trim().max(200, '内容过长').optional(),
  }),
  z.object({ uscc: zUscc, outcome: z.literal('rejected'), reason: z.string({ error: '请填写未通过原因' }).trim().min(1, '请填写未通过原因').max(200, '内容过长') }),
], { error: '请选择对接结果' });
export type RecordRequest = z.input<typeof recordRequest>;

export const profileResponse = z.object({ institution: z.string(), name: z.string(), regions: z.array(z.string()) });
export type ProfileResponse = z.infer<typeof profileResponse>;

/** The enterprise's 【融资对接】. */
export const activityResponse = z.object({
  consented: z.boolean(),
  views: z.array(z.object({ id: z.string(), institution: z.string(), kind: z.enum(['detail', 'contact']), at: z.string() })),
  records: z.array(z.object({ id: z.string(), institution: z.string(), outcome: z.enum(OUTCOMES), amount: z.string().nullable(), rate: z.string().nullable(), termMonths: z.number().nullable(), reason: z.string().nullable(), at: z.string() })),
});
export type ActivityResponse = z.infer<typeof activityResponse>;

export const recordsResponse = z.object({ entries: z.array(timelineEntry.extend({ uscc: z.string(), name: z.string() })) });
export type RecordsResponse = z.infer<typeof recordsResponse>;
