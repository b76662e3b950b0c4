/** Times as people in China read them, whatever the time zone of the machine or the browser. */

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // UTC+8 without daylight saving since 1991.
const pad = (n: number) => String(n).padStart(2, '0');

/** How much of the time to show: "2026-11-25", "2026-11-25 10:05" or "2026-11-25 10:05:07". */
export type ShanghaiPrecision = 'date' | 'minute' | 'second';

/** What is shown for a time that is not there (not yet decided, never verified). */
export const NO_TIME = '—';

/**
 * The one date/time formatter of the project (server exports, 用户中心, 管理端): the instant
 * in Asia/Shanghai, to the second unless asked otherwise. No value gives "—"; a value that is
 * not a date comes back unchanged (shown as the server sent it).
 */
export function formatShanghaiDateTime(value: string | Date | null | undefined, precision: ShanghaiPrecision = 'second'): string {
  if (value === null || value === undefined || value === '') return NO_TIME;
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) return String(value);
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (precision === 'date') return date;
  const minute = `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return precision === 'minute' ? minute : `${minute}:${pad(d.getUTCSeconds())}`;
}
