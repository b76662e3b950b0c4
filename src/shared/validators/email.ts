/**
 * E-mail: a practical subset of RFC 5322 — a dot-atom local part (no quoted strings,
 * no comments) and a DNS host name (no IP literals) with an alphabetic or punycode TLD.
 */
import { invalid, valid, type ValidationResult } from './result.js';

export const EMAIL_MESSAGE = '邮箱格式错误';

const ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Trim, NFKC (full-width ＠ and letters → ASCII), lower-case. */
export function normalizeEmail(input: string): string {
  return input.trim().normalize('NFKC').toLowerCase();
}

export function validateEmail(input: string): ValidationResult {
  const value = normalizeEmail(input);
  if (value.length > 254) return invalid(EMAIL_MESSAGE);
  const at = value.lastIndexOf('@');
  if (at < 1) return invalid(EMAIL_MESSAGE);
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return invalid(EMAIL_MESSAGE);
  if (domain.length > 253) return invalid(EMAIL_MESSAGE);
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return invalid(EMAIL_MESSAGE);
  if (!TLD.test(labels[labels.length - 1])) return invalid(EMAIL_MESSAGE);
  return valid(value);
}
