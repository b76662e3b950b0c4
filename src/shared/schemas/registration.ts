/**
 * 融资服务专区 → 【去登记】 (flows.md) and the registration form (form.md): the requests and
 * answers of the registration API, used by the pages and by the server.
 *
 * Routes (FINANCING_ROUTES). Every one needs a platform session (401 "请先登录" without one);
 * the data routes run the gate first and refuse with its message (403 自然人 / not open,
 * 409 企业信息 incomplete):
 *   GET  /api/platform/financing/gate              → gateResponse: which dialog, or 'notice'
 *   GET  /api/platform/financing/notice            → noticeResponse: 提示事项 (records when this session opened it)
 *   POST /api/platform/financing/consent           consentRequest → consentState (an event only on a change)
 *   GET  /api/platform/financing/form              → formStateResponse: header, window, values, revision
 *   POST /api/platform/financing/draft             draftRequest → draftSavedResponse (【保存草稿】)
 *   POST /api/platform/financing/draft/autosave    draftRequest → draftSavedResponse (autosave; same rules)
 *   POST /api/platform/financing/submit            submitRequest → submitResponse (【提交】; "提交成功")
 *   POST /api/platform/financing/modify            modifyRequest → formStateResponse (【修改】: a draft from the latest version)
 *   GET  /api/platform/financing/versions          → versionsResponse (version history of this 数据年度)
 *   GET  /api/platform/financing/versions/:id/receipt → receiptResponse (【打印回执】; id = a version's opaque id)
 *   POST /api/platform/financing/attachments       multipart, one field `file` (PDF/JPG/PNG ≤ 5 MB) → attachmentInfo
 *                                                  (its id goes into optional.attachments; not a save: no window or notice check)
 *   GET  /api/platform/financing/attachments/:id   → the file (only the enterprise's own)
 *
 * Saves (draft, autosave, submit, modify) are refused with 409 and
 *   FINANCING_NOTICE_UNREAD "请阅读提示事项后再填报" (this session has not had the notice open 10 s),
 *   FILING_CLOSED "当前不在填报时间内" (outside the window; reads stay possible),
 *   REVISION_CONFLICT "数据已被他人修改，请刷新后重试" (the revision sent is not the stored one),
 * and with 400 VALIDATION_FAILED + fieldErrors keyed `basic.employees`, `indicators.rdStaff`, … .
 */
import { z } from 'zod';
import { LEVELS, type Level } from '../scoring/indicators.js';
import type { ScoringBasic, ScoringIndicators } from '../scoring/input.js';
import { QUALIFICATION_TYPES } from '../qualification-labels.js';
import { toHundredths, zCount, zMoneyWan, zSignedMoneyWan } from '../validators/index.js';
import { contactFields, zDistrictCode, zIndustryCode } from './enterprise.js';

const BASE = '/api/platform/financing';
export const FINANCING_ROUTES = {
  gate: `${BASE}/gate`,
  notice: `${BASE}/notice`,
  consent: `${BASE}/consent`,
  form: `${BASE}/form`,
  draft: `${BASE}/draft`,
  autosave: `${BASE}/draft/autosave`,
  submit: `${BASE}/submit`,
  modify: `${BASE}/modify`,
  versions: `${BASE}/versions`,
  /** Pattern as registered; build the URL with {@link receiptUrl}. */
  receipt: `${BASE}/versions/:id/receipt`,
  attachments: `${BASE}/attachments`,
  /** Pattern as registered; build the URL with {@link attachmentUrl}. */
  attachment: `${BASE}/attachments/:id`,
} as const;
export const attachmentUrl = (id: string) => `${BASE}/attachments/${encodeURIComponent(id)}`;
export const receiptUrl = (versionId: string) => `${BASE}/versions/${encodeURIComponent(versionId)}/receipt`;

// ---------------------------------------------------------------------------------------
// Texts (flows.md "Exact labels"; the seed 融资服务专区填报指引)

