import { COMPANY_TYPE_LABELS, LISTING_BOARD_LABELS, PROFILE_FIELD_UNITS, type ProfileField } from '../../../shared/enterprise-labels';
import type { EnterpriseProfileView } from '../../../shared/schemas/enterprise';
import { industryPath } from '../../../shared/industry';
import { districtOf } from '../../../shared/regions';

/** What the read view shows for a field that has no value. */
export const NOT_GIVEN = '未填写';

/** "湖北省 / 武汉市 / 洪山区" (a 市辖区 placeholder left out). */
export function regionText(code: string): string {
  const d = districtOf(code);
  if (!d) return code;
  return [d.province.name, d.city.name === '市辖区' || d.city.name === '县' || d.city.name === d.district.name ? null : d.city.name, d.district.name].filter(Boolean).join(' / ');
}

/** "C 制造业 / 39 计算机、通信和其他电子设备制造业 / 397 电子器件制造" */
export function industryText(code: string): string {
  const path = industryPath(code);
  return path.length ? path.map((e) => `${e.code} ${e.name}`).join(' / ') : code;
}

/** One field of the read view as text ('' when not given). */
export function fieldText(field: ProfileField, profile: EnterpriseProfileView): string {
  const value = profile[field];
  if (value === null || value === undefined || value === '') return '';
  if (field === 'districtCode') return regionText(String(value));
  if (field === 'industryCode') return industryText(String(value));
  if (field === 'companyType') return COMPANY_TYPE_LABELS[value as keyof typeof COMPANY_TYPE_LABELS] ?? String(value);
  if (field === 'listingBoard') return LISTING_BOARD_LABELS[value as keyof typeof LISTING_BOARD_LABELS] ?? String(value);
  if (field === 'listed') return value ? '是' : '否';
  const unit = PROFILE_FIELD_UNITS[field];
  return unit ? `${value} ${unit}` : String(value);
}
