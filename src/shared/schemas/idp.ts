import { z } from 'zod';
import { refinePassword, zEmail, zLoginName, zMobile, zPassword } from '../validators/index.js';
import { captchaFields, hasNoControlChars, loggedOutResponse, zCurrentPassword, zEmailCode, zSmsCode } from './common.js';
import { LOGIN_RESULTS, REALNAME_STATUSES, USER_TYPES } from '../account-labels.js';

/** The forms of 统一登录系统, validated by the same schemas in the browser and on the server. */

export const PASSWORDS_DIFFER = '两次输入的密码不一致';
export const AGREEMENT_REQUIRED = '请阅读并同意用户协议和隐私政策';

const samePassword =
  <T extends Record<string, unknown>>(a: keyof T & string, b: keyof T & string) =>
  (data: T, ctx: z.RefinementCtx<T>) => {
    if (typeof data[a] === 'string' && typeof data[b] === 'string' && data[a] !== data[b]) {
      ctx.addIssue({ code: 'custom', path: [b], message: PASSWORDS_DIFFER });
    }
  };

export const registerCodeSchema = z.object({ mobile: zMobile, ...captchaFields });

export const registerSchema = z
  .object({
    loginName: zLoginName,
    mobile: zMobile,
    smsCode: zSmsCode,
    password: zPassword,
    confirmPassword: z.string({ error: '请再次输入密码' }).min(1, '请再次输入密码'),
    agree: z.literal(true, { error: AGREEMENT_REQUIRED }),
  })
  .superRefine(refinePassword({ password: 'password', loginName: 'loginName', mobile: 'mobile' }))
  .superRefine(samePassword('password', 'confirmPassword'));

export const loginSchema = z.object({
  identifier: z.string({ error: '请输入登录名或统一社会信用代码' }).trim().min(1, '请输入登录名或统一社会信用代码').max(64, '账号或密码错误').refine(hasNoControlChars, '账号或密码错误'),
  password: zCurrentPassword,
  ...captchaFields,
});

export const changePasswordSchema = z
  .object({
    oldPassword: zCurrentPassword,
    newPassword: zPassword,
    confirmPassword: z.string({ error: '请再次输入新密码' }).min(1, '请再次输入新密码'),
  })
  .superRefine(samePassword('newPassword', 'confirmPassword'));

export const emailCodeSchema = z.object({ email: zEmail });
export const bindEmailSchema = z.object({ email: zEmail, emailCode: zEmailCode });

export const mobileCodeSchema = z.object({ newMobile: zMobile, ...captchaFields });
export const changeMobileSchema = z.object({ currentPassword: zCurrentPassword, newMobile: zMobile, smsCode: zSmsCode });

export const closeCodeSchema = z.object({ ...captchaFields });
export const closeAccountSchema = z.object({ password: zCurrentPassword, smsCode: zSmsCode });

/** `GET /api/uc/me`: the 用户中心's account, ID number, mobile and e-mail masked. */
const ucAccountView = z.object({
  loginName: z.string(),
  userType: z.enum(USER_TYPES).nullable(),
  realnameStatus: z.enum(REALNAME_STATUSES),
  enterpriseName: z.string().nullable(),
  uscc: z.string().nullable(),
  legalRepName: z.string().nullable(),
  personName: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  mobileMasked: z.string(),
  emailMasked: z.string().nullable(),
});
export const ucMeResponse = z.discriminatedUnion('loggedIn', [loggedOutResponse, ucAccountView.extend({ loggedIn: z.literal(true) })]);
export type UcMe = z.infer<typeof ucMeResponse>;
export type UcAccount = Extract<UcMe, { loggedIn: true }>;

/** `GET /api/portal/me` and `GET /api/platform/me`: who is logged in, for the header. */
export const headerMeResponse = z.discriminatedUnion('loggedIn', [loggedOutResponse, z.object({ loggedIn: z.literal(true), displayName: z.string() })]);
export type HeaderMe = z.infer<typeof headerMeResponse>;
/** The portal's answer also carries the 实名状态. */
export const portalMeResponse = z.discriminatedUnion('loggedIn', [
  loggedOutResponse,
  z.object({ loggedIn: z.literal(true), displayName: z.string(), realnameStatus: z.enum(REALNAME_STATUSES) }),
]);
export type PortalMe = z.infer<typeof portalMeResponse>;

/** `GET /api/uc/account/login-records`: the latest 50. */
export const loginRecordsResponse = z.object({
  records: z.array(z.object({ at: z.string(), ip: z.string(), browser: z.string(), result: z.enum(LOGIN_RESULTS) })),
});
export type LoginRecords = z.infer<typeof loginRecordsResponse>;

/** `GET /api/uc/account/export` (个人信息下载): the file as a person reads it, in Chinese. */
export const personalDataFileSchema = z.object({
  说明: z.string(),
  导出时间: z.string(),
  账号信息: z.object({ 登录名: z.string(), 手机号: z.string(), 邮箱: z.string(), 注册时间: z.string() }),
  实名认证信息: z.record(z.string(), z.string()),
  登录记录: z.array(z.object({ 时间: z.string(), IP地址: z.string(), 浏览器: z.string(), 浏览器详细信息: z.string(), 结果: z.string() })),
});
