/**
 * 企业规模 (form.md; 工信部联企业〔2011〕300号《中小企业划型标准规定》 as 国家统计局《统计上大中小微型
 * 企业划分办法（2017）》 maps it to GB/T 4754-2017, src/shared/data/reference/size-sectors.json).
 * Pure: no zod, no Node APIs, no clock. Money is compared exactly in hundredths of 万元.
 *
 * A tier needs every one of its ("且") lower bounds; an enterprise that misses one drops a
 * tier; 微型 when any ("或") bound of 微型 holds, i.e. when the 小型 bounds are not all met.
 */
import sectors from './data/reference/size-sectors.json' with { type: 'json' };
import { industryPath } from './industry.js';
import { toHundredths } from './validators/amounts.js';

export const ENTERPRISE_SIZES = ['大型', '中型', '小型', '微型', '不适用'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** What 企业规模 reads when the industry is outside every sector of the 规定. */
export const SIZE_NOT_APPLICABLE_LABEL = '不适用（所属行业不在划型标准范围内）';

/** The figures a sector's rule may use: 从业人员 (人), 营业收入 and 资产总额 (万元). */
export type SizeMeasure = 'employees' | 'revenueWan' | 'assetsWan';

export const SIZE_MEASURE_LABELS: Record<SizeMeasure, string> = {
  employees: '从业人员',
  revenueWan: '营业收入',
  assetsWan: '资产总额',
};

/** Lower bounds of a tier, in 人 or 万元; every one must be met ("且"). */
type Bounds = Partial<Record<SizeMeasure, number>>;

interface SectorRule {
  large: Bounds;
  medium: Bounds;
  small: Bounds;
}

/** The size table of form.md, row by row (住宿业 and 餐饮业 share a row). */
export const SIZE_RULES: Record<string, SectorRule> = {
  '农、林、牧、渔业': { large: { revenueWan: 20000 }, medium: { revenueWan: 500 }, small: { revenueWan: 50 } },
  工业: { large: { employees: 1000, revenueWan: 40000 }, medium: { employees: 300, revenueWan: 2000 }, small: { employees: 20, revenueWan: 300 } },
  建筑业: { large: { revenueWan: 80000, assetsWan: 80000 }, medium: { revenueWan: 6000, assetsWan: 5000 }, small: { revenueWan: 300, assetsWan: 300 } },
  批发业: { large: { employees: 200, revenueWan: 40000 }, medium: { employees: 20, revenueWan: 5000 }, small: { employees: 5, revenueWan: 1000 } },
  零售业: { large: { employees: 300, revenueWan: 20000 }, medium: { employees: 50, revenueWan: 500 }, small: { employees: 10, revenueWan: 100 } },
  交通运输业: { large: { employees: 1000, revenueWan: 30000 }, medium: { employees: 300, revenueWan: 3000 }, small: { employees: 20, revenueWan: 200 } },
  仓储业: { large: { employees: 200, revenueWan: 30000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 20, revenueWan: 100 } },
  邮政业: { large: { employees: 1000, revenueWan: 30000 }, medium: { employees: 300, revenueWan: 2000 }, small: { employees: 20, revenueWan: 100 } },
  住宿业: { large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 2000 }, small: { employees: 10, revenueWan: 100 } },
  餐饮业: { large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 2000 }, small: { employees: 10, revenueWan: 100 } },
  信息传输业: { large: { employees: 2000, revenueWan: 100000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 10, revenueWan: 100 } },
  软件和信息技术服务业: { large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 10, revenueWan: 50 } },
  房地产开发经营: { large: { revenueWan: 200000, assetsWan: 10000 }, medium: { revenueWan: 1000, assetsWan: 5000 }, small: { revenueWan: 100, assetsWan: 2000 } },
  物业管理: { large: { employees: 1000, revenueWan: 5000 }, medium: { employees: 300, revenueWan: 1000 }, small: { employees: 100, revenueWan: 500 } },
  租赁和商务服务业: { large: { employees: 300, assetsWan: 120000 }, medium: { employees: 100, assetsWan: 8000 }, small: { employees: 10, assetsWan: 100 } },
  其他未列明行业: { large: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } },
};

const sectorByCode = new Map<string, string>();
for (const s of sectors as { sector: string; codes: string[] }[]) for (const code of s.codes) sectorByCode.set(code, s.sector);

/** The sector of the 规定 that a GB/T 4754-2017 code (门类, 大类, 中类 or 小类) falls in; null outside every sector. */
export function sizeSectorOf(industryCode: string): string | null {
  // The most specific ancestor wins (591 装卸搬运 before 59; 85 before Q).
  const path = industryPath(industryCode);
  for (let i = path.length - 1; i >= 0; i--) {
    const sector = sectorByCode.get(path[i].code);
    if (sector) return sector;
  }
  return null;
}

/** The measures a sector's rule uses, in the order of the table. */
export function sizeMeasuresOf(sector: string): SizeMeasure[] {
  const rule = SIZE_RULES[sector];
  return rule ? (['employees', 'revenueWan', 'assetsWan'] as const).filter((m) => rule.small[m] !== undefined) : [];
}

export interface SizeInput {
  /** GB/T 4754-2017 中类 (or 小类). */
  industryCode: string;
  /** 从业人员（上年末）, 人. */
  employees: number;
  /** 上年度营业收入, 万元 (decimal string). */
  revenueWan: string;
  /** 上年度资产总额, 万元 (decimal string). */
  assetsWan: string;
}

export interface SizeResult {
  size: EnterpriseSize;
  /** What 企业规模 shows: the size, or the 不适用 sentence. */
  label: string;
  /** The sector of the 规定, null when the industry is outside every sector. */
  sector: string | null;
  /** The figures the sector's rule used (others are not looked at). */
  figures: Partial<Record<SizeMeasure, string | number>>;
}

function meets(bounds: Bounds, input: SizeInput): boolean {
  if (bounds.employees !== undefined && !(input.employees >= bounds.employees)) return false;
  if (bounds.revenueWan !== undefined && !(toHundredths(input.revenueWan) >= bounds.revenueWan * 100)) return false;
  if (bounds.assetsWan !== undefined && !(toHundredths(input.assetsWan) >= bounds.assetsWan * 100)) return false;
  return true;
}

/** 企业规模 of an enterprise from its industry and last year's figures. */
export function classifyEnterpriseSize(input: SizeInput): SizeResult {
  const sector = sizeSectorOf(input.industryCode);
  const rule = sector ? SIZE_RULES[sector] : undefined;
  if (!sector || !rule) return { size: '不适用', label: SIZE_NOT_APPLICABLE_LABEL, sector: null, figures: {} };
  const figures: SizeResult['figures'] = {};
  for (const m of sizeMeasuresOf(sector)) figures[m] = input[m];
  const size: EnterpriseSize = meets(rule.large, input) ? '大型' : meets(rule.medium, input) ? '中型' : meets(rule.small, input) ? '小型' : '微型';
  return { size, label: size, sector, figures };
}

/** "从业人员 86人，营业收入 12000万元" — the figures a result used, for the page. */
export function describeSizeFigures(figures: SizeResult['figures']): string {
  return (Object.keys(figures) as SizeMeasure[])
    .map((m) => `${SIZE_MEASURE_LABELS[m]} ${figures[m]}${m === 'employees' ? '人' : '万元'}`)
    .join('，');
}
