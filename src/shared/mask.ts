/**
 * Masking of personal data for display, logs, audit details and error messages.
 * Pure functions without Node APIs: used by the server and in the browser.
 *
 * Lengths are counted in code points, so characters outside the BMP (e.g. rare CJK
 * characters in names) are never split. Input that does not have the expected shape is
 * fully replaced by stars of the same length; empty (or null/undefined) input gives ''.
 */

type MaybeString = string | null | undefined;

function chars(value: MaybeString): string[] {
  return typeof value === 'string' ? Array.from(value) : [];
}

function stars(n: number): string {
  return n > 0 ? '*'.repeat(n) : '';
}

/** Keep `head` leading and `tail` trailing characters if at least `minLength` long, else all stars. */
function keepEnds(value: MaybeString, head: number, tail: number, minLength: number): string {
  const cs = chars(value);
  if (cs.length === 0) return '';
  if (cs.length < minLength) return stars(cs.length);
  return cs.slice(0, head).join('') + stars(cs.length - head - tail) + cs.slice(cs.length - tail).join('');
}

/**
 * ID number: first 4 and last 4 characters, stars between.
 * `maskIdNumber('110101199003077723') === '1101**********7723'`.
 * Values shorter than 15 characters (the old 15-digit 身份证号) are fully starred.
 */
export function maskIdNumber(value: MaybeString): string {
  return keepEnds(value, 4, 4, 15);
}

/**
 * Mobile number: first 3 and last 4 characters, stars between.
 * `maskMobile('13800000001') === '138****0001'`. Shorter than 11 characters → all stars.
 */
export function maskMobile(value: MaybeString): string {
  return keepEnds(value, 3, 4, 11);
}

/**
 * E-mail: first character of the local part, '***' (a fixed count, hiding its length),
 * then '@' and the domain. `maskEmail('demo@x.com') === 'd***@x.com'`.
 * Without an '@' after at least one character → all stars.
 */
export function maskEmail(value: MaybeString): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  const at = value.lastIndexOf('@');
  if (at <= 0) return stars(chars(value).length);
  const first = chars(value.slice(0, at))[0];
  return `${first}***${value.slice(at)}`;
}

/**
 * Name: first character kept, the rest starred. `maskName('王建国') === '王**'`,
 * `maskName('刘洋') === '刘*'`. A single character becomes '*'.
 */
export function maskName(value: MaybeString): string {
  const cs = chars(value);
  if (cs.length === 0) return '';
  if (cs.length === 1) return '*';
  return cs[0] + stars(cs.length - 1);
}
