/**
 * 统一社会信用代码 (GB 32100-2015).
 *
 * Layout: 1 登记管理部门码 · 2 机构类别码 · 3–8 登记管理机关行政区划码 ·
 * 9–17 主体标识码（组织机构代码） · 18 校验码.
 */
import { hasValidProvincePrefix, provinceCodeOf } from './region.js';
import { invalid, valid, type ValidationResult } from './result.js';

/** The 31 characters of the code, in value order (no I, O, S, V, Z). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17: 3^(i-1) mod 31. */
export const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

export const USCC_MESSAGES = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有非法字符',
  format: '统一社会信用代码格式错误',
  check: '统一社会信用代码校验位错误',
} as const;

/**
 * 机构类别码 allowed for each 登记管理部门码 (GB 32100-2015, 附录 A):
 * 1 机构编制 (1 机关, 2 事业单位, 3 群众团体, 9 其他); 5 民政 (1 社会团体,
 * 2 民办非企业单位, 3 基金会, 9 其他); 9 工商 (1 企业, 2 个体工商户, 3 农民专业合作社);
 * Y 其他 (1). The other departments (2–4, 6–8, A, N) accept 1–9 — kept simple on purpose.
 */
const CATEGORY_CODES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '123456789',
  '3': '123456789',
  '4': '123456789',
  '5': '1239',
  '6': '123456789',
  '7': '123456789',
  '8': '123456789',
  '9': '123',
  A: '123456789',
  N: '123456789',
  Y: '1',
};

/** Looks like a USCC: 18 characters of the charset (case-insensitive, no check-char test). */
export const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/i;

/** Trim, NFKC (full-width → half-width), upper-case. */
export function normalizeUscc(input: string): string {
  return input.trim().normalize('NFKC').toUpperCase();
}

/**
 * Check character for the first 17 characters (already normalised).
 * Throws on a wrong length or a character outside the charset.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`invalid USCC character: ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** The first 17 characters followed by their check character. */
export function makeUscc(first17: string): string {
  const body = normalizeUscc(first17);
  return body + usccCheckChar(body);
}

export function validateUscc(input: string): ValidationResult {
  const value = normalizeUscc(input);
  if ([...value].length !== 18) return invalid(USCC_MESSAGES.length);
  for (const ch of value) {
    if (!USCC_CHARSET.includes(ch)) return invalid(USCC_MESSAGES.charset);
  }
  const categories = CATEGORY_CODES[value[0]];
  if (categories === undefined || !categories.includes(value[1])) {
    return invalid(USCC_MESSAGES.format);
  }
  const division = value.slice(2, 8);
  if (!/^\d{6}$/.test(division) || !hasValidProvincePrefix(division)) {
    return invalid(USCC_MESSAGES.format);
  }
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return invalid(USCC_MESSAGES.check);
  return valid(value);
}

/** Chars 3–8: the administrative division code of the registering authority. */
export function usccDivisionCode(uscc: string): string {
  return normalizeUscc(uscc).slice(2, 8);
}

export { provinceCodeOf };
