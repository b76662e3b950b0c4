import { describe, expect, it } from 'vitest';
import { classifyEnterpriseSize, SIZE_NOT_APPLICABLE_LABEL, SIZE_RULES, sizeSectorOf, type SizeMeasure } from '../../src/shared/enterprise-size.js';
import { industryByCode } from '../../src/shared/industry.js';

/**
 * 企业规模 (form.md size table). Every sector row, every tier, every bound of the tier: just
 * below (the enterprise drops a tier), at and just above (it keeps the tier), with the other
 * figures exactly at the tier's bounds.
 */

type Tier = 'large' | 'medium' | 'small';
const TIER_NAMES: Record<Tier, string> = { large: '大型', medium: '中型', small: '小型' };
const BELOW: Record<Tier, string> = { large: '中型', medium: '小型', small: '微型' };

/** Each row of the table as written in form.md, with an industry (中类) of the sector. */
const rows: { sector: string; code: string; bounds: Record<Tier, Partial<Record<SizeMeasure, number>>> }[] = [
  { sector: '农、林、牧、渔业', code: '011', bounds: { large: { revenueWan: 20000 }, medium: { revenueWan: 500 }, small: { revenueWan: 50 } } },
  { sector: '工业', code: '397', bounds: { large: { employees: 1000, revenueWan: 40000 }, medium: { employees: 300, revenueWan: 2000 }, small: { employees: 20, revenueWan: 300 } } },
  { sector: '建筑业', code: '471', bounds: { large: { revenueWan: 80000, assetsWan: 80000 }, medium: { revenueWan: 6000, assetsWan: 5000 }, small: { revenueWan: 300, assetsWan: 300 } } },
  { sector: '批发业', code: '511', bounds: { large: { employees: 200, revenueWan: 40000 }, medium: { employees: 20, revenueWan: 5000 }, small: { employees: 5, revenueWan: 1000 } } },
  { sector: '零售业', code: '521', bounds: { large: { employees: 300, revenueWan: 20000 }, medium: { employees: 50, revenueWan: 500 }, small: { employees: 10, revenueWan: 100 } } },
  { sector: '交通运输业', code: '541', bounds: { large: { employees: 1000, revenueWan: 30000 }, medium: { employees: 300, revenueWan: 3000 }, small: { employees: 20, revenueWan: 200 } } },
  { sector: '仓储业', code: '592', bounds: { large: { employees: 200, revenueWan: 30000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 20, revenueWan: 100 } } },
  { sector: '邮政业', code: '601', bounds: { large: { employees: 1000, revenueWan: 30000 }, medium: { employees: 300, revenueWan: 2000 }, small: { employees: 20, revenueWan: 100 } } },
  { sector: '住宿业', code: '611', bounds: { large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 2000 }, small: { employees: 10, revenueWan: 100 } } },
  { sector: '餐饮业', code: '621', bounds: { large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 2000 }, small: { employees: 10, revenueWan: 100 } } },
  { sector: '信息传输业', code: '631', bounds: { large: { employees: 2000, revenueWan: 100000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 10, revenueWan: 100 } } },
  { sector: '软件和信息技术服务业', code: '651', bounds: { large: { employees: 300, revenueWan: 10000 }, medium: { employees: 100, revenueWan: 1000 }, small: { employees: 10, revenueWan: 50 } } },
  { sector: '房地产开发经营', code: '701', bounds: { large: { revenueWan: 200000, assetsWan: 10000 }, medium: { revenueWan: 1000, assetsWan: 5000 }, small: { revenueWan: 100, assetsWan: 2000 } } },
  { sector: '物业管理', code: '702', bounds: { large: { employees: 1000, revenueWan: 5000 }, medium: { employees: 300, revenueWan: 1000 }, small: { employees: 100, revenueWan: 500 } } },
  { sector: '租赁和商务服务业', code: '711', bounds: { large: { employees: 300, assetsWan: 120000 }, medium: { employees: 100, assetsWan: 8000 }, small: { employees: 10, assetsWan: 100 } } },
  { sector: '其他未列明行业', code: '731', bounds: { large: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } } },
];

/** Figures exactly at a tier's bounds; unused measures at 0 (the rule must not look at them). */
function atBounds(bounds: Partial<Record<SizeMeasure, number>>) {
  return { employees: bounds.employees ?? 0, revenueWan: String(bounds.revenueWan ?? 0), assetsWan: String(bounds.assetsWan ?? 0) };
}

