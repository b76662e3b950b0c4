/** 中国大陆手机号. */
import { invalid, valid, type ValidationResult } from './result.js';

export const MOBILE_MESSAGE = '手机号格式错误';
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * NFKC (full-width digits), then remove whitespace and dashes, then a leading
 * +86 / 0086 country code.
 */
export function normalizeMobile(input: string): string {
  const compact = input.normalize('NFKC').replace(/[\s\-‐‑‒–—]/g, '');
  return compact.replace(/^(?:\+86|0086)/, '');
}

export function validateMobile(input: string): ValidationResult {
  const value = normalizeMobile(input);
  return MOBILE_PATTERN.test(value) ? valid(value) : invalid(MOBILE_MESSAGE);
}

/** Has the shape of a mobile number: 11 digits starting with 1. */
export function hasMobileShape(input: string): boolean {
  return /^1\d{10}$/.test(input);
}
