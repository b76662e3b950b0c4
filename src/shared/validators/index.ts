/**
 * Field rules (spec: validators.md), shared by the browser forms and the server routes.
 * Pure TypeScript, no Node APIs; time is passed in, never read here.
 */
import { z } from 'zod';
import { validateEmail } from './email.js';
import { validateCount, validateMoneyWan } from './amounts.js';
import { validateIdNumber } from './idcard.js';
import { validateMobile } from './mobile.js';
import { validateEnterpriseName, validateLoginName, validatePersonName } from './names.js';
import { checkPassword, type PasswordContext } from './password.js';
import type { ValidationResult } from './result.js';
import { validateUscc } from './uscc.js';

export * from './result.js';
export * from './region.js';
export * from './uscc.js';
export * from './idcard.js';
export * from './mobile.js';
export * from './password.js';
export * from './common-passwords.js';
export * from './names.js';
export * from './email.js';
export * from './amounts.js';

/** Message of a missing or non-string value. "请输入" + label is the form's job. */
export const REQUIRED_MESSAGE = '此项为必填项';

/**
 * A string schema that normalises with the rule and reports its Chinese message.
 * Uses `.overwrite` (keeps the ZodString type, so the JSON schema stays `type: string`)
 * followed by `.superRefine`.
 */
function zFromRule(rule: (input: string) => ValidationResult) {
  return z
    .string({ error: REQUIRED_MESSAGE })
    .overwrite((input) => {
      const result = rule(input);
      return result.ok ? result.value : input;
    })
    .superRefine((value, ctx) => {
      const result = rule(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
    });
}

/** 统一社会信用代码, normalised (trim, NFKC, upper-case). */
export const zUscc = zFromRule(validateUscc);
/** 居民身份证号码; `today` is the injected clock (birth dates must not be in the future). */
export const zIdNumber = (today: () => Date) =>
  zFromRule((input) => validateIdNumber(input, today()));
/** 手机号, normalised to 11 digits. */
export const zMobile = zFromRule(validateMobile);
/** 邮箱, normalised to lower case. */
export const zEmail = zFromRule(validateEmail);
/** 登录名. */
export const zLoginName = zFromRule(validateLoginName);
/** 姓名 (Chinese characters and ·). */
export const zPersonName = zFromRule(validatePersonName);
/** 企业名称 (brackets made full-width). */
export const zEnterpriseName = zFromRule(validateEnterpriseName);
/** Money in 万元 (≤ 2 decimals, not negative), normalised decimal string. */
export const zMoneyWan = zFromRule((input) => validateMoneyWan(input));
/** Money in 万元 that may be negative (上年度净利润). */
export const zSignedMoneyWan = zFromRule((input) => validateMoneyWan(input, { allowNegative: true }));
/** A count (人, 件, 项): a non-negative integer. Accepts a number or a numeric string. */
export const zCount = z.union([z.number(), z.string()], { error: REQUIRED_MESSAGE }).transform((input, ctx) => {
  const result = validateCount(input);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.value;
});

/**
 * 密码 without context (length, character classes, common list). The value is never
 * altered. For the 登录名 / 手机号 rules add `refinePassword` to the enclosing object.
 */
export const zPassword = z.string({ error: REQUIRED_MESSAGE }).superRefine((value, ctx) => {
  const result = checkPassword(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
});

type StringKey<T> = { [K in keyof T]: T[K] extends string | undefined ? K : never }[keyof T] &
  string;

/**
 * Object-level password check with the other fields as context:
 *
 *   z.object({ loginName: zLoginName, mobile: zMobile, password: zPassword })
 *     .superRefine(refinePassword({ password: 'password', loginName: 'loginName', mobile: 'mobile' }))
 *
 * The issue goes on the password field; nothing is added when that field already has one
 * (so the message is not shown twice).
 */
export function refinePassword<T extends object>(keys: {
  password: StringKey<T>;
  loginName?: StringKey<T>;
  mobile?: StringKey<T>;
}): (data: T, ctx: z.RefinementCtx<T>) => void {
  return (data, ctx) => {
    if (ctx.issues.some((issue) => issue.path?.[0] === keys.password)) return;
    const password = data[keys.password];
    if (typeof password !== 'string') return;
    const context: PasswordContext = {};
    if (keys.loginName !== undefined) {
      const v = data[keys.loginName];
      if (typeof v === 'string') context.loginName = v;
    }
    if (keys.mobile !== undefined) {
      const v = data[keys.mobile];
      if (typeof v === 'string') context.mobile = v;
    }
    const result = checkPassword(password, context);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', path: [keys.password], message: result.message });
    }
  };
}
