/** Times as people in China read them, whatever the time zone of the machine. */

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // UTC+8 without daylight saving since 1991.
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-25 10:05:07" in Asia/Shanghai; input that is not a date comes back unchanged. */
export function formatShanghaiDateTime(value: string | Date): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) return String(value);
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
