/** Password policy (等保 2.0 level 3 habits). Hashing lives on the server. */
import { COMMON_PASSWORDS } from './common-passwords.js';
import { normalizeMobile } from './mobile.js';

export const PASSWORD_RULES = {
  length: '长度为8-32位',
  classes: '至少包含大写字母、小写字母、数字、符号中的三种',
  loginName: '不能与登录名相同',
  mobile: '不能与手机号相同',
  common: '不能使用常见弱密码',
} as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 32;

export interface PasswordContext {
  loginName?: string;
  mobile?: string;
}

export interface PasswordCheck {
  ok: boolean;
  /** The unmet rules, in the order of PASSWORD_RULES. */
  unmet: string[];
  /** "密码不符合要求：" + unmet joined with "；", or "" when ok. */
  message: string;
}

/**
 * Character classes: ASCII upper-case, ASCII lower-case, ASCII digit, and symbol
 * (Unicode punctuation or symbol — covers every printable ASCII non-alphanumeric).
 * Other characters (spaces, Chinese characters) count toward the length only.
 */
export function passwordClassCount(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[\p{P}\p{S}]/u].filter((re) => re.test(password)).length;
}

/** True when the password is in the shipped common-password list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** The password is used exactly as typed (never trimmed or normalised). */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const unmet: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    unmet.push(PASSWORD_RULES.length);
  }
  if (passwordClassCount(password) < 3) unmet.push(PASSWORD_RULES.classes);
  const loginName = context.loginName?.trim();
  if (loginName && password.toLowerCase() === loginName.toLowerCase()) {
    unmet.push(PASSWORD_RULES.loginName);
  }
  const mobile = context.mobile ? normalizeMobile(context.mobile) : '';
  if (mobile && normalizeMobile(password) === mobile) unmet.push(PASSWORD_RULES.mobile);
  if (isCommonPassword(password)) unmet.push(PASSWORD_RULES.common);
  return {
    ok: unmet.length === 0,
    unmet,
    message: unmet.length === 0 ? '' : `密码不符合要求：${unmet.join('；')}`,
  };
}
