/**
 * From a submission (ScoringInput) to what scoring ranks: the 发展阶段, the GB/T 4754 门类 and
 * the 18 indicator values (form.md "Scoring"). Exact integer arithmetic (hundredths of 万元,
 * 人) — never floats of money. No Node APIs.
 */
import { INDICATOR_CODES, INDICATOR_INPUTS, LEVELS, type IndicatorCode, type RatioPart } from './indicators.js';
import type { ScoringInput } from './input.js';
import type { Stage, StageRules } from './catalogue.js';
import { toHundredths } from '../validators/amounts.js';

/** GB/T 4754-2017 门类 with their 大类 ranges (first two digits of a 中类 code). */
export const INDUSTRY_SECTIONS = [
  { code: 'A', name: '农、林、牧、渔业', from: 1, to: 5 },
  { code: 'B', name: '采矿业', from: 6, to: 12 },
  { code: 'C', name: '制造业', from: 13, to: 43 },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', from: 44, to: 46 },
  { code: 'E', name: '建筑业', from: 47, to: 50 },
  { code: 'F', name: '批发和零售业', from: 51, to: 52 },
  { code: 'G', name: '交通运输、仓储和邮政业', from: 53, to: 60 },
  { code: 'H', name: '住宿和餐饮业', from: 61, to: 62 },
  { code: 'I', name: '信息传输、软件和信息技术服务业', from: 63, to: 65 },
  { code: 'J', name: '金融业', from: 66, to: 69 },
  { code: 'K', name: '房地产业', from: 70, to: 70 },
  { code: 'L', name: '租赁和商务服务业', from: 71, to: 72 },
  { code: 'M', name: '科学研究和技术服务业', from: 73, to: 75 },
  { code: 'N', name: '水利、环境和公共设施管理业', from: 76, to: 79 },
  { code: 'O', name: '居民服务、修理和其他服务业', from: 80, to: 82 },
  { code: 'P', name: '教育', from: 83, to: 83 },
  { code: 'Q', name: '卫生和社会工作', from: 84, to: 85 },
  { code: 'R', name: '文化、体育和娱乐业', from: 86, to: 90 },
  { code: 'S', name: '公共管理、社会保障和社会组织', from: 91, to: 96 },
  { code: 'T', name: '国际组织', from: 97, to: 97 },
] as const;
export type IndustrySection = (typeof INDUSTRY_SECTIONS)[number]['code'];

/** Index (0–19) of the 门类 of a GB/T 4754 code (大类, 中类 or 小类), or -1 when it is none. */
export function sectionIndexOf(industryCode: string): number {
  if (!/^\d{2,4}$/.test(industryCode)) return -1;
  const division = Number(industryCode.slice(0, 2));
  return INDUSTRY_SECTIONS.findIndex((s) => division >= s.from && division <= s.to);
}

/** Whole years from `establishedOn` to 12-31 of the 数据年度 (negative when founded later). */
export function ageAtYearEnd(establishedOn: string, dataYear: number): number {
  // 12-31 is the last day of a year: every date of the founding year is on or before it, so
  // the completed years are the difference of the years.
  return dataYear - Number(establishedOn.slice(0, 4));
}

/** 发展阶段 (form.md): 初创期 if 成立 < 3 years or 营业收入 < 500 万元; 稳定期 if ≥ 8 years and ≥ 10000 万元; else 成长期. */
export function developmentStage(input: Pick<ScoringInput, 'dataYear'> & { basic: Pick<ScoringInput['basic'], 'establishedOn' | 'revenue'> }, rules: StageRules): Stage {
  return stageOf(ageAtYearEnd(input.basic.establishedOn, input.dataYear), toHundredths(input.basic.revenue), rules);
}

/** 发展阶段 from the age in whole years and 营业收入 in hundredths of 万元. */
export function stageOf(age: number, revenueHundredths: number, rules: StageRules): Stage {
  return stageClassifier(rules)(age, revenueHundredths);
}

/** stageOf with the thresholds parsed once (for loops over many rows). */
export function stageClassifier(rules: StageRules): (age: number, revenueHundredths: number) => Stage {
  const startupRevenue = toHundredths(rules.startupMaxRevenueWan);
  const matureRevenue = toHundredths(rules.matureMinRevenueWan);
  return (age, revenue) => {
    if (age < rules.startupMaxYears || revenue < startupRevenue) return 'startup';
    if (age >= rules.matureMinYears && revenue >= matureRevenue) return 'mature';
    return 'growth';
  };
}

