import { z } from 'zod';
import { QUALIFICATION_TYPES } from '../qualification-labels.js';
import { IMPORT_FORMATS, JOB_STATUS_LABELS, QUALIFICATION_STATE_LABELS } from '../qualification-import.js';
import { hasNoControlChars } from './common.js';

const states = Object.keys(QUALIFICATION_STATE_LABELS) as [keyof typeof QUALIFICATION_STATE_LABELS, ...(keyof typeof QUALIFICATION_STATE_LABELS)[]];
const jobStatuses = Object.keys(JOB_STATUS_LABELS) as [keyof typeof JOB_STATUS_LABELS, ...(keyof typeof JOB_STATUS_LABELS)[]];

/** 【资质管理】 list: filters travel in the body (a USCC never goes into a URL). */
export const qualificationSearchSchema = z.object({
  type: z.enum(QUALIFICATION_TYPES).optional(),
  state: z.enum(states).optional(),
  /** Division-code prefix: 省 (2 digits), 市 (4) or 区县 (6). */
  region: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '地区格式错误').optional(),
  /** 统一社会信用代码 or part of the 企业名称. */
  keyword: z.string().trim().max(60, '关键词不能超过60个字').refine(hasNoControlChars, '关键词含有非法字符').optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type QualificationSearch = z.input<typeof qualificationSearchSchema>;

export const qualificationItem = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string().nullable(),
  type: z.enum(QUALIFICATION_TYPES),
  typeLabel: z.string(),
  certNo: z.string(),
  batch: z.string(),
  recognizedOn: z.string(),
  validUntil: z.string(),
  state: z.enum(states),
  stateLabel: z.string(),
  authority: z.string(),
  regionCode: z.string(),
  revokedReason: z.string().nullable(),
  revokedAt: z.string().nullable(),
  canRevoke: z.boolean(),
});
export type QualificationItem = z.infer<typeof qualificationItem>;
export const qualificationListResponse = z.object({ items: z.array(qualificationItem), total: z.number().int() });
export type QualificationList = z.infer<typeof qualificationListResponse>;

export const revokeQualificationSchema = z.object({
  reason: z.string({ error: '请填写撤销原因' }).trim().min(2, '请填写撤销原因').max(200, '撤销原因不能超过200个字').refine(hasNoControlChars, '撤销原因含有非法字符'),
});

export const templateParams = z.object({ type: z.enum(QUALIFICATION_TYPES), format: z.enum(IMPORT_FORMATS) });

const rowError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
const previewRow = z.object({
  row: z.number().int(),
  ok: z.boolean(),
  values: z.object({ uscc: z.string(), name: z.string(), certNo: z.string(), batch: z.string(), recognizedOn: z.string(), validUntil: z.string(), authority: z.string() }),
});

export const importJobResponse = z.object({
  id: z.string(),
  status: z.enum(jobStatuses),
  statusLabel: z.string(),
  /** 'check' (reading and checking the file) or 'import' (writing, after 【确认导入】). */
  phase: z.enum(['check', 'import']),
  type: z.enum(QUALIFICATION_TYPES),
  typeLabel: z.string(),
  fileName: z.string(),
  progress: z.object({ done: z.number(), total: z.number(), percent: z.number().int().min(0).max(100) }),
  error: z.string().nullable(),
  columns: z.array(z.string()),
  result: z
    .object({
      total: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
      errorCount: z.number().int(),
      inserted: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      preview: z.array(previewRow),
      errors: z.array(rowError),
      hasErrorReport: z.boolean(),
    })
    .nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobResponse>;
export const importStartedResponse = z.object({ id: z.string() });
