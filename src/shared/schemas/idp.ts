import { z } from 'zod';
import { refinePassword, zEmail, zLoginName, zMobile, zPassword } from '../validators/index.js';
import { captchaFields, hasNoControlChars, zCurrentPassword, zEmailCode, zSmsCode } from './common.js';

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

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
