/**
 * Amounts and counts (validators.md "Other fields"): money in 万元 with at most 2 decimals,
 * counts as non-negative integers. Values travel and are stored as decimal strings, never
 * floats; `toHundredths` gives the exact integer (0.01 万元 = 100 元) for arithmetic.
 */
import { invalid, valid, type ValidationResult } from './result.js';

export const MONEY_MESSAGE = '请输入金额（万元），最多两位小数';
export const MONEY_NEGATIVE_MESSAGE = '金额不能为负数';
export const MONEY_TOO_LARGE_MESSAGE = '金额超出范围';
export const COUNT_MESSAGE = '请输入不小于0的整数';
export const COUNT_TOO_LARGE_MESSAGE = '数值超出范围';

/** Upper bounds that keep every sum exact in a double: 10^12 万元 and 10^9 for counts. */
const MAX_MONEY_INTEGER_DIGITS = 12;
const MAX_COUNT = 1_000_000_000;

/** Trim, NFKC (full-width digits), drop thousands separators. */
function normalizeNumber(input: string): string {
  return input.trim().normalize('NFKC').replace(/[,，\s]/g, '');
}

/** "1,234.5" → "1234.5"; "-0" → "0"; "007.10" → "7.1". `allowNegative` only for 净利润. */
export function validateMoneyWan(input: string, options: { allowNegative?: boolean } = {}): ValidationResult {
  const value = normalizeNumber(input);
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return invalid(MONEY_MESSAGE);
  const [, sign, whole, fraction = ''] = match;
  const integer = whole.replace(/^0+(?=\d)/, '');
  if (integer.length > MAX_MONEY_INTEGER_DIGITS) return invalid(MONEY_TOO_LARGE_MESSAGE);
  const cents = fraction.replace(/0+$/, '');
  const isZero = /^0+$/.test(integer) && cents === '';
  if (sign === '-' && !isZero && !options.allowNegative) return invalid(MONEY_NEGATIVE_MESSAGE);
  return valid(`${sign === '-' && !isZero ? '-' : ''}${integer}${cents ? `.${cents}` : ''}`);
}

/** A count (人, 件, 项): a non-negative integer, returned as a number. */
export function validateCount(input: string | number): ValidationResult<number> {
  const value = typeof input === 'number' ? String(input) : normalizeNumber(input);
  if (!/^\d+$/.test(value)) return invalid(COUNT_MESSAGE);
  const number = Number(value);
  if (number > MAX_COUNT) return invalid(COUNT_TOO_LARGE_MESSAGE);
  return valid(number);
}

/** Exact integer in hundredths of 万元 of a validated money string ("12.3" → 1230). */
export function toHundredths(money: string): number {
  const negative = money.startsWith('-');
  const [whole, fraction = ''] = (negative ? money.slice(1) : money).split('.');
  const result = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -result : result;
}
