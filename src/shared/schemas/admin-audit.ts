import { z } from 'zod';
import { hasNoControlChars } from './common.js';

/** 管理端 【审计日志】 (审计员 only). Filters travel in POST bodies: an object may be a USCC. */

const isoInstant = z.iso.datetime({ offset: true, error: '时间格式不正确' });
const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`).refine(hasNoControlChars, '包含不允许的字符').optional();

const auditFilterFields = z.object({
  /** Inclusive. */
  from: isoInstant.optional(),
  /** Exclusive. */
  to: isoInstant.optional(),
  /** 操作人: a 管理端 账号, a 登录名, or an id. */
  actor: text(64),
  /** An action code (AUDIT_ACTION_LABELS). */
  action: text(64),
  /** 操作对象: a 管理端 账号, a 登录名, or an object id (受理编号, 统一社会信用代码, …). */
  object: text(64),
});
const timeOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to);
const timeOrderIssue = { path: ['to'], message: '结束时间应晚于开始时间' };

export const auditFilterSchema = auditFilterFields.refine(timeOrder, timeOrderIssue);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditSearchSchema = auditFilterFields
  .extend({
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
    /** Pages of one search stay put: records appended after the first page (this search's own among them) are left out. */
    untilSeq: z.number().int().min(0).optional(),
  })
  .refine(timeOrder, timeOrderIssue);
export type AuditSearchInput = z.input<typeof auditSearchSchema>;

const auditItem = z.object({
  seq: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  /** 部级管理员（admin）, a 登录名, or null when unknown. */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable(),
  ip: z.string().nullable(),
  /** Masked at write (security/audit.ts): no full ID number, mobile or e-mail in here. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof auditItem>;

export const auditSearchResponse = z.object({ total: z.number(), untilSeq: z.number(), items: z.array(auditItem) });
export type AuditSearchAnswer = z.infer<typeof auditSearchResponse>;

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  count: z.number(),
  firstBadSeq: z.number().nullable(),
  reason: z.string().nullable(),
  checkedAt: z.string(),
});
export type AuditVerifyAnswer = z.infer<typeof auditVerifyResponse>;
