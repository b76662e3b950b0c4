import { z } from 'zod';
import { captchaFields, hasNoControlChars, zCurrentPassword } from './common.js';
import { reviewFieldLabels, type ReviewField } from '../review-labels.js';

export const adminLoginSchema = z.object({
  username: z.string({ error: '请输入账号' }).trim().min(1, '请输入账号').max(64, '账号或密码错误').refine(hasNoControlChars, '账号或密码错误'),
  password: zCurrentPassword,
  ...captchaFields,
  totpCode: z.string().trim().regex(/^\d{6}$/, '请输入6位动态口令').optional(),
});

export const adminEnrollSchema = z.object({
  enrollToken: z.string().min(10).max(100),
  totpCode: z.string({ error: '请输入动态口令' }).trim().regex(/^\d{6}$/, '请输入6位动态口令'),
});

export const rejectSchema = z.object({
  reason: z.string({ error: '请填写驳回原因' }).trim().min(2, '请填写驳回原因').max(200, '驳回原因不能超过200个字'),
});

export const operatorRoleLabels = { ministry: '部级', province: '省级', city: '市级' } as const;

/** 【查看】 one masked value of a 人工核验 request (audited). */
export const revealSchema = z.object({
  side: z.enum(['applicant', 'account']),
  field: z.enum(Object.keys(reviewFieldLabels) as [ReviewField, ...ReviewField[]]),
});
