import { z } from 'zod';
import { zEnterpriseName, zIdNumber, zMobile, zPassword, zPersonName, zUscc } from '../validators/index.js';
import { captchaFields, hasNoControlChars, zEmailCode, zSmsCode } from './common.js';
import { PASSWORDS_DIFFER } from './idp.js';
import { USER_TYPES } from '../account-labels.js';
import { reviewStatuses } from '../review-labels.js';

/**
 * 忘记密码 and 手机号修改 (flows.md). The server's answers never tell whether an account exists;
 * their sentences are in messages.ts.
 */

const zIdentifier = z.string({ error: '请输入登录名或统一社会信用代码' }).trim().min(1, '请输入登录名或统一社会信用代码').max(64, '请输入登录名或统一社会信用代码').refine(hasNoControlChars, '登录名或统一社会信用代码格式错误');

export const forgotCodeSchema = z.object({ identifier: zIdentifier, mobile: zMobile, ...captchaFields });

export const forgotResetSchema = z
  .object({
    identifier: zIdentifier,
    mobile: zMobile,
    smsCode: zSmsCode,
    newPassword: zPassword,
    confirmPassword: z.string({ error: '请再次输入新密码' }).min(1, '请再次输入新密码'),
  })
  .superRefine((data, ctx) => {
    if (data.newPassword !== data.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: PASSWORDS_DIFFER });
  });

const zFlowToken = z.string({ error: '操作已超时，请重新开始' }).min(10, '操作已超时，请重新开始').max(100, '操作已超时，请重新开始');

export const mobileChangeStartSchema = z.object({ identifier: zIdentifier, ...captchaFields });
export const mobileChangeEmailCodeSchema = z.object({ flowToken: zFlowToken });
export const mobileChangeNewMobileCodeSchema = z.object({ flowToken: zFlowToken, newMobile: zMobile, ...captchaFields });
export const mobileChangeByEmailSchema = z.object({ flowToken: zFlowToken, emailCode: zEmailCode, newMobile: zMobile, smsCode: zSmsCode });

/** 人工核验 text fields (the uploads travel beside them in multipart/form-data). */
export const manualReviewFieldsSchema = (today: () => Date) =>
  z
    .object({
      flowToken: zFlowToken,
      accountType: z.enum(USER_TYPES, { error: '请选择账号类型' }),
      newMobile: zMobile,
      smsCode: zSmsCode,
      applicantName: zPersonName,
      applicantIdNumber: zIdNumber(today),
      enterpriseName: z.string().optional(),
      uscc: z.string().optional(),
      description: z.string().trim().max(500, '说明不能超过500个字').optional(),
    })
    .superRefine((data, ctx) => {
      if (data.accountType !== 'legal') return;
      const name = zEnterpriseName.safeParse(data.enterpriseName ?? '');
      if (!name.success) ctx.addIssue({ code: 'custom', path: ['enterpriseName'], message: name.error.issues[0].message });
      const uscc = zUscc.safeParse(data.uscc ?? '');
      if (!uscc.success) ctx.addIssue({ code: 'custom', path: ['uscc'], message: uscc.error.issues[0].message });
    });

/** Their labels: reviewFileLabels (review-labels.ts). */
export const manualReviewFileRoles = ['businessLicense', 'legalRepIdFront', 'legalRepIdBack', 'authorization'] as const;

export const reviewStatusQuerySchema = z.object({
  acceptanceNo: z.string({ error: '请输入受理编号' }).trim().regex(/^HY\d{14}$/, '受理编号格式错误'),
  newMobile: zMobile,
});

/** `POST /api/uc/mobile-change/start`: the flow continues under this token. */
export const flowTokenResponse = z.object({ flowToken: z.string() });
export type FlowTokenAnswer = z.infer<typeof flowTokenResponse>;

/** `POST /api/uc/mobile-change/manual`: filed for 人工核验. */
export const mobileChangeFiledResponse = z.object({ ok: z.literal(true), acceptanceNo: z.string(), message: z.string() });
export type MobileChangeFiled = z.infer<typeof mobileChangeFiledResponse>;

/** `POST /api/uc/mobile-change/status` (核验进度查询). */
export const reviewStatusResponse = z.discriminatedUnion('found', [
  z.object({ found: z.literal(false), message: z.string() }),
  z.object({
    found: z.literal(true),
    status: z.enum(reviewStatuses),
    statusLabel: z.string(),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    rejectReason: z.string().nullable(),
  }),
]);
export type ReviewStatusAnswer = z.infer<typeof reviewStatusResponse>;