export const GATE_MESSAGES = {
  natural: '融资服务专区仅面向已完成实名认证的企业法人账户',
  notEligible: '此项功能未对当前账号企业开放',
  incomplete: '请先完善企业基本信息',
} as const;
/** The seed's explanation under "此项功能未对当前账号企业开放" (with a 【认定情况】 link). */
export const NOT_ELIGIBLE_HELP = [
  '融资服务专区目前仅面向科技型中小企业、创新型中小企业、专精特新中小企业和专精特新“小巨人”企业开放。',
  '请核对当前账号实名认证的企业信息是否与实际情况一致。若为科技型中小企业，请检查是否在有效期内。',
  '若为创新型中小企业、专精特新中小企业或专精特新“小巨人”企业，请核对该认定资质是否在本平台认定，认定情况可通过【认定情况】查看。',
] as const;
export const CONSENT_LABEL = '同意将本企业登记信息推送至合作金融机构';
/** Seconds the 提示事项 must stay open ("关闭（10s）" … "关闭（1s）", then 【关闭】). */
export const NOTICE_READ_SECONDS = 10;
export const SUBMITTED_MESSAGE = '提交成功';
export const DRAFT_SAVED_MESSAGE = '草稿已保存';

export const SECTION_TITLES = { basic: '①企业基本情况', indicators: '②企业创新积分核心指标', optional: '③选择填写指标' } as const;

export const REGISTRATION_STATUSES = ['none', 'draft', 'submitted'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { none: '未填报', draft: '草稿', submitted: '已提交' };

/** Labels of ① (form.md; units are the input's suffix). */
export const BASIC_LABELS = {
  industryCode: '所属行业',
  districtCode: '注册地址',
  establishedOn: '成立日期',
  employees: '从业人员（上年末）',
  employeesPrev: '从业人员（前年末）',
  revenue: '上年度营业收入',
  revenuePrev: '前年营业收入',
  assets: '上年度资产总额',
  netProfit: '上年度净利润',
  taxPaid: '上年度纳税总额',
  contactName: '联系人',
  contactMobile: '联系人手机',
} as const;

export const FINANCING_NEEDS = ['yes', 'no'] as const;
export const FINANCING_NEED_LABELS: Record<(typeof FINANCING_NEEDS)[number], string> = { yes: '有', no: '无' };
export const FINANCING_METHODS = ['credit', 'ipPledge', 'scoreLoan', 'equity', 'other'] as const;
export type FinancingMethod = (typeof FINANCING_METHODS)[number];
export const FINANCING_METHOD_LABELS: Record<FinancingMethod, string> = {
  credit: '信用贷款',
  ipPledge: '知识产权质押融资',
  scoreLoan: '创新积分贷',
  equity: '股权融资',
  other: '其他',
};
export const OPTIONAL_LABELS = {
  need: '融资需求',
  amount: '融资金额',
  termMonths: '融资期限',
  purpose: '资金用途',
  methods: '意向融资方式',
  institutions: '意向金融机构',
  hiTechCertNo: '高新技术企业证书编号',
  honours: '获得的省级以上荣誉',
  highlights: '企业创新亮点',
  attachments: '附件',
} as const;

export const HIGHLIGHTS_MAX_CHARS = 500;
export const ATTACHMENTS_MAX = 5;
export const HONOURS_MAX = 20;

export const REGISTRATION_MESSAGES = {
  date: '请输入正确的日期',
  rdStaffOverEmployees: '研发人员数不能超过从业人员（上年末）',
  hiTechOverRevenue: '高新技术产品（服务）收入不能超过上年度营业收入',
  /** A warning, never an error (pre-revenue R&D firms submit freely). */
  rdOverRevenue: '研发费用总额超过上年度营业收入，请确认填写无误',
  level: '请选择',
  highlights: `企业创新亮点不能超过${HIGHLIGHTS_MAX_CHARS}字`,
  attachments: `附件不能超过${ATTACHMENTS_MAX}个`,
  term: '请输入1-600之间的整数（月）',
  text: '内容过长',
} as const;

// ---------------------------------------------------------------------------------------
// Field pieces (所属行业, 注册地址, 联系人 and 联系人手机 are 企业信息's: ./enterprise.ts)

const charCount = (s: string) => [...s].length;
const zText = (max: number, message: string = REGISTRATION_MESSAGES.text) => z.string().trim().refine((s) => charCount(s) <= max, message);

export { zDistrictCode, zIndustryCode };
/** A calendar date 'YYYY-MM-DD' that exists (成立日期; the server also refuses one after today). */
export const zCalendarDate = z
  .string({ error: REGISTRATION_MESSAGES.date })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, REGISTRATION_MESSAGES.date)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1900-01-01';
  }, REGISTRATION_MESSAGES.date);
const zLevel = z.enum(LEVELS, { error: REGISTRATION_MESSAGES.level });
const zAwardLevel = z.enum(['national', 'provincial', 'none'], { error: REGISTRATION_MESSAGES.level });

