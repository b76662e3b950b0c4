import { z } from 'zod';
import { captchaFields, hasNoControlChars, loggedOutResponse, zCurrentPassword } from './common.js';
import { comparisonResults, revealSides, reviewFieldLabels, reviewKinds, reviewStatuses, type ReviewField } from '../review-labels.js';
import { ACCOUNT_STATUSES, REALNAME_STATUSES, USER_TYPES } from '../account-labels.js';
import { OPERATOR_ROLES } from '../operator-labels.js';

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

const reviewField = z.enum(Object.keys(reviewFieldLabels) as [ReviewField, ...ReviewField[]]);

/** 【查看】 one masked value of a 人工核验 request (audited). */
export const revealSchema = z.object({ side: z.enum(revealSides), field: reviewField });

/** `POST …/login`: logged in, or (first login) the TOTP secret to enrol first. */
export const operatorLoginResponse = z.discriminatedUnion('step', [
  z.object({ step: z.literal('done') }),
  z.object({ step: z.literal('enroll'), enrollToken: z.string(), secret: z.string(), otpauthUrl: z.string() }),
]);
export type OperatorLoginResponse = z.infer<typeof operatorLoginResponse>;
export const operatorEnrollResponse = z.object({ step: z.literal('done') });
export type OperatorEnrollment = Extract<OperatorLoginResponse, { step: 'enroll' }>;

/** `GET …/me` of a console. `regionCode`: division-code prefix of the operator's region ('' for 部级). */
export const operatorMeResponse = z.discriminatedUnion('loggedIn', [
  loggedOutResponse,
  z.object({
    loggedIn: z.literal(true),
    name: z.string(),
    role: z.enum(OPERATOR_ROLES),
    roleLabel: z.string(),
    regionCode: z.string(),
    /** Marked 审计员 (【审计日志】); read from the account on every call. */
    isAuditor: z.boolean(),
  }),
]);
export type OperatorMe = z.infer<typeof operatorMeResponse>;
export type Operator = Extract<OperatorMe, { loggedIn: true }>;

export const reviewQuerySchema = z.object({
  status: z.enum(reviewStatuses).default('pending'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const reviewSummary = z.object({
  id: z.string(),
  acceptanceNo: z.string(),
  kind: z.enum(reviewKinds),
  accountType: z.enum(USER_TYPES),
  /** null: only 部级 operators decide it (a 手机号修改 of an unknown or unverified account). */
  regionCode: z.string().nullable(),
  status: z.enum(reviewStatuses),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
});

/** `GET /api/admin/reviews`. */
export const reviewListResponse = z.object({ total: z.number(), items: z.array(reviewSummary.extend({ matchedAccount: z.boolean() })) });
export type ReviewList = z.infer<typeof reviewListResponse>;
export type ReviewListItem = ReviewList['items'][number];

/** `GET /api/admin/reviews/:id`: ID numbers, mobiles and names come masked (`revealable`). */
export const reviewDetailResponse = reviewSummary.extend({
  account: z
    .object({ loginName: z.string(), status: z.enum(ACCOUNT_STATUSES), realnameStatus: z.enum(REALNAME_STATUSES), userType: z.enum(USER_TYPES).nullable() })
    .nullable(),
  /** Something the applicant typed. */
  applicant: z.array(z.object({ field: reviewField, value: z.string().nullable(), revealable: z.boolean() })),
  /** 手机号修改: the applicant's value beside the account's verified one; null for other kinds. */
  comparison: z
    .array(
      z.object({
        field: reviewField,
        applicant: z.string().nullable(),
        account: z.string().nullable(),
        result: z.enum(comparisonResults),
        revealable: z.object({ applicant: z.boolean(), account: z.boolean() }),
      }),
    )
    .nullable(),
  /** Roles of the uploaded files (labels: reviewFileLabels). */
  files: z.array(z.string()),
});
export type ReviewDetail = z.infer<typeof reviewDetailResponse>;
export type ComparedField = NonNullable<ReviewDetail['comparison']>[number];

/** `POST /api/admin/reviews/:id/reveal`: the full value (written to the audit log). */
export const revealResponse = z.object({ value: z.string() });
export type RevealAnswer = z.infer<typeof revealResponse>;
