/**
 * 居民身份证号码 (GB 11643-1999): 6-digit division code, 8-digit birth date
 * YYYYMMDD, 3-digit sequence number, check character (digit or X).
 */
import { hasValidProvincePrefix } from './region.js';
import { invalid, valid, type ValidationResult } from './result.js';

export const ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

export const ID_MESSAGES = {
  format: '身份证号码格式错误',
  check: '身份证号码校验位错误',
} as const;

/** China Standard Time, UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Trim, NFKC (full-width → half-width), upper-case (x → X). */
export function normalizeIdNumber(input: string): string {
  return input.trim().normalize('NFKC').toUpperCase();
}

/** Check character for 17 digits. Throws on anything else. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** The 17 digits followed by their check character. */
export function makeIdNumber(first17: string): string {
  return first17 + idCheckChar(first17);
}

/** YYYYMMDD as a comparable number, for the calendar day of `date` in Beijing time. */
function cstDayNumber(date: Date): number {
  const d = new Date(date.getTime() + CST_OFFSET_MS);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/**
 * Validates a mainland ID number. `today` is the injected current time; the birth date
 * must not be after today's date in Beijing time, nor before 1900-01-01.
 */
export function validateIdNumber(input: string, today: Date): ValidationResult {
  const value = normalizeIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(value)) return invalid(ID_MESSAGES.format);
  if (!hasValidProvincePrefix(value)) return invalid(ID_MESSAGES.format);
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isRealDate(year, month, day)) return invalid(ID_MESSAGES.format);
  const birth = Number(value.slice(6, 14));
  if (birth < 19000101 || birth > cstDayNumber(today)) return invalid(ID_MESSAGES.format);
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return invalid(ID_MESSAGES.check);
  return valid(value);
}

/** Chars 1–6: the administrative division code of the holder's registration. */
export function idDivisionCode(idNumber: string): string {
  return normalizeIdNumber(idNumber).slice(0, 6);
}
