/** 企业名称, 姓名 and 登录名. */
import { hasMobileShape } from './mobile.js';
import { invalid, valid, type ValidationResult } from './result.js';
import { USCC_SHAPE } from './uscc.js';

export const NAME_MESSAGES = {
  enterprise: '企业名称应为2-100个字符',
  person: '姓名应为2-20个汉字',
  loginName: '登录名应为4-30位，以字母开头，只能包含字母、数字和下划线',
  loginNameShape: '登录名不能使用统一社会信用代码或手机号的格式',
} as const;

/** Length in characters (code points), so a CJK Extension B character counts once. */
function charLength(s: string): number {
  return [...s].length;
}

/** Trim; half-width brackets () become full-width （）. */
export function normalizeEnterpriseName(input: string): string {
  return input.trim().replace(/\(/g, '（').replace(/\)/g, '）');
}

export function validateEnterpriseName(input: string): ValidationResult {
  const value = normalizeEnterpriseName(input);
  const n = charLength(value);
  return n >= 2 && n <= 100 ? valid(value) : invalid(NAME_MESSAGES.enterprise);
}

/**
 * Trim; the dots people type instead of the middle dot — ‧ (U+2027), • (U+2022),
 * ・ (U+30FB), ･ (U+FF65) — become · (U+00B7).
 */
export function normalizePersonName(input: string): string {
  return input.trim().replace(/[\u2027\u2022\u30FB\uFF65]/g, '\u00B7');
}

/**
 * 2–20 characters: Chinese characters (Script=Han) and the middle dot ·, which may
 * only stand between characters (not first, not last, not doubled) as in 买买提·艾力.
 */
const PERSON_NAME = /^\p{Script=Han}+(?:\u00B7\p{Script=Han}+)*$/u;

export function validatePersonName(input: string): ValidationResult {
  const value = normalizePersonName(input);
  const n = charLength(value);
  return n >= 2 && n <= 20 && PERSON_NAME.test(value)
    ? valid(value)
    : invalid(NAME_MESSAGES.person);
}

/** Trim; NFKC turns full-width letters and digits into ASCII. Case is kept. */
export function normalizeLoginName(input: string): string {
  return input.trim().normalize('NFKC');
}

const LOGIN_NAME = /^[A-Za-z][A-Za-z0-9_]{3,29}$/;

/**
 * 4–30 characters, a letter first, then letters, digits or underscores. A name with the
 * shape of a USCC (18 characters of its charset, any case) or of a mobile number
 * (11 digits starting with 1) is refused with its own message, since the login form
 * accepts a USCC in the same field.
 */
export function validateLoginName(input: string): ValidationResult {
  const value = normalizeLoginName(input);
  if (USCC_SHAPE.test(value) || hasMobileShape(value)) {
    return invalid(NAME_MESSAGES.loginNameShape);
  }
  return LOGIN_NAME.test(value) ? valid(value) : invalid(NAME_MESSAGES.loginName);
}
