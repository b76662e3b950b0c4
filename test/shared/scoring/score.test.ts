import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '../../../src/shared/scoring/seed-catalogue.js';
import { indicatorWeights, validateCatalogue, type IndicatorCatalogue } from '../../../src/shared/scoring/catalogue.js';
import { INDICATOR_CODES } from '../../../src/shared/scoring/indicators.js';
import { developmentStage, displayValue, indicatorIndex, indicatorValues, ratePercent, sectionIndexOf, INDUSTRY_SECTIONS } from '../../../src/shared/scoring/values.js';
import { ALL_GROUP, STAGE_GROUP, bucketOf, peerGroupLabel, round2, scorePopulation, suggestionsOf, totalOf, pointsOf } from '../../../src/shared/scoring/score.js';
import industryTable from '../../../src/shared/data/reference/gbt4754-2017.json' with { type: 'json' };
import { input } from './fixtures.js';

const at = (code: (typeof INDICATOR_CODES)[number]) => indicatorIndex(code);
const clone = (c: IndicatorCatalogue): IndicatorCatalogue => JSON.parse(JSON.stringify(c)) as IndicatorCatalogue;

describe('indicator catalogue', () => {
  it('the seed catalogue is within the bounds and its weights sum to 100 per stage', () => {
    expect(validateCatalogue(SEED_CATALOGUE)).toEqual({ ok: true, catalogue: SEED_CATALOGUE });
    for (const stage of ['startup', 'growth', 'mature'] as const) {
      const weights = indicatorWeights(SEED_CATALOGUE, stage);
      expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 10);
    }
    // 成长期: 技术创新 50 over 9, 成长经营 35 over 6, 辅助 15 over 3.
    const growth = indicatorWeights(SEED_CATALOGUE, 'growth');
    expect(growth[at('T01')]).toBeCloseTo(50 / 9, 12);
    expect(growth[at('G01')]).toBeCloseTo(35 / 6, 12);
    expect(growth[at('A01')]).toBe(5);
  });

  it('refuses versions outside the bounds, with Chinese messages', () => {
    const cases: [string, (c: IndicatorCatalogue) => void, string][] = [
      ['group weights not 100', (c) => (c.groupWeights.growth.tech = 49), '成长期的指标组权重之和应为100'],
      ['negative weight', (c) => (c.groupWeights.startup.aux = -15), '初创期的指标组权重应为不小于0的数'],
      ['indicator order', (c) => c.indicators.reverse(), '第1项指标应为T01'],
      ['missing indicator', (c) => c.indicators.pop(), '指标目录应包含全部18项指标'],
      ['empty name', (c) => (c.indicators[3].name = ' '), 'T04的名称不能为空且不超过40字'],
      ['level points rising', (c) => (c.levelPoints.municipal = 80), '级别分值应按国家级、省级、市级、无依次不增'],
      ['stage years', (c) => (c.stageRules.startupMaxYears = 9), '初创期年限不能大于稳定期年限'],
      ['stage money', (c) => (c.stageRules.matureMinRevenueWan = '1万'), '发展阶段的营业收入界限应为金额（万元）'],
      ['explicit weights not 100', (c) => (c.indicatorWeights = { growth: Object.fromEntries(INDICATOR_CODES.map((code) => [code, 5])) as never }), '成长期的指标权重之和应为100'],
    ];
    for (const [, change, message] of cases) {
      const c = clone(SEED_CATALOGUE);
      change(c);
      const result = validateCatalogue(c);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.errors).toContain(message);
    }
    expect(validateCatalogue('x')).toEqual({ ok: false, errors: ['指标目录格式不正确'] });
  });

  it('explicit per-indicator weights are used when they sum to 100 and match the groups', () => {
    const c = clone(SEED_CATALOGUE);
    const weights = Object.fromEntries(INDICATOR_CODES.map((code) => [code, 0])) as Record<(typeof INDICATOR_CODES)[number], number>;
    weights.T01 = 50;
    weights.G01 = 35;
    weights.A01 = 15;
    c.indicatorWeights = { growth: weights };
    expect(validateCatalogue(c).ok).toBe(true);
    expect(indicatorWeights(c, 'growth')[at('T01')]).toBe(50);
    expect(indicatorWeights(c, 'growth')[at('T02')]).toBe(0);
    expect(indicatorWeights(c, 'startup')[at('T01')]).toBeCloseTo(60 / 9, 12);
  });
});