// ---------------------------------------------------------------------------------------
// The payload: ① basic, ② indicators, ③ optional

/** ①企业基本情况 (strict): the ScoringBasic keys, the 区县, 资产总额, 联系人 and 联系人手机. */
export const basicSchema = z.object({
  industryCode: zIndustryCode,
  districtCode: zDistrictCode,
  establishedOn: zCalendarDate,
  employees: zCount,
  employeesPrev: zCount,
  revenue: zMoneyWan,
  revenuePrev: zMoneyWan,
  assets: zMoneyWan,
  netProfit: zSignedMoneyWan,
  taxPaid: zMoneyWan,
  contactName: contactFields.contactName,
  contactMobile: contactFields.contactMobile,
});
export type RegistrationBasic = z.output<typeof basicSchema>;

/** ②企业创新积分核心指标 (strict): exactly the ScoringIndicators keys (INDICATOR_FIELDS). */
export const indicatorsSchema = z.object({
  rdExpense: zMoneyWan,
  rdStaff: zCount,
  inventionPatents: zCount,
  otherIp: zCount,
  hiTechRevenue: zMoneyWan,
  techContractValue: zMoneyWan,
  standards: zCount,
  equityFinancing: zMoneyWan,
  rdInstitution: zLevel,
  techAward: zAwardLevel,
  techProject: zLevel,
});
export type RegistrationIndicators = z.output<typeof indicatorsSchema>;

/** An empty string is "not filled" (③ never blocks). */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v === null ? undefined : v);
const optionalOf = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/** ③选择填写指标 (strict): every field optional; a filled field must be valid. */
export const optionalSchema = z.object({
  financing: z
    .object({
      need: optionalOf(z.enum(FINANCING_NEEDS, { error: REGISTRATION_MESSAGES.level })),
      amount: optionalOf(zMoneyWan),
      termMonths: optionalOf(zCount.refine((n) => n >= 1 && n <= 600, REGISTRATION_MESSAGES.term)),
      purpose: optionalOf(zText(200)),
      methods: z.array(z.enum(FINANCING_METHODS, { error: REGISTRATION_MESSAGES.level })).max(FINANCING_METHODS.length).default([]).transform((list) => [...new Set(list)]),
      institutions: optionalOf(zText(200)),
    })
    .default({ methods: [] }),
  hiTechCertNo: optionalOf(zText(50)),
  honours: z
    .array(zText(100))
    .max(HONOURS_MAX, `最多填写${HONOURS_MAX}项`)
    .default([])
    .transform((list) => list.filter((s) => s !== '')),
  highlights: optionalOf(zText(HIGHLIGHTS_MAX_CHARS, REGISTRATION_MESSAGES.highlights)),
  attachments: z.array(z.string().min(1).max(64)).max(ATTACHMENTS_MAX, REGISTRATION_MESSAGES.attachments).default([]),
});
export type RegistrationOptional = z.output<typeof optionalSchema>;

const payloadShape = { basic: basicSchema, indicators: indicatorsSchema, optional: optionalSchema.default({ financing: { methods: [] }, honours: [], attachments: [] }) };

/**
 * The cross-field checks of form.md, on the field they concern. They run even when other
 * fields have errors (all messages at once), comparing only values that parsed.
 */
function refineCrossFields(data: { basic?: unknown; indicators?: unknown }, ctx: z.RefinementCtx) {
  const basic = (typeof data?.basic === 'object' && data.basic !== null ? data.basic : {}) as Partial<RegistrationBasic>;
  const indicators = (typeof data?.indicators === 'object' && data.indicators !== null ? data.indicators : {}) as Partial<RegistrationIndicators>;
  const isMoney = (v: unknown): v is string => typeof v === 'string' && /^-?\d+(\.\d{1,2})?$/.test(v);
  if (typeof indicators.rdStaff === 'number' && typeof basic.employees === 'number' && indicators.rdStaff > basic.employees) {
    ctx.addIssue({ code: 'custom', path: ['indicators', 'rdStaff'], message: REGISTRATION_MESSAGES.rdStaffOverEmployees });
  }
  if (isMoney(indicators.hiTechRevenue) && isMoney(basic.revenue) && toHundredths(indicators.hiTechRevenue) > toHundredths(basic.revenue)) {
    ctx.addIssue({ code: 'custom', path: ['indicators', 'hiTechRevenue'], message: REGISTRATION_MESSAGES.hiTechOverRevenue });
  }
}
const always = { when: () => true };