function shifted(figures: ReturnType<typeof atBounds>, measure: SizeMeasure, direction: -1 | 1) {
  if (measure === 'employees') return { ...figures, employees: figures.employees + direction };
  const hundredths = Math.round(Number(figures[measure]) * 100) + direction;
  return { ...figures, [measure]: (hundredths / 100).toFixed(2) };
}

describe('企业规模: the table of form.md', () => {
  it('covers every sector of the mapping, and the code has no other rule', () => {
    expect(rows.map((r) => r.sector).sort()).toEqual(Object.keys(SIZE_RULES).sort());
    for (const row of rows) expect(SIZE_RULES[row.sector]).toEqual(row.bounds);
  });

  for (const row of rows) {
    describe(row.sector, () => {
      it(`${row.code} ${industryByCode(row.code)?.name} is in the sector`, () => {
        expect(sizeSectorOf(row.code)).toBe(row.sector);
      });

      const cases: { name: string; figures: ReturnType<typeof atBounds>; size: string }[] = [];
      for (const tier of ['large', 'medium', 'small'] as const) {
        const base = atBounds(row.bounds[tier]);
        cases.push({ name: `${TIER_NAMES[tier]}: every bound met exactly`, figures: base, size: TIER_NAMES[tier] });
        for (const measure of Object.keys(row.bounds[tier]) as SizeMeasure[]) {
          cases.push({ name: `${TIER_NAMES[tier]}: ${measure} just below → ${BELOW[tier]}`, figures: shifted(base, measure, -1), size: BELOW[tier] });
          cases.push({ name: `${TIER_NAMES[tier]}: ${measure} just above`, figures: shifted(base, measure, 1), size: TIER_NAMES[tier] });
        }
      }
      cases.push({ name: '微型: all figures zero', figures: { employees: 0, revenueWan: '0', assetsWan: '0' }, size: '微型' });

      it.each(cases)('$name', ({ figures, size }) => {
        const result = classifyEnterpriseSize({ industryCode: row.code, ...figures });
        expect(result.size).toBe(size);
        expect(result.label).toBe(size);
        expect(result.sector).toBe(row.sector);
        // Only the figures the row uses are reported.
        expect(Object.keys(result.figures).sort()).toEqual(Object.keys(row.bounds.small).sort());
      });
    });
  }
});

describe('企业规模: a tier needs every one of its bounds ("且")', () => {
  it('工业 with 5000 people but 299.99 万元 revenue is 微型 (营收 < 300 is a 微型 "或" bound)', () => {
    expect(classifyEnterpriseSize({ industryCode: '397', employees: 5000, revenueWan: '299.99', assetsWan: '0' }).size).toBe('微型');
  });
  it('工业 with 19 people and 100000 万元 revenue is 微型 (人员 < 20)', () => {
    expect(classifyEnterpriseSize({ industryCode: '397', employees: 19, revenueWan: '100000', assetsWan: '0' }).size).toBe('微型');
  });
  it('工业 with 1000 people and 39999.99 万元 is 中型, not 大型', () => {
    expect(classifyEnterpriseSize({ industryCode: '397', employees: 1000, revenueWan: '39999.99', assetsWan: '0' }).size).toBe('中型');
  });
  it('建筑业 large revenue with small assets is 小型', () => {
    expect(classifyEnterpriseSize({ industryCode: '471', employees: 0, revenueWan: '900000', assetsWan: '4999.99' }).size).toBe('小型');
  });
  it('a 小类 falls in the sector of its 中类', () => {
    expect(classifyEnterpriseSize({ industryCode: '3973', employees: 320, revenueWan: '12000', assetsWan: '9000' })).toMatchObject({ size: '中型', sector: '工业' });
  });
});

describe('企业规模: sectors from the mapping', () => {
  it.each([
    ['591', '交通运输业'],
    ['592', '仓储业'],
    ['851', '其他未列明行业'],
    ['703', '其他未列明行业'],
    ['709', '其他未列明行业'],
    ['051', '农、林、牧、渔业'],
  ])('%s → %s', (code, sector) => {
    expect(sizeSectorOf(code)).toBe(sector);
  });

  it.each(['531', '661', '704', '831', '841', '941', '970'])('%s is outside every sector: 不适用', (code) => {
    expect(industryByCode(code), code).toBeDefined();
    const result = classifyEnterpriseSize({ industryCode: code, employees: 50, revenueWan: '100', assetsWan: '100' });
    expect(result).toEqual({ size: '不适用', label: SIZE_NOT_APPLICABLE_LABEL, sector: null, figures: {} });
    expect(result.label).toBe('不适用（所属行业不在划型标准范围内）');
  });
});