describe('发展阶段 (age at 12-31 of the 数据年度)', () => {
  const rules = SEED_CATALOGUE.stageRules;
  const stage = (establishedOn: string, revenue: string) => developmentStage({ dataYear: 2025, basic: { establishedOn, revenue } }, rules);
  it('初创期 under 3 years or under 500 万元', () => {
    expect(stage('2023-01-01', '20000')).toBe('startup'); // 2 years 364 days at 2025-12-31
    expect(stage('2022-12-31', '20000')).toBe('growth'); // exactly 3 years
    expect(stage('2010-01-01', '499.99')).toBe('startup');
    expect(stage('2010-01-01', '500')).toBe('growth');
    expect(stage('2022-12-31', '500')).toBe('growth');
    expect(stage('2026-03-01', '800')).toBe('startup'); // founded after the 数据年度
  });
  it('稳定期 from 8 years and 10000 万元', () => {
    expect(stage('2017-12-31', '10000')).toBe('mature');
    expect(stage('2018-01-01', '10000')).toBe('growth');
    expect(stage('2017-01-01', '9999.99')).toBe('growth');
  });
});

describe('values', () => {
  it('rates from exact integers, rounded to 4 decimals (half away from zero)', () => {
    expect(ratePercent(1, 3)).toBe(33.3333);
    expect(ratePercent(2, 3)).toBe(66.6667);
    expect(ratePercent(-2, 3)).toBe(-66.6667);
    expect(ratePercent(1, 2_000_000)).toBe(0.0001);
    expect(ratePercent(-1, 2_000_000)).toBe(-0.0001);
    expect(ratePercent(1, 2_000_001)).toBe(0);
    // Beyond 2^53: BigInt path.
    expect(ratePercent(10 ** 14, 4)).toBe(2.5e15);
    expect(ratePercent(-(10 ** 14), 8 * 10 ** 13)).toBe(-125);
    expect(ratePercent(10 ** 14, 10 ** 14)).toBe(100);
  });

  it('0.3/0.1 ties with 3/1 (研发投入强度 computed from hundredths)', () => {
    const a = indicatorValues(input({ basic: { revenue: '0.1' }, indicators: { rdExpense: '0.3' } }));
    const b = indicatorValues(input({ basic: { revenue: '1' }, indicators: { rdExpense: '3' } }));
    expect(a[at('T02')]).toBe(300);
    expect(b[at('T02')]).toBe(a[at('T02')]);
  });

  it('amounts in hundredths, growth rates, levels, not-applicable encodings', () => {
    const v = indicatorValues(input({ basic: { employees: 90, employeesPrev: 100, revenue: '5000', revenuePrev: '4000', netProfit: '-250.5' }, indicators: { techAward: 'provincial', techProject: 'none' } }));
    expect(v[at('T01')]).toBe(30000);
    expect(v[at('G02')]).toBe(25);
    expect(v[at('G03')]).toBe(-5.01);
    expect(v[at('G06')]).toBe(-10);
    expect(v[at('T04')]).toBe(22.2222);
    expect(v[at('A02')]).toBe(1);
    expect(v[at('A03')]).toBe(3);
    const zero = indicatorValues(input({ basic: { revenue: '0', revenuePrev: '0', employees: 0, employeesPrev: 0, netProfit: '-1' }, indicators: { rdStaff: 0 } }));
    for (const code of ['T02', 'T04', 'G02', 'G06'] as const) expect(zero[at(code)]).toBeNaN();
    expect(zero[at('G03')]).toBe(Number.NEGATIVE_INFINITY);
    expect(indicatorValues(input({ basic: { revenue: '0', netProfit: '0' } }))[at('G03')]).toBeNaN();
    expect(displayValue('T01', 30005)).toBe('300.05');
    expect(displayValue('G03', -5.01)).toBe('-5.01');
    expect(displayValue('T02', Number.NaN)).toBeNull();
  });

  it('门类 of a 中类 code agrees with the GB/T 4754-2017 table', () => {
    const table = industryTable as { code: string; level: number; parent: string | null }[];
    const byCode = new Map(table.map((e) => [e.code, e]));
    for (const e of table.filter((x) => x.level === 3)) {
      const section = byCode.get(byCode.get(e.parent!)!.parent!)!.code;
      expect(INDUSTRY_SECTIONS[sectionIndexOf(e.code)].code).toBe(section);
    }
    expect(sectionIndexOf('x1')).toBe(-1);
    expect(sectionIndexOf('99')).toBe(-1);
  });
});