/**
 * round(numerator / denominator × 100, 4) for integers, exactly (half away from zero):
 * the rate in % with 4 decimals, so 0.3/0.1 and 3/1 tie. Integers in, a multiple of 0.0001 out.
 */
export function ratePercent(numerator: number, denominator: number): number {
  const scaled = numerator * 1_000_000; // % × 10^4
  if (Number.isSafeInteger(scaled) && Number.isSafeInteger(denominator)) {
    const sign = Math.sign(scaled) * Math.sign(denominator);
    const n = Math.abs(scaled);
    const d = Math.abs(denominator);
    let q = Math.floor(n / d);
    let r = n - q * d;
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    if (2 * r >= d) q += 1;
    return (sign * q) / 10_000;
  }
  const n = BigInt(numerator) * 1_000_000n;
  const d = BigInt(denominator);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if (2n * (an % ad) >= ad) q += 1n;
  return (negative ? -Number(q) : Number(q)) / 10_000;
}

/**
 * Encoded value of a rate that is not applicable (zero denominator): it scores 50 and is left
 * out of the rate's ranking. `NET_MARGIN_LOSS` is 净利润率 with 营业收入 0 and 净利润 < 0: also
 * not applicable, but it scores 0.
 */
export const NOT_APPLICABLE = Number.NaN;
export const NET_MARGIN_LOSS = Number.NEGATIVE_INFINITY;

function part(input: ScoringInput, name: RatioPart): number {
  switch (name) {
    case 'indicators.rdExpense':
      return toHundredths(input.indicators.rdExpense);
    case 'indicators.rdStaff':
      return input.indicators.rdStaff;
    case 'basic.revenue':
      return toHundredths(input.basic.revenue);
    case 'basic.revenuePrev':
      return toHundredths(input.basic.revenuePrev);
    case 'basic.netProfit':
      return toHundredths(input.basic.netProfit);
    case 'basic.employees':
      return input.basic.employees;
    case 'basic.employeesPrev':
      return input.basic.employeesPrev;
  }
}

/**
 * The 18 values in INDICATOR_CODES order: amounts in hundredths of 万元 (exact integers),
 * counts as integers, rates in % rounded to 4 decimals (NOT_APPLICABLE / NET_MARGIN_LOSS when
 * the denominator is 0), levels as their index in LEVELS (0 国家级 … 3 无).
 */
export function indicatorValues(input: ScoringInput): Float64Array {
  const values = new Float64Array(INDICATOR_CODES.length);
  INDICATOR_INPUTS.forEach((indicator, i) => {
    const source = indicator.source;
    if (source.from === 'basic') values[i] = toHundredths(input.basic[source.field]);
    else if (source.from === 'indicators') {
      const raw = input.indicators[source.field];
      if (indicator.kind === 'level') values[i] = LEVELS.indexOf(raw as (typeof LEVELS)[number]);
      else if (indicator.kind === 'amount') values[i] = toHundredths(raw as string);
      else values[i] = raw as number;
    } else {
      const numerator = part(input, source.numerator);
      const denominator = part(input, source.denominator);
      if (denominator === 0) values[i] = indicator.code === 'G03' && numerator < 0 ? NET_MARGIN_LOSS : NOT_APPLICABLE;
      else values[i] = ratePercent(source.growth ? numerator - denominator : numerator, denominator);
    }
  });
  return values;
}

/** Index of an indicator in INDICATOR_CODES order. */
export const indicatorIndex = (code: IndicatorCode): number => INDICATOR_CODES.indexOf(code);

/** A value as the page shows it: 万元 with 2 decimals, counts, % with up to 4 decimals; null when not applicable. */
export function displayValue(code: IndicatorCode, value: number): string | null {
  const indicator = INDICATOR_INPUTS[indicatorIndex(code)];
  if (indicator.kind === 'level') return null;
  if (!Number.isFinite(value)) return null;
  if (indicator.kind === 'amount') {
    const negative = value < 0;
    const abs = Math.abs(value);
    return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
  if (indicator.kind === 'count') return String(value);
  return String(Number(value.toFixed(4)));
}