/** The whole registration as 【提交】 sends it (strict). */
export const registrationPayloadSchema = z.object(payloadShape).superRefine(refineCrossFields, always);
export type RegistrationPayload = z.output<typeof registrationPayloadSchema>;

/**
 * Warnings (not errors) of a payload, keyed like fieldErrors: 研发费用 > 营业收入 when
 * 营业收入 > 0. Takes strict values or the draft's typed text (unparseable values are skipped).
 */
export function registrationWarnings(payload: { basic?: { revenue?: unknown } | null; indicators?: { rdExpense?: unknown } | null }): Record<string, string> {
  const money = (v: unknown) => {
    const text = typeof v === 'string' ? v.normalize('NFKC').replace(/[,，\s]/g, '') : '';
    return /^-?\d+(\.\d{1,2})?$/.test(text) ? toHundredths(text) : null;
  };
  const revenue = money(payload.basic?.revenue);
  const rd = money(payload.indicators?.rdExpense);
  if (revenue !== null && rd !== null && revenue > 0 && rd > revenue) return { 'indicators.rdExpense': REGISTRATION_MESSAGES.rdOverRevenue };
  return {};
}

// Compile-time checks: ① and ② carry exactly the key names of the scoring input.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const basicCarriesScoring: Same<Pick<RegistrationBasic, keyof ScoringBasic>, ScoringBasic> = true;
const indicatorsAreScoring: Same<RegistrationIndicators, ScoringIndicators> = true;
void basicCarriesScoring;
void indicatorsAreScoring;
export type { Level };

// ---------------------------------------------------------------------------------------
// Drafts: anything partial, still type-checked (what was typed is kept as typed)

const draftText = (max = 200) => z.string().max(max * 4, REGISTRATION_MESSAGES.text).nullable().optional();
const draftNumber = z.union([z.number(), z.string().max(40, REGISTRATION_MESSAGES.text)]).nullable().optional();

export const draftBasicSchema = z.object({
  industryCode: draftText(10),
  districtCode: draftText(10),
  establishedOn: draftText(20),
  employees: draftNumber,
  employeesPrev: draftNumber,
  revenue: draftText(40),
  revenuePrev: draftText(40),
  assets: draftText(40),
  netProfit: draftText(40),
  taxPaid: draftText(40),
  contactName: draftText(40),
  contactMobile: draftText(40),
});
export const draftIndicatorsSchema = z.object({
  rdExpense: draftText(40),
  rdStaff: draftNumber,
  inventionPatents: draftNumber,
  otherIp: draftNumber,
  hiTechRevenue: draftText(40),
  techContractValue: draftText(40),
  standards: draftNumber,
  equityFinancing: draftText(40),
  rdInstitution: zLevel.nullable().optional(),
  techAward: zAwardLevel.nullable().optional(),
  techProject: zLevel.nullable().optional(),
});
export const draftOptionalSchema = z.object({
  financing: z
    .object({
      need: z.enum(FINANCING_NEEDS).nullable().optional(),
      amount: draftText(40),
      termMonths: draftNumber,
      purpose: draftText(200),
      methods: z.array(z.enum(FINANCING_METHODS)).max(FINANCING_METHODS.length).optional(),
      institutions: draftText(200),
    })
    .optional(),
  hiTechCertNo: draftText(50),
  honours: z.array(z.string().max(400)).max(HONOURS_MAX).optional(),
  highlights: draftText(HIGHLIGHTS_MAX_CHARS),
  attachments: z.array(z.string().min(1).max(64)).max(ATTACHMENTS_MAX, REGISTRATION_MESSAGES.attachments).optional(),
});
/** A draft of the form: every part optional. */
export const draftPayloadSchema = z.object({
  basic: draftBasicSchema.optional(),
  indicators: draftIndicatorsSchema.optional(),
  optional: draftOptionalSchema.optional(),
});
export type DraftPayload = z.output<typeof draftPayloadSchema>;

// ---------------------------------------------------------------------------------------
// Requests

/** The revision the form was loaded with (optimistic locking); 0 when nothing is stored yet. */
const zRevision = z.number({ error: '请刷新页面后重试' }).int().min(0).max(1_000_000_000);