describe('scoring a population (hand-computed)', () => {
  it('a lone enterprise scores 50 on every numeric indicator; levels by points; total by stage weights', () => {
    const [r] = scorePopulation([input()], SEED_CATALOGUE);
    expect(r.stage).toBe('growth');
    expect(r.peerGroup).toBe(ALL_GROUP);
    expect(r.peerSize).toBe(1);
    expect(Array.from(r.scores.slice(0, 15))).toEqual(Array(15).fill(50));
    expect(Array.from(r.scores.slice(15))).toEqual([100, 100, 100]);
    // 50 × 50 × 10/100 + 35 × 50 × 10/100 + 15 × 100 × 10/100 = 250 + 175 + 150.
    expect(r.total).toBe(575);
  });

  it('percentile = 100 × (less + 0.5 × equal) / n; a zero amount scores 0 but counts in n; ties score alike', () => {
    const rd = ['0', '10', '10', '20'];
    const results = scorePopulation(rd.map((rdExpense) => input({ indicators: { rdExpense } })), SEED_CATALOGUE);
    expect(results.map((r) => r.scores[at('T01')])).toEqual([0, 50, 50, 87.5]);
    // T02 (rate, zero included in the ranking): values 0, 0.2, 0.2, 0.4 %.
    expect(results.map((r) => r.scores[at('T02')])).toEqual([12.5, 50, 50, 87.5]);
    expect(results[1].total).toBe(results[2].total);
  });

  it('negative rates are ranked as they are', () => {
    const results = scorePopulation(['-100', '0', '100'].map((netProfit) => input({ basic: { netProfit } })), SEED_CATALOGUE);
    expect(results.map((r) => r.scores[at('G03')])).toEqual([100 / 6, 50, 500 / 6]);
  });

  it('a not-applicable rate scores 50 (净利润率 of a loss: 0) and is left out of that rate’s ranking', () => {
    const population = [
      input({ basic: { revenue: '0', netProfit: '-10', revenuePrev: '100' } }), // 净利润率 n/a with a loss → 0
      input({ basic: { revenue: '0', netProfit: '0', revenuePrev: '0' } }), // 净利润率 n/a → 50, growth n/a → 50
      input({ basic: { revenue: '1000', netProfit: '100' } }), // 10 %
      input({ basic: { revenue: '1000', netProfit: '200' } }), // 20 %
    ];
    const results = scorePopulation(population, SEED_CATALOGUE);
    expect(results.map((r) => r.scores[at('G03')])).toEqual([0, 50, 25, 75]); // n = 2 applicable values
    expect(results[1].scores[at('G02')]).toBe(50);
    expect(results[1].scores[at('T02')]).toBe(50);
    // G02 applicable for 3 of them: (0 − 100)/100 = −100 %, (1000 − 4000)/4000 = −75 % twice.
    expect([results[0], results[2], results[3]].map((r) => r.scores[at('G02')])).toEqual([100 / 6, (100 * 2) / 3, (100 * 2) / 3]);
  });

  it('peer group: stage + 门类 at 30 members; at 29 the stage alone; at 29 in the stage everybody', () => {
    const manufacturing = (n: number) => Array.from({ length: n }, (_, k) => input({ indicators: { rdExpense: String(k + 1) } }));
    const software = input({ basic: { industryCode: '651' } });
    const startup = input({ basic: { establishedOn: '2024-01-01' } });

    const thirty = scorePopulation([...manufacturing(30), software], SEED_CATALOGUE);
    expect(thirty[0].peerGroup).toBe(bucketOf(1, sectionIndexOf('397')));
    expect(peerGroupLabel(thirty[0].peerGroup)).toBe('成长期 · 制造业');
    expect(thirty[0].peerSize).toBe(30);
    expect(thirty[30].peerGroup).toBe(STAGE_GROUP + 1); // 1 in 软件: the 成长期 (31)
    expect(thirty[30].peerSize).toBe(31);
    expect(peerGroupLabel(thirty[30].peerGroup)).toBe('成长期（全部行业）');

    const twentyNine = scorePopulation([...manufacturing(29), software, startup], SEED_CATALOGUE);
    expect(twentyNine[0].peerGroup).toBe(STAGE_GROUP + 1);
    expect(twentyNine[0].peerSize).toBe(30);
    expect(twentyNine[0].scores[at('T01')]).toBe((100 * 0.5) / 30); // 1 万元 is the lowest of 30 (software has 300)
    expect(twentyNine[30].peerGroup).toBe(ALL_GROUP); // 初创期 alone: 1 < 30
    expect(twentyNine[30].peerSize).toBe(31);
    expect(peerGroupLabel(ALL_GROUP)).toBe('全部企业');

    const stageTwentyNine = scorePopulation([...manufacturing(28), software], SEED_CATALOGUE);
    expect(stageTwentyNine[0].peerGroup).toBe(ALL_GROUP);
    expect(stageTwentyNine[0].peerSize).toBe(29);
  });

  it('levels: 国家级 100, 省级 70, 市级 40, 无 0', () => {
    const results = scorePopulation(
      (['national', 'provincial', 'municipal', 'none'] as const).map((level) => input({ indicators: { rdInstitution: level, techProject: level } })),
      SEED_CATALOGUE,
    );
    expect(results.map((r) => r.scores[at('A01')])).toEqual([100, 70, 40, 0]);
    expect(results.map((r) => r.scores[at('A03')])).toEqual([100, 70, 40, 0]);
  });

  it('total = round(Σ weight × score × 10 / 100, 2); points with 2 decimals', () => {
    const scores = new Float64Array(18).fill(33.3333);
    const weights = indicatorWeights(SEED_CATALOGUE, 'startup');
    expect(totalOf(scores, weights)).toBe(333.33);
    expect(pointsOf(100 / 3, 60 / 9)).toBe(22.22);
    expect(round2(0.125)).toBe(0.13);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
  });

  it('suggestions: most points left on the table, ties by catalogue order, none when nothing is left', () => {
    const weights = indicatorWeights(SEED_CATALOGUE, 'growth');
    const scores = new Float64Array(18).fill(100);
    scores[at('A02')] = 10; // 5 × 90 = 450 left
    scores[at('T05')] = 10; // 5.56 × 90 = 500 left
    scores[at('T03')] = 10; // same as T05: catalogue order puts T03 first
    scores[at('G01')] = 20; // 5.83 × 80 = 466.7
    expect(suggestionsOf(scores, weights).map((i) => INDICATOR_CODES[i])).toEqual(['T03', 'T05', 'G01']);
    expect(suggestionsOf(new Float64Array(18).fill(100), weights)).toEqual([]);
  });
});