export const draftRequest = draftPayloadSchema.extend({ revision: zRevision });
export type DraftRequest = z.input<typeof draftRequest>;
export const submitRequest = z.object({ revision: zRevision, ...payloadShape }).superRefine(refineCrossFields, always);
export type SubmitRequest = z.input<typeof submitRequest>;
export const modifyRequest = z.object({ revision: zRevision });
export const consentRequest = z.object({
  consented: z.boolean({ error: '请选择是否同意' }),
  /** The notice version the page showed (a newer one must be read first). */
  noticeVersion: z.number().int().min(1).max(1_000_000),
});
export const receiptParams = z.object({ id: z.string().min(1).max(64) });
export const attachmentParams = z.object({ id: z.string().min(1).max(64) });

// ---------------------------------------------------------------------------------------
// Answers

export const GATE_STEPS = ['natural', 'not-eligible', 'incomplete', 'notice'] as const;
export type GateStep = (typeof GATE_STEPS)[number];
/** `GET gate`: the first step that stops the way (its dialog message), or 'notice' (message null). */
export const gateResponse = z.object({ step: z.enum(GATE_STEPS), message: z.string().nullable() });
export type GateAnswer = z.infer<typeof gateResponse>;

export const consentState = z.object({
  /** What the checkbox shows: the enterprise's current, effective consent. */
  consented: z.boolean(),
  /** True once after a new notice version changed the data use: the former consent no longer counts. */
  askAgain: z.boolean(),
  /** The notice version the current state was given under (null: never answered). */
  noticeVersion: z.number().nullable(),
  changedAt: z.string().nullable(),
});
export type ConsentState = z.infer<typeof consentState>;

/** `GET notice`: 提示事项. body: plain text, paragraphs separated by blank lines. */
export const noticeResponse = z.object({
  version: z.number(),
  title: z.string(),
  body: z.string(),
  consentLabel: z.string(),
  /** When this session first opened the notice (ISO) and when saves are accepted. */
  openedAt: z.string(),
  readyAt: z.string(),
  readSeconds: z.number(),
  consent: consentState,
});
export type NoticeAnswer = z.infer<typeof noticeResponse>;

export const qualificationTag = z.object({ type: z.enum(QUALIFICATION_TYPES), label: z.string(), certNo: z.string(), validUntil: z.string() });
export const filingWindowView = z.object({ dataYear: z.number(), opensOn: z.string(), closesOn: z.string(), open: z.boolean() });
export type FilingWindowView = z.infer<typeof filingWindowView>;
export const versionSummary = z.object({ id: z.string(), version: z.number(), acceptanceNo: z.string(), submittedAt: z.string() });
export type VersionSummary = z.infer<typeof versionSummary>;

/** An uploaded ③ 附件. */
export const attachmentInfo = z.object({ id: z.string(), name: z.string(), size: z.number(), kind: z.enum(['jpg', 'png', 'pdf']) });
export type AttachmentInfo = z.infer<typeof attachmentInfo>;

/** `GET form` (and the answer of 【修改】). */
export const formStateResponse = z.object({
  enterprise: z.object({ name: z.string(), uscc: z.string() }),
  dataYear: z.number(),
  status: z.enum(REGISTRATION_STATUSES),
  statusLabel: z.string(),
  qualifications: z.array(qualificationTag),
  window: filingWindowView,
  /** Send it back with the next save; 0 when nothing is stored yet. */
  revision: z.number(),
  /** What the form shows: the draft, else the latest version, else ① pre-filled from 企业信息. */
  values: draftPayloadSchema,
  source: z.enum(['draft', 'version', 'prefill']),
  /** True while the form can be edited and saved (window open, not submitted). */
  editable: z.boolean(),
  /** 【修改】 is offered (submitted, no draft open, window open). */
  canModify: z.boolean(),
  latestVersion: versionSummary.nullable(),
  draftSavedAt: z.string().nullable(),
  /** When this session's saves are accepted (notice opened + 10 s); null: open the notice first. */
  noticeReadyAt: z.string().nullable(),
  warnings: z.record(z.string(), z.string()),
  /** Name and size of the files `values.optional.attachments` names. */
  attachmentFiles: z.array(attachmentInfo),
});
export type FormState = z.infer<typeof formStateResponse>;

export const draftSavedResponse = z.object({ revision: z.number(), savedAt: z.string(), message: z.string(), warnings: z.record(z.string(), z.string()) });
export type DraftSaved = z.infer<typeof draftSavedResponse>;

/** One indicator of a provisional score (issue 15 wires scoring; it may refine this shape). */
export const scoreIndicator = z.object({ code: z.string(), name: z.string(), value: z.string().nullable(), percentile: z.number().nullable(), points: z.number(), note: z.string().nullable() });
export const submissionScore = z.object({
  /** 创新积分（自评）, 0–1000. */
  total: z.number(),
  stage: z.string(),
  peerGroup: z.string(),
  catalogueVersion: z.string(),
  indicators: z.array(scoreIndicator),
});
export type SubmissionScore = z.infer<typeof submissionScore>;

export const submitResponse = z.object({
  message: z.string(),
  version: versionSummary,
  revision: z.number(),
  /** Null until scoring is wired (or when it could not score right now). */
  score: submissionScore.nullable(),
  warnings: z.record(z.string(), z.string()),
});
export type SubmitAnswer = z.infer<typeof submitResponse>;

export const versionsResponse = z.object({ dataYear: z.number(), versions: z.array(versionSummary) });
export type VersionsAnswer = z.infer<typeof versionsResponse>;

/** A submitted payload as stored (no re-validation on the way out). */
const storedPayload = z.object({
  basic: z.object({
    industryCode: z.string(),
    districtCode: z.string(),
    establishedOn: z.string(),
    employees: z.number(),
    employeesPrev: z.number(),
    revenue: z.string(),
    revenuePrev: z.string(),
    assets: z.string(),
    netProfit: z.string(),
    taxPaid: z.string(),
    contactName: z.string(),
    contactMobile: z.string(),
  }),
  indicators: z.object({
    rdExpense: z.string(),
    rdStaff: z.number(),
    inventionPatents: z.number(),
    otherIp: z.number(),
    hiTechRevenue: z.string(),
    techContractValue: z.string(),
    standards: z.number(),
    equityFinancing: z.string(),
    rdInstitution: z.enum(LEVELS),
    techAward: z.enum(['national', 'provincial', 'none']),
    techProject: z.enum(LEVELS),
  }),
  optional: z.object({
    financing: z.object({
      need: z.enum(FINANCING_NEEDS).optional(),
      amount: z.string().optional(),
      termMonths: z.number().optional(),
      purpose: z.string().optional(),
      methods: z.array(z.enum(FINANCING_METHODS)),
      institutions: z.string().optional(),
    }),
    hiTechCertNo: z.string().optional(),
    honours: z.array(z.string()),
    highlights: z.string().optional(),
    attachments: z.array(z.string()),
  }),
});
export const submittedPayloadView = storedPayload;

/** `GET versions/:id/receipt`: the data of one version for the 登记回执. */
export const receiptResponse = z.object({
  title: z.string(),
  acceptanceNo: z.string(),
  version: z.number(),
  submittedAt: z.string(),
  dataYear: z.number(),
  enterprise: z.object({ name: z.string(), uscc: z.string() }),
  qualifications: z.array(qualificationTag),
  payload: submittedPayloadView,
  attachmentFiles: z.array(attachmentInfo),
});
export type ReceiptAnswer = z.infer<typeof receiptResponse>;

// ---------------------------------------------------------------------------------------
// 管理端 【系统设置】 (the repo functions are financingRepo.setFilingWindow / publishNotice)

/** The filing window: 数据年度 and Asia/Shanghai dates, both ends inclusive. */
export const filingWindowRequest = z
  .object({
    dataYear: z.number({ error: '请输入数据年度' }).int('请输入数据年度').min(2000, '请输入正确的数据年度').max(2100, '请输入正确的数据年度'),
    opensOn: zCalendarDate,
    closesOn: zCalendarDate,
  })
  .superRefine((data, ctx) => {
    if (typeof data.opensOn === 'string' && typeof data.closesOn === 'string' && data.opensOn > data.closesOn) {
      ctx.addIssue({ code: 'custom', path: ['closesOn'], message: '截止日期不能早于开始日期' });
    }
  });

/** A new 提示事项 version; `changesDataUse` asks every enterprise's consent again. */
export const noticeVersionRequest = z.object({
  title: z.string({ error: '请输入标题' }).trim().min(1, '请输入标题').max(50, '标题不能超过50个字'),
  body: z.string({ error: '请输入提示事项内容' }).trim().min(1, '请输入提示事项内容').max(10_000, '提示事项内容不能超过10000个字'),
  changesDataUse: z.boolean({ error: '请选择是否变更信息使用范围' }),
});
